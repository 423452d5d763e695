// RUN: mint-opt %s --split-input-file --mint-cluster="clusters=2 min-elements=1" | FileCheck %s --check-prefixes=CHECK,LAYER
// RUN: mint-opt %s --split-input-file --mint-cluster="clusters=2 min-elements=1 per-channel" | FileCheck %s --check-prefix=CHANNEL
// RUN: mint-opt %s --split-input-file --mint-cluster="clusters=2 min-elements=1 init=linear" | FileCheck %s
// RUN: mint-opt %s --split-input-file --mint-cluster="clusters=2 min-elements=1 init=random seed=7" | FileCheck %s
// RUN: mint-opt %s --split-input-file --mint-cluster="clusters=2 min-elements=1 init=density" | FileCheck %s
// RUN: mint-opt %s --split-input-file --mint-cluster="clusters=2 min-elements=100" | FileCheck %s --check-prefix=SMALL
// RUN: not mint-opt %s --split-input-file --mint-cluster="clusters=0" 2>&1 | FileCheck %s --check-prefix=BAD

// Two clear clusters, whatever the initialization; the exact zero (a
// pruned weight) stays zero and is not a cluster of its own.
// CHECK-LABEL: func.func @two_clusters
// CHECK: mint.const dense<{{\[\[}}1.000000e+00, 1.000000e+00, -2.000000e+00, -2.000000e+00, 0.000000e+00, 1.000000e+00]]> : tensor<1x6xf32>
// CHECK-NOT: cluster_skipped
// SMALL-LABEL: func.func @two_clusters
// SMALL: mint.fully_connected
// SMALL-SAME: mint.cluster_skipped = "its weight has fewer than 100 values (min-elements)"
// BAD: error: mint-cluster: clusters must be at least 1, got 0
func.func @two_clusters(%x: tensor<1x6xf32>) -> tensor<1x1xf32> {
  %w = mint.const dense<[[0.9, 1.1, -2.1, -1.9, 0.0, 1.0]]> : tensor<1x6xf32>
  %0 = mint.fully_connected %x, %w : (tensor<1x6xf32>, tensor<1x6xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// Per layer, 2 centroids for 4 groups of values: k-means++ finds the
// better of the two local optima ({0.5 .. 10.5} and {19.5, 20.5}: squared
// error 83.3, against 118 for {0.5 .. 5.5} and {9.5 .. 20.5}); per
// channel, 2 for each output channel's 2 groups.
// LAYER-LABEL: func.func @per_channel
// LAYER: mint.const dense<{{\[\[}}5.33333349, 5.33333349, 5.33333349, 5.33333349], [5.33333349, 5.33333349, 2.000000e+01, 2.000000e+01]]>
// CHANNEL-LABEL: func.func @per_channel
// CHANNEL: mint.const dense<{{\[\[}}1.000000e+00, 1.000000e+00, 5.000000e+00, 5.000000e+00], [1.000000e+01, 1.000000e+01, 2.000000e+01, 2.000000e+01]]>
func.func @per_channel(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = mint.const dense<[[0.5, 1.5, 4.5, 5.5], [9.5, 10.5, 19.5, 20.5]]> : tensor<2x4xf32>
  %0 = mint.fully_connected %x, %w : (tensor<1x4xf32>, tensor<2x4xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}
