// Float sums in another order than TFLite's: a few ulp, or tiny absolute
// differences where terms cancel.
// RUN: %check_op %s --work %t --max-ulp 64 --max-error 1e-5 | FileCheck %s
// CHECK: conv_2d: 3 cases, {{[0-9]+}} values

func.func @main(%x: tensor<1x15x15x8xf32>, %w: tensor<16x3x3x8xf32>, %b: tensor<16xf32>) -> tensor<1x8x8x16xf32> {
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32, fused_activation_function = #mint.activation<relu6>} : (tensor<1x15x15x8xf32>, tensor<16x3x3x8xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  return %0 : tensor<1x8x8x16xf32>
}
