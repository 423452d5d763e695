// RUN: mint-opt %s --pass-pipeline="builtin.module(mint-lower-sparse-convolutions)" | FileCheck %s
// RUN: mint-opt %s --pass-pipeline="builtin.module(mint-lower-sparse-convolutions{max-density=0.2})" | FileCheck %s --check-prefix=STRICT
// RUN: mint-opt %s --pass-pipeline="builtin.module(mint-lower-sparse-convolutions{threads=2})" | FileCheck %s --check-prefix=THREADS

// 16 output channels read only input channel 2: one 16x1 block, 1 vector
// multiply-add per pixel instead of 4 (density 0.25). The 9 pixels are one
// tile of 8 and a remainder of 1. (The splat table of input channels folds
// into the constant 2.)
// The module records how many convolutions became block-sparse loops: 4
// (the all-zero filter counts); with max-density 0.2 only the all-zero one.
// CHECK: module attributes {mint.block_sparse_convolutions = 4 : i64}
// STRICT: module attributes {mint.block_sparse_convolutions = 1 : i64}

// CHECK-LABEL: func.func @one_block
// CHECK-DAG: %[[VALUES:.*]] = arith.constant dense<1.000000e+00> : tensor<1x16xf32>
// CHECK-DAG: %[[OFFSETS:.*]] = arith.constant dense<[0, 1]> : tensor<2xi32>
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG: %[[C9:.*]] = arith.constant 9 : index
// CHECK: %[[X:[a-z0-9_]+]] = tensor.collapse_shape %arg0 {{\[\[}}0, 1, 2], [3]] : tensor<1x3x3x4xf32> into tensor<9x4xf32>
// CHECK: %[[OUT:[a-z0-9_]+]] = tensor.collapse_shape %arg1 {{\[\[}}0, 1, 2], [3]] : tensor<1x3x3x16xf32> into tensor<9x16xf32>
// CHECK: %[[TILES:[a-z0-9_]+]] = scf.for %[[P:[a-z0-9_]+]] = %{{.*}} to %[[C8]] step %[[C8]] iter_args(%{{.*}} = %[[OUT]])
// CHECK: scf.for %[[ROW:[a-z0-9_]+]] =
// CHECK: tensor.extract %[[OFFSETS]][%[[ROW]]]
// CHECK: scf.for %[[K:[a-z0-9_]+]] =
// CHECK: %[[BLOCK:[a-z0-9_]+]] = vector.transfer_read %[[VALUES]][%[[K]], %{{.*}}]
// CHECK: %[[A:[a-z0-9_]+]] = tensor.extract %[[X]][%[[P]], %[[C2]]]
// CHECK: %[[SPLAT:[a-z0-9_]+]] = vector.broadcast %[[A]] : f32 to vector<16xf32>
// CHECK: vector.fma %[[SPLAT]], %[[BLOCK]], %{{.*}} : vector<16xf32>
// CHECK-COUNT-8: vector.transfer_write
// CHECK: scf.for %{{.*}} = %[[C8]] to %[[C9]] step %{{.*}} iter_args(%{{.*}} = %[[TILES]])
// CHECK-COUNT-1: vector.fma
// CHECK: tensor.expand_shape
// CHECK-NOT: linalg.conv

// With max-density 0.2, 0.25 is too dense.
// STRICT-LABEL: func.func @one_block
// STRICT: linalg.conv_2d_nhwc_fhwc
func.func @one_block(%x: tensor<1x3x3x4xf32>, %bias: tensor<1x3x3x16xf32>) -> tensor<1x3x3x16xf32> {
  %w = arith.constant dense<[[[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]]]> : tensor<16x1x1x4xf32>
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x3x3x4xf32>, tensor<16x1x1x4xf32>) outs(%bias : tensor<1x3x3x16xf32>) -> tensor<1x3x3x16xf32>
  return %0 : tensor<1x3x3x16xf32>
}

