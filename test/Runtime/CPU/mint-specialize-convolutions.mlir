// RUN: mint-opt %s --split-input-file --mint-specialize-convolutions | FileCheck %s

// A constant FHWC filter is transposed to HWCF at compile time.
// CHECK-LABEL: func.func @constant_filter
// CHECK: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]]]> : tensor<1x1x2x2xf32>
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%arg0, %[[W]] : tensor<1x4x4x2xf32>, tensor<1x1x2x2xf32>)
func.func @constant_filter(%x: tensor<1x4x4x2xf32>, %init: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0]]], [[[3.0, 4.0]]]]> : tensor<2x1x1x2xf32>
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>) outs(%init : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

// A filter computed elementwise from constants (a palette lookup) is
// transposed by a linalg.generic reading it at (f, h, w, c).
// CHECK-DAG: #[[READ:.*]] = affine_map<(d0, d1, d2, d3) -> (d3, d0, d1, d2)>
// CHECK-LABEL: func.func @computed_from_constants
// CHECK: %[[LOOKUP:.*]] = linalg.generic
// CHECK: %[[W:.*]] = linalg.generic {indexing_maps = [#[[READ]], #{{.*}}], {{.*}} ins(%[[LOOKUP]] : tensor<2x1x1x2xf32>) outs(%{{.*}} : tensor<1x1x2x2xf32>)
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%arg0, %[[W]] : tensor<1x4x4x2xf32>, tensor<1x1x2x2xf32>)
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @computed_from_constants(%x: tensor<1x4x4x2xf32>, %init: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %palette = arith.constant dense<[-1.0, 0.5]> : tensor<2xf32>
  %indices = arith.constant dense<[[[[0, 1]]], [[[1, 0]]]]> : tensor<2x1x1x2xi8>
  %empty = tensor.empty() : tensor<2x1x1x2xf32>
  %w = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%indices : tensor<2x1x1x2xi8>) outs(%empty : tensor<2x1x1x2xf32>) {
  ^bb0(%i: i8, %out: f32):
    %k = arith.index_castui %i : i8 to index
    %v = tensor.extract %palette[%k] : tensor<2xf32>
    linalg.yield %v : f32
  } -> tensor<2x1x1x2xf32>
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>) outs(%init : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

// Also through a reshape (FULLY_CONNECTED's filter, expanded to 4-D).
// CHECK-LABEL: func.func @reshaped_lookup
// CHECK: %[[LOOKUP:.*]] = linalg.generic
// CHECK: %[[EXPANDED:.*]] = tensor.expand_shape %[[LOOKUP]]
// CHECK: %[[W:.*]] = linalg.generic {{.*}} ins(%[[EXPANDED]] : tensor<2x1x1x2xf32>) outs(%{{.*}} : tensor<1x1x2x2xf32>)
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%arg0, %[[W]]
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @reshaped_lookup(%x: tensor<1x4x4x2xf32>, %init: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %palette = arith.constant dense<[-1.0, 0.5]> : tensor<2xf32>
  %indices = arith.constant dense<[[0, 1], [1, 0]]> : tensor<2x2xi8>
  %empty = tensor.empty() : tensor<2x2xf32>
  %lookup = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%indices : tensor<2x2xi8>) outs(%empty : tensor<2x2xf32>) {
  ^bb0(%i: i8, %out: f32):
    %k = arith.index_castui %i : i8 to index
    %v = tensor.extract %palette[%k] : tensor<2xf32>
    linalg.yield %v : f32
  } -> tensor<2x2xf32>
  %w = tensor.expand_shape %lookup [[0, 1, 2], [3]] output_shape [2, 1, 1, 2] : tensor<2x2xf32> into tensor<2x1x1x2xf32>
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>) outs(%init : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

// Any other filter (here an argument, or a transposed constant as in the
// transposed convolution of Convolution2DTransposeBias) keeps the FHWC
// form.
// CHECK-LABEL: func.func @argument_filter
// CHECK: linalg.conv_2d_nhwc_fhwc
// CHECK-NOT: linalg.conv_2d_nhwc_hwcf
func.func @argument_filter(%x: tensor<1x4x4x2xf32>, %w: tensor<2x1x1x2xf32>, %init: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>) outs(%init : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// CHECK-LABEL: func.func @transposed_constant
// CHECK: linalg.conv_2d_nhwc_fhwc
// CHECK-NOT: linalg.conv_2d_nhwc_hwcf
func.func @transposed_constant(%x: tensor<1x4x4x2xf32>, %init: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %c = arith.constant dense<[[[[1.0, 2.0]], [[3.0, 4.0]]]]> : tensor<1x2x1x2xf32>
  %empty = tensor.empty() : tensor<2x1x1x2xf32>
  %w = linalg.transpose ins(%c : tensor<1x2x1x2xf32>) outs(%empty : tensor<2x1x1x2xf32>) permutation = [1, 0, 2, 3]
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>) outs(%init : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}
