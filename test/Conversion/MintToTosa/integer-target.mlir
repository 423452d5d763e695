// RUN: mint-opt %s --mint-to-tosa=integer-target --split-input-file | FileCheck %s
// RUN: mint-opt %s --mint-to-tosa=integer-target --split-input-file | mint-opt --tosa-attach-target="profiles=pro_int extensions=doubleround level=8k" --tosa-validate=strict-op-spec-alignment --split-input-file | FileCheck %s --check-prefix=VALID

// With integer-target, every lowering below is TOSA alone, of the integer
// profile (with the doubleround extension), at level 8K: the second RUN
// line validates it.
// VALID-NOT: linalg
// VALID-NOT: arith.
// VALID: func.func @requantize_int8

// int8 convolution: one per-channel rescale from the i32 accumulator to
// i8 with TFLite's reference rounding (DOUBLE_ROUND), the output zero
// point added by the rescale, then the RELU6 range [5, 65] clamped in i8.
// 0.05 * 0.004 / 0.1 = 0.002 = 0.512 * 2^-8 and 0.001 = 0.512 * 2^-9:
// multiplier round(0.512 * 2^31) = 1099511680 (from float scales), TOSA
// shifts 31 + 8 and 31 + 9.
!qa = !quant.uniform<i8:f32, 0.05:-3>
!qw = !quant.uniform<i8:f32:0, {0.004, 0.002}>
!qb = !quant.uniform<i32:f32:0, {2.0e-4, 1.0e-4}>
!qo = !quant.uniform<i8:f32, 0.1:5>
// CHECK-LABEL: func.func @conv_int8
// CHECK: %[[ACC:.*]] = tosa.conv2d {{.*}} -> tensor<1x4x4x2xi32>
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1099511680> : tensor<2xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<[39, 40]> : tensor<2xi8>}>
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<5> : tensor<1xi8>}>
// CHECK: %[[R:.*]] = tosa.rescale %[[ACC]], %[[M]], %[[S]], %{{.*}}, %[[OZP]] {{{.*}}per_channel = true, rounding_mode = DOUBLE_ROUND{{.*}}} : {{.*}} -> tensor<1x4x4x2xi8>
// CHECK: tosa.clamp %[[R]] {max_val = 65 : i8, min_val = 5 : i8}
// CHECK-NOT: tosa.rescale
func.func @conv_int8(%x: tensor<1x4x4x3x!qa>) -> tensor<1x4x4x2x!qo> {
  %w = mint.const dense<[[[[1, 2, 3]]], [[[-1, -2, -3]]]]> : tensor<2x1x1x3xi8> -> tensor<2x1x1x3x!qw>
  %b = mint.const dense<[100, -100]> : tensor<2xi32> -> tensor<2x!qb>
  %0 = mint.conv_2d %x, %w, %b {fused_activation_function = #mint.activation<relu6>, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x3x!qa>, tensor<2x1x1x3x!qw>, tensor<2x!qb>) -> tensor<1x4x4x2x!qo>
  return %0 : tensor<1x4x4x2x!qo>
}

// -----

// Global average pooling (MEAN over height and width): the centered sum
// (zero point 3 times 9 elements), one rescale by 0.05 / (9 * 0.02) into
// i8 with the output zero point -7, no linalg and no i32 clamp.
// CHECK-LABEL: func.func @mean_global_pool
// CHECK: %[[SUM:.*]] = tosa.reduce_sum %{{.*}} {axis = 1 : i32} : (tensor<1x9x20xi32>) -> tensor<1x1x20xi32>
// CHECK: %[[C:.*]] = tosa.sub %[[SUM]]
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<-7> : tensor<1xi8>}>
// CHECK: tosa.rescale %[[C]], %{{.*}}, %{{.*}}, %{{.*}}, %[[OZP]] {{{.*}}rounding_mode = DOUBLE_ROUND{{.*}}} : {{.*}} -> tensor<1x1x20xi8>
func.func @mean_global_pool(%x: tensor<1x3x3x20x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<1x1x1x20x!quant.uniform<i8:f32, 0.02:-7>> {
  %axes = mint.const dense<[1, 2]> : tensor<2xi32>
  %0 = mint.mean %x, %axes {keep_dims = true} : (tensor<1x3x3x20x!quant.uniform<i8:f32, 0.05:3>>, tensor<2xi32>) -> tensor<1x1x1x20x!quant.uniform<i8:f32, 0.02:-7>>
  return %0 : tensor<1x1x1x20x!quant.uniform<i8:f32, 0.02:-7>>
}

// -----

// int8 RESIZE_BILINEAR (3x3 to 6x6, half pixel centers off): tosa.resize
// with scale 2/1 per axis weighs the neighbours into i32 in units of 1/2
// per axis; a rescale by 1/4 (0.5 * 2^-1: multiplier 2^30, TOSA shift 32)
// returns to i8.
// CHECK-LABEL: func.func @resize_bilinear_int8
// CHECK: %[[R:.*]] = tosa.resize %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {mode = BILINEAR} : {{.*}} -> tensor<1x6x6x4xi32>
// CHECK-DAG: "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}>
// CHECK-DAG: "tosa.const"() <{values = dense<32> : tensor<1xi8>}>
// CHECK: tosa.rescale %[[R]], {{.*}} -> tensor<1x6x6x4xi8>
func.func @resize_bilinear_int8(%x: tensor<1x3x3x4x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<1x6x6x4x!quant.uniform<i8:f32, 0.05:3>> {
  %size = mint.const dense<[6, 6]> : tensor<2xi32>
  %0 = mint.resize_bilinear %x, %size : (tensor<1x3x3x4x!quant.uniform<i8:f32, 0.05:3>>, tensor<2xi32>) -> tensor<1x6x6x4x!quant.uniform<i8:f32, 0.05:3>>
  return %0 : tensor<1x6x6x4x!quant.uniform<i8:f32, 0.05:3>>
}

// -----

// int8 AVERAGE_POOL_2D: TOSA's average pool on the stored values with both
// zero points, an i32 accumulator.
// CHECK-LABEL: func.func @average_pool_int8
// CHECK: tosa.avg_pool2d %{{.*}}, %{{.*}}, %{{.*}} {acc_type = i32, kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>} : {{.*}} -> tensor<1x6x6x8xi8>
func.func @average_pool_int8(%x: tensor<1x11x11x8x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<1x6x6x8x!quant.uniform<i8:f32, 0.05:3>> {
  %0 = mint.average_pool_2d %x {filter_height = 3 : i32, filter_width = 3 : i32, padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x11x11x8x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<1x6x6x8x!quant.uniform<i8:f32, 0.05:3>>
  return %0 : tensor<1x6x6x8x!quant.uniform<i8:f32, 0.05:3>>
}

// -----

// A rank-4 PAD with an unpadded batch of 1 is padded at rank 3 (the 8K
// level rejects the !tosa.shape<8> paddings of rank 4), with the zero
// point as the pad value.
// CHECK-LABEL: func.func @pad_int8
// CHECK-DAG: %[[ZP:.*]] = "tosa.const"() <{values = dense<-3> : tensor<1xi8>}>
// CHECK-DAG: %[[IN:.*]] = tosa.reshape %{{.*}} : (tensor<1x4x4x3xi8>, !tosa.shape<3>) -> tensor<4x4x3xi8>
// CHECK-DAG: %[[P:.*]] = tosa.const_shape {values = dense<[1, 1, 1, 1, 0, 2]> : tensor<6xindex>}
// CHECK: %[[OUT:.*]] = tosa.pad %[[IN]], %[[P]], %[[ZP]] : {{.*}} -> tensor<6x6x5xi8>
// CHECK: tosa.reshape %[[OUT]], %{{.*}} : (tensor<6x6x5xi8>, !tosa.shape<4>) -> tensor<1x6x6x5xi8>
func.func @pad_int8(%x: tensor<1x4x4x3x!quant.uniform<i8:f32, 0.05:-3>>) -> tensor<1x6x6x5x!quant.uniform<i8:f32, 0.05:-3>> {
  %p = mint.const dense<[[0, 0], [1, 1], [1, 1], [0, 2]]> : tensor<4x2xi32>
  %0 = mint.pad %x, %p : (tensor<1x4x4x3x!quant.uniform<i8:f32, 0.05:-3>>, tensor<4x2xi32>) -> tensor<1x6x6x5x!quant.uniform<i8:f32, 0.05:-3>>
  return %0 : tensor<1x6x6x5x!quant.uniform<i8:f32, 0.05:-3>>
}

// -----

// Requantization (QUANTIZE between int8 types): one rescale with both zero
// points; 0.05 / 0.1 = 0.5 * 2^0: multiplier 2^30, TOSA shift 31.
// CHECK-LABEL: func.func @requantize_int8
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<31> : tensor<1xi8>}>
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<3> : tensor<1xi8>}>
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<-10> : tensor<1xi8>}>
// CHECK: tosa.rescale %arg0, %[[M]], %[[S]], %[[IZP]], %[[OZP]] {{{.*}}per_channel = false, rounding_mode = DOUBLE_ROUND{{.*}}} : {{.*}} -> tensor<8xi8>
func.func @requantize_int8(%x: tensor<8x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<8x!quant.uniform<i8:f32, 0.1:-10>> {
  %0 = mint.quantize %x : (tensor<8x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<8x!quant.uniform<i8:f32, 0.1:-10>>
  return %0 : tensor<8x!quant.uniform<i8:f32, 0.1:-10>>
}
