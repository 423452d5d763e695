// Float FAKE_QUANT as TFLite's kernel computes it: the range nudged so that
// zero lies on the grid, values clamped and rounded (halves away from zero)
// to it. An asymmetric 8-bit range, a 4-bit one whose zero point nudges,
// and one entirely above zero (nudged to start at 0); inputs in [-3, 3]
// reach beyond every range.
// RUN: %check_op %s --work %t --range=-3,3 | FileCheck %s
// CHECK: fake_quant: 3 cases, 2304 values: max 0 ulp, max |diff| 0

func.func @main(%x: tensor<2x8x16xf32>) -> (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>) {
  %0 = mint.fake_quant %x {min = array<f32: -1.3>, max = array<f32: 2.1>, num_bits = 8 : i32} : (tensor<2x8x16xf32>) -> tensor<2x8x16xf32>
  %1 = mint.fake_quant %x {min = array<f32: -0.37>, max = array<f32: 1.0>, num_bits = 4 : i32} : (tensor<2x8x16xf32>) -> tensor<2x8x16xf32>
  %2 = mint.fake_quant %x {min = array<f32: 0.25>, max = array<f32: 2.5>, num_bits = 8 : i32} : (tensor<2x8x16xf32>) -> tensor<2x8x16xf32>
  return %0, %1, %2 : tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>
}
