// uint8 at a model's edges (TFLite's uint8 I/O): QUANTIZE uint8 → int8
// (same scale, zero point moved by 128, and another scale), int8 → uint8,
// float → uint8, DEQUANTIZE uint8 → float.
// RUN: %check_op %s --work %t --range=-8,8 | FileCheck %s
// CHECK: quantize_uint8: 3 cases, {{[0-9]+}} values: max 0 ulp

!u = !quant.uniform<u8:f32, 0.07:131>
func.func @main(%u: tensor<3x50x!u>, %q: tensor<3x50x!quant.uniform<i8:f32, 0.07:-5>>, %x: tensor<3x50xf32>) -> (tensor<3x50x!quant.uniform<i8:f32, 0.07:3>>, tensor<3x50x!quant.uniform<i8:f32, 0.03:-9>>, tensor<3x50x!quant.uniform<u8:f32, 0.05:120>>, tensor<3x50x!quant.uniform<u8:f32, 0.04:128>>, tensor<3x50xf32>) {
  %0 = mint.quantize %u : (tensor<3x50x!u>) -> tensor<3x50x!quant.uniform<i8:f32, 0.07:3>>
  %1 = mint.quantize %u : (tensor<3x50x!u>) -> tensor<3x50x!quant.uniform<i8:f32, 0.03:-9>>
  %2 = mint.quantize %q : (tensor<3x50x!quant.uniform<i8:f32, 0.07:-5>>) -> tensor<3x50x!quant.uniform<u8:f32, 0.05:120>>
  %3 = mint.quantize %x : (tensor<3x50xf32>) -> tensor<3x50x!quant.uniform<u8:f32, 0.04:128>>
  %4 = mint.dequantize %u : (tensor<3x50x!u>) -> tensor<3x50xf32>
  return %0, %1, %2, %3, %4 : tensor<3x50x!quant.uniform<i8:f32, 0.07:3>>, tensor<3x50x!quant.uniform<i8:f32, 0.03:-9>>, tensor<3x50x!quant.uniform<u8:f32, 0.05:120>>, tensor<3x50x!quant.uniform<u8:f32, 0.04:128>>, tensor<3x50xf32>
}
