// RUN: %check_op %s --work %t --max-ulp 64 --max-error 1e-5 | FileCheck %s
// CHECK: depthwise_conv_2d: 3 cases, {{[0-9]+}} values

func.func @main(%x: tensor<1x16x16x32xf32>, %w: tensor<1x3x3x32xf32>, %b: tensor<32xf32>) -> tensor<1x16x16x32xf32> {
  %0 = mint.depthwise_conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, depth_multiplier = 1 : i32} : (tensor<1x16x16x32xf32>, tensor<1x3x3x32xf32>, tensor<32xf32>) -> tensor<1x16x16x32xf32>
  return %0 : tensor<1x16x16x32xf32>
}
