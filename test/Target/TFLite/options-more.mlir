// The remaining mint ops, custom operators and builtins Mint does not
// model, exported and read back: flatc decodes the file with Mint's schema
// (JSON checks), Mint imports it (MLIR checks), and the import re-exports
// to the same bytes.
//
// RUN: rm -rf %t && mkdir %t
// RUN: mint-translate --export-tflite %s -o %t/model.tflite
// RUN: %flatc --json --strict-json --raw-binary -o %t %mint_src_root/lib/Target/TFLite/schema/tflite.fbs -- %t/model.tflite
// RUN: FileCheck %s --check-prefix=JSON < %t/model.json
// RUN: mint-translate --import-tflite %t/model.tflite | FileCheck %s --check-prefix=MLIR
// RUN: mint-translate --import-tflite %t/model.tflite | mint-translate --export-tflite -o %t/again.tflite
// RUN: cmp %t/model.tflite %t/again.tflite

// Operator codes in first-use order; custom operators keep their name and
// version, builtins Mint does not model their code and version.
// JSON-LABEL: "operator_codes": [
// JSON: "builtin_code": "SUB"
// JSON: "builtin_code": "MUL"
// JSON: "builtin_code": "DIV"
// JSON: "builtin_code": "MAXIMUM"
// JSON: "builtin_code": "MINIMUM"
// JSON: "builtin_code": "RELU"
// JSON: "builtin_code": "RELU6"
// JSON: "builtin_code": "RELU_N1_TO_1"
// JSON: "builtin_code": "LEAKY_RELU"
// JSON: "builtin_code": "PRELU"
// JSON: "builtin_code": "LOGISTIC"
// JSON: "builtin_code": "TANH"
// JSON: "deprecated_builtin_code": 117,
// JSON-NEXT: "builtin_code": "HARD_SWISH"
// JSON: "builtin_code": "SOFTMAX"
// JSON: "builtin_code": "LOG_SOFTMAX"
// JSON: "builtin_code": "RESHAPE"
// JSON: "builtin_code": "CONCATENATION"
// JSON: "builtin_code": "PAD"
// JSON: "builtin_code": "PADV2"
// JSON: "builtin_code": "STRIDED_SLICE"
// JSON: "builtin_code": "SLICE"
// JSON: "builtin_code": "TRANSPOSE"
// JSON: "builtin_code": "RESIZE_BILINEAR"
// JSON: "version": 3,
// JSON-NEXT: "builtin_code": "RESIZE_NEAREST_NEIGHBOR"
// JSON: "builtin_code": "DEPTH_TO_SPACE"
// JSON: "builtin_code": "SPACE_TO_DEPTH"
// JSON: "builtin_code": "MEAN"
// JSON: "builtin_code": "QUANTIZE"
// JSON: "version": 3,
// JSON-NEXT: "builtin_code": "DEQUANTIZE"
// JSON: "version": 2,
// JSON-NEXT: "builtin_code": "FAKE_QUANT"
// JSON: "deprecated_builtin_code": 124,
// JSON-NEXT: "builtin_code": "DENSIFY"
// JSON: "deprecated_builtin_code": 32,
// JSON-NEXT: "custom_code": "MyOp",
// JSON-NEXT: "version": 3,
// JSON-NEXT: "builtin_code": "CUSTOM"
// JSON: "deprecated_builtin_code": 85,
// JSON-NEXT: "version": 2,
// JSON-NEXT: "builtin_code": "ONE_HOT"
// JSON: "deprecated_builtin_code": 100,
// JSON-NEXT: "builtin_code": "MIRROR_PAD"
// JSON: "deprecated_builtin_code": 43,
// JSON-NEXT: "builtin_code": "SQUEEZE"

// A sparse constant is written with its sparsity: the second level keeps
// one entry per row (segments 0, 1, 2; indices 1, 0).
// JSON: "type": "FLOAT16",
// JSON: "sparsity": {
// JSON-NEXT: "traversal_order": [
// JSON-NEXT: 0,
// JSON-NEXT: 1
// JSON-NEXT: ],
// JSON-NEXT: "dim_metadata": [
// JSON-NEXT: {
// JSON-NEXT: "dense_size": 2
// JSON-NEXT: },
// JSON-NEXT: {
// JSON-NEXT: "format": "SPARSE_CSR",
// JSON-NEXT: "array_segments_type": "Uint8Vector",
// JSON-NEXT: "array_segments": {
// JSON-NEXT: "values": [
// JSON-NEXT: 0,
// JSON-NEXT: 1,
// JSON-NEXT: 2
// JSON: "array_indices_type": "Uint8Vector",
// JSON-NEXT: "array_indices": {
// JSON-NEXT: "values": [
// JSON-NEXT: 1,
// JSON-NEXT: 0

