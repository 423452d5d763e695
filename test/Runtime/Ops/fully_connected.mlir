// RUN: %check_op %s --work %t --max-ulp 64 --max-error 1e-5 | FileCheck %s
// CHECK: fully_connected: 3 cases, {{[0-9]+}} values

func.func @main(%x: tensor<3x40xf32>, %w: tensor<10x40xf32>, %b: tensor<10xf32>) -> tensor<3x10xf32> {
  %0 = mint.fully_connected %x, %w, %b {fused_activation_function = #mint.activation<relu>} : (tensor<3x40xf32>, tensor<10x40xf32>, tensor<10xf32>) -> tensor<3x10xf32>
  return %0 : tensor<3x10xf32>
}
