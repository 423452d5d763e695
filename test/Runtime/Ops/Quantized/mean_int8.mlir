// int8 and int16 MEAN: global average pooling over height and width (TFLite's
// optimized kernel: 40 channels are two NEON blocks of 16 and 8 scalar ones)
// with other and with shared parameters, and other axes (TFLite's integer
// kernel).
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: mean_int8: 3 cases, {{[0-9]+}} values: max 0 ulp

!in = !quant.uniform<i8:f32, 0.05:3>
!pool = !quant.uniform<i8:f32, 0.013:-7>
func.func @main(%x: tensor<2x5x7x40x!in>, %y: tensor<3x9x!quant.uniform<i16:f32, 0.002>>) -> (tensor<2x1x1x40x!pool>, tensor<2x1x1x40x!in>, tensor<2x5x7x!pool>, tensor<2x7x!pool>, tensor<1x1x1x1x!pool>, tensor<3x!quant.uniform<i16:f32, 0.0007>>) {
  %hw = mint.const dense<[1, 2]> : tensor<2xi32>
  %wh = mint.const dense<[2, 1]> : tensor<2xi32>
  %c = mint.const dense<3> : tensor<1xi32>
  %hc = mint.const dense<[-1, 1]> : tensor<2xi32>
  %all = mint.const dense<[0, 1, 2, 3]> : tensor<4xi32>
  %last = mint.const dense<1> : tensor<1xi32>
  %0 = mint.mean %x, %hw {keep_dims = true} : (tensor<2x5x7x40x!in>, tensor<2xi32>) -> tensor<2x1x1x40x!pool>
  %1 = mint.mean %x, %wh {keep_dims = true} : (tensor<2x5x7x40x!in>, tensor<2xi32>) -> tensor<2x1x1x40x!in>
  %2 = mint.mean %x, %c {keep_dims = false} : (tensor<2x5x7x40x!in>, tensor<1xi32>) -> tensor<2x5x7x!pool>
  %3 = mint.mean %x, %hc {keep_dims = false} : (tensor<2x5x7x40x!in>, tensor<2xi32>) -> tensor<2x7x!pool>
  %4 = mint.mean %x, %all {keep_dims = true} : (tensor<2x5x7x40x!in>, tensor<4xi32>) -> tensor<1x1x1x1x!pool>
  %5 = mint.mean %y, %last {keep_dims = false} : (tensor<3x9x!quant.uniform<i16:f32, 0.002>>, tensor<1xi32>) -> tensor<3x!quant.uniform<i16:f32, 0.0007>>
  return %0, %1, %2, %3, %4, %5 : tensor<2x1x1x40x!pool>, tensor<2x1x1x40x!in>, tensor<2x5x7x!pool>, tensor<2x7x!pool>, tensor<1x1x1x1x!pool>, tensor<3x!quant.uniform<i16:f32, 0.0007>>
}
