// RUN: %check_op %s --work %t --range=-5,5 | FileCheck %s
// CHECK: hard_swish: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<1x16x16x32xf32>) -> tensor<1x16x16x32xf32> {
  %0 = mint.hard_swish %x : (tensor<1x16x16x32xf32>) -> tensor<1x16x16x32xf32>
  return %0 : tensor<1x16x16x32xf32>
}
