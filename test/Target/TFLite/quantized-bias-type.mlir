// TFLite's quantized_bias_type option, which TensorFlow's int16x8 converter
// sets (INT64) on CONV_2D, TRANSPOSE_CONV and FULLY_CONNECTED: exported,
// read back, and re-exported to the same bytes, with the op versions
// TFLite gives kernels that carry it (8, 5, 11; 4 without it).
//
// RUN: rm -rf %t && mkdir %t
// RUN: mint-translate --export-tflite %s -o %t/model.tflite
// RUN: %flatc --json --strict-json --raw-binary -o %t %mint_src_root/lib/Target/TFLite/schema/tflite.fbs -- %t/model.tflite
// RUN: FileCheck %s --check-prefix=JSON < %t/model.json
// RUN: mint-translate --import-tflite %t/model.tflite | FileCheck %s --check-prefix=MLIR
// RUN: mint-translate --import-tflite %t/model.tflite | mint-translate --export-tflite -o %t/again.tflite
// RUN: cmp %t/model.tflite %t/again.tflite

!qa = !quant.uniform<i16:f32, 0.001>
!qw = !quant.uniform<i8:f32:0, {0.01, 0.02}>

// JSON-LABEL: "operator_codes": [
// JSON:      "deprecated_builtin_code": 3,
// JSON-NEXT: "version": 8,
// JSON-NEXT: "builtin_code": "CONV_2D"
// JSON:      "deprecated_builtin_code": 67,
// JSON-NEXT: "version": 5,
// JSON-NEXT: "builtin_code": "TRANSPOSE_CONV"
// JSON:      "deprecated_builtin_code": 9,
// JSON-NEXT: "version": 11,
// JSON-NEXT: "builtin_code": "FULLY_CONNECTED"
// JSON:      "deprecated_builtin_code": 3,
// JSON-NEXT: "version": 4,
// JSON-NEXT: "builtin_code": "CONV_2D"

// JSON-LABEL: "operators": [
// JSON:      "builtin_options_type": "Conv2DOptions",
// JSON:      "quantized_bias_type": "INT64"
// JSON:      "builtin_options_type": "TransposeConvOptions",
// JSON:      "quantized_bias_type": "INT64"
// JSON:      "builtin_options_type": "FullyConnectedOptions",
// JSON:      "quantized_bias_type": "INT64"
// JSON:      "builtin_options_type": "Conv2DOptions",
// JSON-NOT:  "quantized_bias_type"
// JSON:      "name": "main"

// MLIR-LABEL: func.func @main
func.func @main(%x: tensor<1x4x4x3x!qa>, %w: tensor<2x1x1x3x!qw>,
                %b: tensor<2xi64>, %f: tensor<1x3x!qa>, %fw: tensor<2x3x!qw>)
    -> (tensor<1x4x4x2x!qa>, tensor<1x4x4x2x!qa>, tensor<1x2x!qa>,
        tensor<1x4x4x2x!qa>) {
  // MLIR: mint.conv_2d {{.*}}quantized_bias_type = i64
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32, quantized_bias_type = i64}
      : (tensor<1x4x4x3x!qa>, tensor<2x1x1x3x!qw>, tensor<2xi64>) -> tensor<1x4x4x2x!qa>
  // MLIR: mint.transpose_conv {{.*}}quantized_bias_type = i64
  %shape = mint.const dense<[1, 4, 4, 2]> : tensor<4xi32>
  %1 = mint.transpose_conv %shape, %w, %x, %b {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32, quantized_bias_type = i64}
      : (tensor<4xi32>, tensor<2x1x1x3x!qw>, tensor<1x4x4x3x!qa>, tensor<2xi64>) -> tensor<1x4x4x2x!qa>
  // MLIR: mint.fully_connected {{.*}}quantized_bias_type = i64
  %2 = mint.fully_connected %f, %fw, %b {quantized_bias_type = i64}
      : (tensor<1x3x!qa>, tensor<2x3x!qw>, tensor<2xi64>) -> tensor<1x2x!qa>
  // MLIR: mint.conv_2d
  // MLIR-NOT: quantized_bias_type
  // MLIR-SAME: -> tensor<1x4x4x2x!quant.uniform<i16:f32
  %3 = mint.conv_2d %x, %w, %b {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32}
      : (tensor<1x4x4x3x!qa>, tensor<2x1x1x3x!qw>, tensor<2xi64>) -> tensor<1x4x4x2x!qa>
  return %0, %1, %2, %3 : tensor<1x4x4x2x!qa>, tensor<1x4x4x2x!qa>, tensor<1x2x!qa>, tensor<1x4x4x2x!qa>
}
