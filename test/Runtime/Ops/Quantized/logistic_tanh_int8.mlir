// int8 LOGISTIC and TANH (TFLite's tables), RELU and RELU6 that requantize.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: logistic_tanh_int8: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<4x64x!quant.uniform<i8:f32, 0.06:2>>) -> (tensor<4x64x!quant.uniform<i8:f32, 0.00390625:-128>>, tensor<4x64x!quant.uniform<i8:f32, 0.0078125>>, tensor<4x64x!quant.uniform<i8:f32, 0.09:3>>, tensor<4x64x!quant.uniform<i8:f32, 0.06:2>>) {
  %0 = mint.logistic %x : (tensor<4x64x!quant.uniform<i8:f32, 0.06:2>>) -> tensor<4x64x!quant.uniform<i8:f32, 0.00390625:-128>>
  %1 = mint.tanh %x : (tensor<4x64x!quant.uniform<i8:f32, 0.06:2>>) -> tensor<4x64x!quant.uniform<i8:f32, 0.0078125>>
  %2 = mint.relu %x : (tensor<4x64x!quant.uniform<i8:f32, 0.06:2>>) -> tensor<4x64x!quant.uniform<i8:f32, 0.09:3>>
  %3 = mint.relu6 %x : (tensor<4x64x!quant.uniform<i8:f32, 0.06:2>>) -> tensor<4x64x!quant.uniform<i8:f32, 0.06:2>>
  return %0, %1, %2, %3 : tensor<4x64x!quant.uniform<i8:f32, 0.00390625:-128>>, tensor<4x64x!quant.uniform<i8:f32, 0.0078125>>, tensor<4x64x!quant.uniform<i8:f32, 0.09:3>>, tensor<4x64x!quant.uniform<i8:f32, 0.06:2>>
}
