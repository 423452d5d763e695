// RUN: mint-opt %s --split-input-file --mint-prune="min-elements=1" | FileCheck %s --check-prefix=HALF
// RUN: mint-opt %s --split-input-file --mint-prune="min-elements=1 pattern=2:4" | FileCheck %s --check-prefix=TWO-FOUR
// RUN: mint-opt %s --split-input-file --mint-prune="min-elements=1 pattern=block:1x4 max-weight-error=0.9" | FileCheck %s --check-prefix=BLOCK
// RUN: mint-opt %s --split-input-file --mint-prune="min-elements=1 max-weight-error=0.1" | FileCheck %s --check-prefix=SENSITIVE
// RUN: mint-opt %s --split-input-file --mint-prune="min-elements=17" | FileCheck %s --check-prefix=SMALL
// RUN: mint-opt %s --split-input-file --mint-prune="min-elements=1 max-weight-error=0.9 schedule=^fc_b$=0.75,^fc=0" | FileCheck %s --check-prefix=SCHEDULE
// RUN: not mint-opt %s --split-input-file --mint-prune="pattern=3:2" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not mint-opt %s --split-input-file --mint-prune="schedule=fc" 2>&1 | FileCheck %s --check-prefix=BAD-SCHEDULE

// Row 0 holds the 8 largest magnitudes of 16, so 50% unstructured zeroes 6
// of row 0 and 2 of row 1 (per layer, not per row); 2:4 keeps the two
// largest of every 4; 1x4 blocks go by L2 norm (the first block of each
// row is the weakest).
// HALF-LABEL: func.func @fc
// HALF: mint.const dense<{{\[\[}}0.000000e+00, 0.000000e+00, 0.000000e+00, 4.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, -7.000000e+00], [0.000000e+00, 0.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00]]>
// HALF-NOT: mint.prune_skipped
// TWO-FOUR-LABEL: func.func @fc
// TWO-FOUR: mint.const dense<{{\[\[}}0.000000e+00, -2.000000e+00, 0.000000e+00, 4.000000e+00, 0.000000e+00, 6.000000e-01, 0.000000e+00, -7.000000e+00], [0.000000e+00, 0.000000e+00, 3.000000e+00, 4.000000e+00, 0.000000e+00, 0.000000e+00, 7.000000e+00, 8.000000e+00]]>
// BLOCK-LABEL: func.func @fc
// BLOCK: mint.const dense<{{\[\[}}0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, -5.000000e-01, 6.000000e-01, 5.000000e-02, -7.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00, 8.000000e+00]]>
// 50% of these weights carry 19% of their energy: sqrt(0.19) > 0.1.
// SENSITIVE-LABEL: func.func @fc
// SENSITIVE: mint.fully_connected
// SENSITIVE-SAME: mint.prune_skipped = "pruning would change its weights by more than 1.000000e-01 in relative L2 norm (max-weight-error)"
// SMALL-LABEL: func.func @fc
// SMALL: mint.const dense<{{\[\[}}1.000000e-01, -2.000000e+00
// SMALL: mint.fully_connected
// SMALL-SAME: mint.prune_skipped = "its weight has fewer than 17 values (min-elements)"
// SCHEDULE-LABEL: func.func @fc
// SCHEDULE: mint.fully_connected
// SCHEDULE-SAME: mint.prune_skipped = "the schedule gives it sparsity 0"
// BAD: error: mint-prune: pattern '3:2' is not unstructured, block:RxC or N:M with N < M
// BAD-SCHEDULE: error: mint-prune: schedule entry 'fc' is not REGEX=SPARSITY
func.func @fc(%x: tensor<1x8xf32>) -> tensor<1x2xf32> {
  %w = mint.const dense<[[0.1, -2.0, 0.3, 4.0, -0.5, 0.6, 0.05, -7.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]]> : tensor<2x8xf32>
  %0 = mint.fully_connected %x, %w : (tensor<1x8xf32>, tensor<2x8xf32>) -> tensor<1x2xf32> loc("fc_a")
  return %0 : tensor<1x2xf32>
}

// -----

// A schedule entry matched by the tensor name sets the layer's sparsity:
// 75% of the 8 weights.
// SCHEDULE-LABEL: func.func @scheduled
// SCHEDULE: mint.const dense<{{\[\[}}0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 7.000000e+00, 8.000000e+00]]>
// SCHEDULE-NOT: prune_skipped
func.func @scheduled(%x: tensor<1x8xf32>) -> tensor<1x1xf32> {
  %w = mint.const dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]]> : tensor<1x8xf32>
  %0 = mint.fully_connected %x, %w : (tensor<1x8xf32>, tensor<1x8xf32>) -> tensor<1x1xf32> loc("fc_b")
  return %0 : tensor<1x1xf32>
}

// -----

// 2:4 runs along a convolution's flattened KH x KW x I (here 1x1x4 per
// output channel); a depthwise convolution has no such groups and is left
// with the reason.
// TWO-FOUR-LABEL: func.func @conv_and_depthwise
// TWO-FOUR: mint.const dense<{{\[\[\[\[}}0.000000e+00, 2.000000e+00, 0.000000e+00, -4.000000e+00]]], {{\[\[\[}}-4.000000e+00, 3.000000e+00, 0.000000e+00, 0.000000e+00]]]]>
// TWO-FOUR: mint.conv_2d
// TWO-FOUR: mint.depthwise_conv_2d
// TWO-FOUR-SAME: mint.prune_skipped = "2:4 groups run along a reduction dimension, and a depthwise convolution reduces only over its window, per channel"
func.func @conv_and_depthwise(%x: tensor<1x2x2x4xf32>) -> tensor<1x2x2x2xf32> {
  %w = mint.const dense<[[[[1.0, 2.0, -1.5, -4.0]]], [[[-4.0, 3.0, 2.0, 1.0]]]]> : tensor<2x1x1x4xf32>
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x2x2x4xf32>, tensor<2x1x1x4xf32>) -> tensor<1x2x2x2xf32>
  %dw = mint.const dense<[[[[1.0, 2.0]]]]> : tensor<1x1x1x2xf32>
  %1 = mint.depthwise_conv_2d %0, %dw {depth_multiplier = 1 : i32, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x2x2x2xf32>, tensor<1x1x1x2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}
