// RUN: %check_op %s --work %t --max-ulp 64 --max-error 1e-5 | FileCheck %s
// CHECK: depthwise_conv_2d_multiplier: 3 cases, {{[0-9]+}} values

func.func @main(%x: tensor<1x9x9x4xf32>, %w: tensor<1x5x5x8xf32>, %b: tensor<8xf32>) -> tensor<1x5x5x8xf32> {
  %0 = mint.depthwise_conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32, depth_multiplier = 2 : i32} : (tensor<1x9x9x4xf32>, tensor<1x5x5x8xf32>, tensor<8xf32>) -> tensor<1x5x5x8xf32>
  return %0 : tensor<1x5x5x8xf32>
}
