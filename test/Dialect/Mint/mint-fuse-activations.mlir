// RUN: mint-opt %s -mint-fuse-activations -split-input-file | FileCheck %s

// CHECK-LABEL: func @conv_relu6
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x3xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>, %[[B:.*]]: tensor<4xf32>)
func.func @conv_relu6(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x8x8x4xf32> {
  // CHECK: %[[C:.*]] = mint.conv_2d %[[X]], %[[W]], %[[B]] {fused_activation_function = #mint.activation<relu6>, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32}
  // CHECK-NOT: mint.relu6
  // CHECK: return %[[C]]
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32}
       : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x8x8x4xf32>
  %1 = mint.relu6 %0 : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return %1 : tensor<1x8x8x4xf32>
}

// -----

// Each activation kind maps to its fused value; arithmetic and
// concatenation take them too.
// CHECK-LABEL: func @kinds
func.func @kinds(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<8xf32>) {
  // CHECK: mint.add %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<relu>}
  // CHECK: mint.mul %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<relu_n1_to_1>}
  // CHECK: mint.concatenation %{{.*}}, %{{.*}} {axis = 0 : i32, fused_activation_function = #mint.activation<relu6>}
  // CHECK-NOT: mint.relu
  %0 = mint.add %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = mint.relu %0 : (tensor<4xf32>) -> tensor<4xf32>
  %2 = mint.mul %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = mint.relu_n1_to_1 %2 : (tensor<4xf32>) -> tensor<4xf32>
  %4 = mint.concatenation %a, %b {axis = 0 : i32} : (tensor<4xf32>, tensor<4xf32>) -> tensor<8xf32>
  %5 = mint.relu6 %4 : (tensor<8xf32>) -> tensor<8xf32>
  return %1, %3, %5 : tensor<4xf32>, tensor<4xf32>, tensor<8xf32>
}

// -----

// Not fused: the producer's result has another user, the producer already
// has an activation, or the producer has no fused activation at all.
// CHECK-LABEL: func @not_fused
func.func @not_fused(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  // CHECK: %[[ADD:.*]] = mint.add %{{.*}}, %{{.*}} :
  // CHECK: mint.relu %[[ADD]]
  %0 = mint.add %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = mint.relu %0 : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[SUB:.*]] = mint.sub %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<relu>}
  // CHECK: mint.relu6 %[[SUB]]
  %2 = mint.sub %a, %b {fused_activation_function = #mint.activation<relu>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = mint.relu6 %2 : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[MAX:.*]] = mint.maximum
  // CHECK: mint.relu %[[MAX]]
  %4 = mint.maximum %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %5 = mint.relu %4 : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %3, %5 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

!qa = !quant.uniform<i8:f32, 0.1:-5>
!qb = !quant.uniform<i8:f32, 0.05:-128>

// In a quantized graph the producer takes the activation's result type,
// except a same-scale producer whose scale would change.
// CHECK-LABEL: func @quantized
func.func @quantized(%a: tensor<4x!qa>, %x: tensor<1x4x4x1x!qa>) -> (tensor<4x!qb>, tensor<1x2x2x1x!qb>) {
  // CHECK: %[[ADD:.*]] = mint.add %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<relu>} : (tensor<4x!quant.uniform<i8:f32, 1.000000e-01:-5>>, tensor<4x!quant.uniform<i8:f32, 1.000000e-01:-5>>) -> tensor<4x!quant.uniform<i8:f32, 5.000000e-02:-128>>
  %0 = mint.add %a, %a : (tensor<4x!qa>, tensor<4x!qa>) -> tensor<4x!qa>
  %1 = mint.relu %0 : (tensor<4x!qa>) -> tensor<4x!qb>
  // CHECK: %[[POOL:.*]] = mint.max_pool_2d
  // CHECK-SAME: -> tensor<1x2x2x1x!quant.uniform<i8:f32, 1.000000e-01:-5>>
  // CHECK: %[[RELU:.*]] = mint.relu %[[POOL]]
  // CHECK: return %[[ADD]], %[[RELU]]
  %2 = mint.max_pool_2d %x {padding = #mint.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32, filter_height = 2 : i32, filter_width = 2 : i32}
       : (tensor<1x4x4x1x!qa>) -> tensor<1x2x2x1x!qa>
  %3 = mint.relu %2 : (tensor<1x2x2x1x!qa>) -> tensor<1x2x2x1x!qb>
  return %1, %3 : tensor<4x!qb>, tensor<1x2x2x1x!qb>
}

// -----

// The pass folds nothing but what its patterns rewrite: int8 weights stay
// quantized.
// CHECK-LABEL: func @no_folding
func.func @no_folding() -> tensor<2xf32> {
  // CHECK: mint.const dense<[1, -2]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32, 5.000000e-01>>
  // CHECK: mint.dequantize
  %q = mint.const dense<[1, -2]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  %0 = mint.dequantize %q : (tensor<2x!quant.uniform<i8:f32, 0.5>>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
