// RUN: mint-opt %s -mint-fold-f16-weights -split-input-file | FileCheck %s

// CHECK-LABEL: func @fold
func.func @fold(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  // The f16 values 0.1 and 65504 widen exactly.
  // CHECK-DAG: %[[W:.*]] = mint.const dense<{{\[}}[1.000000e+00, -2.000000e+00, 5.000000e-01, 0.0999755859], [6.550400e+04, 0.000000e+00, -0.000000e+00, 3.000000e+00]]> : tensor<2x4xf32>
  // CHECK-DAG: %[[B:.*]] = mint.const dense<[2.500000e-01, -1.000000e+00]> : tensor<2xf32>
  // CHECK-NOT: mint.dequantize
  // CHECK-NOT: xf16
  // CHECK: mint.fully_connected %{{.*}}, %[[W]], %[[B]]
  %w16 = mint.const dense<[[1.0, -2.0, 0.5, 0.1], [65504.0, 0.0, -0.0, 3.0]]> : tensor<2x4xf16>
  %w = mint.dequantize %w16 : (tensor<2x4xf16>) -> tensor<2x4xf32>
  %b16 = mint.const dense<[0.25, -1.0]> : tensor<2xf16>
  %b = mint.dequantize %b16 : (tensor<2xf16>) -> tensor<2xf32>
  %0 = mint.fully_connected %x, %w, %b : (tensor<1x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

// An f16 constant read twice gives both readers one f32 constant; one
// that is also returned as f16 stays.
// CHECK-LABEL: func @shared
func.func @shared() -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf16>) {
  // CHECK-DAG: %[[H:.*]] = mint.const dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf16>
  // CHECK-DAG: %[[F:.*]] = mint.const dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
  // CHECK: return %[[F]], %[[F]], %[[H]]
  %h = mint.const dense<[1.0, 2.0]> : tensor<2xf16>
  %0 = mint.dequantize %h : (tensor<2xf16>) -> tensor<2xf32>
  %1 = mint.dequantize %h : (tensor<2xf16>) -> tensor<2xf32>
  return %0, %1, %h : tensor<2xf32>, tensor<2xf32>, tensor<2xf16>
}

// -----

// Sparse f16 constants wait for mint-densify.
// CHECK-LABEL: func @left_alone
func.func @left_alone() -> tensor<2xf32> {
  // CHECK: mint.sparse_const
  // CHECK: mint.dequantize
  %s = mint.sparse_const #mint.sparsity<traversal_order = [0], levels = [sparse_csr]> dense<[0.0, 1.0]> : tensor<2xf16>
  %0 = mint.dequantize %s : (tensor<2xf16>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Only f16 weights change: the pass folds nothing else, so int8 weights
// stay quantized and a reshape of a constant stays a reshape.
// CHECK-LABEL: func @only_f16
func.func @only_f16() -> (tensor<2xf32>, tensor<1x2xf32>) {
  // CHECK: mint.const dense<[1, -2]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32, 5.000000e-01>>
  // CHECK: mint.dequantize
  // CHECK: mint.reshape
  %q = mint.const dense<[1, -2]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  %0 = mint.dequantize %q : (tensor<2x!quant.uniform<i8:f32, 0.5>>) -> tensor<2xf32>
  %c = mint.const dense<[1.0, 2.0]> : tensor<2xf32>
  %s = mint.const dense<[1, 2]> : tensor<2xi32>
  %1 = mint.reshape %c, %s : (tensor<2xf32>, tensor<2xi32>) -> tensor<1x2xf32>
  return %0, %1 : tensor<2xf32>, tensor<1x2xf32>
}