// 12 output channels (no multiple of 8 or 16) in 4x1 blocks: rows of blocks
// 0 and 2 hold one block each (input channels 0 and 3), row 1 none. Two
// 4-lane multiply-adds against ceil(12 / 16) * 4 = 4 dense ones.
// CHECK-LABEL: func.func @blocks_of_four
// CHECK-DAG: %[[VALUES:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00], [9.000000e+00, 1.000000e+01, 1.100000e+01, 1.200000e+01]]> : tensor<2x4xf32>
// CHECK-DAG: %[[COLUMNS:.*]] = arith.constant dense<[0, 3]> : tensor<2xi32>
// CHECK-DAG: arith.constant dense<[0, 1, 1, 2]> : tensor<4xi32>
// CHECK: %[[COLUMN:[a-z0-9_]+]] = tensor.extract %[[COLUMNS]][%[[K:[a-z0-9_]+]]]
// CHECK: %[[C:[a-z0-9_]+]] = arith.index_cast %[[COLUMN]] : i32 to index
// CHECK: vector.transfer_read %[[VALUES]][%[[K]], %{{.*}}]{{.*}}: tensor<2x4xf32>, vector<4xf32>
// CHECK: tensor.extract %{{.*}}[%{{.*}}, %[[C]]] : tensor<8x4xf32>
// CHECK: vector.fma {{.*}} : vector<4xf32>
// CHECK-NOT: linalg.conv
func.func @blocks_of_four(%x: tensor<1x2x4x4xf32>, %bias: tensor<1x2x4x12xf32>) -> tensor<1x2x4x12xf32> {
  %w = arith.constant dense<[[[[1.0, 0.0, 0.0, 0.0]]], [[[2.0, 0.0, 0.0, 0.0]]], [[[3.0, 0.0, 0.0, 0.0]]], [[[4.0, 0.0, 0.0, 0.0]]], [[[0.0, 0.0, 0.0, 0.0]]], [[[0.0, 0.0, 0.0, 0.0]]], [[[0.0, 0.0, 0.0, 0.0]]], [[[0.0, 0.0, 0.0, 0.0]]], [[[0.0, 0.0, 0.0, 9.0]]], [[[0.0, 0.0, 0.0, 10.0]]], [[[0.0, 0.0, 0.0, 11.0]]], [[[0.0, 0.0, 0.0, 12.0]]]]> : tensor<12x1x1x4xf32>
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x2x4x4xf32>, tensor<12x1x1x4xf32>) outs(%bias : tensor<1x2x4x12xf32>) -> tensor<1x2x4x12xf32>
  return %0 : tensor<1x2x4x12xf32>
}

// An all-zero filter leaves the bias.
// CHECK-LABEL: func.func @all_zero
// CHECK-NEXT: return %arg1
func.func @all_zero(%x: tensor<1x2x2x4xf32>, %bias: tensor<1x2x2x16xf32>) -> tensor<1x2x2x16xf32> {
  %w = arith.constant dense<0.0> : tensor<16x1x1x4xf32>
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x2x2x4xf32>, tensor<16x1x1x4xf32>) outs(%bias : tensor<1x2x2x16xf32>) -> tensor<1x2x2x16xf32>
  return %0 : tensor<1x2x2x16xf32>
}

// Dense filters, strided and non-1x1 convolutions and non-constant filters
// stay convolutions.
// CHECK-LABEL: func.func @dense
// CHECK: linalg.conv_2d_nhwc_fhwc
func.func @dense(%x: tensor<1x2x2x4xf32>, %bias: tensor<1x2x2x16xf32>) -> tensor<1x2x2x16xf32> {
  %w = arith.constant dense<0.5> : tensor<16x1x1x4xf32>
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x2x2x4xf32>, tensor<16x1x1x4xf32>) outs(%bias : tensor<1x2x2x16xf32>) -> tensor<1x2x2x16xf32>
  return %0 : tensor<1x2x2x16xf32>
}

