// int8 RESIZE_BILINEAR (TFLite's 10-bit fixed-point kernel): upscaling with
// half-pixel centers, with aligned corners, and plain downscaling; int16
// through the same kernel.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: resize_bilinear_int8: 3 cases, {{[0-9]+}} values: max 0 ulp

!q = !quant.uniform<i8:f32, 0.05:3>
!w = !quant.uniform<i16:f32, 0.001>
func.func @main(%x: tensor<1x9x16x8x!q>, %y: tensor<1x9x16x8x!w>) -> (tensor<1x18x32x8x!q>, tensor<1x20x21x8x!q>, tensor<1x4x7x8x!q>, tensor<1x18x32x8x!w>) {
  %up = mint.const dense<[18, 32]> : tensor<2xi32>
  %odd = mint.const dense<[20, 21]> : tensor<2xi32>
  %down = mint.const dense<[4, 7]> : tensor<2xi32>
  %0 = mint.resize_bilinear %x, %up {half_pixel_centers = true} : (tensor<1x9x16x8x!q>, tensor<2xi32>) -> tensor<1x18x32x8x!q>
  %1 = mint.resize_bilinear %x, %odd {align_corners = true} : (tensor<1x9x16x8x!q>, tensor<2xi32>) -> tensor<1x20x21x8x!q>
  %2 = mint.resize_bilinear %x, %down : (tensor<1x9x16x8x!q>, tensor<2xi32>) -> tensor<1x4x7x8x!q>
  %3 = mint.resize_bilinear %y, %up {half_pixel_centers = true} : (tensor<1x9x16x8x!w>, tensor<2xi32>) -> tensor<1x18x32x8x!w>
  return %0, %1, %2, %3 : tensor<1x18x32x8x!q>, tensor<1x20x21x8x!q>, tensor<1x4x7x8x!q>, tensor<1x18x32x8x!w>
}
