// RUN: mint-opt %s -mint-densify -split-input-file | FileCheck %s

// CHECK-LABEL: func @densify_sparse_constant
func.func @densify_sparse_constant() -> tensor<2x2xf16> {
  // CHECK: %[[C:.*]] = mint.const dense<{{\[}}[0.000000e+00, 1.500000e+00], [0.000000e+00, 0.000000e+00]]> : tensor<2x2xf16>
  // CHECK-NOT: sparse
  // CHECK-NOT: mint.densify
  // CHECK: return %[[C]]
  %0 = mint.sparse_const #mint.sparsity<traversal_order = [0, 1], levels = [dense, sparse_csr]> dense<[[0.0, 1.5], [0.0, 0.0]]> : tensor<2x2xf16>
  %1 = mint.densify %0 : (tensor<2x2xf16>) -> tensor<2x2xf16>
  return %1 : tensor<2x2xf16>
}

// -----

// A sparse constant that something else reads directly (as TFLite's sparse
// FULLY_CONNECTED does) becomes dense there too (one constant for both).
// CHECK-LABEL: func @shared_sparse_constant
func.func @shared_sparse_constant() -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  // CHECK-NOT: sparse_const
  // CHECK: %[[C:.*]] = mint.const dense<{{\[}}[1.000000e+00, 0.000000e+00], [0.000000e+00, 2.000000e+00]]> : tensor<2x2xf32>
  // CHECK-NOT: sparse_const
  // CHECK: return %[[C]], %[[C]]
  %0 = mint.sparse_const #mint.sparsity<traversal_order = [0, 1], levels = [dense, sparse_csr]> dense<[[1.0, 0.0], [0.0, 2.0]]> : tensor<2x2xf32>
  %1 = mint.densify %0 : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %1, %0 : tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// DENSIFY of something that is not a sparse constant stays.
// CHECK-LABEL: func @not_sparse
func.func @not_sparse(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: mint.densify
  %0 = mint.densify %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
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
