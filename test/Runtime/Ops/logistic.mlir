// TFLite computes the logistic function with Eigen's rational approximation,
// Mint with 1 / (1 + exp(-x)) and an exact exp: a few ulp apart.
// RUN: %check_op %s --work %t --range=-10,10 --max-ulp 8 | FileCheck %s
// CHECK: logistic: 3 cases, {{[0-9]+}} values: max {{[0-8]}} ulp

func.func @main(%x: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  %0 = mint.logistic %x : (tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
  return %0 : tensor<1x8x8x16xf32>
}
