// RUN: %check_op %s --work %t --max-ulp 64 --max-error 1e-5 | FileCheck %s
// CHECK: transpose_conv: 3 cases, {{[0-9]+}} values

func.func @main(%x: tensor<1x8x8x16xf32>, %w: tensor<4x3x3x16xf32>, %b: tensor<4xf32>) -> tensor<1x16x16x4xf32> {
  %shape = mint.const dense<[1, 16, 16, 4]> : tensor<4xi32>
  %0 = mint.transpose_conv %shape, %w, %x, %b {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<4xi32>, tensor<4x3x3x16xf32>, tensor<1x8x8x16xf32>, tensor<4xf32>) -> tensor<1x16x16x4xf32>
  return %0 : tensor<1x16x16x4xf32>
}
