// RUN: mint-opt %s -split-input-file -verify-diagnostics

// One case per verifier rule of the mint ops, in the order of the op
// definitions: ODS constraints, the shared traits, then each op's rules.

//===----------------------------------------------------------------------===//
// Shared traits and ODS constraints
//===----------------------------------------------------------------------===//

func.func @per_axis_dimension_outside_rank(%x: tensor<4x!quant.uniform<i8:f32:1, {0.1, 0.2}>>) {
  // expected-error@+1 {{'mint.relu' op operand #0 is quantized along dimension 1 but has rank 1}}
  %0 = mint.relu %x : (tensor<4x!quant.uniform<i8:f32:1, {0.1, 0.2}>>) -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @per_axis_scale_count(%x: tensor<3x2xf32>) {
  // expected-error@+1 {{'mint.quantize' op result #0 has 3 quantization scales for 2 slices along dimension 1}}
  %0 = mint.quantize %x : (tensor<3x2xf32>) -> tensor<3x2x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>>
  return
}

// -----

func.func @result_shape_disagrees_with_inference(%x: tensor<1x8x8x4xf32>, %w: tensor<6x3x3x4xf32>) {
  // expected-error@+1 {{'mint.conv_2d' op result #0 has shape [1, 8, 8, 6] but TFLite's shape rules give [1, 4, 4, 6]}}
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x8x8x4xf32>, tensor<6x3x3x4xf32>) -> tensor<1x8x8x6xf32>
  return
}

// -----

func.func @stride_must_be_positive(%x: tensor<1x8x8x4xf32>, %w: tensor<6x3x3x4xf32>) {
  // expected-error@+1 {{'mint.conv_2d' op attribute 'stride_h' failed to satisfy constraint: 32-bit signless integer attribute whose value is positive}}
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 0 : i32, stride_w = 1 : i32} : (tensor<1x8x8x4xf32>, tensor<6x3x3x4xf32>) -> tensor<1x8x8x6xf32>
  return
}

// -----

func.func @dilation_must_be_positive(%x: tensor<1x8x8x4xf32>, %w: tensor<6x3x3x4xf32>) {
  // expected-error@+1 {{'mint.conv_2d' op attribute 'dilation_w_factor' failed to satisfy constraint: 32-bit signless integer attribute whose value is positive}}
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, dilation_w_factor = -1 : i32} : (tensor<1x8x8x4xf32>, tensor<6x3x3x4xf32>) -> tensor<1x8x8x6xf32>
  return
}

// -----

func.func @conv_input_rank(%x: tensor<8x8x4xf32>, %w: tensor<6x3x3x4xf32>) {
  // expected-error@+1 {{'mint.conv_2d' op operand #0 must be 4D tensor of TFLite element type}}
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<8x8x4xf32>, tensor<6x3x3x4xf32>) -> tensor<1x8x8x6xf32>
  return
}

// -----

func.func @element_type_not_in_tflite(%x: tensor<4xf64>) {
  // expected-error@+1 {{'mint.relu' op operand #0 must be ranked tensor of TFLite element type}}
  %0 = mint.relu %x : (tensor<4xf64>) -> tensor<4xf64>
  return
}

// -----

func.func @padding_enum(%x: tensor<1x8x8x4xf32>) {
  // expected-error@+2 {{expected ::mlir::mint::Padding to be one of: same, valid}}
  // expected-error@+1 {{failed to parse Mint_PaddingAttr parameter 'value'}}
  %0 = mint.max_pool_2d %x {padding = #mint.padding<full>, stride_h = 1 : i32, stride_w = 1 : i32, filter_height = 1 : i32, filter_width = 1 : i32} : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// Convolutions and fully connected: shapes
//===----------------------------------------------------------------------===//

// -----

func.func @conv_groups(%x: tensor<1x8x8x6xf32>, %w: tensor<6x3x3x4xf32>) {
  // expected-error@+1 {{'mint.conv_2d' op expects input channels (6) to be a multiple of filter input channels (4)}}
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x8x8x6xf32>, tensor<6x3x3x4xf32>) -> tensor<1x8x8x6xf32>
  return
}

// -----

func.func @conv_bias_size(%x: tensor<1x8x8x4xf32>, %w: tensor<6x3x3x4xf32>, %b: tensor<5xf32>) {
  // expected-error@+1 {{'mint.conv_2d' op expects bias size (one per output channel) to be 6, got 5}}
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x8x8x4xf32>, tensor<6x3x3x4xf32>, tensor<5xf32>) -> tensor<1x8x8x6xf32>
  return
}

// -----

func.func @conv_quantized_bias_type(%x: tensor<1x4x4x3x!quant.uniform<i16:f32, 0.001>>, %w: tensor<2x1x1x3x!quant.uniform<i8:f32:0, {0.01, 0.02}>>, %b: tensor<2xi64>) {
  // expected-error@+1 {{'mint.conv_2d' op expects quantized_bias_type ('i32') to be the bias's storage type ('i64')}}
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32, quantized_bias_type = i32} : (tensor<1x4x4x3x!quant.uniform<i16:f32, 0.001>>, tensor<2x1x1x3x!quant.uniform<i8:f32:0, {0.01, 0.02}>>, tensor<2xi64>) -> tensor<1x4x4x2x!quant.uniform<i16:f32, 0.001>>
  return
}

// -----

func.func @fully_connected_bias_type_not_integer(%x: tensor<1x3xf32>, %w: tensor<2x3xf32>) {
  // expected-error@+1 {{'mint.fully_connected' op attribute 'quantized_bias_type' failed to satisfy constraint}}
  %0 = mint.fully_connected %x, %w {quantized_bias_type = f32} : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<1x2xf32>
  return
}

// -----

