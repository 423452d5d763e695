// Every mint op with non-default options, exported to a .tflite and read
// back three ways: flatc decodes the file with Mint's schema (JSON checks:
// operator codes, versions, option tables), Mint imports it (MLIR checks),
// and exporting the import again gives the same bytes.
//
// RUN: rm -rf %t && mkdir %t
// RUN: mint-translate --export-tflite %s -o %t/model.tflite
// RUN: %flatc --json --strict-json --raw-binary -o %t %mint_src_root/lib/Target/TFLite/schema/tflite.fbs -- %t/model.tflite
// RUN: FileCheck %s --check-prefix=JSON < %t/model.json
// RUN: mint-translate --import-tflite %t/model.tflite | FileCheck %s --check-prefix=MLIR
// RUN: mint-translate --import-tflite %t/model.tflite | mint-translate --export-tflite -o %t/again.tflite
// RUN: cmp %t/model.tflite %t/again.tflite

!qa = !quant.uniform<i8:f32, 0.05:-3>
!qw = !quant.uniform<i8:f32:0, {0.01, 0.02}>
!qb = !quant.uniform<i32:f32:0, {5.0e-04, 1.0e-03}>

func.func @main(%x: tensor<1x8x8x4xf32>, %w: tensor<6x3x3x2xf32>, %b: tensor<6xf32>,
                %dw: tensor<1x3x3x8xf32>, %tw: tensor<4x2x2x4xf32>,
                %fw: tensor<5x16xf32>, %v: tensor<4xf32>, %q: tensor<1x4x4x3x!qa>,
                %qw: tensor<2x1x1x3x!qw>, %qbias: tensor<2x!qb>)
    -> (tensor<1x4x4x6xf32>, tensor<1x4x6x8xf32>, tensor<1x16x16x4xf32>,
        tensor<8x2x5xf32>, tensor<1x4x4x4xf32>, tensor<1x7x7x4xf32>,
        tensor<1x4x4x2x!qa>) {
  // MLIR-LABEL: func.func @main
  // Versions follow the features used: grouped convolution 6, dilated
  // depthwise 2, transposed convolution with activation 4, fully connected
  // keeping dimensions 5, int8 convolution 3; pools and reshape stay at 1.
  // JSON-LABEL: "operator_codes": [
  // JSON: "deprecated_builtin_code": 3,
  // JSON-NEXT: "version": 6,
  // JSON-NEXT: "builtin_code": "CONV_2D"
  // JSON: "version": 2,
  // JSON-NEXT: "builtin_code": "DEPTHWISE_CONV_2D"
  // JSON: "deprecated_builtin_code": 67,
  // JSON-NEXT: "version": 4,
  // JSON-NEXT: "builtin_code": "TRANSPOSE_CONV"
  // JSON: "deprecated_builtin_code": 22,
  // JSON-NEXT: "builtin_code": "RESHAPE"
  // JSON: "version": 5,
  // JSON-NEXT: "builtin_code": "FULLY_CONNECTED"
  // JSON: "deprecated_builtin_code": 17,
  // JSON-NEXT: "builtin_code": "MAX_POOL_2D"
  // JSON: "deprecated_builtin_code": 1,
  // JSON-NEXT: "builtin_code": "AVERAGE_POOL_2D"
  // JSON: "version": 3,
  // JSON-NEXT: "builtin_code": "CONV_2D"

  // JSON-LABEL: "operators": [
  // JSON: "builtin_options_type": "Conv2DOptions",
  // JSON-NEXT: "builtin_options": {
  // JSON-NEXT: "padding": "VALID",
  // JSON-NEXT: "stride_w": 2,
  // JSON-NEXT: "stride_h": 2,
  // JSON-NEXT: "fused_activation_function": "RELU6",
  // JSON-NEXT: "dilation_w_factor": 2
  // MLIR: mint.conv_2d %{{.*}}, %{{.*}}, %{{.*}} {dilation_w_factor = 2 : i32, fused_activation_function = #mint.activation<relu6>, padding = #mint.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x8x8x4xf32>, tensor<6x3x3x2xf32>, tensor<6xf32>) -> tensor<1x3x2x6xf32>
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32, dilation_w_factor = 2 : i32, fused_activation_function = #mint.activation<relu6>}
       : (tensor<1x8x8x4xf32>, tensor<6x3x3x2xf32>, tensor<6xf32>) -> tensor<1x3x2x6xf32>
  // Same-padding stride-2 convolution without bias: input -1.
  // JSON: "inputs": [
  // JSON-NEXT: 0,
  // JSON-NEXT: 1,
  // JSON-NEXT: -1
  // JSON-NEXT: ],
  // MLIR: mint.conv_2d %{{.*}}, %{{.*}} {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x8x8x4xf32>, tensor<6x3x3x2xf32>) -> tensor<1x4x4x6xf32>
  %1 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32}
       : (tensor<1x8x8x4xf32>, tensor<6x3x3x2xf32>) -> tensor<1x4x4x6xf32>
  // JSON: "builtin_options_type": "DepthwiseConv2DOptions",
  // JSON-NEXT: "builtin_options": {
  // JSON-NEXT: "padding": "VALID",
  // JSON-NEXT: "stride_w": 1,
  // JSON-NEXT: "stride_h": 1,
  // JSON-NEXT: "depth_multiplier": 2,
  // JSON-NEXT: "dilation_h_factor": 2
  // MLIR: mint.depthwise_conv_2d %{{.*}}, %{{.*}} {depth_multiplier = 2 : i32, dilation_h_factor = 2 : i32, padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32}
  %2 = mint.depthwise_conv_2d %x, %dw {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32, depth_multiplier = 2 : i32, dilation_h_factor = 2 : i32}
       : (tensor<1x8x8x4xf32>, tensor<1x3x3x8xf32>) -> tensor<1x4x6x8xf32>
  // JSON: "builtin_options_type": "TransposeConvOptions",
  // JSON-NEXT: "builtin_options": {
  // JSON-NEXT: "stride_w": 2,
  // JSON-NEXT: "stride_h": 2,
  // JSON-NEXT: "fused_activation_function": "RELU"
  // MLIR: mint.transpose_conv %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<relu>, padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32}
  %shape = mint.const dense<[1, 16, 16, 4]> : tensor<4xi32>
  %3 = mint.transpose_conv %shape, %tw, %x, %v {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32, fused_activation_function = #mint.activation<relu>}
       : (tensor<4xi32>, tensor<4x2x2x4xf32>, tensor<1x8x8x4xf32>, tensor<4xf32>) -> tensor<1x16x16x4xf32>
  // JSON: "builtin_options_type": "FullyConnectedOptions",
  // JSON-NEXT: "builtin_options": {
  // JSON-NEXT: "fused_activation_function": "TANH",
  // JSON-NEXT: "keep_num_dims": true
  // MLIR: mint.fully_connected %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<tanh>, keep_num_dims = true}
  %r = mint.const dense<[8, 2, 16]> : tensor<3xi32>
  %xr = mint.reshape %x, %r : (tensor<1x8x8x4xf32>, tensor<3xi32>) -> tensor<8x2x16xf32>
  %4 = mint.fully_connected %xr, %fw {keep_num_dims = true, fused_activation_function = #mint.activation<tanh>}
       : (tensor<8x2x16xf32>, tensor<5x16xf32>) -> tensor<8x2x5xf32>
  // JSON: "builtin_options_type": "Pool2DOptions",
  // JSON-NEXT: "builtin_options": {
  // JSON-NEXT: "stride_w": 2,
  // JSON-NEXT: "stride_h": 2,
  // JSON-NEXT: "filter_width": 3,
  // JSON-NEXT: "filter_height": 2
  // MLIR: mint.max_pool_2d %{{.*}} {filter_height = 2 : i32, filter_width = 3 : i32, padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32}
  %5 = mint.max_pool_2d %x {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32, filter_height = 2 : i32, filter_width = 3 : i32}
       : (tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32>
  // JSON: "builtin_options_type": "Pool2DOptions",
  // JSON-NEXT: "builtin_options": {
  // JSON-NEXT: "padding": "VALID",
  // JSON-NEXT: "stride_w": 1,
  // JSON-NEXT: "stride_h": 1,
  // JSON-NEXT: "filter_width": 2,
  // JSON-NEXT: "filter_height": 2,
  // JSON-NEXT: "fused_activation_function": "RELU_N1_TO_1"
  // MLIR: mint.average_pool_2d %{{.*}} {filter_height = 2 : i32, filter_width = 2 : i32, fused_activation_function = #mint.activation<relu_n1_to_1>, padding = #mint.padding<valid>
  %6 = mint.average_pool_2d %x {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32, filter_height = 2 : i32, filter_width = 2 : i32, fused_activation_function = #mint.activation<relu_n1_to_1>}
       : (tensor<1x8x8x4xf32>) -> tensor<1x7x7x4xf32>
  // Quantized per-channel convolution.
  // JSON: "opcode_index": 7,
  // JSON: "builtin_options_type": "Conv2DOptions",
  // TFLite stores scales as f32: they come back as the nearest f32.
  // MLIR: mint.conv_2d {{.*}} : (tensor<1x4x4x3x!quant.uniform<i8:f32, 0.0500000007{{[0-9]*}}:-3>>, tensor<2x1x1x3x!quant.uniform<i8:f32:0, {0.0099999997{{[0-9]*}},0.0199999995{{[0-9]*}}}>>, tensor<2x!quant.uniform<i32:f32:0, {5.0000002{{[0-9]*}}E-4,0.0010000000{{[0-9]*}}}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0500000007{{[0-9]*}}:-3>>
  %7 = mint.conv_2d %q, %qw, %qbias {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32}
       : (tensor<1x4x4x3x!qa>, tensor<2x1x1x3x!qw>, tensor<2x!qb>) -> tensor<1x4x4x2x!qa>
  return %1, %2, %3, %4, %5, %6, %7 : tensor<1x4x4x6xf32>, tensor<1x4x6x8xf32>, tensor<1x16x16x4xf32>, tensor<8x2x5xf32>, tensor<1x4x4x4xf32>, tensor<1x7x7x4xf32>, tensor<1x4x4x2x!qa>
}
