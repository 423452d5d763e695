// int8 ADD (with broadcasting and RELU) and SUB, inputs of different scales.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: add_sub_int8: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<2x4x6x!quant.uniform<i8:f32, 0.07:-5>>, %y: tensor<6x!quant.uniform<i8:f32, 0.03:12>>, %z: tensor<2x4x6x!quant.uniform<i8:f32, 0.03:12>>) -> (tensor<2x4x6x!quant.uniform<i8:f32, 0.09:3>>, tensor<2x4x6x!quant.uniform<i8:f32, 0.09:3>>) {
  %0 = mint.add %x, %y {fused_activation_function = #mint.activation<relu>} : (tensor<2x4x6x!quant.uniform<i8:f32, 0.07:-5>>, tensor<6x!quant.uniform<i8:f32, 0.03:12>>) -> tensor<2x4x6x!quant.uniform<i8:f32, 0.09:3>>
  %1 = mint.sub %x, %z : (tensor<2x4x6x!quant.uniform<i8:f32, 0.07:-5>>, tensor<2x4x6x!quant.uniform<i8:f32, 0.03:12>>) -> tensor<2x4x6x!quant.uniform<i8:f32, 0.09:3>>
  return %0, %1 : tensor<2x4x6x!quant.uniform<i8:f32, 0.09:3>>, tensor<2x4x6x!quant.uniform<i8:f32, 0.09:3>>
}
