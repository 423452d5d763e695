// int16 PRELU with int8 alpha (TFLite's 16x8 scheme): a per-channel alpha
// constant (its own scale and zero point) and a full-shape alpha input.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: prelu_int16: 3 cases, {{[0-9]+}} values: max 0 ulp

!in = !quant.uniform<i16:f32, 0.0005>
!a = !quant.uniform<i8:f32, 0.004:-7>
func.func @main(%x: tensor<1x4x5x8x!in>, %alpha: tensor<1x4x5x8x!quant.uniform<i8:f32, 0.01:2>>) -> (tensor<1x4x5x8x!quant.uniform<i16:f32, 0.0004>>, tensor<1x4x5x8x!quant.uniform<i16:f32, 0.0006>>) {
  %a = mint.const dense<[[[10, -20, 30, 127, -128, 0, 5, 60]]]> : tensor<1x1x8xi8> -> tensor<1x1x8x!a>
  %0 = mint.prelu %x, %a : (tensor<1x4x5x8x!in>, tensor<1x1x8x!a>) -> tensor<1x4x5x8x!quant.uniform<i16:f32, 0.0004>>
  %1 = mint.prelu %x, %alpha : (tensor<1x4x5x8x!in>, tensor<1x4x5x8x!quant.uniform<i8:f32, 0.01:2>>) -> tensor<1x4x5x8x!quant.uniform<i16:f32, 0.0006>>
  return %0, %1 : tensor<1x4x5x8x!quant.uniform<i16:f32, 0.0004>>, tensor<1x4x5x8x!quant.uniform<i16:f32, 0.0006>>
}
