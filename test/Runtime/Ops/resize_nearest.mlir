// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: resize_nearest: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<1x6x5x4xf32>) -> tensor<1x13x12x4xf32> {
  %size = mint.const dense<[13, 12]> : tensor<2xi32>
  %0 = mint.resize_nearest_neighbor %x, %size  : (tensor<1x6x5x4xf32>, tensor<2xi32>) -> tensor<1x13x12x4xf32>
  return %0 : tensor<1x13x12x4xf32>
}
