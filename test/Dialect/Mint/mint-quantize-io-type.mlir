// RUN: mint-opt %s --mint-quantize="mode=int8 io-type=native" | FileCheck %s --check-prefix=INT8
// RUN: mint-opt %s --mint-quantize="mode=int8 io-type=uint8" --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=UINT8
// RUN: mint-opt %s --mint-quantize="mode=int16x8 io-type=native" | FileCheck %s --check-prefix=INT16
// RUN: not mint-opt %s --mint-quantize="mode=int16x8 io-type=uint8" 2>&1 | FileCheck %s --check-prefix=BAD

// Integer inputs and outputs. io-type=native: the argument takes its
// calibrated type and the output leaves as computed, with no QUANTIZE or
// DEQUANTIZE; the output keeps its tensor name.
// INT8-LABEL: func.func @conv
// INT8-SAME: (%[[X:.*]]: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0078431377187371254:-1>>{{.*}}) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.023529412224888802:-128>>
// INT8-NOT: mint.quantize
// INT8-NOT: mint.dequantize
// INT8: %[[C:.*]] = mint.conv_2d %[[X]]
// INT8: return %[[C]]
// uint8: the same scales, the zero points moved by 128, a QUANTIZE at
// each end; the output QUANTIZE takes the output's name.
// UINT8-LABEL: func.func @conv
// UINT8-SAME: (%[[X:.*]]: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.0078431377187371254:127>> loc({{.*}})) -> tensor<1x4x4x2x!quant.uniform<u8:f32, 0.023529412224888802>>
// UINT8: %[[Q:.*]] = mint.quantize %[[X]] : (tensor<1x4x4x2x!quant.uniform<u8:f32, 0.0078431377187371254:127>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0078431377187371254:-1>>
// UINT8: %[[C:.*]] = mint.conv_2d %[[Q]]{{.*}} loc("features_quantized")
// UINT8: %[[R:.*]] = mint.quantize %[[C]] {{.*}} -> tensor<1x4x4x2x!quant.uniform<u8:f32, 0.023529412224888802>> loc("features")
// UINT8: return %[[R]]
// int16x8: int16 inputs and outputs.
// INT16-LABEL: func.func @conv
// INT16-SAME: tensor<1x4x4x2x!quant.uniform<i16:f32, {{.*}}>>{{.*}}) -> tensor<1x4x4x2x!quant.uniform<i16:f32, {{.*}}>>
// BAD: error: io-type=uint8 needs int8 activations (mode=int8)
func.func @conv(%x: tensor<1x4x4x2xf32> {mint.stats = #mint.stats<min = -1.0, max = 1.0, average_min = -1.0, average_max = 1.0, samples = 1, histogram_min = -1.0, bin_width = 1.0, counts = [1, 1]>}) -> tensor<1x4x4x2xf32> {
  %w = mint.const dense<[[[[0.5, -0.25]]], [[[-2.0, 0.5]]]]> : tensor<2x1x1x2xf32>
  %b = mint.const dense<[0.001, -0.0005]> : tensor<2xf32>
  %0 = mint.conv_2d %x, %w, %b {fused_activation_function = #mint.activation<relu>, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, mint.stats = [#mint.stats<min = 0.0, max = 6.0, average_min = 0.0, average_max = 6.0, samples = 1, histogram_min = 0.0, bin_width = 3.0, counts = [1, 1]>]} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32> loc("features")
  return %0 : tensor<1x4x4x2xf32>
}
