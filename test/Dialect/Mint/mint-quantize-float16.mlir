// RUN: mint-opt %s --mint-quantize=mode=float16 --split-input-file | FileCheck %s

// Weights and bias of a convolution become float16 constants read through
// DEQUANTIZE; 0.1 rounds to the nearest half, 0.0999755859375.
// CHECK-LABEL: func.func @conv
// CHECK-DAG: %[[W16:.*]] = mint.const dense<{{\[\[\[\[}}5.000000e-01, -1.250000e+00]]]]> : tensor<1x1x1x2xf16>
// CHECK-DAG: %[[W:.*]] = mint.dequantize %[[W16]] : (tensor<1x1x1x2xf16>) -> tensor<1x1x1x2xf32>
// CHECK-DAG: %[[B16:.*]] = mint.const dense<9.997550e-02> : tensor<1xf16>
// CHECK-DAG: %[[B:.*]] = mint.dequantize %[[B16]] : (tensor<1xf16>) -> tensor<1xf32>
// CHECK: mint.conv_2d %{{.*}}, %[[W]], %[[B]]
func.func @conv(%x: tensor<1x8x8x2xf32>) -> tensor<1x8x8x1xf32> {
  %w = mint.const dense<[[[[0.5, -1.25]]]]> : tensor<1x1x1x2xf32>
  %b = mint.const dense<0.1> : tensor<1xf32>
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x8x8x2xf32>, tensor<1x1x1x2xf32>, tensor<1xf32>) -> tensor<1x8x8x1xf32>
  return %0 : tensor<1x8x8x1xf32>
}

// -----

// Integer constants stay; a constant beyond float16's range stays float32;
// a weight with two users gets one DEQUANTIZE.
// CHECK-LABEL: func.func @others
// CHECK-DAG: mint.const dense<[1, 2]> : tensor<2xi32>
// CHECK-DAG: mint.const dense<[1.000000e+05, 1.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[H:.*]] = mint.const dense<2.500000e-01> : tensor<1x2xf16>
// CHECK: %[[D:.*]] = mint.dequantize %[[H]]
// CHECK-NOT: mint.dequantize
// CHECK: mint.add %{{.*}}, %[[D]]
// CHECK: mint.mul %{{.*}}, %[[D]]
func.func @others(%x: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>, tensor<2xi32>, tensor<2xf32>) {
  %shape = mint.const dense<[1, 2]> : tensor<2xi32>
  %big = mint.const dense<[1.0e5, 1.0]> : tensor<2xf32>
  %c = mint.const dense<0.25> : tensor<1x2xf32>
  %0 = mint.add %x, %c : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %1 = mint.mul %x, %c : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  return %0, %1, %shape, %big : tensor<1x2xf32>, tensor<1x2xf32>, tensor<2xi32>, tensor<2xf32>
}
