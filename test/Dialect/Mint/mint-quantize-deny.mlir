// RUN: mint-opt %s --mint-quantize="mode=int8 deny-ops=CONV_2D" --mlir-print-local-scope | FileCheck %s --check-prefix=OPS
// RUN: mint-opt %s --mint-quantize="mode=int8 deny-names=^add" | FileCheck %s --check-prefix=NAMES
// RUN: mint-opt %s --mint-quantize="mode=dynamic-int8 min-weight-elements=1 deny-names=first" | FileCheck %s --check-prefix=DYNAMIC
// RUN: not mint-opt %s --mint-quantize="mode=int8 deny-ops=CONV2D" 2>&1 | FileCheck %s --check-prefix=BADOP
// RUN: not mint-opt %s --mint-quantize="mode=int8 deny-names=(" 2>&1 | FileCheck %s --check-prefix=BADRE

// deny-ops: both convolutions stay float, their weights float32 constants;
// the first reads the float input itself (not a DEQUANTIZE of its
// QUANTIZE), its result is quantized for the int8 ADD, whose result the
// second reads through a DEQUANTIZE; the reason is recorded.
// OPS-LABEL: func.func @chain
// OPS: %[[Q0:.*]] = mint.quantize %arg0
// OPS: %[[C1:.*]] = mint.conv_2d %arg0, %{{.*}}, %{{.*}} {fused_activation_function = #mint.activation<relu>, mint.float_reason = "deny-ops"{{.*}}} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
// OPS: %[[Q1:.*]] = mint.quantize %[[C1]]
// OPS: %[[A:.*]] = mint.add %[[Q1]], %[[Q0]] {{.*}} -> tensor<1x4x4x2x!quant.uniform<i8:f32, {{.*}}>>
// OPS: %[[D:.*]] = mint.dequantize %[[A]]
// OPS: %[[C2:.*]] = mint.conv_2d %[[D]], {{.*}}mint.float_reason = "deny-ops"
// OPS: return %[[C2]]
// deny-names: the ADD (tensor "add_1") stays float; the convolutions are
// int8, with a DEQUANTIZE after the first and a QUANTIZE before the second.
// NAMES-LABEL: func.func @chain
// NAMES: %[[C1:.*]] = mint.conv_2d {{.*}} -> tensor<1x4x4x2x!quant.uniform<i8:f32
// NAMES: %[[D:.*]] = mint.dequantize %[[C1]]
// NAMES: %[[A:.*]] = mint.add %[[D]], %arg0 {mint.float_reason = "deny-names"} : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
// NAMES: %[[Q:.*]] = mint.quantize %[[A]]
// NAMES: mint.conv_2d %[[Q]]
// With dynamic-int8, a denied op keeps its float weights.
// DYNAMIC-LABEL: func.func @chain
// DYNAMIC: mint.conv_2d {{.*}}mint.float_reason = "deny-names"{{.*}} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>
// DYNAMIC: mint.conv_2d {{.*}} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2x!quant.uniform<i8:f32:0
// BADOP: error: deny-ops: 'CONV2D' is not a TFLite op Mint models (use TFLite's names, such as CONV_2D)
// BADRE: error: deny-names: '(' is not a regular expression:
func.func @chain(%x: tensor<1x4x4x2xf32> {mint.stats = #mint.stats<min = -1.0, max = 1.0, average_min = -1.0, average_max = 1.0, samples = 1, histogram_min = -1.0, bin_width = 1.0, counts = [1, 1]>}) -> tensor<1x4x4x2xf32> {
  %w = mint.const dense<[[[[0.5, -0.25]]], [[[-2.0, 0.5]]]]> : tensor<2x1x1x2xf32>
  %b = mint.const dense<[0.001, -0.0005]> : tensor<2xf32>
  %0 = mint.conv_2d %x, %w, %b {fused_activation_function = #mint.activation<relu>, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, mint.stats = [#mint.stats<min = 0.0, max = 2.0, average_min = 0.0, average_max = 2.0, samples = 1, histogram_min = 0.0, bin_width = 1.0, counts = [1, 1]>]} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32> loc("first_conv")
  %1 = mint.add %0, %x {mint.stats = [#mint.stats<min = -1.0, max = 3.0, average_min = -1.0, average_max = 3.0, samples = 1, histogram_min = -1.0, bin_width = 2.0, counts = [1, 1]>]} : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> loc("add_1")
  %2 = mint.conv_2d %1, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, mint.stats = [#mint.stats<min = -4.0, max = 4.0, average_min = -4.0, average_max = 4.0, samples = 1, histogram_min = -4.0, bin_width = 4.0, counts = [1, 1]>]} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32> loc("out")
  return %2 : tensor<1x4x4x2xf32>
}

// -----

// RUN: not mint-opt %s --split-input-file --mint-quantize="mode=int8 int8-only=true deny-names=^add" 2>&1 | FileCheck %s --check-prefix=ONLY
// int8-only: each op that would stay float is a located error.
// ONLY: error: {{.*}}int8-only: ADD 'add_1' stays float (deny-names)
// ONLY-NOT: error
