// SUB, DIV, MAXIMUM, MINIMUM, PRELU, LEAKY_RELU, RELU, TANH.
// RUN: %check_op %s --work %t --max-ulp 2 | FileCheck %s
// CHECK: arithmetic: 3 cases, {{[0-9]+}} values

func.func @main(%x: tensor<2x8xf32>, %y: tensor<2x8xf32>, %a: tensor<8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>) {
  %0 = mint.sub %x, %y : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = mint.div %x, %y : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %2 = mint.maximum %x, %y : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %3 = mint.minimum %x, %y : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %4 = mint.prelu %x, %a : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  %5 = mint.leaky_relu %x {alpha = 0.2 : f32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %6 = mint.relu %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %7 = mint.tanh %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}
