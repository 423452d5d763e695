// QUANTIZE float → int8 and int8 → int8 (requantization), DEQUANTIZE
// int8 → float.
// RUN: %check_op %s --work %t --range=-8,8 | FileCheck %s
// CHECK: quantize_dequantize: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<3x50xf32>, %q: tensor<3x50x!quant.uniform<i8:f32, 0.07:-5>>) -> (tensor<3x50x!quant.uniform<i8:f32, 0.03:12>>, tensor<3x50x!quant.uniform<i8:f32, 0.09:3>>, tensor<3x50xf32>) {
  %0 = mint.quantize %x : (tensor<3x50xf32>) -> tensor<3x50x!quant.uniform<i8:f32, 0.03:12>>
  %1 = mint.quantize %q : (tensor<3x50x!quant.uniform<i8:f32, 0.07:-5>>) -> tensor<3x50x!quant.uniform<i8:f32, 0.09:3>>
  %2 = mint.dequantize %q : (tensor<3x50x!quant.uniform<i8:f32, 0.07:-5>>) -> tensor<3x50xf32>
  return %0, %1, %2 : tensor<3x50x!quant.uniform<i8:f32, 0.03:12>>, tensor<3x50x!quant.uniform<i8:f32, 0.09:3>>, tensor<3x50xf32>
}
