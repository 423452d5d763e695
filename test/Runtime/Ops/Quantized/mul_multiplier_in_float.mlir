// TFLite computes a quantized MUL's multiplier (input scales over the
// output scale) in float, not double. With selfie_segmentation's int16x8
// scales the two differ in the 8th digit (1858108800 vs 1858108825 as
// 32-bit multipliers), enough to move products such as 1153 * 21748
// (2648.49991 in float, 2648.49995 in double) across a rounding step: random
// inputs over the whole int16 range hit several such products.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: mul_multiplier_in_float: 3 cases, {{[0-9]+}} values: max 0 ulp

!x = !quant.uniform<i16:f32, 2.3895959020592272E-4>
!s = !quant.uniform<i16:f32, 3.0517578125E-5>
!y = !quant.uniform<i16:f32, 6.904356268933043E-5>
func.func @main(%x: tensor<1x64x64x16x!x>, %s: tensor<1x1x1x16x!s>) -> tensor<1x64x64x16x!y> {
  %0 = mint.mul %x, %s : (tensor<1x64x64x16x!x>, tensor<1x1x1x16x!s>) -> tensor<1x64x64x16x!y>
  return %0 : tensor<1x64x64x16x!y>
}
