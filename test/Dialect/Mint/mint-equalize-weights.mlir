// RUN: mint-opt %s --split-input-file --mint-equalize-weights=sweeps=1 | FileCheck %s

// A depthwise channel with weights up to 8 feeding a 1x1 convolution whose
// weights for it are up to 0.5: s = sqrt(8 / 0.5) = 4, both end up at 2;
// the depthwise bias shrinks with its channel (1.0 -> 0.25). Channel 1 is
// balanced already (2 and 2: s = 1).
// CHECK-LABEL: func.func @pair
// CHECK-DAG: %[[DW:.*]] = mint.const dense<2.000000e+00> : tensor<1x1x1x2xf32>
// CHECK-DAG: %[[DB:.*]] = mint.const dense<[2.500000e-01, 5.000000e-01]> : tensor<2xf32>
// CHECK: %[[D:.*]] = mint.depthwise_conv_2d %arg0, %[[DW]], %[[DB]]
// CHECK-DAG: %[[PW:.*]] = mint.const dense<{{\[\[\[\[}}2.000000e+00, 2.000000e+00]]], {{\[\[\[}}-1.000000e+00, 1.000000e+00]]]]> : tensor<2x1x1x2xf32>
// CHECK: mint.conv_2d %[[D]], %[[PW]]
func.func @pair(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %dw = mint.const dense<[[[[8.0, 2.0]]]]> : tensor<1x1x1x2xf32>
  %db = mint.const dense<[1.0, 0.5]> : tensor<2xf32>
  %0 = mint.depthwise_conv_2d %x, %dw, %db {depth_multiplier = 1 : i32, fused_activation_function = #mint.activation<relu>, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x2xf32>, tensor<1x1x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %pw = mint.const dense<[[[[0.5, 2.0]]], [[[-0.25, 1.0]]]]> : tensor<2x1x1x2xf32>
  %pb = mint.const dense<0.0> : tensor<2xf32>
  %1 = mint.conv_2d %0, %pw, %pb {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  return %1 : tensor<1x4x4x2xf32>
}

// -----

// RELU6 does not commute with scaling, and a result read twice cannot be
// rescaled for one reader: nothing changes.
// CHECK-LABEL: func.func @not_pairs
// CHECK: mint.const dense<{{\[\[\[\[}}8.000000e+00, 2.000000e+00]]]]>
// CHECK: mint.const dense<{{\[\[\[\[}}5.000000e-01, 2.000000e+00]]], {{\[\[\[}}-2.500000e-01, 1.000000e+00]]]]>
func.func @not_pairs(%x: tensor<1x4x4x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) {
  %dw = mint.const dense<[[[[8.0, 2.0]]]]> : tensor<1x1x1x2xf32>
  %0 = mint.depthwise_conv_2d %x, %dw {depth_multiplier = 1 : i32, fused_activation_function = #mint.activation<relu6>, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x2xf32>, tensor<1x1x1x2xf32>) -> tensor<1x4x4x2xf32>
  %pw = mint.const dense<[[[[0.5, 2.0]]], [[[-0.25, 1.0]]]]> : tensor<2x1x1x2xf32>
  %1 = mint.conv_2d %0, %pw {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>) -> tensor<1x4x4x2xf32>
  %2 = mint.conv_2d %x, %pw {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>) -> tensor<1x4x4x2xf32>
  %3 = mint.conv_2d %2, %pw {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>) -> tensor<1x4x4x2xf32>
  return %1, %2 : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>
}
