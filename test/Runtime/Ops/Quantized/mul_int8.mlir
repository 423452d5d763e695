// int8 MUL with broadcasting.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: mul_int8: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<1x3x4x8x!quant.uniform<i8:f32, 0.07:-5>>, %y: tensor<1x1x1x8x!quant.uniform<i8:f32, 0.03:12>>) -> tensor<1x3x4x8x!quant.uniform<i8:f32, 0.004:-9>> {
  %0 = mint.mul %x, %y : (tensor<1x3x4x8x!quant.uniform<i8:f32, 0.07:-5>>, tensor<1x1x1x8x!quant.uniform<i8:f32, 0.03:12>>) -> tensor<1x3x4x8x!quant.uniform<i8:f32, 0.004:-9>>
  return %0 : tensor<1x3x4x8x!quant.uniform<i8:f32, 0.004:-9>>
}
