// int16 ADD and SUB on TFLite's general-scale path (15 bits of headroom):
// pot_scale_int16 = false as TFLite's 16x8 converter writes it, and the
// default flag with scales that are not powers of two; with broadcasting
// and a fused RELU.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: add_sub_int16: 3 cases, {{[0-9]+}} values: max 0 ulp

!a = !quant.uniform<i16:f32, 0.0003>
!b = !quant.uniform<i16:f32, 0.0011>
!o = !quant.uniform<i16:f32, 0.0007>
func.func @main(%x: tensor<2x3x16x!a>, %y: tensor<1x1x16x!b>) -> (tensor<2x3x16x!o>, tensor<2x3x16x!o>, tensor<2x3x16x!o>) {
  %0 = mint.add %x, %y {pot_scale_int16 = false} : (tensor<2x3x16x!a>, tensor<1x1x16x!b>) -> tensor<2x3x16x!o>
  %1 = mint.sub %x, %y {pot_scale_int16 = false, fused_activation_function = #mint.activation<relu>} : (tensor<2x3x16x!a>, tensor<1x1x16x!b>) -> tensor<2x3x16x!o>
  %2 = mint.add %y, %x : (tensor<1x1x16x!b>, tensor<2x3x16x!a>) -> tensor<2x3x16x!o>
  return %0, %1, %2 : tensor<2x3x16x!o>, tensor<2x3x16x!o>, tensor<2x3x16x!o>
}
