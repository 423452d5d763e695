// RUN: mint-opt %s | mint-opt | FileCheck %s
// RUN: mint-opt %s --mlir-print-op-generic | mint-opt | FileCheck %s
// RUN: mint-opt %s --emit-bytecode | mint-opt | FileCheck %s

// Round-trips every mint op in its float form and, where TFLite has one,
// its quantized form.

!qi8 = !quant.uniform<i8:f32, 0.05:-3>
!qi8b = !quant.uniform<i8:f32, 0.1:4>
!qw = !quant.uniform<i8<-127:127>:f32:0, {0.01, 0.02}>
!qbias = !quant.uniform<i32:f32:0, {5.0e-04, 1.0e-03}>

// CHECK-LABEL: func @convolutions
func.func @convolutions(%x: tensor<1x8x8x4xf32>, %w: tensor<6x3x3x4xf32>,
                        %b: tensor<6xf32>, %dw: tensor<1x3x3x8xf32>,
                        %b8: tensor<8xf32>, %tw: tensor<4x2x2x6xf32>,
                        %y: tensor<1x8x8x6xf32>, %b4: tensor<4xf32>)
    -> (tensor<1x4x4x6xf32>, tensor<1x6x6x8xf32>, tensor<1x16x16x4xf32>,
        tensor<1x8x8x6xf32>) {
  // CHECK: mint.conv_2d %{{.*}}, %{{.*}}, %{{.*}} {dilation_h_factor = 2 : i32, fused_activation_function = #mint.activation<relu6>, padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32}
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32, dilation_h_factor = 2 : i32, fused_activation_function = #mint.activation<relu6>}
       : (tensor<1x8x8x4xf32>, tensor<6x3x3x4xf32>, tensor<6xf32>) -> tensor<1x4x4x6xf32>
  // CHECK: mint.depthwise_conv_2d %{{.*}}, %{{.*}}, %{{.*}} {depth_multiplier = 2 : i32, padding = #mint.padding<valid>
  %1 = mint.depthwise_conv_2d %x, %dw, %b8 {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32, depth_multiplier = 2 : i32}
       : (tensor<1x8x8x4xf32>, tensor<1x3x3x8xf32>, tensor<8xf32>) -> tensor<1x6x6x8xf32>
  // CHECK: %[[SHAPE:.*]] = mint.const dense<[1, 16, 16, 4]> : tensor<4xi32>
  %shape = mint.const dense<[1, 16, 16, 4]> : tensor<4xi32>
  // CHECK: mint.transpose_conv %[[SHAPE]], %{{.*}}, %{{.*}}, %{{.*}} {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32}
  %2 = mint.transpose_conv %shape, %tw, %y, %b4 {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32}
       : (tensor<4xi32>, tensor<4x2x2x6xf32>, tensor<1x8x8x6xf32>, tensor<4xf32>) -> tensor<1x16x16x4xf32>
  // CHECK: mint.conv_2d %{{.*}}, %{{.*}} {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x8x8x4xf32>, tensor<6x3x3x4xf32>) -> tensor<1x8x8x6xf32>
  %3 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32}
       : (tensor<1x8x8x4xf32>, tensor<6x3x3x4xf32>) -> tensor<1x8x8x6xf32>
  return %0, %1, %2, %3 : tensor<1x4x4x6xf32>, tensor<1x6x6x8xf32>, tensor<1x16x16x4xf32>, tensor<1x8x8x6xf32>
}

// CHECK-LABEL: func @quantized_conv
func.func @quantized_conv(%x: tensor<1x4x4x3x!qi8>, %w: tensor<2x1x1x3x!qw>,
                          %b: tensor<2x!qbias>) -> tensor<1x4x4x2x!qi8b> {
  // CHECK: mint.conv_2d {{.*}} : (tensor<1x4x4x3x!quant.uniform<i8:f32, 5.000000e-02:-3>>, tensor<2x1x1x3x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-02,2.000000e-02}>>, tensor<2x!quant.uniform<i32:f32:0, {5.000000e-04,1.000000e-03}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 1.000000e-01:4>>
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32}
       : (tensor<1x4x4x3x!qi8>, tensor<2x1x1x3x!qw>, tensor<2x!qbias>) -> tensor<1x4x4x2x!qi8b>
  return %0 : tensor<1x4x4x2x!qi8b>
}

