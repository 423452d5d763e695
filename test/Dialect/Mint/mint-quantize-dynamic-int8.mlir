// RUN: mint-opt %s --mint-quantize="mode=dynamic-int8 min-weight-elements=4" --split-input-file | FileCheck %s
// RUN: mint-opt %s --mint-quantize=mode=dynamic-int8 --split-input-file | FileCheck %s --check-prefix=DEFAULT

// A convolution's weight becomes symmetric int8 per output channel (the
// largest magnitude of each channel at 127); the bias and the activations
// stay float, for TFLite's hybrid kernel.
// CHECK-LABEL: func.func @conv
// CHECK-DAG: %[[W:.*]] = mint.const dense<{{\[\[\[\[}}127, -64]]], {{\[\[\[}}-127, 0]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8:f32:0, {0.0039370078{{[0-9]*}},0.015748031{{[0-9]*}}}>>
// CHECK-DAG: %[[B:.*]] = mint.const dense<1.000000e-01> : tensor<2xf32>
// CHECK: mint.conv_2d %{{.*}}, %[[W]], %[[B]] {{.*}} : (tensor<1x8x8x2xf32>, tensor<2x1x1x2x!quant.uniform<i8:f32:0, {{.*}}>>, tensor<2xf32>) -> tensor<1x8x8x2xf32>
// Below TFLite's 1024 values, the weight stays float.
// DEFAULT-LABEL: func.func @conv
// DEFAULT: mint.const dense<{{.*}}> : tensor<2x1x1x2xf32>
// DEFAULT-NOT: quant.uniform
func.func @conv(%x: tensor<1x8x8x2xf32>) -> tensor<1x8x8x2xf32> {
  %w = mint.const dense<[[[[0.5, -0.25]]], [[[-2.0, 0.0]]]]> : tensor<2x1x1x2xf32>
  %b = mint.const dense<0.1> : tensor<2xf32>
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x8x8x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x8x8x2xf32>
  return %0 : tensor<1x8x8x2xf32>
}

// -----

// Depthwise weights per channel (axis 3); fully connected weights per
// output unit, with asymmetric on-the-fly input quantization; a dilated
// convolution (no hybrid kernel in TFLite) and a transposed convolution
// keep float weights; other ops are untouched.
// CHECK-LABEL: func.func @others
// CHECK: mint.depthwise_conv_2d %{{.*}}, %{{.*}} : (tensor<1x4x4x2xf32>, tensor<1x2x2x2x!quant.uniform<i8:f32:3, {{.*}}>>
// CHECK: mint.conv_2d {{.*}}dilation_h_factor = 2{{.*}} : (tensor<1x4x4x2xf32>, tensor<2x2x2x2xf32>
// CHECK: mint.fully_connected {{.*}}asymmetric_quantize_inputs = true{{.*}} : (tensor<2x4xf32>, tensor<2x4x!quant.uniform<i8:f32:0, {{.*}}>>
// CHECK: mint.add %{{.*}}, %{{.*}} : (tensor<2x2xf32>, tensor<2x2xf32>)
func.func @others(%x: tensor<1x4x4x2xf32>, %y: tensor<2x4xf32>) -> (tensor<1x3x3x2xf32>, tensor<1x2x2x2xf32>, tensor<2x2xf32>) {
  %dw = mint.const dense<[[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]]> : tensor<1x2x2x2xf32>
  %0 = mint.depthwise_conv_2d %x, %dw {depth_multiplier = 1 : i32, padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x3x3x2xf32>
  %cw = mint.const dense<0.5> : tensor<2x2x2x2xf32>
  %1 = mint.conv_2d %x, %cw {dilation_h_factor = 2 : i32, dilation_w_factor = 2 : i32, padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x2xf32>, tensor<2x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %fw = mint.const dense<[[1.0, -1.0, 0.5, 0.25], [2.0, 0.0, -4.0, 1.0]]> : tensor<2x4xf32>
  %2 = mint.fully_connected %y, %fw : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x2xf32>
  %3 = mint.add %2, %2 : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0, %1, %3 : tensor<1x3x3x2xf32>, tensor<1x2x2x2xf32>, tensor<2x2xf32>
}
