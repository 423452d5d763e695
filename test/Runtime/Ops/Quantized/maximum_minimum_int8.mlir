// int8 MAXIMUM and MINIMUM (with broadcasting): comparisons of the stored
// integers, inputs and output sharing their parameters.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: maximum_minimum_int8: 3 cases, {{[0-9]+}} values: max 0 ulp

!q = !quant.uniform<i8:f32, 0.05:-4>
func.func @main(%x: tensor<2x3x8x!q>, %y: tensor<8x!q>) -> (tensor<2x3x8x!q>, tensor<2x3x8x!q>) {
  %0 = mint.maximum %x, %y : (tensor<2x3x8x!q>, tensor<8x!q>) -> tensor<2x3x8x!q>
  %1 = mint.minimum %x, %y : (tensor<2x3x8x!q>, tensor<8x!q>) -> tensor<2x3x8x!q>
  return %0, %1 : tensor<2x3x8x!q>, tensor<2x3x8x!q>
}