// CHECK-LABEL: func.func @strided
// CHECK: linalg.conv_2d_nhwc_fhwc
func.func @strided(%x: tensor<1x4x4x4xf32>, %bias: tensor<1x2x2x16xf32>) -> tensor<1x2x2x16xf32> {
  %w = arith.constant dense<[[[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]]]> : tensor<16x1x1x4xf32>
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %w : tensor<1x4x4x4xf32>, tensor<16x1x1x4xf32>) outs(%bias : tensor<1x2x2x16xf32>) -> tensor<1x2x2x16xf32>
  return %0 : tensor<1x2x2x16xf32>
}

// CHECK-LABEL: func.func @three_by_three
// CHECK: linalg.conv_2d_nhwc_fhwc
func.func @three_by_three(%x: tensor<1x4x4x4xf32>, %bias: tensor<1x2x2x16xf32>) -> tensor<1x2x2x16xf32> {
  %w = arith.constant dense<0.0> : tensor<16x3x3x4xf32>
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x4x4x4xf32>, tensor<16x3x3x4xf32>) outs(%bias : tensor<1x2x2x16xf32>) -> tensor<1x2x2x16xf32>
  return %0 : tensor<1x2x2x16xf32>
}

// CHECK-LABEL: func.func @variable_filter
// CHECK: linalg.conv_2d_nhwc_fhwc
func.func @variable_filter(%x: tensor<1x2x2x4xf32>, %w: tensor<16x1x1x4xf32>, %bias: tensor<1x2x2x16xf32>) -> tensor<1x2x2x16xf32> {
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x2x2x4xf32>, tensor<16x1x1x4xf32>) outs(%bias : tensor<1x2x2x16xf32>) -> tensor<1x2x2x16xf32>
  return %0 : tensor<1x2x2x16xf32>
}

// With threads, whole tiles are split into chunks of pixels: 40 pixels are
// 5 tiles of 8, in chunks of 24 and 16 pixels; the last 3 pixels follow one
// at a time.
// THREADS-LABEL: func.func @threads
// THREADS: %[[OUT:[a-z0-9_]+]] = tensor.collapse_shape %arg1
// THREADS: %[[CHUNKS:[a-z0-9_]+]] = scf.forall (%[[T:[a-z0-9_]+]]) in (2) shared_outs(%[[SHARED:[a-z0-9_]+]] = %[[OUT]]) -> (tensor<43x16xf32>)
// THREADS: %[[BEGIN:[a-z0-9_]+]] = arith.muli %[[T]], %c24
// THREADS: %[[SIZE:[a-z0-9_]+]] = arith.minsi
// THREADS: %[[CHUNK:[a-z0-9_]+]] = tensor.extract_slice %[[SHARED]][%[[BEGIN]], 0] [%[[SIZE]], 16] [1, 1] : tensor<43x16xf32> to tensor<?x16xf32>
// THREADS: %[[RESULT:[a-z0-9_]+]] = scf.for %{{.*}} = %c0 to %[[SIZE]] step %c8 iter_args(%{{.*}} = %[[CHUNK]])
// THREADS: tensor.parallel_insert_slice %[[RESULT]] into %[[SHARED]][%[[BEGIN]], 0] [%[[SIZE]], 16] [1, 1]
// THREADS: scf.for %{{.*}} = %c40 to %c43 step %c1 iter_args(%{{.*}} = %[[CHUNKS]])
func.func @threads(%x: tensor<1x43x1x4xf32>, %bias: tensor<1x43x1x16xf32>) -> tensor<1x43x1x16xf32> {
  %w = arith.constant dense<[[[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0, 0.0]]]]> : tensor<16x1x1x4xf32>
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x43x1x4xf32>, tensor<16x1x1x4xf32>) outs(%bias : tensor<1x43x1x16xf32>) -> tensor<1x43x1x16xf32>
  return %0 : tensor<1x43x1x16xf32>
}
