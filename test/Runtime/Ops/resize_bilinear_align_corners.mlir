// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: resize_bilinear_align_corners: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<1x5x7x3xf32>) -> tensor<1x13x10x3xf32> {
  %size = mint.const dense<[13, 10]> : tensor<2xi32>
  %0 = mint.resize_bilinear %x, %size {align_corners = true} : (tensor<1x5x7x3xf32>, tensor<2xi32>) -> tensor<1x13x10x3xf32>
  return %0 : tensor<1x13x10x3xf32>
}
