// RUN: mint-opt %s --mint-to-tosa --split-input-file | FileCheck %s

// The lower-rank operand gets leading unit dimensions.
// CHECK-LABEL: func.func @add_broadcast
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x16xf32>, %[[Y:.*]]: tensor<16xf32>)
// CHECK: %[[Y3:.*]] = tosa.reshape %[[Y]], %{{.*}} : (tensor<16xf32>, !tosa.shape<3>) -> tensor<1x1x16xf32>
// CHECK: %[[SUM:.*]] = tosa.add %[[X]], %[[Y3]] : (tensor<2x5x16xf32>, tensor<1x1x16xf32>) -> tensor<2x5x16xf32>
// CHECK: tosa.clamp %[[SUM]] {max_val = 0x7F800000 : f32, min_val = 0.000000e+00 : f32}
func.func @add_broadcast(%x: tensor<2x5x16xf32>, %y: tensor<16xf32>) -> tensor<2x5x16xf32> {
  %0 = mint.add %x, %y {fused_activation_function = #mint.activation<relu>} : (tensor<2x5x16xf32>, tensor<16xf32>) -> tensor<2x5x16xf32>
  return %0 : tensor<2x5x16xf32>
}

// -----

// CHECK-LABEL: func.func @mul
// CHECK: %[[SHIFT:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi8>}>
// CHECK: tosa.mul %{{.*}}, %{{.*}}, %[[SHIFT]] : (tensor<1x9x16x16xf32>, tensor<1x1x1x16xf32>, tensor<1xi8>) -> tensor<1x9x16x16xf32>
func.func @mul(%x: tensor<1x9x16x16xf32>, %s: tensor<1x1x1x16xf32>) -> tensor<1x9x16x16xf32> {
  %0 = mint.mul %x, %s : (tensor<1x9x16x16xf32>, tensor<1x1x1x16xf32>) -> tensor<1x9x16x16xf32>
  return %0 : tensor<1x9x16x16xf32>
}

// -----

// Float division is exact: a linalg.generic with arith.divf, broadcasting
// the unit dimension of the divisor.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[BCAST:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @div
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[BCAST]], #[[ID]]]
// CHECK: arith.divf
func.func @div(%x: tensor<4x8xf32>, %y: tensor<1x8xf32>) -> tensor<4x8xf32> {
  %0 = mint.div %x, %y : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// HARD_SWISH multiplies in TFLite's order: x * (1/6) * relu6(x + 3).
// CHECK-LABEL: func.func @hard_swish
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x8xf32>)
// CHECK: %[[THREE:.*]] = "tosa.const"() <{values = dense<3.000000e+00> : tensor<1x1x1x1xf32>}>
// CHECK: %[[SHIFTED:.*]] = tosa.add %[[X]], %[[THREE]]
// CHECK: %[[CLAMPED:.*]] = tosa.clamp %[[SHIFTED]] {max_val = 6.000000e+00 : f32, min_val = 0.000000e+00 : f32}
// CHECK: %[[SIXTH:.*]] = "tosa.const"() <{values = dense<0.166666672> : tensor<1x1x1x1xf32>}>
// CHECK: %[[SCALED:.*]] = tosa.mul %[[X]], %[[SIXTH]]
// CHECK: %[[OUT:.*]] = tosa.mul %[[SCALED]], %[[CLAMPED]]
// CHECK: return %[[OUT]]
func.func @hard_swish(%x: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %0 = mint.hard_swish %x : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// -----

// CHECK-LABEL: func.func @activations
// CHECK: tosa.sigmoid
// CHECK: tosa.tanh
// CHECK: tosa.clamp {{.*}} {max_val = 1.000000e+00 : f32, min_val = -1.000000e+00 : f32}
// CHECK: %[[GE:.*]] = tosa.greater_equal
// CHECK: tosa.select %[[GE]]
func.func @activations(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>) {
  %0 = mint.logistic %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = mint.tanh %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %2 = mint.relu_n1_to_1 %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %3 = mint.leaky_relu %x {alpha = 0.2 : f32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0, %1, %2, %3 : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}

// -----

// exp(beta * (x - max)) / sum along the last axis.
// CHECK-LABEL: func.func @softmax
// CHECK: %[[MAX:.*]] = tosa.reduce_max %{{.*}} {axis = 1 : i32} : (tensor<2x10xf32>) -> tensor<2x1xf32>
// CHECK: %[[D:.*]] = tosa.sub %{{.*}}, %[[MAX]]
// CHECK: %[[S:.*]] = tosa.mul %[[D]]
// CHECK: %[[E:.*]] = tosa.exp %[[S]]
// CHECK: %[[SUM:.*]] = tosa.reduce_sum %[[E]] {axis = 1 : i32}
// CHECK: %[[R:.*]] = tosa.reciprocal %[[SUM]]
// CHECK: tosa.mul %[[E]], %[[R]]
func.func @softmax(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  %0 = mint.softmax %x {beta = 0.5 : f32} : (tensor<2x10xf32>) -> tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}
