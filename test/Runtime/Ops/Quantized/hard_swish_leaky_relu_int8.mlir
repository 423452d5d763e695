// int8 HARD_SWISH (TFLite's 16-bit fixed-point kernel) and LEAKY_RELU (two
// requantizations), as tables of every stored value.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: hard_swish_leaky_relu_int8: 3 cases, {{[0-9]+}} values: max 0 ulp

!in = !quant.uniform<i8:f32, 0.05:3>
func.func @main(%x: tensor<8x64x!in>, %y: tensor<8x64x!quant.uniform<i8:f32, 0.2:10>>) -> (tensor<8x64x!quant.uniform<i8:f32, 0.03:-100>>, tensor<8x64x!quant.uniform<i8:f32, 0.1:-30>>, tensor<8x64x!quant.uniform<i8:f32, 0.03:-10>>, tensor<8x64x!quant.uniform<i8:f32, 0.1:-30>>) {
  %0 = mint.hard_swish %x : (tensor<8x64x!in>) -> tensor<8x64x!quant.uniform<i8:f32, 0.03:-100>>
  %1 = mint.hard_swish %y : (tensor<8x64x!quant.uniform<i8:f32, 0.2:10>>) -> tensor<8x64x!quant.uniform<i8:f32, 0.1:-30>>
  %2 = mint.leaky_relu %x {alpha = 0.2 : f32} : (tensor<8x64x!in>) -> tensor<8x64x!quant.uniform<i8:f32, 0.03:-10>>
  %3 = mint.leaky_relu %y {alpha = 1.5 : f32} : (tensor<8x64x!quant.uniform<i8:f32, 0.2:10>>) -> tensor<8x64x!quant.uniform<i8:f32, 0.1:-30>>
  return %0, %1, %2, %3 : tensor<8x64x!quant.uniform<i8:f32, 0.03:-100>>, tensor<8x64x!quant.uniform<i8:f32, 0.1:-30>>, tensor<8x64x!quant.uniform<i8:f32, 0.03:-10>>, tensor<8x64x!quant.uniform<i8:f32, 0.1:-30>>
}
