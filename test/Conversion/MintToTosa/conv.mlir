// RUN: mint-opt %s --mint-to-tosa --split-input-file | FileCheck %s

// SAME padding splits the total evenly, the extra row going after; RELU6
// becomes a clamp.
// CHECK-LABEL: func.func @conv_same_relu6
// CHECK-SAME: (%[[X:.*]]: tensor<1x15x15x8xf32>, %[[W:.*]]: tensor<16x3x3x8xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK-DAG: %[[ZP:.*]] = "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}>
// CHECK: %[[CONV:.*]] = tosa.conv2d %[[X]], %[[W]], %[[B]], %[[ZP]], %[[ZP2:.*]] {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>}
// CHECK: %[[CLAMP:.*]] = tosa.clamp %[[CONV]] {max_val = 6.000000e+00 : f32, min_val = 0.000000e+00 : f32}
// CHECK: return %[[CLAMP]]
func.func @conv_same_relu6(%x: tensor<1x15x15x8xf32>, %w: tensor<16x3x3x8xf32>, %b: tensor<16xf32>) -> tensor<1x8x8x16xf32> {
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32, fused_activation_function = #mint.activation<relu6>} : (tensor<1x15x15x8xf32>, tensor<16x3x3x8xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  return %0 : tensor<1x8x8x16xf32>
}

// -----

// VALID padding with rows that no window reaches: TOSA wants them cropped.
// CHECK-LABEL: func.func @conv_valid_crop
// CHECK-SAME: (%[[X:.*]]: tensor<1x7x7x1xf32>
// CHECK-DAG: %[[START:.*]] = tosa.const_shape {values = dense<0> : tensor<4xindex>}
// CHECK-DAG: %[[SIZE:.*]] = tosa.const_shape {values = dense<[1, 6, 6, 1]> : tensor<4xindex>}
// CHECK: %[[CROP:.*]] = tosa.slice %[[X]], %[[START]], %[[SIZE]] : (tensor<1x7x7x1xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x6x6x1xf32>
// CHECK: tosa.conv2d %[[CROP]], {{.*}} pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>
func.func @conv_valid_crop(%x: tensor<1x7x7x1xf32>, %w: tensor<1x2x2x1xf32>) -> tensor<1x3x3x1xf32> {
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x7x7x1xf32>, tensor<1x2x2x1xf32>) -> tensor<1x3x3x1xf32>
  return %0 : tensor<1x3x3x1xf32>
}

// -----

// TFLite's [1, KH, KW, C*M] depthwise filter is TOSA's [KH, KW, C, M].
// CHECK-LABEL: func.func @depthwise_multiplier
// CHECK: %[[F:.*]] = tosa.reshape %{{.*}}, %{{.*}} : (tensor<1x5x5x8xf32>, !tosa.shape<4>) -> tensor<5x5x4x2xf32>
// CHECK: tosa.depthwise_conv2d %{{.*}}, %[[F]], {{.*}} pad = array<i64: 2, 2, 2, 2>, stride = array<i64: 2, 2>
func.func @depthwise_multiplier(%x: tensor<1x9x9x4xf32>, %w: tensor<1x5x5x8xf32>, %b: tensor<8xf32>) -> tensor<1x5x5x8xf32> {
  %0 = mint.depthwise_conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32, depth_multiplier = 2 : i32} : (tensor<1x9x9x4xf32>, tensor<1x5x5x8xf32>, tensor<8xf32>) -> tensor<1x5x5x8xf32>
  return %0 : tensor<1x5x5x8xf32>
}

// -----

