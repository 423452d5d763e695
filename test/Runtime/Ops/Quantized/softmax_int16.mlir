// int16 SOFTMAX (TFLite's exp and 1 / (1 + x) interpolation tables, 513
// entries each): short rows, 1000 classes, beta 0.5.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: softmax_int16: 3 cases, {{[0-9]+}} values: max 0 ulp

!out = !quant.uniform<i16:f32, 3.0517578125e-05>
func.func @main(%x: tensor<4x8x!quant.uniform<i16:f32, 0.0007>>, %y: tensor<2x1000x!quant.uniform<i16:f32, 0.0003>>) -> (tensor<4x8x!out>, tensor<2x1000x!out>, tensor<4x8x!out>) {
  %0 = mint.softmax %x {beta = 1.0 : f32} : (tensor<4x8x!quant.uniform<i16:f32, 0.0007>>) -> tensor<4x8x!out>
  %1 = mint.softmax %y {beta = 1.0 : f32} : (tensor<2x1000x!quant.uniform<i16:f32, 0.0003>>) -> tensor<2x1000x!out>
  %2 = mint.softmax %x {beta = 0.5 : f32} : (tensor<4x8x!quant.uniform<i16:f32, 0.0007>>) -> tensor<4x8x!out>
  return %0, %1, %2 : tensor<4x8x!out>, tensor<2x1000x!out>, tensor<4x8x!out>
}