// JSON-LABEL: "operators": [
// JSON: "builtin_options_type": "AddOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "fused_activation_function": "RELU",
// JSON-NEXT: "pot_scale_int16": false
// JSON: "builtin_options_type": "SubOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "fused_activation_function": "RELU6"
// JSON-NEXT: }
// JSON: "builtin_options_type": "MulOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "fused_activation_function": "RELU_N1_TO_1"
// JSON: "builtin_options_type": "DivOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "fused_activation_function": "SIGN_BIT"
// JSON: "builtin_options_type": "MaximumMinimumOptions",
// JSON: "builtin_options_type": "MaximumMinimumOptions",
// JSON: "builtin_options_type": "LeakyReluOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "alpha": 0.125
// JSON: "builtin_options_type": "HardSwishOptions",
// JSON: "builtin_options_type": "SoftmaxOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "beta": 0.5
// JSON: "builtin_options_type": "LogSoftmaxOptions",
// JSON: "builtin_options_type": "ReshapeOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "new_shape": [
// JSON-NEXT: 3,
// JSON-NEXT: -1
// JSON: "builtin_options_type": "ReshapeOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: }
// JSON: "builtin_options_type": "ConcatenationOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "axis": -1,
// JSON-NEXT: "fused_activation_function": "RELU"
// JSON: "builtin_options_type": "PadOptions",
// JSON: "builtin_options_type": "PadV2Options",
// JSON: "builtin_options_type": "StridedSliceOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "begin_mask": 2,
// JSON-NEXT: "end_mask": 2,
// JSON-NEXT: "shrink_axis_mask": 1
// JSON: "builtin_options_type": "SliceOptions",
// JSON: "builtin_options_type": "TransposeOptions",
// JSON: "builtin_options_type": "ResizeBilinearOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "align_corners": true
// JSON: "builtin_options_type": "ResizeNearestNeighborOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "half_pixel_centers": true
// JSON: "builtin_options_type": "DepthToSpaceOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "block_size": 2
// JSON: "builtin_options_type": "SpaceToDepthOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "block_size": 2
// JSON: "builtin_options_type": "ReducerOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "keep_dims": true
// JSON: "builtin_options_type": "FakeQuantOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "min": -2.0,
// JSON-NEXT: "max": 2.0,
// JSON-NEXT: "num_bits": 4,
// JSON-NEXT: "narrow_range": true
// JSON: "custom_options": [
// JSON-NEXT: 1,
// JSON-NEXT: 2,
// JSON-NEXT: 0,
// JSON-NEXT: 255
// JSON: "inputs": [
// JSON-NEXT: 0,
// JSON-NEXT: -1
// JSON: "builtin_options_type": "OneHotOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "axis": 1
// JSON-NEXT: }
// JSON: "builtin_options_type": "MirrorPadOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "mode": "SYMMETRIC"
// JSON: "builtin_options_type": "SqueezeOptions",
// JSON-NEXT: "builtin_options": {
// JSON-NEXT: "squeeze_dims": [
// JSON-NEXT: 0

