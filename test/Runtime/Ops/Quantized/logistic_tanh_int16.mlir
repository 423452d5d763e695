// int16 LOGISTIC and TANH (TFLite's interpolation in its sigmoid table) for
// all 65536 inputs; input scales that are not powers of two, and 2^-13.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: logistic_tanh_int16: 3 cases, {{[0-9]+}} values: max 0 ulp

!out = !quant.uniform<i16:f32, 3.0517578125e-05>
func.func @main(%x: tensor<256x256x!quant.uniform<i16:f32, 0.0007>>, %y: tensor<256x256x!quant.uniform<i16:f32, 0.0001220703125>>) -> (tensor<256x256x!out>, tensor<256x256x!out>, tensor<256x256x!out>, tensor<256x256x!out>) {
  %0 = mint.logistic %x : (tensor<256x256x!quant.uniform<i16:f32, 0.0007>>) -> tensor<256x256x!out>
  %1 = mint.tanh %x : (tensor<256x256x!quant.uniform<i16:f32, 0.0007>>) -> tensor<256x256x!out>
  %2 = mint.logistic %y : (tensor<256x256x!quant.uniform<i16:f32, 0.0001220703125>>) -> tensor<256x256x!out>
  %3 = mint.tanh %y : (tensor<256x256x!quant.uniform<i16:f32, 0.0001220703125>>) -> tensor<256x256x!out>
  return %0, %1, %2, %3 : tensor<256x256x!out>, tensor<256x256x!out>, tensor<256x256x!out>, tensor<256x256x!out>
}
