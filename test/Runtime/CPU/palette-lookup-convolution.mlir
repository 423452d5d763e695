// RUN: mint-opt %s --pass-pipeline="builtin.module(func.func(mint-lower-palette-lookups),mint-to-linalg-pipeline,func.func(mint-specialize-convolutions,linalg-fuse-elementwise-ops))" | FileCheck %s

// Through the CPU pipeline's front half, a convolution reading a looked-up
// filter takes the HWCF form: one generic reads the stored indices in HWCF
// order (the transpose and the lookup fused) and feeds conv_2d_nhwc_hwcf.
// CHECK-LABEL: func.func @conv
// CHECK-DAG: %[[PALETTE:.*]] = arith.constant dense<[-1.000000e+00, 5.000000e-01]> : tensor<2xf32>
// CHECK-DAG: %[[INDICES:.*]] = arith.constant dense<{{.*}}> : tensor<4x3x3x2xi8>
// CHECK: %[[W:.*]] = linalg.generic {indexing_maps = [#[[READ:.*]], #{{.*}}], {{.*}} ins(%[[INDICES]] : tensor<4x3x3x2xi8>) outs(%{{.*}} : tensor<3x3x2x4xf32>)
// CHECK: tensor.extract %[[PALETTE]]
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %[[W]] : tensor<{{.*}}>, tensor<3x3x2x4xf32>)
// CHECK-NOT: conv_2d_nhwc_fhwc
func.func @conv(%x: tensor<1x5x5x2xf32>) -> tensor<1x5x5x4xf32> {
  %palette = mint.const dense<[-1.0, 0.5]> : tensor<2xf32>
  %stored = mint.const dense<[[[[0, 1], [1, 0], [0, 0]], [[1, 1], [0, 1], [1, 0]], [[0, 0], [1, 1], [0, 1]]],
                              [[[1, 0], [0, 0], [1, 1]], [[0, 1], [1, 0], [0, 0]], [[1, 1], [0, 1], [1, 0]]],
                              [[[0, 0], [1, 1], [0, 1]], [[1, 0], [0, 0], [1, 1]], [[0, 1], [1, 0], [0, 0]]],
                              [[[1, 1], [0, 1], [1, 0]], [[0, 0], [1, 1], [0, 1]], [[1, 0], [0, 0], [1, 1]]]]> : tensor<4x3x3x2xui8>
  %indices = mint.cast %stored {in_data_type = "UINT8", out_data_type = "INT32"} : (tensor<4x3x3x2xui8>) -> tensor<4x3x3x2xi32>
  %w = mint.gather %palette, %indices : (tensor<2xf32>, tensor<4x3x3x2xi32>) -> tensor<4x3x3x2xf32>
  %b = mint.const dense<0.0> : tensor<4xf32>
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, fused_activation_function = #mint.activation<none>} : (tensor<1x5x5x2xf32>, tensor<4x3x3x2xf32>, tensor<4xf32>) -> tensor<1x5x5x4xf32>
  return %0 : tensor<1x5x5x4xf32>
}
