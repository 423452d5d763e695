// int8 SOFTMAX (TFLite's float table of exponentials, summed in order) on
// short rows and on rows of 1000 classes, with beta 1 and 0.5.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: softmax_int8: 3 cases, {{[0-9]+}} values: max 0 ulp

!out = !quant.uniform<i8:f32, 0.00390625:-128>
func.func @main(%x: tensor<4x7x!quant.uniform<i8:f32, 0.1:3>>, %y: tensor<2x1000x!quant.uniform<i8:f32, 0.05:-10>>) -> (tensor<4x7x!out>, tensor<2x1000x!out>, tensor<4x7x!out>) {
  %0 = mint.softmax %x {beta = 1.0 : f32} : (tensor<4x7x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<4x7x!out>
  %1 = mint.softmax %y {beta = 1.0 : f32} : (tensor<2x1000x!quant.uniform<i8:f32, 0.05:-10>>) -> tensor<2x1000x!out>
  %2 = mint.softmax %x {beta = 0.5 : f32} : (tensor<4x7x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<4x7x!out>
  return %0, %1, %2 : tensor<4x7x!out>, tensor<2x1000x!out>, tensor<4x7x!out>
}
