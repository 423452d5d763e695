// int16 LEAKY_RELU (TFLite's two requantizations) for alpha below and above
// one.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: leaky_relu_int16: 3 cases, {{[0-9]+}} values: max 0 ulp

!in = !quant.uniform<i16:f32, 0.0007>
func.func @main(%x: tensor<64x64x!in>) -> (tensor<64x64x!quant.uniform<i16:f32, 0.0005>>, tensor<64x64x!quant.uniform<i16:f32, 0.0011>>) {
  %0 = mint.leaky_relu %x {alpha = 0.2 : f32} : (tensor<64x64x!in>) -> tensor<64x64x!quant.uniform<i16:f32, 0.0005>>
  %1 = mint.leaky_relu %x {alpha = 1.5 : f32} : (tensor<64x64x!in>) -> tensor<64x64x!quant.uniform<i16:f32, 0.0011>>
  return %0, %1 : tensor<64x64x!quant.uniform<i16:f32, 0.0005>>, tensor<64x64x!quant.uniform<i16:f32, 0.0011>>
}
