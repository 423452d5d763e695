// RUN: mint-opt %s --split-input-file --mint-palettize-weights="min-elements=1" --mlir-print-debuginfo | FileCheck %s
// RUN: mint-opt %s --split-input-file --mint-palettize-weights="min-elements=1 max-values=2" | FileCheck %s --check-prefix=FEW
// RUN: mint-opt %s --split-input-file --mint-palettize-weights | FileCheck %s --check-prefix=SMALL
// RUN: mint-opt %s --split-input-file --mint-palettize-weights="min-elements=1" | mint-opt --split-input-file --mint-densify | FileCheck %s --check-prefix=EXPAND
// RUN: not mint-opt %s --split-input-file --mint-palettize-weights="max-values=300" 2>&1 | FileCheck %s --check-prefix=BAD

// Three distinct values (and -0.0, stored as 0.0): the palette holds them in
// increasing order, each weight its index as a byte, and CAST + GATHER give
// the weight back; the new tensors are named after the weight.
// CHECK-LABEL: func.func @three_values
// CHECK-DAG: %[[PALETTE:.*]] = mint.const dense<[-5.000000e-01, 0.000000e+00, 2.500000e-01]> : tensor<3xf32> loc(#[[PLOC:.*]])
// CHECK-DAG: %[[INDICES:.*]] = mint.const dense<{{\[\[}}2, 0, 1], [1, 2, 0]]> : tensor<2x3xui8> loc(#[[ILOC:.*]])
// CHECK: %[[WIDE:.*]] = mint.cast %[[INDICES]] {in_data_type = "UINT8", out_data_type = "INT32"} : (tensor<2x3xui8>) -> tensor<2x3xi32>
// CHECK: %[[W:.*]] = mint.gather %[[PALETTE]], %[[WIDE]] : (tensor<3xf32>, tensor<2x3xi32>) -> tensor<2x3xf32>
// CHECK: mint.fully_connected %{{.*}}, %[[W]]
// CHECK-NOT: palettize_skipped
// CHECK-DAG: #[[PLOC]] = loc("w/palette"
// CHECK-DAG: #[[ILOC]] = loc("w/indices"
// The expansion mint-densify does for the CPU path gives the same values.
// EXPAND-LABEL: func.func @three_values
// EXPAND: mint.const dense<{{\[\[}}2.500000e-01, -5.000000e-01, 0.000000e+00], [0.000000e+00, 2.500000e-01, -5.000000e-01]]> : tensor<2x3xf32>
// EXPAND-NOT: mint.gather
// FEW-LABEL: func.func @three_values
// FEW: mint.palettize_skipped = "its weight has more than 2 distinct values in a layer and in an output channel (max-values)"
// SMALL-LABEL: func.func @three_values
// SMALL: mint.palettize_skipped = "its weight has fewer than 1024 values (min-elements)"
// BAD: error: mint-palettize-weights: max-values must be in [1, 256], got 300
func.func @three_values(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %w = mint.const dense<[[0.25, -0.5, 0.0], [-0.0, 0.25, -0.5]]> : tensor<2x3xf32> loc("w")
  %0 = mint.fully_connected %x, %w : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

// A weight that is not a float32 constant (here int8 quantized) is left.
// CHECK-LABEL: func.func @quantized
// CHECK: mint.palettize_skipped = "its weight is not a float32 constant"
func.func @quantized(%x: tensor<1x2x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.2>> {
  %w = mint.const dense<[[1, 2], [3, 4]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8<-127:127>:f32, 0.01>>
  %0 = mint.fully_connected %x, %w : (tensor<1x2x!quant.uniform<i8:f32, 0.1>>, tensor<2x2x!quant.uniform<i8<-127:127>:f32, 0.01>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.2>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 0.2>>
}

// -----

// Four distinct values, at most two per output channel: with max-values=2,
// one palette per output channel (the one-value channel padded by repeating
// it), gathered along axis 1 with one batch dimension.
// FEW-LABEL: func.func @per_channel
// FEW-DAG: %[[PALETTE:.*]] = mint.const dense<{{\[\[}}-1.000000e+00, 1.000000e+00], [5.000000e-01, 5.000000e-01], [-2.000000e+00, 0.000000e+00]]> : tensor<3x2xf32>
// FEW-DAG: %[[INDICES:.*]] = mint.const dense<{{\[\[}}1, 0, 1, 0], [0, 0, 0, 0], [0, 1, 1, 0]]> : tensor<3x4xui8>
// FEW: %[[WIDE:.*]] = mint.cast %[[INDICES]]
// FEW: %[[W:.*]] = mint.gather %[[PALETTE]], %[[WIDE]] {axis = 1 : i32, batch_dims = 1 : i32} : (tensor<3x2xf32>, tensor<3x4xi32>) -> tensor<3x4xf32>
// FEW: mint.fully_connected %{{.*}}, %[[W]]
// EXPAND-LABEL: func.func @per_channel
// EXPAND: mint.const dense<{{\[\[}}1.000000e+00, -1.000000e+00, 1.000000e+00, -1.000000e+00], [5.000000e-01, 5.000000e-01, 5.000000e-01, 5.000000e-01], [-2.000000e+00, 0.000000e+00, 0.000000e+00, -2.000000e+00]]> : tensor<3x4xf32>
func.func @per_channel(%x: tensor<1x4xf32>) -> tensor<1x3xf32> {
  %w = mint.const dense<[[1.0, -1.0, 1.0, -1.0], [0.5, 0.5, 0.5, 0.5], [-2.0, 0.0, 0.0, -2.0]]> : tensor<3x4xf32>
  %0 = mint.fully_connected %x, %w : (tensor<1x4xf32>, tensor<3x4xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}
