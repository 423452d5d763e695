// RUN: mint-opt %s --split-input-file --mint-encode-sparse-weights | FileCheck %s

// Half the 1x4 blocks are zero: 1x4 blocks store 2 x 16 B of values, 2 index
// bytes and 3 segment bytes (37 B) against 43 B in plain CSR and 64 B dense.
// A float32 FULLY_CONNECTED reads the sparse weight directly.
// CHECK-LABEL: func.func @fully_connected_blocks
// CHECK: %[[W:.*]] = mint.sparse_const #mint.sparsity<traversal_order = [0, 1, 2], block_map = [1], block_sizes = [4], levels = [dense, sparse_csr, dense]> dense<{{\[\[}}0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+00
// CHECK-NOT: mint.densify
// CHECK: mint.fully_connected %{{.*}}, %[[W]]
func.func @fully_connected_blocks(%x: tensor<1x8xf32>) -> tensor<1x2xf32> {
  %w = mint.const dense<[[0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<2x8xf32>
  %0 = mint.fully_connected %x, %w : (tensor<1x8xf32>, tensor<2x8xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

// Scattered zeros: plain CSR over the innermost dimension; a convolution
// has no sparse kernel in TFLite and reads the weight through DENSIFY.
// CHECK-LABEL: func.func @conv_csr
// CHECK: %[[S:.*]] = mint.sparse_const #mint.sparsity<traversal_order = [0, 1, 2, 3], levels = [dense, dense, dense, sparse_csr]>
// CHECK: %[[W:.*]] = mint.densify %[[S]]
// CHECK: mint.conv_2d %{{.*}}, %[[W]]
func.func @conv_csr(%x: tensor<1x2x2x8xf32>) -> tensor<1x2x2x2xf32> {
  %w = mint.const dense<[[[[0.0, 1.0, 0.0, 0.0, 2.0, 0.0, 0.0, 3.0]]], [[[4.0, 0.0, 0.0, 5.0, 0.0, 0.0, 6.0, 0.0]]]]> : tensor<2x1x1x8xf32>
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x2x2x8xf32>, tensor<2x1x1x8xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// A float16 weight behind DEQUANTIZE is encoded in float16, DENSIFY before
// DEQUANTIZE (as MediaPipe's sparse models store it).
// CHECK-LABEL: func.func @float16
// CHECK: %[[S:.*]] = mint.sparse_const {{.*}} : tensor<2x8xf16>
// CHECK: %[[D:.*]] = mint.densify %[[S]]
// CHECK: %[[W:.*]] = mint.dequantize %[[D]]
// CHECK: mint.fully_connected %{{.*}}, %[[W]]
func.func @float16(%x: tensor<1x8xf32>) -> tensor<1x2xf32> {
  %h = mint.const dense<[[0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<2x8xf16>
  %w = mint.dequantize %h : (tensor<2x8xf16>) -> tensor<2x8xf32>
  %0 = mint.fully_connected %x, %w : (tensor<1x8xf32>, tensor<2x8xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

// int8 with half its values zero, scattered: CSR takes a value and an index
// byte per non-zero, no smaller than dense, so the weight stays dense. With
// whole 1x4 blocks zero it shrinks and goes through DENSIFY (TFLite's
// int8 sparse FULLY_CONNECTED is not used).
// CHECK-LABEL: func.func @int8
// CHECK: %[[DENSE:.*]] = mint.const dense<{{\[\[}}1, 0, 2, 0, 3, 0, 4, 0]]>
// CHECK: mint.fully_connected %{{.*}}, %[[DENSE]]
// CHECK: %[[S:.*]] = mint.sparse_const #mint.sparsity<{{.*}}block_sizes = [4]
// CHECK: %[[W:.*]] = mint.densify %[[S]]
// CHECK: mint.fully_connected %{{.*}}, %[[W]]
func.func @int8(%x: tensor<1x8x!quant.uniform<i8:f32, 0.5>>) -> (tensor<1x1x!quant.uniform<i8:f32, 1.0>>, tensor<1x4x!quant.uniform<i8:f32, 1.0>>) {
  %a = mint.const dense<[[1, 0, 2, 0, 3, 0, 4, 0]]> : tensor<1x8xi8> -> tensor<1x8x!quant.uniform<i8<-127:127>:f32, 0.25>>
  %0 = mint.fully_connected %x, %a : (tensor<1x8x!quant.uniform<i8:f32, 0.5>>, tensor<1x8x!quant.uniform<i8<-127:127>:f32, 0.25>>) -> tensor<1x1x!quant.uniform<i8:f32, 1.0>>
  %b = mint.const dense<[[0, 0, 0, 0, 1, 2, 3, 4], [0, 0, 0, 0, 0, 0, 0, 0], [5, 6, 7, 8, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]]> : tensor<4x8xi8> -> tensor<4x8x!quant.uniform<i8<-127:127>:f32, 0.25>>
  %1 = mint.fully_connected %x, %b : (tensor<1x8x!quant.uniform<i8:f32, 0.5>>, tensor<4x8x!quant.uniform<i8<-127:127>:f32, 0.25>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return %0, %1 : tensor<1x1x!quant.uniform<i8:f32, 1.0>>, tensor<1x4x!quant.uniform<i8:f32, 1.0>>
}

// -----

// TFLite's hybrid kernels (float input, int8 weight) need a constant
// weight; a weight with few zeros is not worth encoding.
// CHECK-LABEL: func.func @left_dense
// CHECK-NOT: sparse_const
// CHECK-NOT: densify
func.func @left_dense(%x: tensor<1x8xf32>) -> (tensor<1x4xf32>, tensor<1x1xf32>) {
  %b = mint.const dense<[[0, 0, 0, 0, 1, 2, 3, 4], [0, 0, 0, 0, 0, 0, 0, 0], [5, 6, 7, 8, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]]> : tensor<4x8xi8> -> tensor<4x8x!quant.uniform<i8<-127:127>:f32, 0.25>>
  %0 = mint.fully_connected %x, %b : (tensor<1x8xf32>, tensor<4x8x!quant.uniform<i8<-127:127>:f32, 0.25>>) -> tensor<1x4xf32>
  %w = mint.const dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]]> : tensor<1x8xf32>
  %1 = mint.fully_connected %x, %w : (tensor<1x8xf32>, tensor<1x8xf32>) -> tensor<1x1xf32>
  return %0, %1 : tensor<1x4xf32>, tensor<1x1xf32>
}
