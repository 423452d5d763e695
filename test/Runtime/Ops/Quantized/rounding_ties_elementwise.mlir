// Requantization ties (see rounding_ties_conv) in ADD, SUB, MUL (gemmlowp's
// scalar rounding) and QUANTIZE int8 -> int8 (NEON rounding in blocks of 16
// values, scalar for the last 164 mod 16 = 4).
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: rounding_ties_elementwise: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<4x41x!quant.uniform<i8:f32, 0.5:-3>>, %y: tensor<4x41x!quant.uniform<i8:f32, 0.25:7>>) -> (tensor<4x41x!quant.uniform<i8:f32, 1.0:5>>, tensor<4x41x!quant.uniform<i8:f32, 1.0:5>>, tensor<4x41x!quant.uniform<i8:f32, 1.0:5>>, tensor<4x41x!quant.uniform<i8:f32, 2.0:1>>) {
  %0 = mint.add %x, %y : (tensor<4x41x!quant.uniform<i8:f32, 0.5:-3>>, tensor<4x41x!quant.uniform<i8:f32, 0.25:7>>) -> tensor<4x41x!quant.uniform<i8:f32, 1.0:5>>
  %1 = mint.sub %x, %y : (tensor<4x41x!quant.uniform<i8:f32, 0.5:-3>>, tensor<4x41x!quant.uniform<i8:f32, 0.25:7>>) -> tensor<4x41x!quant.uniform<i8:f32, 1.0:5>>
  %2 = mint.mul %x, %y : (tensor<4x41x!quant.uniform<i8:f32, 0.5:-3>>, tensor<4x41x!quant.uniform<i8:f32, 0.25:7>>) -> tensor<4x41x!quant.uniform<i8:f32, 1.0:5>>
  %3 = mint.quantize %x : (tensor<4x41x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<4x41x!quant.uniform<i8:f32, 2.0:1>>
  return %0, %1, %2, %3 : tensor<4x41x!quant.uniform<i8:f32, 1.0:5>>, tensor<4x41x!quant.uniform<i8:f32, 1.0:5>>, tensor<4x41x!quant.uniform<i8:f32, 1.0:5>>, tensor<4x41x!quant.uniform<i8:f32, 2.0:1>>
}
