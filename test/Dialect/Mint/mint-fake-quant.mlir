// RUN: mint-opt %s --split-input-file --mint-insert-fake-quant | FileCheck %s --check-prefix=INSERT
// RUN: mint-opt %s --split-input-file --mint-fold-fake-quant | FileCheck %s --check-prefix=FOLD

// mint-insert-fake-quant: the calibrated input and convolution output get
// a FAKE_QUANT over the range of the int8 type mint-quantize would give
// ([-1, 1]: scale 2/255, zero point -1, so [-127, 128] x 2/255; [0, 6]
// with RELU: [0, 6]); the weights are rounded to their per-channel int8
// grid (0.3 in steps of 0.5/127: 76 steps, 0.2992...); no stats remain.
// INSERT-LABEL: func.func @conv
// INSERT: %[[X:.*]] = mint.fake_quant %arg0 {max = array<f32: 1.00392163>, min = array<f32: -0.99607849{{[0-9]*}}>}
// INSERT-DAG: %[[W:.*]] = mint.const dense<{{\[\[\[\[}}5.000000e-01, 0.2992126{{[0-9]*}}]]], {{\[\[\[}}-2.000000e+00, 0.000000e+00]]]]>
// INSERT: %[[C:.*]] = mint.conv_2d %[[X]], %[[W]]
// INSERT: %[[F:.*]] = mint.fake_quant %[[C]] {max = array<f32: 6.000000e+00>, min = array<f32: 0.000000e+00>}
// INSERT: return %[[F]]
// INSERT-NOT: mint.stats
func.func @conv(%x: tensor<1x4x4x2xf32> {mint.stats = #mint.stats<min = -1.0, max = 1.0, average_min = -1.0, average_max = 1.0, samples = 1, histogram_min = -1.0, bin_width = 1.0, counts = [1, 1]>}) -> tensor<1x4x4x2xf32> {
  %w = mint.const dense<[[[[0.5, 0.3]]], [[[-2.0, 0.0]]]]> : tensor<2x1x1x2xf32>
  %b = mint.const dense<[0.001, -0.0005]> : tensor<2xf32>
  %0 = mint.conv_2d %x, %w, %b {fused_activation_function = #mint.activation<relu>, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, mint.stats = [#mint.stats<min = 0.0, max = 6.0, average_min = 0.0, average_max = 6.0, samples = 1, histogram_min = 0.0, bin_width = 3.0, counts = [1, 1]>]} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

// mint-fold-fake-quant: a FAKE_QUANT's range moves onto its input (the
// argument here), a QUANTIZE -> DEQUANTIZE pair's onto the tensor it
// quantizes (int8 scale 0.05, zero point -28: [-5, 7.75]); an int8 weight
// behind DEQUANTIZE becomes a float constant; a FAKE_QUANT on a constant
// folds into it (on the 4-bit grid of [-1, 1], nudged to [-16/15, 14/15]:
// 0.3 -> 4/15, -1.0 halfway between two steps -> -14/15).
// FOLD-LABEL: func.func @qat
// FOLD-SAME: (%[[X:.*]]: tensor<1x4x4x2xf32> {mint.stats = #mint.stats<min = -1.000000e+00, max = 2.000000e+00, average_min = -1.000000e+00, average_max = 2.000000e+00, samples = 0, histogram_min = -1.000000e+00, bin_width = 0.000000e+00, counts = []>})
// FOLD-DAG: %[[W:.*]] = mint.const dense<{{\[\[\[\[}}5.000000e-01, -2.500000e-01]]], {{\[\[\[}}1.000000e+00, 0.000000e+00]]]]> : tensor<2x1x1x2xf32>
// FOLD-DAG: %[[B:.*]] = mint.const dense<[0.26666{{[0-9]*}}, -0.93333{{[0-9]*}}]> : tensor<2xf32>
// FOLD: %[[C:.*]] = mint.conv_2d %[[X]], %[[W]], %[[B]] {mint.stats = [#mint.stats<min = -5.000000e+00, max = 7.750000e+00
// FOLD-NOT: mint.fake_quant
// FOLD-NOT: mint.quantize
// FOLD-NOT: mint.dequantize
// FOLD: return %[[C]]
func.func @qat(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %fx = mint.fake_quant %x {min = array<f32: -1.0>, max = array<f32: 2.0>} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %q = mint.const dense<[[[[50, -25]]], [[[100, 0]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8:f32:0, {0.01, 0.01}>>
  %w = mint.dequantize %q : (tensor<2x1x1x2x!quant.uniform<i8:f32:0, {0.01, 0.01}>>) -> tensor<2x1x1x2xf32>
  %b0 = mint.const dense<[0.3, -1.0]> : tensor<2xf32>
  %b = mint.fake_quant %b0 {min = array<f32: -1.0>, max = array<f32: 1.0>, num_bits = 4 : i32} : (tensor<2xf32>) -> tensor<2xf32>
  %0 = mint.conv_2d %fx, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %1 = mint.quantize %0 : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.05:-28>>
  %2 = mint.dequantize %1 : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.05:-28>>) -> tensor<1x4x4x2xf32>
  return %2 : tensor<1x4x4x2xf32>
}

// -----

// TensorFlow's converter writes a QAT model's weights as a float constant
// behind QUANTIZE -> DEQUANTIZE, uint8 with zero point 128, per channel (and
// per tensor for FULLY_CONNECTED): the pair folds into the float values it
// computes (0.305 / 0.01 = 30.5 rounds away from zero to 31; 3.0 and -2.0 clamp to
// the storage range).
// FOLD-LABEL: func.func @qdq_weights
// FOLD-DAG: mint.const dense<{{\[\[\[\[}}5.000000e-01, -2.500000e-01]]], {{\[\[\[}}1.000000e+00, 1.270000e+00]]]]> : tensor<2x1x1x2xf32>
// FOLD-DAG: mint.const dense<{{\[\[}}-1.280000e+00, 3.100000e-01]]> : tensor<1x2xf32>
// FOLD-NOT: mint.quantize
// FOLD-NOT: mint.dequantize
func.func @qdq_weights(%x: tensor<1x4x4x2xf32>, %y: tensor<1x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x1xf32>) {
  %w0 = mint.const dense<[[[[0.5, -0.26]]], [[[1.0, 3.0]]]]> : tensor<2x1x1x2xf32>
  %wq = mint.quantize %w0 : (tensor<2x1x1x2xf32>) -> tensor<2x1x1x2x!quant.uniform<u8:f32:0, {0.25:128, 0.01:128}>>
  %w = mint.dequantize %wq : (tensor<2x1x1x2x!quant.uniform<u8:f32:0, {0.25:128, 0.01:128}>>) -> tensor<2x1x1x2xf32>
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>) -> tensor<1x4x4x2xf32>
  %v0 = mint.const dense<[[-2.0, 0.305]]> : tensor<1x2xf32>
  %vq = mint.quantize %v0 : (tensor<1x2xf32>) -> tensor<1x2x!quant.uniform<u8:f32, 0.01:128>>
  %v = mint.dequantize %vq : (tensor<1x2x!quant.uniform<u8:f32, 0.01:128>>) -> tensor<1x2xf32>
  %1 = mint.fully_connected %y, %v : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  return %0, %1 : tensor<1x4x4x2xf32>, tensor<1x1xf32>
}
