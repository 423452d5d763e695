// A palettized weight (mint-palettize-weights) as TFLite ops: uint8
// indices, CAST to int32 (CastOptions), GATHER from the float32 palette
// (GatherOptions; both version 1, which the file leaves implicit), then the layer. Exported, decoded by flatc
// with Mint's schema, imported, and re-exported to the same bytes.
//
// RUN: rm -rf %t && mkdir %t
// RUN: mint-translate --export-tflite %s -o %t/model.tflite
// RUN: %flatc --json --strict-json --raw-binary -o %t %mint_src_root/lib/Target/TFLite/schema/tflite.fbs -- %t/model.tflite
// RUN: FileCheck %s --check-prefix=JSON < %t/model.json
// RUN: mint-translate --import-tflite %t/model.tflite | FileCheck %s --check-prefix=MLIR
// RUN: mint-translate --import-tflite %t/model.tflite | mint-translate --export-tflite -o %t/again.tflite
// RUN: cmp %t/model.tflite %t/again.tflite

// JSON-LABEL: "operator_codes": [
// JSON: "deprecated_builtin_code": 53,
// JSON-NEXT: "builtin_code": "CAST"
// JSON: "deprecated_builtin_code": 36,
// JSON-NEXT: "builtin_code": "GATHER"
// JSON: "type": "UINT8",
// JSON: "builtin_options_type": "CastOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "in_data_type": "UINT8",
// JSON-NEXT: "out_data_type": "INT32"
// JSON: "builtin_options_type": "GatherOptions",

// MLIR: %[[INDICES:.*]] = mint.const dense<{{\[\[}}1, 0, 2], [2, 1, 0]]> : tensor<2x3xui8>
// MLIR: %[[WIDE:.*]] = mint.cast %[[INDICES]] {in_data_type = "UINT8", out_data_type = "INT32"} : (tensor<2x3xui8>) -> tensor<2x3xi32>
// MLIR: %[[PALETTE:.*]] = mint.const dense<[-5.000000e-01, 0.000000e+00, 2.500000e-01]> : tensor<3xf32>
// MLIR: %[[W:.*]] = mint.gather %[[PALETTE]], %[[WIDE]] : (tensor<3xf32>, tensor<2x3xi32>) -> tensor<2x3xf32>
// MLIR: mint.fully_connected %arg0, %[[W]]

func.func @main(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %indices = mint.const dense<[[1, 0, 2], [2, 1, 0]]> : tensor<2x3xui8>
  %wide = mint.cast %indices {in_data_type = "UINT8", out_data_type = "INT32"} : (tensor<2x3xui8>) -> tensor<2x3xi32>
  %palette = mint.const dense<[-0.5, 0.0, 0.25]> : tensor<3xf32>
  %w = mint.gather %palette, %wide : (tensor<3xf32>, tensor<2x3xi32>) -> tensor<2x3xf32>
  %0 = mint.fully_connected %x, %w : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}