// CHECK-LABEL: func @hybrid_fully_connected
func.func @hybrid_fully_connected(%x: tensor<2x3x8xf32>, %w: tensor<5x8x!quant.uniform<i8:f32, 0.02>>,
                                  %b: tensor<5xf32>) -> (tensor<2x3x5xf32>, tensor<6x5xf32>) {
  // CHECK: mint.fully_connected %{{.*}}, %{{.*}}, %{{.*}} {asymmetric_quantize_inputs = true, keep_num_dims = true}
  %0 = mint.fully_connected %x, %w, %b {keep_num_dims = true, asymmetric_quantize_inputs = true}
       : (tensor<2x3x8xf32>, tensor<5x8x!quant.uniform<i8:f32, 0.02>>, tensor<5xf32>) -> tensor<2x3x5xf32>
  // CHECK: mint.fully_connected %{{.*}}, %{{.*}} : (tensor<2x3x8xf32>, tensor<5x8x!quant.uniform<i8:f32, 2.000000e-02>>) -> tensor<6x5xf32>
  %1 = mint.fully_connected %x, %w : (tensor<2x3x8xf32>, tensor<5x8x!quant.uniform<i8:f32, 0.02>>) -> tensor<6x5xf32>
  return %0, %1 : tensor<2x3x5xf32>, tensor<6x5xf32>
}

