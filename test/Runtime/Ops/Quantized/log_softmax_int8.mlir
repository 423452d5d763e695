// int8 LOG_SOFTMAX (TFLite's float table of exponentials, the log of their
// sum, halves rounded to even) on short and on long rows.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: log_softmax_int8: 3 cases, {{[0-9]+}} values: max 0 ulp

!out = !quant.uniform<i8:f32, 0.0625:127>
func.func @main(%x: tensor<4x7x!quant.uniform<i8:f32, 0.1:3>>, %y: tensor<2x300x!quant.uniform<i8:f32, 0.05:-10>>) -> (tensor<4x7x!out>, tensor<2x300x!out>) {
  %0 = mint.log_softmax %x : (tensor<4x7x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<4x7x!out>
  %1 = mint.log_softmax %y : (tensor<2x300x!quant.uniform<i8:f32, 0.05:-10>>) -> tensor<2x300x!out>
  return %0, %1 : tensor<4x7x!out>, tensor<2x300x!out>
}