// MLIR-LABEL: func.func @main
// MLIR: mint.add %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<relu>, pot_scale_int16 = false}
// MLIR: mint.sub %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<relu6>}
// MLIR: mint.mul %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<relu_n1_to_1>}
// MLIR: mint.div %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<sign_bit>}
// MLIR: mint.maximum
// MLIR: mint.minimum
// MLIR: mint.relu %
// MLIR: mint.relu6 %
// MLIR: mint.relu_n1_to_1 %
// MLIR: mint.leaky_relu %{{.*}} {alpha = 1.250000e-01 : f32}
// MLIR: mint.prelu
// MLIR: mint.logistic
// MLIR: mint.tanh
// MLIR: mint.hard_swish
// MLIR: mint.softmax %{{.*}} {beta = 5.000000e-01 : f32}
// MLIR: mint.log_softmax
// MLIR: mint.reshape %{{.*}} {new_shape = array<i32: 3, -1>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
// MLIR: mint.reshape %{{.*}} : (tensor<2x3xf32>) -> tensor<6xf32>
// MLIR: mint.concatenation %{{.*}}, %{{.*}} {axis = -1 : i32, fused_activation_function = #mint.activation<relu>}
// MLIR: mint.pad
// MLIR: mint.padv2
// MLIR: mint.strided_slice %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {begin_mask = 2 : i32, end_mask = 2 : i32, shrink_axis_mask = 1 : i32}
// MLIR: mint.slice
// MLIR: mint.transpose
// MLIR: mint.resize_bilinear %{{.*}}, %{{.*}} {align_corners = true}
// MLIR: mint.resize_nearest_neighbor %{{.*}}, %{{.*}} {half_pixel_centers = true}
// MLIR: mint.depth_to_space %{{.*}} {block_size = 2 : i32}
// MLIR: mint.space_to_depth %{{.*}} {block_size = 2 : i32}
// MLIR: mint.mean %{{.*}}, %{{.*}} {keep_dims = true}
// MLIR: mint.quantize %{{.*}} : (tensor<4x!quant.uniform<i8:f32, 5.000000e-01>>) -> tensor<4x!quant.uniform<i8:f32, 2.500000e-01:1>>
// MLIR: mint.dequantize %{{.*}} : (tensor<4xf16>) -> tensor<4xf32>
// MLIR: mint.fake_quant %{{.*}} {max = array<f32: 2.000000e+00>, min = array<f32: -2.000000e+00>, narrow_range = true, num_bits = 4 : i32}
// MLIR: %[[SPARSE:.*]] = mint.sparse_const #mint.sparsity<traversal_order = [0, 1], levels = [dense, sparse_csr]> dense<{{\[}}[0.000000e+00, 1.500000e+00], [-2.000000e+00, 0.000000e+00]]> : tensor<2x2xf16>
// MLIR: mint.densify %[[SPARSE]]
// MLIR: mint.custom "MyOp"(%{{.*}}) {custom_options = "\01\02\00\FF", version = 3 : i32}
// MLIR: %[[NONE:.*]] = mint.no_value : none
// MLIR: mint.custom "ONE_HOT"(%{{.*}}, %[[NONE]]) {builtin_code = 85 : i32, builtin_options = {axis = 1 : i32}, builtin_options_type = "OneHotOptions", version = 2 : i32}
// MLIR: mint.custom "MIRROR_PAD"(%{{.*}}, %{{.*}}) {builtin_code = 100 : i32, builtin_options = {mode = "SYMMETRIC"}, builtin_options_type = "MirrorPadOptions"}
// MLIR: mint.squeeze %{{.*}} {squeeze_dims = array<i32: 0>} : (tensor<1x8x8x2xf32>) -> tensor<8x8x2xf32>

