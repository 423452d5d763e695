// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: mul_broadcast: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<1x9x16x16xf32>, %s: tensor<1x1x1x16xf32>) -> tensor<1x9x16x16xf32> {
  %0 = mint.mul %x, %s {fused_activation_function = #mint.activation<relu6>} : (tensor<1x9x16x16xf32>, tensor<1x1x1x16xf32>) -> tensor<1x9x16x16xf32>
  return %0 : tensor<1x9x16x16xf32>
}
