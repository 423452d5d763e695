// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: resize_bilinear_half_pixel: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<1x9x16x8xf32>) -> tensor<1x18x32x8xf32> {
  %size = mint.const dense<[18, 32]> : tensor<2xi32>
  %0 = mint.resize_bilinear %x, %size {half_pixel_centers = true} : (tensor<1x9x16x8xf32>, tensor<2xi32>) -> tensor<1x18x32x8xf32>
  return %0 : tensor<1x18x32x8xf32>
}
