// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: mean: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<1x36x64x16xf32>) -> tensor<1x1x1x16xf32> {
  %axes = mint.const dense<[1, 2]> : tensor<2xi32>
  %0 = mint.mean %x, %axes {keep_dims = true} : (tensor<1x36x64x16xf32>, tensor<2xi32>) -> tensor<1x1x1x16xf32>
  return %0 : tensor<1x1x1x16xf32>
}
