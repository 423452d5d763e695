// Models over 2 GB keep buffer data after the flatbuffer, at an offset.
// Forcing that layout on a small model: the buffers carry offset and size
// instead of data, the TFLite interpreter runs the file with the same
// results as the inline layout, and both import to the same IR.
//
// RUN: rm -rf %t && mkdir %t
// RUN: mint-translate --export-tflite %s -o %t/inline.tflite
// RUN: mint-translate --export-tflite %s --tflite-external-buffers-above=0 -o %t/external.tflite
// RUN: %flatc --json --strict-json --raw-binary -o %t %mint_src_root/lib/Target/TFLite/schema/tflite.fbs -- %t/external.tflite
// RUN: FileCheck %s --check-prefix=JSON < %t/external.json
// RUN: %python %mint_src_root/utils/tflite-oracle.py %t/inline.tflite --input %S/Inputs/zeros_4x8.npy --output-dir %t/inline
// RUN: %python %mint_src_root/utils/tflite-oracle.py %t/external.tflite --input %S/Inputs/zeros_4x8.npy --output-dir %t/external
// RUN: cmp %t/inline/output_0.npy %t/external/output_0.npy
// RUN: mint-translate --import-tflite %t/inline.tflite -o %t/inline.mlir
// RUN: mint-translate --import-tflite %t/external.tflite -o %t/external.mlir
// RUN: diff %t/inline.mlir %t/external.mlir
// RUN: %python -c "import numpy; print(numpy.load('%t/external/output_0.npy').ravel()[:4])" | FileCheck %s --check-prefix=VALUES

// JSON: "buffers": [
// JSON-NEXT: {
// JSON-NEXT: },
// JSON-NEXT: {
// JSON-NEXT: "offset": {{[0-9]+}},
// JSON-NEXT: "size": 128
// JSON-NEXT: },
// JSON-NEXT: {
// JSON-NEXT: "offset": {{[0-9]+}},
// JSON-NEXT: "size": 32
// JSON-NOT: "data"

// VALUES: [0.5 1.5 2.5 3.5]

func.func @main(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %w = mint.const dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0], [16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0], [24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0]]> : tensor<4x8xf32>
  %b = mint.const dense<0.5> : tensor<8xf32>
  %0 = mint.add %x, %w : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = mint.add %0, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}
