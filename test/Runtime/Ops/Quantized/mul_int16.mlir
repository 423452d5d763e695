// int16 MUL with broadcasting, MAXIMUM and MINIMUM (shared parameters).
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: mul_int16: 3 cases, {{[0-9]+}} values: max 0 ulp

!a = !quant.uniform<i16:f32, 0.0003>
func.func @main(%x: tensor<2x3x16x!a>, %y: tensor<1x1x16x!quant.uniform<i16:f32, 0.0011>>, %z: tensor<2x3x16x!a>) -> (tensor<2x3x16x!quant.uniform<i16:f32, 0.00002>>, tensor<2x3x16x!a>, tensor<2x3x16x!a>) {
  %0 = mint.mul %x, %y : (tensor<2x3x16x!a>, tensor<1x1x16x!quant.uniform<i16:f32, 0.0011>>) -> tensor<2x3x16x!quant.uniform<i16:f32, 0.00002>>
  %1 = mint.maximum %x, %z : (tensor<2x3x16x!a>, tensor<2x3x16x!a>) -> tensor<2x3x16x!a>
  %2 = mint.minimum %x, %z : (tensor<2x3x16x!a>, tensor<2x3x16x!a>) -> tensor<2x3x16x!a>
  return %0, %1, %2 : tensor<2x3x16x!quant.uniform<i16:f32, 0.00002>>, tensor<2x3x16x!a>, tensor<2x3x16x!a>
}