// CHECK-LABEL: func @pools
func.func @pools(%x: tensor<1x7x7x16xf32>) -> (tensor<1x1x1x16xf32>, tensor<1x4x4x16xf32>) {
  // CHECK: mint.average_pool_2d %{{.*}} {filter_height = 7 : i32, filter_width = 7 : i32, padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32}
  %0 = mint.average_pool_2d %x {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32, filter_height = 7 : i32, filter_width = 7 : i32}
       : (tensor<1x7x7x16xf32>) -> tensor<1x1x1x16xf32>
  // CHECK: mint.max_pool_2d %{{.*}} {filter_height = 2 : i32, filter_width = 2 : i32, fused_activation_function = #mint.activation<relu>, padding = #mint.padding<same>
  %1 = mint.max_pool_2d %x {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32, filter_height = 2 : i32, filter_width = 2 : i32, fused_activation_function = #mint.activation<relu>}
       : (tensor<1x7x7x16xf32>) -> tensor<1x4x4x16xf32>
  return %0, %1 : tensor<1x1x1x16xf32>, tensor<1x4x4x16xf32>
}

// CHECK-LABEL: func @binary
func.func @binary(%a: tensor<1x8x8x16xf32>, %b: tensor<16xf32>, %qa: tensor<4x!qi8>, %qb: tensor<4x!qi8b>)
    -> (tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>,
        tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>, tensor<4x!qi8>) {
  // CHECK: mint.add %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<relu_n1_to_1>}
  %0 = mint.add %a, %b {fused_activation_function = #mint.activation<relu_n1_to_1>} : (tensor<1x8x8x16xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  // CHECK: mint.sub %{{.*}}, %{{.*}} {pot_scale_int16 = false}
  %1 = mint.sub %a, %b {pot_scale_int16 = false} : (tensor<1x8x8x16xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  // CHECK: mint.mul %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<tanh>}
  %2 = mint.mul %a, %b {fused_activation_function = #mint.activation<tanh>} : (tensor<1x8x8x16xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  // CHECK: mint.div %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<sign_bit>}
  %3 = mint.div %a, %b {fused_activation_function = #mint.activation<sign_bit>} : (tensor<1x8x8x16xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  // CHECK: mint.maximum %{{.*}}, %{{.*}} : (tensor<1x8x8x16xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  %4 = mint.maximum %a, %b : (tensor<1x8x8x16xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  // CHECK: mint.minimum %{{.*}}, %{{.*}} : (tensor<1x8x8x16xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  %5 = mint.minimum %a, %b : (tensor<1x8x8x16xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  // CHECK: mint.add %{{.*}}, %{{.*}} : (tensor<4x!quant.uniform<i8:f32, 5.000000e-02:-3>>, tensor<4x!quant.uniform<i8:f32, 1.000000e-01:4>>) -> tensor<4x!quant.uniform<i8:f32, 5.000000e-02:-3>>
  %6 = mint.add %qa, %qb : (tensor<4x!qi8>, tensor<4x!qi8b>) -> tensor<4x!qi8>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>, tensor<4x!qi8>
}

// CHECK-LABEL: func @activations
func.func @activations(%x: tensor<1x4x4x8xf32>, %alpha: tensor<1x1x8xf32>) {
  // CHECK: mint.relu %{{.*}} : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %0 = mint.relu %x : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  // CHECK: mint.relu6
  %1 = mint.relu6 %x : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  // CHECK: mint.relu_n1_to_1
  %2 = mint.relu_n1_to_1 %x : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  // CHECK: mint.leaky_relu %{{.*}} {alpha = 2.000000e-01 : f32}
  %3 = mint.leaky_relu %x {alpha = 0.2 : f32} : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  // CHECK: mint.prelu %{{.*}}, %{{.*}} : (tensor<1x4x4x8xf32>, tensor<1x1x8xf32>) -> tensor<1x4x4x8xf32>
  %4 = mint.prelu %x, %alpha : (tensor<1x4x4x8xf32>, tensor<1x1x8xf32>) -> tensor<1x4x4x8xf32>
  // CHECK: mint.logistic
  %5 = mint.logistic %x : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  // CHECK: mint.tanh
  %6 = mint.tanh %x : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  // CHECK: mint.hard_swish
  %7 = mint.hard_swish %x : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  // CHECK: mint.softmax %{{.*}} {beta = 1.000000e+00 : f32}
  %8 = mint.softmax %x {beta = 1.0 : f32} : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  // CHECK: mint.log_softmax
  %9 = mint.log_softmax %x : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return
}

// CHECK-LABEL: func @fixed_range_activations
func.func @fixed_range_activations(%x: tensor<8x!qi8>, %y: tensor<8x!quant.uniform<i16:f32, 0.001>>) {
  // CHECK: mint.logistic %{{.*}} : (tensor<8x!quant.uniform<i8:f32, 5.000000e-02:-3>>) -> tensor<8x!quant.uniform<i8:f32, 3.906250e-03:-128>>
  %0 = mint.logistic %x : (tensor<8x!qi8>) -> tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>
  // CHECK: mint.tanh %{{.*}} -> tensor<8x!quant.uniform<i8:f32, 7.812500e-03>>
  %1 = mint.tanh %x : (tensor<8x!qi8>) -> tensor<8x!quant.uniform<i8:f32, 0.0078125>>
  // CHECK: mint.softmax %{{.*}} -> tensor<8x!quant.uniform<i16:f32, 3.0517578125E-5>>
  %2 = mint.softmax %y {beta = 1.0 : f32} : (tensor<8x!quant.uniform<i16:f32, 0.001>>) -> tensor<8x!quant.uniform<i16:f32, 3.0517578125E-5>>
  // CHECK: mint.log_softmax %{{.*}} -> tensor<8x!quant.uniform<i8:f32, 6.250000e-02:127>>
  %3 = mint.log_softmax %x : (tensor<8x!qi8>) -> tensor<8x!quant.uniform<i8:f32, 0.0625:127>>
  return
}

// CHECK-LABEL: func @shapes
func.func @shapes(%x: tensor<1x8x8x16xf32>, %y: tensor<1x8x8x4xf32>, %v: tensor<f32>,
                  %begin: tensor<4xi32>, %size: tensor<4xi32>) {
  %s = mint.const dense<[1, 1024]> : tensor<2xi32>
  // CHECK: mint.reshape %{{.*}}, %{{.*}} : (tensor<1x8x8x16xf32>, tensor<2xi32>) -> tensor<1x1024xf32>
  %0 = mint.reshape %x, %s : (tensor<1x8x8x16xf32>, tensor<2xi32>) -> tensor<1x1024xf32>
  // CHECK: mint.reshape %{{.*}} {new_shape = array<i32: -1, 16>} : (tensor<1x8x8x16xf32>) -> tensor<64x16xf32>
  %1 = mint.reshape %x {new_shape = array<i32: -1, 16>} : (tensor<1x8x8x16xf32>) -> tensor<64x16xf32>
  // CHECK: mint.squeeze %{{.*}} {squeeze_dims = array<i32: 0>}
  %2 = mint.squeeze %x {squeeze_dims = array<i32: 0>} : (tensor<1x8x8x16xf32>) -> tensor<8x8x16xf32>
  // CHECK: mint.concatenation %{{.*}}, %{{.*}} {axis = -1 : i32} : (tensor<1x8x8x16xf32>, tensor<1x8x8x4xf32>) -> tensor<1x8x8x20xf32>
  %3 = mint.concatenation %x, %y {axis = -1 : i32} : (tensor<1x8x8x16xf32>, tensor<1x8x8x4xf32>) -> tensor<1x8x8x20xf32>
  %p = mint.const dense<[[0, 0], [1, 1], [2, 0], [0, 0]]> : tensor<4x2xi32>
  // CHECK: mint.pad %{{.*}}, %{{.*}} : (tensor<1x8x8x16xf32>, tensor<4x2xi32>) -> tensor<1x10x10x16xf32>
  %4 = mint.pad %x, %p : (tensor<1x8x8x16xf32>, tensor<4x2xi32>) -> tensor<1x10x10x16xf32>
  // CHECK: mint.padv2 %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x8x8x16xf32>, tensor<4x2xi32>, tensor<f32>) -> tensor<1x10x10x16xf32>
  %5 = mint.padv2 %x, %p, %v : (tensor<1x8x8x16xf32>, tensor<4x2xi32>, tensor<f32>) -> tensor<1x10x10x16xf32>
  // CHECK: mint.slice %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x8x8x16xf32>, tensor<4xi32>, tensor<4xi32>) -> tensor<?x?x?x?xf32>
  %6 = mint.slice %x, %begin, %size : (tensor<1x8x8x16xf32>, tensor<4xi32>, tensor<4xi32>) -> tensor<?x?x?x?xf32>
  %b = mint.const dense<[0, 1, 0, 0]> : tensor<4xi32>
  %e = mint.const dense<[1, 7, 8, 16]> : tensor<4xi32>
  %st = mint.const dense<[1, 2, 1, 1]> : tensor<4xi32>
  // CHECK: mint.strided_slice %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {begin_mask = 4 : i32, shrink_axis_mask = 1 : i32} : {{.*}} -> tensor<3x8x16xf32>
  %7 = mint.strided_slice %x, %b, %e, %st {begin_mask = 4 : i32, shrink_axis_mask = 1 : i32}
       : (tensor<1x8x8x16xf32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) -> tensor<3x8x16xf32>
  %perm = mint.const dense<[0, 3, 1, 2]> : tensor<4xi32>
  // CHECK: mint.transpose %{{.*}}, %{{.*}} : (tensor<1x8x8x16xf32>, tensor<4xi32>) -> tensor<1x16x8x8xf32>
  %8 = mint.transpose %x, %perm : (tensor<1x8x8x16xf32>, tensor<4xi32>) -> tensor<1x16x8x8xf32>
  %hw = mint.const dense<[16, 12]> : tensor<2xi32>
  // CHECK: mint.resize_bilinear %{{.*}}, %{{.*}} {half_pixel_centers = true} : (tensor<1x8x8x16xf32>, tensor<2xi32>) -> tensor<1x16x12x16xf32>
  %9 = mint.resize_bilinear %x, %hw {half_pixel_centers = true} : (tensor<1x8x8x16xf32>, tensor<2xi32>) -> tensor<1x16x12x16xf32>
  // CHECK: mint.resize_nearest_neighbor %{{.*}}, %{{.*}} {align_corners = true}
  %10 = mint.resize_nearest_neighbor %x, %hw {align_corners = true} : (tensor<1x8x8x16xf32>, tensor<2xi32>) -> tensor<1x16x12x16xf32>
  // CHECK: mint.depth_to_space %{{.*}} {block_size = 2 : i32} : (tensor<1x8x8x16xf32>) -> tensor<1x16x16x4xf32>
  %11 = mint.depth_to_space %x {block_size = 2 : i32} : (tensor<1x8x8x16xf32>) -> tensor<1x16x16x4xf32>
  // CHECK: mint.space_to_depth %{{.*}} {block_size = 4 : i32} : (tensor<1x8x8x16xf32>) -> tensor<1x2x2x256xf32>
  %12 = mint.space_to_depth %x {block_size = 4 : i32} : (tensor<1x8x8x16xf32>) -> tensor<1x2x2x256xf32>
  %axes = mint.const dense<[1, 2]> : tensor<2xi32>
  // CHECK: mint.mean %{{.*}}, %{{.*}} {keep_dims = true} : (tensor<1x8x8x16xf32>, tensor<2xi32>) -> tensor<1x1x1x16xf32>
  %13 = mint.mean %x, %axes {keep_dims = true} : (tensor<1x8x8x16xf32>, tensor<2xi32>) -> tensor<1x1x1x16xf32>
  // CHECK: mint.mean %{{.*}}, %{{.*}} : (tensor<1x8x8x16xf32>, tensor<2xi32>) -> tensor<1x16xf32>
  %14 = mint.mean %x, %axes : (tensor<1x8x8x16xf32>, tensor<2xi32>) -> tensor<1x16xf32>
  return
}

// CHECK-LABEL: func @quantization
func.func @quantization(%x: tensor<2x3xf32>, %h: tensor<6x3xf16>) {
  // CHECK: %[[Q:.*]] = mint.quantize %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8:f32, 5.000000e-02:-3>>
  %0 = mint.quantize %x : (tensor<2x3xf32>) -> tensor<2x3x!qi8>
  // CHECK: mint.quantize %[[Q]] : {{.*}} -> tensor<2x3x!quant.uniform<i16:f32, 1.000000e-03>>
  %1 = mint.quantize %0 : (tensor<2x3x!qi8>) -> tensor<2x3x!quant.uniform<i16:f32, 0.001>>
  // CHECK: mint.dequantize %[[Q]] : {{.*}} -> tensor<2x3xf32>
  %2 = mint.dequantize %0 : (tensor<2x3x!qi8>) -> tensor<2x3xf32>
  // CHECK: mint.dequantize %{{.*}} : (tensor<6x3xf16>) -> tensor<6x3xf32>
  %3 = mint.dequantize %h : (tensor<6x3xf16>) -> tensor<6x3xf32>
  // CHECK: mint.densify %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = mint.densify %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: mint.fake_quant %{{.*}} {max = array<f32: 1.000000e+00>, min = array<f32: -1.000000e+00>, narrow_range = true, num_bits = 4 : i32}
  %5 = mint.fake_quant %x {min = array<f32: -1.0>, max = array<f32: 1.0>, num_bits = 4 : i32, narrow_range = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: mint.fake_quant %{{.*}} {axis = 1 : i32, max = array<f32: 1.000000e+00, 2.000000e+00, 3.000000e+00>, min = array<f32: 0.000000e+00, -2.000000e+00, -3.000000e+00>}
  %6 = mint.fake_quant %x {min = array<f32: 0.0, -2.0, -3.0>, max = array<f32: 1.0, 2.0, 3.0>, axis = 1 : i32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func @graph
func.func @graph(%x: tensor<1x4xf32>) -> (tensor<2x!quant.uniform<u8:f32, 5.000000e-01:128>>, tensor<1x4xf32>, tensor<4xi32>) {
  // CHECK: mint.const dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
  %0 = mint.const dense<[1.0, 2.0]> : tensor<2xf32>
  // CHECK: mint.const dense<[0, -1]> : tensor<2xi8> -> tensor<2x!quant.uniform<u8:f32, 5.000000e-01:128>>
  %1 = mint.const dense<[0, 255]> : tensor<2xi8> -> tensor<2x!quant.uniform<u8:f32, 0.5:128>>
  // CHECK: mint.const {tag = "weights"} dense<1> : tensor<4xi32>
  %2 = mint.const {tag = "weights"} dense<1> : tensor<4xi32>
  // CHECK: mint.custom "Convolution2DTransposeBias"(%{{.*}}, %{{.*}}) {custom_options = "\01\00\00\00\02"} : (tensor<1x4xf32>, tensor<2xf32>) -> (tensor<1x4xf32>, tensor<i32>)
  %3:2 = mint.custom "Convolution2DTransposeBias"(%x, %0) {custom_options = "\01\00\00\00\02"} : (tensor<1x4xf32>, tensor<2xf32>) -> (tensor<1x4xf32>, tensor<i32>)
  // CHECK: mint.custom "NoOptions"() : () -> ()
  mint.custom "NoOptions"() : () -> ()
  return %1, %3#0, %2 : tensor<2x!quant.uniform<u8:f32, 5.000000e-01:128>>, tensor<1x4xf32>, tensor<4xi32>
}

// CHECK-LABEL: func @sparse_and_opaque
func.func @sparse_and_opaque(%x: tensor<1x8xf32>) {
  // CHECK: mint.sparse_const #mint.sparsity<traversal_order = [0, 1], levels = [dense, sparse_csr]> dense<{{\[}}[0.000000e+00, 1.500000e+00], [0.000000e+00, 0.000000e+00]]> : tensor<2x2xf16>
  %0 = mint.sparse_const #mint.sparsity<traversal_order = [0, 1], levels = [dense, sparse_csr]> dense<[[0.0, 1.5], [0.0, 0.0]]> : tensor<2x2xf16>
  // CHECK: mint.sparse_const #mint.sparsity<traversal_order = [0, 1, 2], block_map = [1], block_sizes = [4], levels = [dense, sparse_csr, dense]> dense<1.000000e+00> : tensor<2x8xf32>
  %1 = mint.sparse_const #mint.sparsity<traversal_order = [0, 1, 2], block_map = [1], block_sizes = [4], levels = [dense, sparse_csr, dense]> dense<1.0> : tensor<2x8xf32>
  // CHECK: %[[NONE:.*]] = mint.no_value : none
  %none = mint.no_value : none
  // CHECK: mint.custom "WHILE"(%{{.*}}, %[[NONE]]) {builtin_code = 119 : i32, builtin_options = {body_subgraph_index = 2 : i32, cond_subgraph_index = 1 : i32}, builtin_options_type = "WhileOptions", version = 2 : i32}
  %2 = mint.custom "WHILE"(%x, %none) {builtin_code = 119 : i32, builtin_options = {cond_subgraph_index = 1 : i32, body_subgraph_index = 2 : i32}, builtin_options_type = "WhileOptions", version = 2 : i32} : (tensor<1x8xf32>, none) -> tensor<1x8xf32>
  return
}

// CHECK-LABEL: func @palette_ops
func.func @palette_ops(%palette: tensor<16xf32>, %indices: tensor<8x3x3x4xui8>,
                       %table: tensor<2x5x3xf32>, %rows: tensor<2x7xi64>)
    -> (tensor<8x3x3x4xf32>, tensor<2x5x7xf32>) {
  // CHECK: mint.cast %{{.*}} {in_data_type = "UINT8", out_data_type = "INT32"} : (tensor<8x3x3x4xui8>) -> tensor<8x3x3x4xi32>
  %0 = mint.cast %indices {in_data_type = "UINT8", out_data_type = "INT32"} : (tensor<8x3x3x4xui8>) -> tensor<8x3x3x4xi32>
  // CHECK: mint.gather %{{.*}}, %{{.*}} : (tensor<16xf32>, tensor<8x3x3x4xi32>) -> tensor<8x3x3x4xf32>
  %1 = mint.gather %palette, %0 : (tensor<16xf32>, tensor<8x3x3x4xi32>) -> tensor<8x3x3x4xf32>
  // CHECK: mint.gather %{{.*}}, %{{.*}} {axis = 2 : i32, batch_dims = 1 : i32} : (tensor<2x5x3xf32>, tensor<2x7xi64>) -> tensor<2x5x7xf32>
  %2 = mint.gather %table, %rows {axis = 2 : i32, batch_dims = 1 : i32} : (tensor<2x5x3xf32>, tensor<2x7xi64>) -> tensor<2x5x7xf32>
  return %1, %2 : tensor<8x3x3x4xf32>, tensor<2x5x7xf32>
}
