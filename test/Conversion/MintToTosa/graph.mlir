// RUN: mint-opt %s --mint-to-tosa | FileCheck %s

// Constants become tosa.const; float16 DEQUANTIZE is a cast (of a constant,
// folded).
// CHECK-LABEL: func.func @constants
// CHECK-SAME: (%[[H:.*]]: tensor<2xf16>)
// CHECK-DAG: %[[C:.*]] = "tosa.const"() <{values = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>}>
// CHECK-DAG: %[[F:.*]] = tosa.cast %[[H]] : (tensor<2xf16>) -> tensor<2xf32>
// CHECK: return %[[C]], %[[F]]
func.func @constants(%h: tensor<2xf16>) -> (tensor<2xf32>, tensor<2xf32>) {
  %0 = mint.const dense<[1.0, 2.0]> : tensor<2xf16>
  %1 = mint.dequantize %0 : (tensor<2xf16>) -> tensor<2xf32>
  %2 = mint.dequantize %h : (tensor<2xf16>) -> tensor<2xf32>
  return %1, %2 : tensor<2xf32>, tensor<2xf32>
}
