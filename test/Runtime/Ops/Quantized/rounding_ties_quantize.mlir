// Rounding ties in QUANTIZE float -> int: int8 inputs dequantized with scale
// 1/256 are quantized again with scale 1/128, so every odd input lands on a
// half. TFLite's x86 kernel rounds blocks of 8 values (x * (1 / scale)) to
// nearest even and the last 148 mod 8 = 4 (x / scale) halves away from zero.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: rounding_ties_quantize: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%q: tensor<4x37x!quant.uniform<i8:f32, 0.00390625>>) -> (tensor<4x37x!quant.uniform<i8:f32, 0.0078125:3>>, tensor<4x37x!quant.uniform<u8:f32, 0.0078125:128>>, tensor<4x37x!quant.uniform<i16:f32, 0.0078125>>) {
  %x = mint.dequantize %q : (tensor<4x37x!quant.uniform<i8:f32, 0.00390625>>) -> tensor<4x37xf32>
  %0 = mint.quantize %x : (tensor<4x37xf32>) -> tensor<4x37x!quant.uniform<i8:f32, 0.0078125:3>>
  %1 = mint.quantize %x : (tensor<4x37xf32>) -> tensor<4x37x!quant.uniform<u8:f32, 0.0078125:128>>
  %2 = mint.quantize %x : (tensor<4x37xf32>) -> tensor<4x37x!quant.uniform<i16:f32, 0.0078125>>
  return %0, %1, %2 : tensor<4x37x!quant.uniform<i8:f32, 0.0078125:3>>, tensor<4x37x!quant.uniform<u8:f32, 0.0078125:128>>, tensor<4x37x!quant.uniform<i16:f32, 0.0078125>>
}
