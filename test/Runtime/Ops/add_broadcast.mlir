// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: add_broadcast: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<2x5x16xf32>, %y: tensor<16xf32>) -> tensor<2x5x16xf32> {
  %0 = mint.add %x, %y {fused_activation_function = #mint.activation<relu>} : (tensor<2x5x16xf32>, tensor<16xf32>) -> tensor<2x5x16xf32>
  return %0 : tensor<2x5x16xf32>
}