func.func @main(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %x: tensor<1x4x4x8xf32>,
                %h: tensor<4xf16>, %q: tensor<4x!quant.uniform<i8:f32, 0.5>>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>,
        tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>,
        tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>,
        tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>,
        tensor<3x2xf32>, tensor<6xf32>, tensor<2x6xf32>, tensor<4x5xf32>,
        tensor<4x5xf32>, tensor<3xf32>, tensor<1x2xf32>, tensor<3x2xf32>,
        tensor<1x8x8x8xf32>, tensor<1x2x3x8xf32>, tensor<1x8x8x2xf32>,
        tensor<1x2x2x32xf32>, tensor<1x1x1x8xf32>, tensor<4x!quant.uniform<i8:f32, 0.25:1>>,
        tensor<4xf32>, tensor<4xf32>, tensor<2x2xf16>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>,
        tensor<8x8x2xf32>) {
  %0 = mint.add %a, %b {fused_activation_function = #mint.activation<relu>, pot_scale_int16 = false} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = mint.sub %a, %b {fused_activation_function = #mint.activation<relu6>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %2 = mint.mul %a, %b {fused_activation_function = #mint.activation<relu_n1_to_1>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %3 = mint.div %a, %b {fused_activation_function = #mint.activation<sign_bit>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %4 = mint.maximum %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %5 = mint.minimum %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %6 = mint.relu %a : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %7 = mint.relu6 %a : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %8 = mint.relu_n1_to_1 %a : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %9 = mint.leaky_relu %a {alpha = 0.125 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %10 = mint.prelu %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %11 = mint.logistic %a : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %12 = mint.tanh %a : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %13 = mint.hard_swish %a : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %14 = mint.softmax %a {beta = 0.5 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %15 = mint.log_softmax %a : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %16 = mint.reshape %a {new_shape = array<i32: 3, -1>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %17 = mint.reshape %a : (tensor<2x3xf32>) -> tensor<6xf32>
  %18 = mint.concatenation %a, %a {axis = -1 : i32, fused_activation_function = #mint.activation<relu>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  %p = mint.const dense<[[1, 1], [0, 2]]> : tensor<2x2xi32>
  %19 = mint.pad %a, %p : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<4x5xf32>
  %v = mint.const dense<-1.0> : tensor<f32>
  %20 = mint.padv2 %a, %p, %v : (tensor<2x3xf32>, tensor<2x2xi32>, tensor<f32>) -> tensor<4x5xf32>
  %sb = mint.const dense<[1, 0]> : tensor<2xi32>
  %se = mint.const dense<[2, 3]> : tensor<2xi32>
  %ss = mint.const dense<[1, 1]> : tensor<2xi32>
  %21 = mint.strided_slice %a, %sb, %se, %ss {begin_mask = 2 : i32, end_mask = 2 : i32, shrink_axis_mask = 1 : i32} : (tensor<2x3xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<3xf32>
  %lb = mint.const dense<[1, 1]> : tensor<2xi32>
  %ls = mint.const dense<[1, 2]> : tensor<2xi32>
  %22 = mint.slice %a, %lb, %ls : (tensor<2x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<1x2xf32>
  %perm = mint.const dense<[1, 0]> : tensor<2xi32>
  %23 = mint.transpose %a, %perm : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf32>
  %size = mint.const dense<[8, 8]> : tensor<2xi32>
  %24 = mint.resize_bilinear %x, %size {align_corners = true} : (tensor<1x4x4x8xf32>, tensor<2xi32>) -> tensor<1x8x8x8xf32>
  %size2 = mint.const dense<[2, 3]> : tensor<2xi32>
  %25 = mint.resize_nearest_neighbor %x, %size2 {half_pixel_centers = true} : (tensor<1x4x4x8xf32>, tensor<2xi32>) -> tensor<1x2x3x8xf32>
  %26 = mint.depth_to_space %x {block_size = 2 : i32} : (tensor<1x4x4x8xf32>) -> tensor<1x8x8x2xf32>
  %27 = mint.space_to_depth %x {block_size = 2 : i32} : (tensor<1x4x4x8xf32>) -> tensor<1x2x2x32xf32>
  %axes = mint.const dense<[1, 2]> : tensor<2xi32>
  %28 = mint.mean %x, %axes {keep_dims = true} : (tensor<1x4x4x8xf32>, tensor<2xi32>) -> tensor<1x1x1x8xf32>
  %29 = mint.quantize %q : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:1>>
  %30 = mint.dequantize %h : (tensor<4xf16>) -> tensor<4xf32>
  %31 = mint.fake_quant %30 {min = array<f32: -2.0>, max = array<f32: 2.0>, num_bits = 4 : i32, narrow_range = true} : (tensor<4xf32>) -> tensor<4xf32>
  %sp = mint.sparse_const #mint.sparsity<traversal_order = [0, 1], levels = [dense, sparse_csr]> dense<[[0.0, 1.5], [-2.0, 0.0]]> : tensor<2x2xf16>
  %32 = mint.densify %sp : (tensor<2x2xf16>) -> tensor<2x2xf16>
  %33 = mint.custom "MyOp"(%a) {custom_options = "\01\02\00\FF", version = 3 : i32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %none = mint.no_value : none
  %34 = mint.custom "ONE_HOT"(%a, %none) {builtin_code = 85 : i32, builtin_options = {axis = 1 : i32}, builtin_options_type = "OneHotOptions", version = 2 : i32} : (tensor<2x3xf32>, none) -> tensor<2x3xf32>
  %35 = mint.custom "MIRROR_PAD"(%a, %p) {builtin_code = 100 : i32, builtin_options = {mode = "SYMMETRIC"}, builtin_options_type = "MirrorPadOptions"} : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<2x3xf32>
  %36 = mint.squeeze %26 {squeeze_dims = array<i32: 0>} : (tensor<1x8x8x2xf32>) -> tensor<8x8x2xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36
    : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>,
      tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>,
      tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>,
      tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>,
      tensor<3x2xf32>, tensor<6xf32>, tensor<2x6xf32>, tensor<4x5xf32>,
      tensor<4x5xf32>, tensor<3xf32>, tensor<1x2xf32>, tensor<3x2xf32>,
      tensor<1x8x8x8xf32>, tensor<1x2x3x8xf32>, tensor<1x8x8x2xf32>,
      tensor<1x2x2x32xf32>, tensor<1x1x1x8xf32>, tensor<4x!quant.uniform<i8:f32, 0.25:1>>,
      tensor<4xf32>, tensor<4xf32>, tensor<2x2xf16>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<8x8x2xf32>
}
