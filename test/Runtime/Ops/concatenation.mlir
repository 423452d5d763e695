// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: concatenation: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<2x3x4xf32>, %y: tensor<2x3x5xf32>) -> tensor<2x3x9xf32> {
  %0 = mint.concatenation %x, %y {axis = -1 : i32} : (tensor<2x3x4xf32>, tensor<2x3x5xf32>) -> tensor<2x3x9xf32>
  return %0 : tensor<2x3x9xf32>
}