// SAME transposed convolution: TFLite's padding as negative output padding.
// CHECK-LABEL: func.func @transpose_conv
// CHECK: tosa.transpose_conv2d {{.*}} out_pad = array<i64: 0, -1, 0, -1>, stride = array<i64: 2, 2>} : {{.*}} -> tensor<1x16x16x4xf32>
func.func @transpose_conv(%x: tensor<1x8x8x16xf32>, %w: tensor<4x3x3x16xf32>, %b: tensor<4xf32>) -> tensor<1x16x16x4xf32> {
  %shape = mint.const dense<[1, 16, 16, 4]> : tensor<4xi32>
  %0 = mint.transpose_conv %shape, %w, %x, %b {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<4xi32>, tensor<4x3x3x16xf32>, tensor<1x8x8x16xf32>, tensor<4xf32>) -> tensor<1x16x16x4xf32>
  return %0 : tensor<1x16x16x4xf32>
}

// -----

// MediaPipe's transposed convolution with bias: option bytes are padding
// (1 = SAME), stride width, stride height.
// CHECK-LABEL: func.func @convolution_2d_transpose_bias
// CHECK-SAME: (%[[X:.*]]: tensor<1x128x128x16xf32>, %[[W:.*]]: tensor<1x2x2x16xf32>, %[[B:.*]]: tensor<1xf32>)
// CHECK: %[[T:.*]] = tosa.transpose_conv2d %[[X]], %[[W]], %[[B]], {{.*}} out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} {{.*}} -> tensor<1x256x256x1xf32>
// CHECK: return %[[T]]
func.func @convolution_2d_transpose_bias(%x: tensor<1x128x128x16xf32>, %w: tensor<1x2x2x16xf32>, %b: tensor<1xf32>) -> tensor<1x256x256x1xf32> {
  %0 = mint.custom "Convolution2DTransposeBias"(%x, %w, %b) {custom_options = "\01\00\00\00\02\00\00\00\02\00\00\00"} : (tensor<1x128x128x16xf32>, tensor<1x2x2x16xf32>, tensor<1xf32>) -> tensor<1x256x256x1xf32>
  return %0 : tensor<1x256x256x1xf32>
}

// -----

// FULLY_CONNECTED is a 1x1 convolution over [rows, 1, 1, depth].
// CHECK-LABEL: func.func @fully_connected
// CHECK: %[[IN:.*]] = tosa.reshape %{{.*}} : (tensor<3x40xf32>, !tosa.shape<4>) -> tensor<3x1x1x40xf32>
// CHECK: %[[F:.*]] = tosa.reshape %{{.*}} : (tensor<10x40xf32>, !tosa.shape<4>) -> tensor<10x1x1x40xf32>
// CHECK: %[[C:.*]] = tosa.conv2d %[[IN]], %[[F]], {{.*}} -> tensor<3x1x1x10xf32>
// CHECK: %[[R:.*]] = tosa.clamp %[[C]]
// CHECK: tosa.reshape %[[R]], %{{.*}} -> tensor<3x10xf32>
func.func @fully_connected(%x: tensor<3x40xf32>, %w: tensor<10x40xf32>, %b: tensor<10xf32>) -> tensor<3x10xf32> {
  %0 = mint.fully_connected %x, %w, %b {fused_activation_function = #mint.activation<relu>} : (tensor<3x40xf32>, tensor<10x40xf32>, tensor<10xf32>) -> tensor<3x10xf32>
  return %0 : tensor<3x10xf32>
}

// -----

// CHECK-LABEL: func.func @pools
// CHECK: tosa.avg_pool2d {{.*}} {acc_type = f32, kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>}
// CHECK: tosa.max_pool2d {{.*}} {kernel = array<i64: 3, 3>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>}
func.func @pools(%x: tensor<1x11x11x8xf32>) -> (tensor<1x6x6x8xf32>, tensor<1x5x5x8xf32>) {
  %0 = mint.average_pool_2d %x {filter_height = 3 : i32, filter_width = 3 : i32, padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x11x11x8xf32>) -> tensor<1x6x6x8xf32>
  %1 = mint.max_pool_2d %x {filter_height = 3 : i32, filter_width = 3 : i32, padding = #mint.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x11x11x8xf32>) -> tensor<1x5x5x8xf32>
  return %0, %1 : tensor<1x6x6x8xf32>, tensor<1x5x5x8xf32>
}
