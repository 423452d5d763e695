// int8 movement ops: PAD (pads with the zero point), PADV2, CONCATENATION
// (TFLite's int8 kernel requires shared parameters), RESHAPE, TRANSPOSE,
// SLICE, STRIDED_SLICE.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: movement_int8: 3 cases, {{[0-9]+}} values: max 0 ulp

!q = !quant.uniform<i8:f32, 0.05:-7>
func.func @main(%x: tensor<1x4x5x3x!q>, %y: tensor<1x4x5x2x!q>) -> (tensor<1x6x8x3x!q>, tensor<1x6x8x3x!q>, tensor<1x4x5x5x!q>, tensor<20x3x!q>, tensor<1x3x4x5x!q>, tensor<1x2x3x3x!q>, tensor<1x2x3x3x!q>) {
  %paddings = mint.const dense<[[0, 0], [1, 1], [2, 1], [0, 0]]> : tensor<4x2xi32>
  %0 = mint.pad %x, %paddings : (tensor<1x4x5x3x!q>, tensor<4x2xi32>) -> tensor<1x6x8x3x!q>
  %value = mint.const dense<9> : tensor<i8> -> tensor<!q>
  %1 = mint.padv2 %x, %paddings, %value : (tensor<1x4x5x3x!q>, tensor<4x2xi32>, tensor<!q>) -> tensor<1x6x8x3x!q>
  %2 = mint.concatenation %x, %y {axis = 3 : i32} : (tensor<1x4x5x3x!q>, tensor<1x4x5x2x!q>) -> tensor<1x4x5x5x!q>
  %shape = mint.const dense<[20, 3]> : tensor<2xi32>
  %4 = mint.reshape %x, %shape : (tensor<1x4x5x3x!q>, tensor<2xi32>) -> tensor<20x3x!q>
  %perm = mint.const dense<[0, 3, 1, 2]> : tensor<4xi32>
  %5 = mint.transpose %x, %perm : (tensor<1x4x5x3x!q>, tensor<4xi32>) -> tensor<1x3x4x5x!q>
  %begin = mint.const dense<[0, 1, 2, 0]> : tensor<4xi32>
  %size = mint.const dense<[1, 2, 3, 3]> : tensor<4xi32>
  %6 = mint.slice %x, %begin, %size : (tensor<1x4x5x3x!q>, tensor<4xi32>, tensor<4xi32>) -> tensor<1x2x3x3x!q>
  %end = mint.const dense<[1, 4, 5, 3]> : tensor<4xi32>
  %strides = mint.const dense<[1, 2, 1, 1]> : tensor<4xi32>
  %7 = mint.strided_slice %x, %begin, %end, %strides : (tensor<1x4x5x3x!q>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) -> tensor<1x2x3x3x!q>
  return %0, %1, %2, %4, %5, %6, %7 : tensor<1x6x8x3x!q>, tensor<1x6x8x3x!q>, tensor<1x4x5x5x!q>, tensor<20x3x!q>, tensor<1x3x4x5x!q>, tensor<1x2x3x3x!q>, tensor<1x2x3x3x!q>
}
