// TFLite's kernel and Mint's exp round differently.
// RUN: %check_op %s --work %t --range=-8,8 --max-ulp 8 | FileCheck %s
// CHECK: softmax: 3 cases, {{[0-9]+}} values

func.func @main(%x: tensor<3x20xf32>) -> tensor<3x20xf32> {
  %0 = mint.softmax %x {beta = 1.0 : f32} : (tensor<3x20xf32>) -> tensor<3x20xf32>
  return %0 : tensor<3x20xf32>
}
