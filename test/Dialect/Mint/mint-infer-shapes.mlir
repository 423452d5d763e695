// RUN: mint-opt %s -mint-infer-shapes -split-input-file | FileCheck %s
// RUN: mint-opt %s -mint-infer-shapes=refine-function-results=false -split-input-file | FileCheck %s --check-prefix=KEEP

// CHECK-LABEL: func @chain
// CHECK-SAME: -> tensor<1x2x2x8xf32>
// KEEP-LABEL: func @chain
// KEEP-SAME: -> tensor<?x?x?x?xf32>
func.func @chain(%x: tensor<1x8x8x3xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<?x?x?x?xf32> {
  // CHECK: mint.conv_2d {{.*}} -> tensor<1x4x4x8xf32>
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32}
       : (tensor<1x8x8x3xf32>, tensor<8x3x3x3xf32>) -> tensor<?x?x?x?xf32>
  // CHECK: mint.max_pool_2d {{.*}} : (tensor<1x4x4x8xf32>) -> tensor<1x2x2x8xf32>
  %1 = mint.max_pool_2d %0 {padding = #mint.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32, filter_height = 2 : i32, filter_width = 2 : i32}
       : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  // CHECK: return {{.*}} : tensor<1x2x2x8xf32>
  // KEEP: return {{.*}} : tensor<?x?x?x?xf32>
  return %1 : tensor<?x?x?x?xf32>
}

// -----

// Constant operands fix reshapes, transposes, pads and means; a static
// dimension the result already has is kept.
// CHECK-LABEL: func @constants
func.func @constants(%x: tensor<2x3x4xf32>) -> (tensor<?x?xf32>, tensor<?x?x?xf32>, tensor<?x5x?xf32>, tensor<?xf32>) {
  %s = mint.const dense<[-1, 6]> : tensor<2xi32>
  // CHECK: mint.reshape {{.*}} -> tensor<4x6xf32>
  %0 = mint.reshape %x, %s : (tensor<2x3x4xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  %perm = mint.const dense<[2, 0, 1]> : tensor<3xi32>
  // CHECK: mint.transpose {{.*}} -> tensor<4x2x3xf32>
  %1 = mint.transpose %x, %perm : (tensor<2x3x4xf32>, tensor<3xi32>) -> tensor<?x?x?xf32>
  %p = mint.const dense<[[0, 0], [1, 1], [2, 3]]> : tensor<3x2xi32>
  // CHECK: mint.pad {{.*}} -> tensor<2x5x9xf32>
  %2 = mint.pad %x, %p : (tensor<2x3x4xf32>, tensor<3x2xi32>) -> tensor<?x5x?xf32>
  %axes = mint.const dense<[0, -1]> : tensor<2xi32>
  // CHECK: mint.mean {{.*}} -> tensor<3xf32>
  %3 = mint.mean %x, %axes : (tensor<2x3x4xf32>, tensor<2xi32>) -> tensor<?xf32>
  return %0, %1, %2, %3 : tensor<?x?xf32>, tensor<?x?x?xf32>, tensor<?x5x?xf32>, tensor<?xf32>
}

// -----

// Unknown operands leave dimensions dynamic; users outside the mint
// dialect keep the type they were built with.
// CHECK-LABEL: func @partial
func.func @partial(%x: tensor<1x8x8x4xf32>, %size: tensor<2xi32>, %y: tensor<?x4xf32>) -> (tensor<?x?x?x?xf32>, tensor<?x?xf32>) {
  // CHECK: mint.resize_bilinear {{.*}} -> tensor<1x?x?x4xf32>
  %0 = mint.resize_bilinear %x, %size : (tensor<1x8x8x4xf32>, tensor<2xi32>) -> tensor<?x?x?x?xf32>
  // CHECK: %[[ADD:.*]] = mint.add {{.*}} -> tensor<?x?xf32>
  // CHECK: tensor.cast %[[ADD]]
  %1 = mint.add %y, %y : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x?xf32>
  %2 = tensor.cast %1 : tensor<?x?xf32> to tensor<?x?xf32>
  return %0, %2 : tensor<?x?x?x?xf32>, tensor<?x?xf32>
}

// -----

// A called function keeps its signature, so results reaching its return
// are not refined.
// CHECK-LABEL: func @callee
// CHECK-SAME: -> tensor<?xf32>
func.func @callee(%x: tensor<4xf32>) -> tensor<?xf32> {
  // CHECK: mint.relu {{.*}} -> tensor<?xf32>
  %0 = mint.relu %x : (tensor<4xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
func.func @caller(%x: tensor<4xf32>) -> tensor<?xf32> {
  %0 = call @callee(%x) : (tensor<4xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// STRIDED_SLICE follows TensorFlow's masks: an ellipsis stands for the
// remaining dimensions, a new axis adds a 1, a shrunk axis disappears, a
// negative stride walks backwards, and `offset` makes end relative.
// CHECK-LABEL: func @strided_slices
func.func @strided_slices(%x: tensor<2x3x4xf32>, %v: tensor<8xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %zero2 = mint.const dense<[0, 0]> : tensor<2xi32>
  %one2 = mint.const dense<[1, 1]> : tensor<2xi32>
  // CHECK: mint.strided_slice {{.*}} -> tensor<2x3x4x1xf32>
  %0 = mint.strided_slice %x, %zero2, %zero2, %one2 {ellipsis_mask = 1 : i32, new_axis_mask = 2 : i32}
       : (tensor<2x3x4xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<?x?x?x?xf32>
  %b1 = mint.const dense<[0, 1]> : tensor<2xi32>
  %e1 = mint.const dense<[0, 2]> : tensor<2xi32>
  // CHECK: mint.strided_slice {{.*}} -> tensor<2x3xf32>
  %1 = mint.strided_slice %x, %b1, %e1, %one2 {ellipsis_mask = 1 : i32, shrink_axis_mask = 2 : i32}
       : (tensor<2x3x4xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<?x?xf32>
  %b2 = mint.const dense<[-1]> : tensor<1xi32>
  %e2 = mint.const dense<[0]> : tensor<1xi32>
  %s2 = mint.const dense<[-3]> : tensor<1xi32>
  // From 7 down to 0 in steps of 3: 7, 4, 1.
  // CHECK: mint.strided_slice {{.*}} -> tensor<3xf32>
  %2 = mint.strided_slice %v, %b2, %e2, %s2 {end_mask = 1 : i32}
       : (tensor<8xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?xf32>
  %b3 = mint.const dense<[2]> : tensor<1xi32>
  %e3 = mint.const dense<[5]> : tensor<1xi32>
  %s3 = mint.const dense<[2]> : tensor<1xi32>
  // With offset, end = 2 + 5 = 7: elements 2, 4, 6.
  // CHECK: mint.strided_slice {{.*}} -> tensor<3xf32>
  %3 = mint.strided_slice %v, %b3, %e3, %s3 {offset = true}
       : (tensor<8xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?xf32>
  return %0, %1, %2, %3 : tensor<?x?x?x?xf32>, tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>
}
