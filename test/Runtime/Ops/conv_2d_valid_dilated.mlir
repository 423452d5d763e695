// RUN: %check_op %s --work %t --max-ulp 64 --max-error 1e-5 | FileCheck %s
// CHECK: conv_2d_valid_dilated: 3 cases, {{[0-9]+}} values

func.func @main(%x: tensor<1x14x13x4xf32>, %w: tensor<6x3x2x4xf32>, %b: tensor<6xf32>) -> tensor<1x5x6x6xf32> {
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32, dilation_h_factor = 2 : i32} : (tensor<1x14x13x4xf32>, tensor<6x3x2x4xf32>, tensor<6xf32>) -> tensor<1x5x6x6xf32>
  return %0 : tensor<1x5x6x6xf32>
}
