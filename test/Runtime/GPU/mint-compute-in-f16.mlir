// RUN: mint-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(mint-compute-in-f16))" | FileCheck %s

// A convolution, a clamp and a reduction: the input is narrowed once, the
// convolution's weights, bias and zero points become float16 constants
// and its accumulator stays float32; the clamp's bounds become float16;
// the reduction sums in float32 between casts; the result is widened back.
// CHECK-LABEL: func.func @net
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xf32>) -> tensor<1x1x1x3xf32>
// CHECK: %[[X16:.*]] = tosa.cast %[[X]] : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf16>
// CHECK: "tosa.const"() <{values = dense<{{.*}}> : tensor<3x1x1x2xf16>}>
// 0.1, 0.2 and 0.3 rounded to the nearest float16:
// CHECK: "tosa.const"() <{values = dense<[9.997550e-02, 1.999510e-01, 3.000490e-01]> : tensor<3xf16>}>
// CHECK: %[[C:.*]] = tosa.conv2d %[[X16]], {{.*}} {acc_type = f32, {{.*}}} : (tensor<1x4x4x2xf16>, tensor<3x1x1x2xf16>, tensor<3xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<1x4x4x3xf16>
// CHECK: %[[R:.*]] = tosa.clamp %[[C]] {max_val = 6.000000e+00 : f16, min_val = 0.000000e+00 : f16} : (tensor<1x4x4x3xf16>) -> tensor<1x4x4x3xf16>
// CHECK: %[[W:.*]] = tosa.cast %[[R]] : (tensor<1x4x4x3xf16>) -> tensor<1x4x4x3xf32>
// CHECK: %[[S:.*]] = tosa.reduce_sum %[[W]] {axis = 1 : i32} : (tensor<1x4x4x3xf32>) -> tensor<1x1x4x3xf32>
// CHECK: %[[N:.*]] = tosa.cast %[[S]] : (tensor<1x1x4x3xf32>) -> tensor<1x1x4x3xf16>
// CHECK: %[[W2:.*]] = tosa.cast %[[N]] : (tensor<1x1x4x3xf16>) -> tensor<1x1x4x3xf32>
// CHECK: %[[T:.*]] = tosa.reduce_sum %[[W2]] {axis = 2 : i32}
// CHECK: %[[OUT:.*]] = tosa.cast %[[T]] : (tensor<1x1x1x3xf32>) -> tensor<1x1x1x3xf16>
// CHECK: %[[BACK:.*]] = tosa.cast %[[OUT]] : (tensor<1x1x1x3xf16>) -> tensor<1x1x1x3xf32>
// CHECK: return %[[BACK]]
func.func @net(%x: tensor<1x4x4x2xf32>) -> tensor<1x1x1x3xf32> {
  %w = "tosa.const"() <{values = dense<[[[[0.5, -0.25]]], [[[1.0, 2.0]]], [[[-1.5, 0.125]]]]> : tensor<3x1x1x2xf32>}> : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() <{values = dense<[0.1, 0.2, 0.3]> : tensor<3xf32>}> : () -> tensor<3xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %r = tosa.clamp %c {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  %s = tosa.reduce_sum %r {axis = 1 : i32} : (tensor<1x4x4x3xf32>) -> tensor<1x1x4x3xf32>
  %t = tosa.reduce_sum %s {axis = 2 : i32} : (tensor<1x1x4x3xf32>) -> tensor<1x1x1x3xf32>
  return %t : tensor<1x1x1x3xf32>
}