func.func @depthwise_filter_batch(%x: tensor<1x8x8x4xf32>, %w: tensor<2x3x3x4xf32>) {
  // expected-error@+1 {{'mint.depthwise_conv_2d' op expects filter dimension 0 (filters are 1 x KH x KW x C*M) to be 1, got 2}}
  %0 = mint.depthwise_conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x8x8x4xf32>, tensor<2x3x3x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @depthwise_channels(%x: tensor<1x8x8x4xf32>, %w: tensor<1x3x3x6xf32>) {
  // expected-error@+1 {{'mint.depthwise_conv_2d' op expects filter channels (6) to be a multiple of input channels (4)}}
  %0 = mint.depthwise_conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x8x8x4xf32>, tensor<1x3x3x6xf32>) -> tensor<1x8x8x6xf32>
  return
}

// -----

func.func @depthwise_multiplier(%x: tensor<1x8x8x4xf32>, %w: tensor<1x3x3x8xf32>) {
  // expected-error@+1 {{'mint.depthwise_conv_2d' op has depth_multiplier 1 but the filter has 8 channels for 4 input channels}}
  %0 = mint.depthwise_conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, depth_multiplier = 1 : i32} : (tensor<1x8x8x4xf32>, tensor<1x3x3x8xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @depthwise_multiplier_negative(%x: tensor<1x8x8x4xf32>, %w: tensor<1x3x3x4xf32>) {
  // expected-error@+1 {{'mint.depthwise_conv_2d' op attribute 'depth_multiplier' failed to satisfy constraint: 32-bit signless integer attribute whose value is non-negative}}
  %0 = mint.depthwise_conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, depth_multiplier = -1 : i32} : (tensor<1x8x8x4xf32>, tensor<1x3x3x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @transpose_conv_shape_size(%s: tensor<3xi32>, %w: tensor<4x2x2x6xf32>, %y: tensor<1x8x8x6xf32>) {
  // expected-error@+1 {{'mint.transpose_conv' op expects output_shape size to be 4, got 3}}
  %0 = mint.transpose_conv %s, %w, %y {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<3xi32>, tensor<4x2x2x6xf32>, tensor<1x8x8x6xf32>) -> tensor<1x16x16x4xf32>
  return
}

// -----

func.func @transpose_conv_weight_channels(%s: tensor<4xi32>, %w: tensor<4x2x2x5xf32>, %y: tensor<1x8x8x6xf32>) {
  // expected-error@+1 {{'mint.transpose_conv' op expects weights input channels (dimension 3) to be 6, got 5}}
  %0 = mint.transpose_conv %s, %w, %y {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<4xi32>, tensor<4x2x2x5xf32>, tensor<1x8x8x6xf32>) -> tensor<1x16x16x4xf32>
  return
}

// -----

func.func @transpose_conv_spatial(%w: tensor<4x2x2x6xf32>, %y: tensor<1x8x8x6xf32>) {
  %s = mint.const dense<[1, 20, 16, 4]> : tensor<4xi32>
  // expected-error@+1 {{'mint.transpose_conv' op expects output height 20 to be a transposed size of input height 8 (a convolution over it gives 10)}}
  %0 = mint.transpose_conv %s, %w, %y {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<4xi32>, tensor<4x2x2x6xf32>, tensor<1x8x8x6xf32>) -> tensor<1x20x16x4xf32>
  return
}

// -----

func.func @transpose_conv_bias(%s: tensor<4xi32>, %w: tensor<4x2x2x6xf32>, %y: tensor<1x8x8x6xf32>, %b: tensor<6xf32>) {
  // expected-error@+1 {{'mint.transpose_conv' op expects bias size (one per output channel) to be 4, got 6}}
  %0 = mint.transpose_conv %s, %w, %y, %b {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<4xi32>, tensor<4x2x2x6xf32>, tensor<1x8x8x6xf32>, tensor<6xf32>) -> tensor<1x16x16x4xf32>
  return
}

// -----

func.func @fully_connected_scalar_input(%x: tensor<f32>, %w: tensor<4x1xf32>) {
  // expected-error@+1 {{'mint.fully_connected' op expects an input of rank at least 1}}
  %0 = mint.fully_connected %x, %w : (tensor<f32>, tensor<4x1xf32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @fully_connected_keep_num_dims(%x: tensor<2x3x8xf32>, %w: tensor<5x6xf32>) {
  // expected-error@+1 {{'mint.fully_connected' op expects the last input dimension (filter depth) with keep_num_dims to be 6, got 8}}
  %0 = mint.fully_connected %x, %w {keep_num_dims = true} : (tensor<2x3x8xf32>, tensor<5x6xf32>) -> tensor<2x3x5xf32>
  return
}

// -----

func.func @fully_connected_depth(%x: tensor<2x3x8xf32>, %w: tensor<5x7xf32>) {
  // expected-error@+1 {{'mint.fully_connected' op expects the number of input elements (48) to be a multiple of the filter depth (7)}}
  %0 = mint.fully_connected %x, %w : (tensor<2x3x8xf32>, tensor<5x7xf32>) -> tensor<6x5xf32>
  return
}

// -----

func.func @fully_connected_shuffled(%x: tensor<1x16xf32>, %w: tensor<4x16xf32>) {
  // expected-error@+1 {{'mint.fully_connected' op expects shuffled4x16int8 weights to be quantized with static sizes that are multiples of 4 x 16}}
  %0 = mint.fully_connected %x, %w {weights_format = #mint.weights_format<shuffled4x16int8>} : (tensor<1x16xf32>, tensor<4x16xf32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @fully_connected_bias(%x: tensor<1x16xf32>, %w: tensor<4x16xf32>, %b: tensor<3xf32>) {
  // expected-error@+1 {{'mint.fully_connected' op expects bias size (one per output channel) to be 4, got 3}}
  %0 = mint.fully_connected %x, %w, %b : (tensor<1x16xf32>, tensor<4x16xf32>, tensor<3xf32>) -> tensor<1x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// Convolutions and fully connected: element types
//===----------------------------------------------------------------------===//

// -----

func.func @float_result_type(%x: tensor<1x16xf32>, %w: tensor<4x16xf32>) {
  // expected-error@+1 {{'mint.fully_connected' op expects result element type 'f16' to equal the float input element type 'f32'}}
  %0 = mint.fully_connected %x, %w : (tensor<1x16xf32>, tensor<4x16xf32>) -> tensor<1x4xf16>
  return
}

// -----

func.func @float_weight_type(%x: tensor<1x16xf32>, %w: tensor<4x16xf16>) {
  // expected-error@+1 {{'mint.fully_connected' op expects weight element type 'f16' to equal the float input element type 'f32'}}
  %0 = mint.fully_connected %x, %w : (tensor<1x16xf32>, tensor<4x16xf16>) -> tensor<1x4xf32>
  return
}

// -----

func.func @hybrid_weight_storage(%x: tensor<1x16xf32>, %w: tensor<4x16x!quant.uniform<u8:f32, 0.1:128>>) {
  // expected-error@+1 {{'mint.fully_connected' op expects the quantized weight of a hybrid op to be stored as signed 8-bit integers}}
  %0 = mint.fully_connected %x, %w : (tensor<1x16xf32>, tensor<4x16x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x4xf32>
  return
}

// -----

func.func @integer_weight(%x: tensor<1x16xf32>, %w: tensor<4x16xi8>) {
  // expected-error@+1 {{'mint.fully_connected' op expects a float or quantized weight, got 'i8'}}
  %0 = mint.fully_connected %x, %w : (tensor<1x16xf32>, tensor<4x16xi8>) -> tensor<1x4xf32>
  return
}

// -----

func.func @float_bias_type(%x: tensor<1x16xf32>, %w: tensor<4x16xf32>, %b: tensor<4xi32>) {
  // expected-error@+1 {{'mint.fully_connected' op expects bias element type 'i32' to equal the float input element type 'f32'}}
  %0 = mint.fully_connected %x, %w, %b : (tensor<1x16xf32>, tensor<4x16xf32>, tensor<4xi32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @per_axis_input(%x: tensor<1x2x!quant.uniform<i8:f32:1, {0.1, 0.2}>>, %w: tensor<4x2x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error@+1 {{'mint.fully_connected' op expects a float or per-tensor quantized input}}
  %0 = mint.fully_connected %x, %w : (tensor<1x2x!quant.uniform<i8:f32:1, {0.1, 0.2}>>, tensor<4x2x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @activation_width(%x: tensor<1x2x!quant.uniform<i32:f32, 0.1>>, %w: tensor<4x2x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error@+1 {{'mint.fully_connected' op expects 8- or 16-bit quantized activations, got 'i32'}}
  %0 = mint.fully_connected %x, %w : (tensor<1x2x!quant.uniform<i32:f32, 0.1>>, tensor<4x2x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x4x!quant.uniform<i32:f32, 0.1>>
  return
}

// -----

func.func @quantized_result_storage(%x: tensor<1x2x!quant.uniform<i8:f32, 0.1>>, %w: tensor<4x2x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error@+1 {{'mint.fully_connected' op expects a per-tensor quantized result with the input's storage type}}
  %0 = mint.fully_connected %x, %w : (tensor<1x2x!quant.uniform<i8:f32, 0.1>>, tensor<4x2x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x4x!quant.uniform<u8:f32, 0.1>>
  return
}

// -----

func.func @quantized_needs_quantized_weight(%x: tensor<1x2x!quant.uniform<i8:f32, 0.1>>, %w: tensor<4x2xf32>) {
  // expected-error@+1 {{'mint.fully_connected' op expects a weight quantized to at most 8 bits for a quantized input, got 'f32'}}
  %0 = mint.fully_connected %x, %w : (tensor<1x2x!quant.uniform<i8:f32, 0.1>>, tensor<4x2xf32>) -> tensor<1x4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @int16_unsigned_weights(%x: tensor<1x2x!quant.uniform<i16:f32, 0.1>>, %w: tensor<4x2x!quant.uniform<u8:f32, 0.1:128>>) {
  // expected-error@+1 {{'mint.fully_connected' op expects signed weights for 16-bit activations}}
  %0 = mint.fully_connected %x, %w : (tensor<1x2x!quant.uniform<i16:f32, 0.1>>, tensor<4x2x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<1x4x!quant.uniform<i16:f32, 0.1>>
  return
}

// -----

func.func @int16_zero_point(%x: tensor<1x2x!quant.uniform<i16:f32, 0.1:5>>, %w: tensor<4x2x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error@+1 {{'mint.fully_connected' op expects 16-bit activations to be symmetric (zero point 0)}}
  %0 = mint.fully_connected %x, %w : (tensor<1x2x!quant.uniform<i16:f32, 0.1:5>>, tensor<4x2x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x4x!quant.uniform<i16:f32, 0.1>>
  return
}

// -----

func.func @per_axis_weight_axis(%x: tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>, %w: tensor<1x1x1x2x!quant.uniform<i8:f32:3, {0.1, 0.2}>>) {
  // expected-error@+1 {{'mint.conv_2d' op expects a per-axis weight to be quantized along dimension 0, got 3}}
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>, tensor<1x1x1x2x!quant.uniform<i8:f32:3, {0.1, 0.2}>>) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @per_axis_weight_symmetric(%x: tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>, %w: tensor<1x1x1x2x!quant.uniform<i8:f32:3, {0.1:1, 0.2}>>) {
  // expected-error@+1 {{'mint.depthwise_conv_2d' op expects per-axis weights to be symmetric (zero point 0)}}
  %0 = mint.depthwise_conv_2d %x, %w {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>, tensor<1x1x1x2x!quant.uniform<i8:f32:3, {0.1:1, 0.2}>>) -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @quantized_bias_kind(%x: tensor<1x2x!quant.uniform<i8:f32, 0.1>>, %w: tensor<4x2x!quant.uniform<i8:f32, 0.1>>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'mint.fully_connected' op expects a quantized bias for a quantized input, got 'f32'}}
  %0 = mint.fully_connected %x, %w, %b : (tensor<1x2x!quant.uniform<i8:f32, 0.1>>, tensor<4x2x!quant.uniform<i8:f32, 0.1>>, tensor<4xf32>) -> tensor<1x4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @quantized_bias_width(%x: tensor<1x2x!quant.uniform<i8:f32, 0.1>>, %w: tensor<4x2x!quant.uniform<i8:f32, 0.1>>, %b: tensor<4x!quant.uniform<i16:f32, 0.01>>) {
  // expected-error@+1 {{'mint.fully_connected' op expects the bias to be stored as i32 for 8-bit activations, got 'i16'}}
  %0 = mint.fully_connected %x, %w, %b : (tensor<1x2x!quant.uniform<i8:f32, 0.1>>, tensor<4x2x!quant.uniform<i8:f32, 0.1>>, tensor<4x!quant.uniform<i16:f32, 0.01>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @raw_i64_bias_needs_16_bits(%x: tensor<1x2x!quant.uniform<i8:f32, 0.1>>, %w: tensor<4x2x!quant.uniform<i8:f32, 0.1>>, %b: tensor<4xi64>) {
  // expected-error@+1 {{'mint.fully_connected' op expects a quantized bias for a quantized input, got 'i64'}}
  %0 = mint.fully_connected %x, %w, %b : (tensor<1x2x!quant.uniform<i8:f32, 0.1>>, tensor<4x2x!quant.uniform<i8:f32, 0.1>>, tensor<4xi64>) -> tensor<1x4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @quantized_bias_zero_point(%x: tensor<1x2x!quant.uniform<i8:f32, 0.1>>, %w: tensor<4x2x!quant.uniform<i8:f32, 0.1>>, %b: tensor<4x!quant.uniform<i32:f32, 0.01:3>>) {
  // expected-error@+1 {{'mint.fully_connected' op expects the bias zero point to be 0}}
  %0 = mint.fully_connected %x, %w, %b : (tensor<1x2x!quant.uniform<i8:f32, 0.1>>, tensor<4x2x!quant.uniform<i8:f32, 0.1>>, tensor<4x!quant.uniform<i32:f32, 0.01:3>>) -> tensor<1x4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @quantized_bias_scale_count(%x: tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>, %w: tensor<3x1x1x2x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>>, %b: tensor<?x!quant.uniform<i32:f32:0, {0.01, 0.02}>>) {
  // expected-error@+1 {{'mint.conv_2d' op expects as many bias scales as weight scales, got 2 and 3}}
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>, tensor<3x1x1x2x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>>, tensor<?x!quant.uniform<i32:f32:0, {0.01, 0.02}>>) -> tensor<1x1x1x3x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @quantized_bias_scale(%x: tensor<1x2x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x2x!quant.uniform<i8:f32:0, {0.1, 0.2}>>, %b: tensor<2x!quant.uniform<i32:f32:0, {0.05, 0.2}>>) {
  // expected-error@+1 {{'mint.fully_connected' op expects bias scale 2.000000e-01 to equal input scale x weight scale = 1.000000e-01 (channel 1)}}
  %0 = mint.fully_connected %x, %w, %b : (tensor<1x2x!quant.uniform<i8:f32, 0.5>>, tensor<2x2x!quant.uniform<i8:f32:0, {0.1, 0.2}>>, tensor<2x!quant.uniform<i32:f32:0, {0.05, 0.2}>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.1>>
  return
}

//===----------------------------------------------------------------------===//
// Pools, arithmetic and activations
//===----------------------------------------------------------------------===//

// -----

func.func @pool_result_kind(%x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error@+1 {{'mint.average_pool_2d' op expects result element type '!quant.uniform<u8:f32, 1.000000e-01>' to be of the same kind as '!quant.uniform<i8:f32, 1.000000e-01>'}}
  %0 = mint.average_pool_2d %x {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32, filter_height = 4 : i32, filter_width = 4 : i32} : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x1x1x2x!quant.uniform<u8:f32, 0.1>>
  return
}

// -----

func.func @max_pool_result_kind(%x: tensor<1x4x4x2xf32>) {
  // expected-error@+1 {{'mint.max_pool_2d' op expects result element type 'f16' to be of the same kind as 'f32'}}
  %0 = mint.max_pool_2d %x {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32, filter_height = 4 : i32, filter_width = 4 : i32} : (tensor<1x4x4x2xf32>) -> tensor<1x1x1x2xf16>
  return
}

// -----

func.func @arithmetic_on_booleans(%a: tensor<4xi1>) {
  // expected-error@+1 {{'mint.add' op expects numeric operands, got i1}}
  %0 = mint.add %a, %a : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return
}

// -----

func.func @not_broadcastable(%a: tensor<4x3xf32>, %b: tensor<2xf32>) {
  // expected-error@+1 {{'mint.mul' op expects operands of broadcastable shapes, got [4, 3] and [2]}}
  %0 = mint.mul %a, %b : (tensor<4x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @binary_kinds(%a: tensor<4xf32>, %b: tensor<4xi32>) {
  // expected-error@+1 {{'mint.maximum' op expects rhs element type 'i32' to be of the same kind as 'f32'}}
  %0 = mint.maximum %a, %b : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xf32>
  return
}

// -----

func.func @activation_kind(%x: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error@+1 {{'mint.relu6' op expects result element type 'f32' to be of the same kind as '!quant.uniform<i8:f32, 1.000000e-01>'}}
  %0 = mint.relu6 %x : (tensor<4x!quant.uniform<i8:f32, 0.1>>) -> tensor<4xf32>
  return
}

// -----

func.func @fixed_range_no_kernel(%x: tensor<4x!quant.uniform<i16:f32, 0.1>>) {
  // expected-error@+1 {{'mint.log_softmax' op has no quantized kernel for results stored as signed 16-bit integers}}
  %0 = mint.log_softmax %x : (tensor<4x!quant.uniform<i16:f32, 0.1>>) -> tensor<4x!quant.uniform<i16:f32, 0.1>>
  return
}

// -----

func.func @fixed_range_scale(%x: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error@+1 {{'mint.logistic' op expects the quantized result type '!quant.uniform<i8:f32, 3.906250e-03:-128>' that TFLite fixes for this op, got '!quant.uniform<i8:f32, 1.000000e-01>'}}
  %0 = mint.logistic %x : (tensor<4x!quant.uniform<i8:f32, 0.1>>) -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @fixed_range_zero_point(%x: tensor<4x!quant.uniform<u8:f32, 0.1:128>>) {
  // expected-error@+1 {{'mint.tanh' op expects the quantized result type '!quant.uniform<u8:f32, 7.812500e-03:128>' that TFLite fixes for this op}}
  %0 = mint.tanh %x : (tensor<4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<4x!quant.uniform<u8:f32, 0.0078125>>
  return
}

// -----

func.func @softmax_beta(%x: tensor<1x4xf32>) {
  // expected-error@+1 {{'mint.softmax' op expects a positive beta, got 0}}
  %0 = mint.softmax %x {beta = 0.0 : f32} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @softmax_rank(%x: tensor<f32>) {
  // expected-error@+1 {{'mint.softmax' op expects an input of rank at least 1}}
  %0 = mint.softmax %x {beta = 1.0 : f32} : (tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @prelu_broadcast(%x: tensor<1x4x4x8xf32>, %alpha: tensor<3xf32>) {
  // expected-error@+1 {{'mint.prelu' op expects alpha to broadcast against the input, got [3] and [1, 4, 4, 8]}}
  %0 = mint.prelu %x, %alpha : (tensor<1x4x4x8xf32>, tensor<3xf32>) -> tensor<1x4x4x8xf32>
  return
}

// -----

func.func @prelu_alpha_kind(%x: tensor<1x4x4x8xf32>, %alpha: tensor<8xf16>) {
  // expected-error@+1 {{'mint.prelu' op expects alpha element type 'f16' to be the input's float type or quantized like the input}}
  %0 = mint.prelu %x, %alpha : (tensor<1x4x4x8xf32>, tensor<8xf16>) -> tensor<1x4x4x8xf32>
  return
}

//===----------------------------------------------------------------------===//
// Data movement and reductions
//===----------------------------------------------------------------------===//

// -----

func.func @reshape_two_wildcards(%x: tensor<4x4xf32>) {
  %s = mint.const dense<[-1, -1]> : tensor<2xi32>
  // expected-error@+1 {{'mint.reshape' op expects at most one -1 in the shape}}
  %0 = mint.reshape %x, %s : (tensor<4x4xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @reshape_negative(%x: tensor<4x4xf32>) {
  // expected-error@+1 {{'mint.reshape' op expects shape entries >= -1}}
  %0 = mint.reshape %x {new_shape = array<i32: -2, 8>} : (tensor<4x4xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @reshape_elements(%x: tensor<4x4xf32>, %s: tensor<2xi32>) {
  // expected-error@+1 {{'mint.reshape' op expects the result to hold the input's 16 elements, got 18}}
  %0 = mint.reshape %x, %s : (tensor<4x4xf32>, tensor<2xi32>) -> tensor<2x9xf32>
  return
}

// -----

func.func @reshape_kind(%x: tensor<4x4xf32>) {
  // expected-error@+1 {{'mint.reshape' op expects result element type 'i32' to be of the same kind as 'f32'}}
  %0 = mint.reshape %x : (tensor<4x4xf32>) -> tensor<16xi32>
  return
}

// -----

func.func @squeeze_out_of_range(%x: tensor<1x4xf32>) {
  // expected-error@+1 {{'mint.squeeze' op squeeze dimension 2 is out of range for rank 2}}
  %0 = mint.squeeze %x {squeeze_dims = array<i32: 2>} : (tensor<1x4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @squeeze_size(%x: tensor<1x4xf32>) {
  // expected-error@+1 {{'mint.squeeze' op cannot squeeze dimension -1 of size 4}}
  %0 = mint.squeeze %x {squeeze_dims = array<i32: -1>} : (tensor<1x4xf32>) -> tensor<1xf32>
  return
}

// -----

func.func @concatenation_empty() {
  // expected-error@+1 {{'mint.concatenation' op expects at least one value}}
  %0 = mint.concatenation {axis = 0 : i32} : () -> tensor<4xf32>
  return
}

// -----

func.func @concatenation_axis(%a: tensor<2x4xf32>) {
  // expected-error@+1 {{'mint.concatenation' op axis -3 is out of range for rank 2}}
  %0 = mint.concatenation %a, %a {axis = -3 : i32} : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @concatenation_rank(%a: tensor<2x4xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{'mint.concatenation' op expects all values to have rank 2, value #1 has rank 1}}
  %0 = mint.concatenation %a, %b {axis = 0 : i32} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return
}

// -----

func.func @concatenation_sizes(%a: tensor<2x4xf32>, %b: tensor<2x3xf32>) {
  // expected-error@+1 {{'mint.concatenation' op expects value #1 to have size 4 in dimension 1 (only the axis may differ), got 3}}
  %0 = mint.concatenation %a, %b {axis = 0 : i32} : (tensor<2x4xf32>, tensor<2x3xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @concatenation_kinds(%a: tensor<2x4xf32>, %b: tensor<2x4xf16>) {
  // expected-error@+1 {{'mint.concatenation' op expects value element type 'f16' to be of the same kind as 'f32'}}
  %0 = mint.concatenation %a, %b {axis = 0 : i32} : (tensor<2x4xf32>, tensor<2x4xf16>) -> tensor<4x4xf32>
  return
}

// -----

func.func @pad_paddings_shape(%x: tensor<2x4xf32>, %p: tensor<3x2xi32>) {
  // expected-error@+1 {{'mint.pad' op expects paddings of shape [2, 2], got [3, 2]}}
  %0 = mint.pad %x, %p : (tensor<2x4xf32>, tensor<3x2xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @pad_negative(%x: tensor<2x4xf32>) {
  %p = mint.const dense<[[0, -1], [1, 1]]> : tensor<2x2xi32>
  // expected-error@+1 {{'mint.pad' op expects non-negative paddings}}
  %0 = mint.pad %x, %p : (tensor<2x4xf32>, tensor<2x2xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @padv2_value_count(%x: tensor<2x4xf32>, %p: tensor<2x2xi32>, %v: tensor<2xf32>) {
  // expected-error@+1 {{'mint.padv2' op expects constant_values to hold one element, got 2}}
  %0 = mint.padv2 %x, %p, %v : (tensor<2x4xf32>, tensor<2x2xi32>, tensor<2xf32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @padv2_value_kind(%x: tensor<2x4xf32>, %p: tensor<2x2xi32>, %v: tensor<i32>) {
  // expected-error@+1 {{'mint.padv2' op expects constant_values element type 'i32' to be of the same kind as 'f32'}}
  %0 = mint.padv2 %x, %p, %v : (tensor<2x4xf32>, tensor<2x2xi32>, tensor<i32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @slice_begin_size(%x: tensor<2x4xf32>, %b: tensor<3xi32>, %s: tensor<2xi32>) {
  // expected-error@+1 {{'mint.slice' op expects begin size (one entry per input dimension) to be 2, got 3}}
  %0 = mint.slice %x, %b, %s : (tensor<2x4xf32>, tensor<3xi32>, tensor<2xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @slice_begin_range(%x: tensor<2x4xf32>, %s: tensor<2xi32>) {
  %b = mint.const dense<[0, 5]> : tensor<2xi32>
  // expected-error@+1 {{'mint.slice' op begin 5 is out of range in dimension 1}}
  %0 = mint.slice %x, %b, %s : (tensor<2x4xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @slice_size_negative(%x: tensor<2x4xf32>, %b: tensor<2xi32>) {
  %s = mint.const dense<[1, -2]> : tensor<2xi32>
  // expected-error@+1 {{'mint.slice' op expects size entries >= -1, got -2 in dimension 1}}
  %0 = mint.slice %x, %b, %s : (tensor<2x4xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @slice_exceeds(%x: tensor<2x4xf32>) {
  %b = mint.const dense<[1, 2]> : tensor<2xi32>
  %s = mint.const dense<[1, 3]> : tensor<2xi32>
  // expected-error@+1 {{'mint.slice' op slice [2, 5) exceeds size 4 of dimension 1}}
  %0 = mint.slice %x, %b, %s : (tensor<2x4xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @strided_slice_lengths(%x: tensor<2x4xf32>, %b: tensor<2xi32>, %e: tensor<3xi32>, %s: tensor<2xi32>) {
  // expected-error@+1 {{'mint.strided_slice' op expects end size (as many entries as begin) to be 2, got 3}}
  %0 = mint.strided_slice %x, %b, %e, %s : (tensor<2x4xf32>, tensor<2xi32>, tensor<3xi32>, tensor<2xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @strided_slice_ellipses(%x: tensor<2x4xf32>, %b: tensor<2xi32>, %e: tensor<2xi32>, %s: tensor<2xi32>) {
  // expected-error@+1 {{'mint.strided_slice' op expects at most one bit set in ellipsis_mask}}
  %0 = mint.strided_slice %x, %b, %e, %s {ellipsis_mask = 3 : i32} : (tensor<2x4xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @strided_slice_zero_stride(%x: tensor<2x4xf32>, %b: tensor<2xi32>, %e: tensor<2xi32>) {
  %s = mint.const dense<[1, 0]> : tensor<2xi32>
  // expected-error@+1 {{'mint.strided_slice' op expects non-zero strides}}
  %0 = mint.strided_slice %x, %b, %e, %s : (tensor<2x4xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @strided_slice_rank(%x: tensor<2x4xf32>) {
  %b = mint.const dense<[0, 0, 0]> : tensor<3xi32>
  %s = mint.const dense<[1, 1, 1]> : tensor<3xi32>
  // expected-error@+1 {{'mint.strided_slice' op slice specification does not fit an input of rank 2}}
  %0 = mint.strided_slice %x, %b, %b, %s : (tensor<2x4xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @transpose_perm_size(%x: tensor<2x4xf32>, %p: tensor<3xi32>) {
  // expected-error@+1 {{'mint.transpose' op expects perm size (one entry per input dimension) to be 2, got 3}}
  %0 = mint.transpose %x, %p : (tensor<2x4xf32>, tensor<3xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @transpose_not_permutation(%x: tensor<2x4xf32>) {
  %p = mint.const dense<[1, 1]> : tensor<2xi32>
  // expected-error@+1 {{'mint.transpose' op expects perm to be a permutation of [0, 2)}}
  %0 = mint.transpose %x, %p : (tensor<2x4xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @resize_size_count(%x: tensor<1x4x4x2xf32>, %s: tensor<3xi32>) {
  // expected-error@+1 {{'mint.resize_bilinear' op expects size to hold [height, width], its size to be 2, got 3}}
  %0 = mint.resize_bilinear %x, %s : (tensor<1x4x4x2xf32>, tensor<3xi32>) -> tensor<1x?x?x2xf32>
  return
}

// -----

func.func @resize_positive(%x: tensor<1x4x4x2xf32>) {
  %s = mint.const dense<[8, 0]> : tensor<2xi32>
  // expected-error@+1 {{'mint.resize_nearest_neighbor' op expects a positive size}}
  %0 = mint.resize_nearest_neighbor %x, %s : (tensor<1x4x4x2xf32>, tensor<2xi32>) -> tensor<1x?x?x2xf32>
  return
}

// -----

func.func @resize_modes(%x: tensor<1x4x4x2xf32>, %s: tensor<2xi32>) {
  // expected-error@+1 {{'mint.resize_bilinear' op expects at most one of align_corners and half_pixel_centers}}
  %0 = mint.resize_bilinear %x, %s {align_corners = true, half_pixel_centers = true} : (tensor<1x4x4x2xf32>, tensor<2xi32>) -> tensor<1x?x?x2xf32>
  return
}

// -----

func.func @depth_to_space_channels(%x: tensor<1x4x4x6xf32>) {
  // expected-error@+1 {{'mint.depth_to_space' op expects input channels (6) to be a multiple of block_size^2 (4)}}
  %0 = mint.depth_to_space %x {block_size = 2 : i32} : (tensor<1x4x4x6xf32>) -> tensor<1x8x8x1xf32>
  return
}

// -----

func.func @space_to_depth_spatial(%x: tensor<1x4x5x2xf32>) {
  // expected-error@+1 {{'mint.space_to_depth' op expects input dimension 2 (5) to be a multiple of block_size (2)}}
  %0 = mint.space_to_depth %x {block_size = 2 : i32} : (tensor<1x4x5x2xf32>) -> tensor<1x2x2x8xf32>
  return
}

// -----

func.func @block_size_positive(%x: tensor<1x4x4x4xf32>) {
  // expected-error@+1 {{'mint.depth_to_space' op attribute 'block_size' failed to satisfy constraint: 32-bit signless integer attribute whose value is positive}}
  %0 = mint.depth_to_space %x {block_size = 0 : i32} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @mean_axis(%x: tensor<2x4xf32>) {
  %a = mint.const dense<[2]> : tensor<1xi32>
  // expected-error@+1 {{'mint.mean' op axis 2 is out of range for rank 2}}
  %0 = mint.mean %x, %a : (tensor<2x4xf32>, tensor<1xi32>) -> tensor<?xf32>
  return
}

// -----

func.func @mean_kind(%x: tensor<2x4xf32>, %a: tensor<1xi32>) {
  // expected-error@+1 {{'mint.mean' op expects result element type 'i32' to be of the same kind as 'f32'}}
  %0 = mint.mean %x, %a : (tensor<2x4xf32>, tensor<1xi32>) -> tensor<2xi32>
  return
}

//===----------------------------------------------------------------------===//
// Quantization bookkeeping
//===----------------------------------------------------------------------===//

// -----

func.func @quantize_result(%x: tensor<4xf32>) {
  // expected-error@+1 {{'mint.quantize' op expects a quantized result, got 'i8'}}
  %0 = mint.quantize %x : (tensor<4xf32>) -> tensor<4xi8>
  return
}

// -----

func.func @quantize_input(%x: tensor<4xi32>) {
  // expected-error@+1 {{'mint.quantize' op expects a float or quantized input, got 'i32'}}
  %0 = mint.quantize %x : (tensor<4xi32>) -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @dequantize_result(%x: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error@+1 {{'mint.dequantize' op expects an f32 result, got 'f16'}}
  %0 = mint.dequantize %x : (tensor<4x!quant.uniform<i8:f32, 0.1>>) -> tensor<4xf16>
  return
}

// -----

func.func @dequantize_input(%x: tensor<4xi8>) {
  // expected-error@+1 {{'mint.dequantize' op expects a quantized or f16 input, got 'i8'}}
  %0 = mint.dequantize %x : (tensor<4xi8>) -> tensor<4xf32>
  return
}

// -----

func.func @densify_type(%x: tensor<4xf16>) {
  // expected-error@+1 {{'mint.densify' op expects the result type 'tensor<4xf32>' to equal the input type 'tensor<4xf16>'}}
  %0 = mint.densify %x : (tensor<4xf16>) -> tensor<4xf32>
  return
}

// -----

func.func @fake_quant_element(%x: tensor<4xf32>) {
  // expected-error@+1 {{'mint.fake_quant' op expects result element type to equal input element type}}
  %0 = mint.fake_quant %x {min = array<f32: -1.0>, max = array<f32: 1.0>} : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @fake_quant_bounds_count(%x: tensor<4xf32>) {
  // expected-error@+1 {{'mint.fake_quant' op expects as many min values as max values, got 1 and 2}}
  %0 = mint.fake_quant %x {min = array<f32: -1.0>, max = array<f32: 1.0, 2.0>} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @fake_quant_axis(%x: tensor<4xf32>) {
  // expected-error@+1 {{'mint.fake_quant' op axis 1 is out of range for rank 1}}
  %0 = mint.fake_quant %x {min = array<f32: -1.0>, max = array<f32: 1.0>, axis = 1 : i32} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @fake_quant_per_axis_count(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'mint.fake_quant' op expects one min/max pair per slice along axis -1 (3), got 2}}
  %0 = mint.fake_quant %x {min = array<f32: -1.0, -1.0>, max = array<f32: 1.0, 1.0>, axis = -1 : i32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @fake_quant_per_tensor_count(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'mint.fake_quant' op expects one min/max pair without an axis, got 2}}
  %0 = mint.fake_quant %x {min = array<f32: -1.0, -1.0>, max = array<f32: 1.0, 1.0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @fake_quant_order(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'mint.fake_quant' op expects min <= max, got 2.000000e+00 > 1.000000e+00 at index 0}}
  %0 = mint.fake_quant %x {min = array<f32: 2.0>, max = array<f32: 1.0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @fake_quant_bits(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{'mint.fake_quant' op attribute 'num_bits' failed to satisfy constraint: 32-bit signless integer attribute whose minimum value is 2 whose maximum value is 16}}
  %0 = mint.fake_quant %x {min = array<f32: -1.0>, max = array<f32: 1.0>, num_bits = 1 : i32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

//===----------------------------------------------------------------------===//
// Constants and custom ops
//===----------------------------------------------------------------------===//

// -----

func.func @const_shape() {
  // expected-error@+1 {{'mint.const' op expects value of type 'tensor<2xf32>' to hold the elements of 'tensor<3xf32>'}}
  %0 = mint.const dense<[1.0, 2.0]> : tensor<2xf32> -> tensor<3xf32>
  return
}

// -----

func.func @const_storage() {
  // expected-error@+1 {{'mint.const' op expects value of type 'tensor<2xi16>' to hold the elements of 'tensor<2x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %0 = mint.const dense<[1, 2]> : tensor<2xi16> -> tensor<2x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @const_not_elements() {
  // expected-error@+1 {{expects an elements attribute, got 1.000000e+00 : f32}}
  %0 = mint.const 1.0 : f32
  return
}

// -----

func.func @custom_code(%x: tensor<4xf32>) {
  // expected-error@+1 {{'mint.custom' op expects a non-empty custom_code}}
  %0 = mint.custom ""(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @transpose_conv_shape_values(%w: tensor<4x2x2x6xf32>, %y: tensor<1x8x8x6xf32>) {
  %s = mint.const dense<[1, 16, -16, 4]> : tensor<4xi32>
  // expected-error@+1 {{'mint.transpose_conv' op expects positive output_shape entries}}
  %0 = mint.transpose_conv %s, %w, %y {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<4xi32>, tensor<4x2x2x6xf32>, tensor<1x8x8x6xf32>) -> tensor<1x16x?x4xf32>
  return
}

// -----

func.func @reshape_not_divisible(%x: tensor<4x4xf32>) {
  %s = mint.const dense<[-1, 5]> : tensor<2xi32>
  // expected-error@+1 {{'mint.reshape' op cannot reshape 16 elements to [-1, 5]}}
  %0 = mint.reshape %x, %s : (tensor<4x4xf32>, tensor<2xi32>) -> tensor<?x5xf32>
  return
}

// -----

func.func @strided_slice_shrink_index(%x: tensor<2x4xf32>) {
  %b = mint.const dense<[2, 0]> : tensor<2xi32>
  %e = mint.const dense<[3, 4]> : tensor<2xi32>
  %s = mint.const dense<[1, 1]> : tensor<2xi32>
  // expected-error@+1 {{'mint.strided_slice' op takes index 2 of dimension 0 of size 2}}
  %0 = mint.strided_slice %x, %b, %e, %s {shrink_axis_mask = 1 : i32} : (tensor<2x4xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<4xf32>
  return
}

// -----

func.func @sparsity_rank() {
  // expected-error@+1 {{'mint.sparse_const' op sparsity describes a tensor of rank 3, got rank 2}}
  %0 = mint.sparse_const #mint.sparsity<traversal_order = [0, 1, 2], levels = [dense, dense, sparse_csr]> dense<1.0> : tensor<2x2xf32>
  return
}

// -----

func.func @sparsity_block_divides() {
  // expected-error@+1 {{'mint.sparse_const' op block size 4 does not divide dimension 1}}
  %0 = mint.sparse_const #mint.sparsity<traversal_order = [0, 1, 2], block_map = [1], block_sizes = [4], levels = [dense, sparse_csr, dense]> dense<1.0> : tensor<2x6xf32>
  return
}

// -----

func.func @sparsity_permutation() {
  // expected-error@+1 {{expects traversal_order to be a permutation of [0, 2)}}
  %0 = mint.sparse_const #mint.sparsity<traversal_order = [0, 0], levels = [dense, sparse_csr]> dense<1.0> : tensor<2x2xf32>
  return
}

// -----

func.func @sparsity_levels() {
  // expected-error@+1 {{expects one format per level (2), got 1}}
  %0 = mint.sparse_const #mint.sparsity<traversal_order = [0, 1], levels = [dense]> dense<1.0> : tensor<2x2xf32>
  return
}

// -----

func.func @sparsity_level_keyword() {
  // expected-error@+1 {{expected 'dense' or 'sparse_csr'}}
  %0 = mint.sparse_const #mint.sparsity<traversal_order = [0, 1], levels = [dense, coo]> dense<1.0> : tensor<2x2xf32>
  return
}

// -----

func.func @sparsity_block_map(%x: tensor<4xf32>) {
  // expected-error@+1 {{block_map entry 2 is not a tensor dimension}}
  %0 = mint.sparse_const #mint.sparsity<traversal_order = [0, 1, 2], block_map = [2], block_sizes = [2], levels = [dense, dense, dense]> dense<1.0> : tensor<2x2xf32>
  return
}

// -----

func.func @custom_builtin_options_without_code(%x: tensor<4xf32>) {
  // expected-error@+1 {{'mint.custom' op has builtin options but no builtin_code}}
  %0 = mint.custom "Foo"(%x) {builtin_options = {}, builtin_options_type = "AbsOptions"} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @custom_builtin_with_custom_options(%x: tensor<4xf32>) {
  // expected-error@+1 {{'mint.custom' op expects no custom_options on a builtin operator}}
  %0 = mint.custom "ABS"(%x) {builtin_code = 101 : i32, custom_options = "\01"} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @custom_builtin_options_pair(%x: tensor<4xf32>) {
  // expected-error@+1 {{'mint.custom' op expects builtin_options and builtin_options_type together}}
  %0 = mint.custom "ABS"(%x) {builtin_code = 101 : i32, builtin_options = {}} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @gather_axis_outside_rank(%p: tensor<4x3xf32>, %i: tensor<2xi32>) {
  // expected-error@+1 {{'mint.gather' op expects 0 <= batch_dims <= axis < params rank 2 and batch_dims <= indices rank, got axis 2 and batch_dims 0}}
  %0 = mint.gather %p, %i {axis = 2 : i32} : (tensor<4x3xf32>, tensor<2xi32>) -> tensor<4x2xf32>
  return
}

// -----

func.func @gather_batch_mismatch(%p: tensor<4x3xf32>, %i: tensor<2x5xi32>) {
  // expected-error@+1 {{'mint.gather' op expects batch dimension 0 of params and indices to agree, got 4 and 2}}
  %0 = mint.gather %p, %i {axis = 1 : i32, batch_dims = 1 : i32} : (tensor<4x3xf32>, tensor<2x5xi32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @gather_result_shape(%p: tensor<16xf32>, %i: tensor<2x3xi32>) {
  // expected-error@+1 {{'mint.gather' op}}
  %0 = mint.gather %p, %i : (tensor<16xf32>, tensor<2x3xi32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @cast_quantized(%x: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error@+1 {{'mint.cast' op casts float and integer types, not '!quant.uniform<i8:f32, 1.000000e-01>'}}
  %0 = mint.cast %x : (tensor<4x!quant.uniform<i8:f32, 0.1>>) -> tensor<4xi32>
  return
}
