// RUN: mint-opt %s --mint-insert-observers --split-input-file | FileCheck %s

// Every float activation is returned after the model's own results, in op
// order, once: the logistic is a result already. Weights (a constant and
// the DEQUANTIZE of a float16 constant) are not observed.
// CHECK-LABEL: func.func @main
// CHECK-SAME: -> (tensor<4xf32>, tensor<4xf32>)
// CHECK-SAME: attributes {mint.observed_from = 1 : i64}
// CHECK: %[[ADD:.*]] = mint.add
// CHECK: %[[LOG:.*]] = mint.logistic %[[ADD]]
// CHECK: return %[[LOG]], %[[ADD]] : tensor<4xf32>, tensor<4xf32>
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %w = mint.const dense<1.0> : tensor<4xf16>
  %d = mint.dequantize %w : (tensor<4xf16>) -> tensor<4xf32>
  %0 = mint.add %x, %d : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = mint.logistic %0 : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Integer results and private functions are left alone.
// CHECK-LABEL: func.func private @helper
// CHECK-NOT: mint.observed_from
// CHECK-LABEL: func.func @shapes
// CHECK-SAME: -> (tensor<2x2xi8>, tensor<4xf32>)
// CHECK: return %{{.*}}, %{{.*}} : tensor<2x2xi8>, tensor<4xf32>
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = mint.relu %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @shapes(%x: tensor<4xi8>, %y: tensor<4xf32>) -> tensor<2x2xi8> {
  %shape = mint.const dense<[2, 2]> : tensor<2xi32>
  %0 = mint.reshape %x, %shape : (tensor<4xi8>, tensor<2xi32>) -> tensor<2x2xi8>
  %1 = mint.relu %y : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<2x2xi8>
}
