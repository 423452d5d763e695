// RUN: mint-opt %s --mint-quantize=mode=int8 --split-input-file --verify-diagnostics | FileCheck %s

// A calibrated convolution, RELU fused: the input gets TFLite's asymmetric
// type for [-1, 1] (scale 2/255, zero point round(-128 + 127.5) = 0 after
// nudging: -0.5 rounds away to -1), the weights per output channel
// (largest magnitudes 0.5 and 2: scales 0.5/127 and 2/127), the bias int32
// with input scale x weight scale (a float product), the output [0, 6] (scale 6/255, zero
// point -128); the model keeps float input and output.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xf32>{{.*}}) -> tensor<1x4x4x2xf32>
// CHECK: %[[Q:.*]] = mint.quantize %[[X]] : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0078431377187371254:-1>>
// CHECK-DAG: %[[W:.*]] = mint.const dense<{{\[\[\[\[}}127, -64]]], {{\[\[\[}}-127, 32]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8:f32:0, {0.0039370078593492508,0.015748031437397003}>>
// CHECK-DAG: %[[B:.*]] = mint.const dense<[32, -4]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {3.0878494726493955E-5,1.2351397890597582E-4}>>
// CHECK: %[[C:.*]] = mint.conv_2d %[[Q]], %[[W]], %[[B]] {{.*}} -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.023529412224888802:-128>>
// CHECK: %[[D:.*]] = mint.dequantize %[[C]] : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.023529412224888802:-128>>) -> tensor<1x4x4x2xf32>
// CHECK: return %[[D]]
// CHECK-NOT: mint.stats
func.func @conv(%x: tensor<1x4x4x2xf32> {mint.stats = #mint.stats<min = -1.0, max = 1.0, average_min = -1.0, average_max = 1.0, samples = 1, histogram_min = -1.0, bin_width = 1.0, counts = [1, 1]>}) -> tensor<1x4x4x2xf32> {
  %w = mint.const dense<[[[[0.5, -0.25]]], [[[-2.0, 0.5]]]]> : tensor<2x1x1x2xf32>
  %b = mint.const dense<[0.001, -0.0005]> : tensor<2xf32>
  %0 = mint.conv_2d %x, %w, %b {fused_activation_function = #mint.activation<relu>, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, mint.stats = [#mint.stats<min = 0.0, max = 6.0, average_min = 0.0, average_max = 6.0, samples = 1, histogram_min = 0.0, bin_width = 3.0, counts = [1, 1]>]} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

// Same-scale ops: a pool keeps its input's type; a concatenation takes its
// calibrated type and requantizes the input that differs; LOGISTIC takes
// the type TFLite fixes.
// CHECK-LABEL: func.func @same_scale
// CHECK-DAG: %[[QA:.*]] = mint.quantize %arg0 {{.*}} -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0078431377187371254:-1>>
// CHECK-DAG: %[[QB:.*]] = mint.quantize %arg1 {{.*}} -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.015686275437474251:-1>>
// CHECK: %[[P:.*]] = mint.max_pool_2d %[[QA]] {{.*}} -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0078431377187371254:-1>>
// CHECK: %[[R:.*]] = mint.quantize %[[P]] : {{.*}} -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.015686275437474251:-1>>
// CHECK: %[[CAT:.*]] = mint.concatenation %[[R]], %[[QB]] {{.*}} -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.015686275437474251:-1>>
// CHECK: mint.logistic %[[CAT]] {{.*}} -> tensor<1x4x4x4x!quant.uniform<i8:f32, 3.906250e-03:-128>>
func.func @same_scale(%a: tensor<1x4x4x2xf32> {mint.stats = #mint.stats<min = -1.0, max = 1.0, average_min = -1.0, average_max = 1.0, samples = 1, histogram_min = -1.0, bin_width = 1.0, counts = [1, 1]>}, %b: tensor<1x4x4x2xf32> {mint.stats = #mint.stats<min = -2.0, max = 2.0, average_min = -2.0, average_max = 2.0, samples = 1, histogram_min = -2.0, bin_width = 2.0, counts = [1, 1]>}) -> tensor<1x4x4x4xf32> {
  %0 = mint.max_pool_2d %a {filter_height = 1 : i32, filter_width = 1 : i32, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, mint.stats = [#mint.stats<min = -1.0, max = 1.0, average_min = -1.0, average_max = 1.0, samples = 1, histogram_min = -1.0, bin_width = 1.0, counts = [1, 1]>]} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %1 = mint.concatenation %0, %b {axis = 3 : i32, mint.stats = [#mint.stats<min = -2.0, max = 2.0, average_min = -2.0, average_max = 2.0, samples = 1, histogram_min = -2.0, bin_width = 2.0, counts = [1, 1]>]} : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x4xf32>
  %2 = mint.logistic %1 {mint.stats = [#mint.stats<min = 0.0, max = 1.0, average_min = 0.0, average_max = 1.0, samples = 1, histogram_min = 0.0, bin_width = 0.5, counts = [1, 1]>]} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %2 : tensor<1x4x4x4xf32>
}

// -----

// Without statistics: a located error.
func.func @uncalibrated(%x: tensor<4xf32> {mint.stats = #mint.stats<min = -1.0, max = 1.0, average_min = -1.0, average_max = 1.0, samples = 1, histogram_min = -1.0, bin_width = 1.0, counts = [1, 1]>}) -> tensor<4xf32> {
  // expected-error@+1 {{has no calibration statistics (mint.stats); calibrate the model first (mint calibrate, or mint quantize --data)}}
  %0 = mint.relu %x {mint.stats = [unit]} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// RUN: mint-opt %s --mint-quantize=mode=int16x8 --split-input-file --verify-diagnostics | FileCheck %s --check-prefix=I16
// int16x8: symmetric int16 activations (zero point 0, 1.0 at 32767), int8
// weights, the bias as raw int64 with its scales beside it (0.001 over
// (1/32767) x (0.5/127) = 8323); ADD uses
// TFLite's general-scale int16 path; DIV stays float.
// I16-LABEL: func.func @int16x8
// I16: mint.quantize %{{.*}} -> tensor<1x4x4x2x!quant.uniform<i16:f32, 3.0518509447574615E-5>>
// I16: %[[B:.*]] = mint.const {mint.tflite.tensor = [{quantized_dimension = 0 : i32, scale = array<f32: {{.*}}>, zero_point = array<i64: 0, 0>}]} dense<[8323, -1040]> : tensor<2xi64>
// I16: mint.conv_2d %{{.*}}, %{{.*}}, %[[B]]
// I16: mint.add {{.*}}pot_scale_int16 = false
// I16: %[[D:.*]] = mint.dequantize
// I16: mint.div %[[D]]
func.func @int16x8(%x: tensor<1x4x4x2xf32> {mint.stats = #mint.stats<min = -1.0, max = 1.0, average_min = -1.0, average_max = 1.0, samples = 1, histogram_min = -1.0, bin_width = 1.0, counts = [1, 1]>}) -> tensor<1x4x4x2xf32> {
  %w = mint.const dense<[[[[0.5, -0.25]]], [[[-2.0, 0.5]]]]> : tensor<2x1x1x2xf32>
  %b = mint.const dense<[0.001, -0.0005]> : tensor<2xf32>
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, mint.stats = [#mint.stats<min = -3.0, max = 3.0, average_min = -3.0, average_max = 3.0, samples = 1, histogram_min = -3.0, bin_width = 3.0, counts = [1, 1]>]} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %1 = mint.add %0, %x {mint.stats = [#mint.stats<min = -4.0, max = 4.0, average_min = -4.0, average_max = 4.0, samples = 1, histogram_min = -4.0, bin_width = 4.0, counts = [1, 1]>]} : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %2 = mint.div %1, %x {mint.stats = [#mint.stats<min = -4.0, max = 4.0, average_min = -4.0, average_max = 4.0, samples = 1, histogram_min = -4.0, bin_width = 4.0, counts = [1, 1]>]} : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %2 : tensor<1x4x4x2xf32>
}

// -----

// RUN: mint-opt %s --mint-quantize="mode=int8 bias-correction=true" --split-input-file --verify-diagnostics | FileCheck %s --check-prefix=BC
// Bias correction: output channel 0's weights 0.5 and 0.3 quantize to 127
// and 76 steps of 0.5/127 (0.3 -> 0.29921: -7.87e-4); with the input's
// channel means 1.0 and 2.0 the output's mean shifts by -1.575e-3, which
// the bias (0.001) takes back: 0.002575 / (2/255 x 0.5/127) = 83 (without
// correction: 32). Channel 1: 0.5 rounds to 32 steps of 2/127 (+3.94e-3,
// x 2.0), so -0.0005 becomes -0.00837: -68 (without correction: -4).
// BC-LABEL: func.func @bias_correction
// BC: mint.const dense<[83, -68]> : tensor<2xi32>
// BC-NOT: mint.channel_means
func.func @bias_correction(%x: tensor<1x4x4x2xf32> {mint.stats = #mint.stats<min = -1.0, max = 1.0, average_min = -1.0, average_max = 1.0, samples = 1, histogram_min = -1.0, bin_width = 1.0, counts = [1, 1]>, mint.channel_means = array<f64: 1.0, 2.0>}) -> tensor<1x4x4x2xf32> {
  %w = mint.const dense<[[[[0.5, 0.3]]], [[[-2.0, 0.5]]]]> : tensor<2x1x1x2xf32>
  %b = mint.const dense<[0.001, -0.0005]> : tensor<2xf32>
  %0 = mint.conv_2d %x, %w, %b {fused_activation_function = #mint.activation<relu>, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, mint.stats = [#mint.stats<min = 0.0, max = 6.0, average_min = 0.0, average_max = 6.0, samples = 1, histogram_min = 0.0, bin_width = 3.0, counts = [1, 1]>]} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}
