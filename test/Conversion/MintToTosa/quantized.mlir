// RUN: mint-opt %s --mint-to-tosa --split-input-file | FileCheck %s

// int8 convolution: i32 accumulator, then TFLite's per-channel
// requantization as its x86 build computes it (its NEON code, two roundings
// of halves up) and the RELU6 range of the output (zero point 5, scale 0.1:
// [5, 65]). The real multipliers 0.05 * 0.004 / 0.1 = 0.002 and 0.001 are
// 0.512 * 2^-8 and 0.512 * 2^-9: TFLite's multiplier round(0.512 * 2^31)
// (from the float scales) in a high multiply (TOSA shift 31), then right
// shifts by 8 and 9 (a multiplier of 2^30, TOSA shifts 38 and 39).
!qa = !quant.uniform<i8:f32, 0.05:-3>
!qw = !quant.uniform<i8:f32:0, {0.004, 0.002}>
!qb = !quant.uniform<i32:f32:0, {2.0e-4, 1.0e-4}>
!qo = !quant.uniform<i8:f32, 0.1:5>
// CHECK-LABEL: func.func @conv_int8
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x3xi8>)
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{.*}}> : tensor<2x1x1x3xi8>}>
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<[100, -100]> : tensor<2xi32>}>
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<-3> : tensor<1xi8>}>
// CHECK: %[[ACC:.*]] = tosa.conv2d %[[X]], %[[W]], %[[B]], %[[IZP]], %{{.*}} {acc_type = i32, {{.*}}} : {{.*}} -> tensor<1x4x4x2xi32>
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1099511680> : tensor<2xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<31> : tensor<2xi8>}>
// CHECK: %[[HIGH:.*]] = tosa.rescale %[[ACC]], %[[M]], %[[S]], {{.*}}per_channel = true, rounding_mode = SINGLE_ROUND
// CHECK-DAG: %[[ONE:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<2xi32>}>
// CHECK-DAG: %[[RIGHT:.*]] = "tosa.const"() <{values = dense<[38, 39]> : tensor<2xi8>}>
// CHECK: %[[R:.*]] = tosa.rescale %[[HIGH]], %[[ONE]], %[[RIGHT]], {{.*}}rounding_mode = SINGLE_ROUND
// CHECK: %[[ZP:.*]] = tosa.add %[[R]]
// CHECK: tosa.clamp %[[ZP]] {max_val = 65 : i32, min_val = 5 : i32}
func.func @conv_int8(%x: tensor<1x4x4x3x!qa>) -> tensor<1x4x4x2x!qo> {
  %w = mint.const dense<[[[[1, 2, 3]]], [[[-1, -2, -3]]]]> : tensor<2x1x1x3xi8> -> tensor<2x1x1x3x!qw>
  %b = mint.const dense<[100, -100]> : tensor<2xi32> -> tensor<2x!qb>
  %0 = mint.conv_2d %x, %w, %b {fused_activation_function = #mint.activation<relu6>, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x3x!qa>, tensor<2x1x1x3x!qw>, tensor<2x!qb>) -> tensor<1x4x4x2x!qo>
  return %0 : tensor<1x4x4x2x!qo>
}

// -----

// int8 ADD: inputs centered and shifted left by 20 bits in i32, rescaled,
// added, rescaled to the output.
!a = !quant.uniform<i8:f32, 0.07:-5>
!b = !quant.uniform<i8:f32, 0.03:12>
!o = !quant.uniform<i8:f32, 0.09:3>
// CHECK-LABEL: func.func @add_int8
// CHECK: tosa.cast {{.*}} -> tensor<4xi32>
// CHECK: tosa.sub
// CHECK: tosa.logical_left_shift
// CHECK: tosa.rescale
// CHECK: tosa.add {{.*}} -> tensor<4xi32>
// CHECK: tosa.rescale {{.*}} -> tensor<4xi8>
func.func @add_int8(%x: tensor<4x!a>, %y: tensor<4x!b>) -> tensor<4x!o> {
  %0 = mint.add %x, %y : (tensor<4x!a>, tensor<4x!b>) -> tensor<4x!o>
  return %0 : tensor<4x!o>
}

// -----

// int8 LOGISTIC is a 256-entry table.
// CHECK-LABEL: func.func @logistic_int8
// CHECK: %[[T:.*]] = "tosa.const"() <{values = dense<{{.*}}> : tensor<256xi8>}>
// CHECK: tosa.table %{{.*}}, %[[T]] : (tensor<8xi8>, tensor<256xi8>) -> tensor<8xi8>
func.func @logistic_int8(%x: tensor<8x!quant.uniform<i8:f32, 0.06:2>>) -> tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>> {
  %0 = mint.logistic %x : (tensor<8x!quant.uniform<i8:f32, 0.06:2>>) -> tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>
  return %0 : tensor<8x!quant.uniform<i8:f32, 0.00390625:-128>>
}

// -----

// int8 global average pooling as TFLite's optimized MEAN: the stored values
// summed, scaled by 0.05 / (9 * 0.02) (TFLite's multiplier from the float
// quotient, 1193046528 * 2^-32) and biased by -7 - round(3 * 0.05 / 0.02)
// = -15. Channels 0-15 take the NEON rounding (two halves-up steps), 16-19
// gemmlowp's, chosen per channel in one linalg body.
// CHECK-LABEL: func.func @mean_global_pool
// CHECK: %[[SUM:.*]] = tosa.reduce_sum %{{.*}} {axis = 1 : i32} : (tensor<1x9x20xi32>) -> tensor<1x1x20xi32>
// CHECK: %[[ALL:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x1x20xi32>)
// CHECK: arith.constant 1193046528 : i32
// CHECK: arith.cmpi slt, %{{.*}}, %c16_i32 : i32
// CHECK: %[[BIAS:.*]] = "tosa.const"() <{values = dense<-15> : tensor<1x1x1xi32>}>
// CHECK: tosa.add %[[ALL]], %[[BIAS]]
// CHECK: tosa.clamp %{{.*}} {max_val = 127 : i32, min_val = -128 : i32}
func.func @mean_global_pool(%x: tensor<1x3x3x20x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<1x1x1x20x!quant.uniform<i8:f32, 0.02:-7>> {
  %axes = mint.const dense<[1, 2]> : tensor<2xi32>
  %0 = mint.mean %x, %axes {keep_dims = true} : (tensor<1x3x3x20x!quant.uniform<i8:f32, 0.05:3>>, tensor<2xi32>) -> tensor<1x1x1x20x!quant.uniform<i8:f32, 0.02:-7>>
  return %0 : tensor<1x1x1x20x!quant.uniform<i8:f32, 0.02:-7>>
}

// -----

// Other int8 MEANs as TFLite's integer kernel: the centered sum (zero point
// 3 times 10 elements), with 1 / 10 folded into the multiplier: 2^30 (0.5 *
// 2^1) shifted left by floor(log2(10)) = 3 and divided by 10 is 858993459,
// TFLite shift 1 - 3 = -2, TOSA shift 33.
// CHECK-LABEL: func.func @mean_last_axis
// CHECK: %[[SUM:.*]] = tosa.reduce_sum %{{.*}} {axis = 1 : i32} : (tensor<4x10xi32>) -> tensor<4x1xi32>
// CHECK: %[[ZP:.*]] = "tosa.const"() <{values = dense<30> : tensor<1x1xi32>}>
// CHECK: %[[CENTERED:.*]] = tosa.sub %[[SUM]], %[[ZP]]
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<858993459> : tensor<1xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<33> : tensor<1xi8>}>
// CHECK: tosa.rescale %[[CENTERED]], %[[M]], %[[S]]{{.*}}rounding_mode = DOUBLE_ROUND
func.func @mean_last_axis(%x: tensor<4x10x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<4x!quant.uniform<i8:f32, 0.05:3>> {
  %axes = mint.const dense<1> : tensor<1xi32>
  %0 = mint.mean %x, %axes {keep_dims = false} : (tensor<4x10x!quant.uniform<i8:f32, 0.05:3>>, tensor<1xi32>) -> tensor<4x!quant.uniform<i8:f32, 0.05:3>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.05:3>>
}

// -----

// int8 SOFTMAX: TFLite's table of exp(-0.1 * d) for d = 255 - index, read at
// x - max + 255 (the last entry is exp(0) = 1.0, 0x3F800000), summed in float, scaled by 1 / (sum / 256), rounded.
// CHECK-LABEL: func.func @softmax_int8
// CHECK: %[[TABLE:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}0000803F"> : tensor<256xf32>
// CHECK: %[[MAX:.*]] = tosa.reduce_max %{{.*}} {axis = 1 : i32} : (tensor<2x8xi8>) -> tensor<2x1xi8>
// CHECK: %[[EXPS:.*]] = linalg.generic
// CHECK: tensor.extract %[[TABLE]]
// CHECK: %[[SUM:.*]] = tosa.reduce_sum %[[EXPS]] {axis = 1 : i32} : (tensor<2x8xf32>) -> tensor<2x1xf32>
// CHECK: linalg.generic
// CHECK: arith.divf
// CHECK: linalg.generic
// CHECK: math.round
func.func @softmax_int8(%x: tensor<2x8x!quant.uniform<i8:f32, 0.1:-3>>) -> tensor<2x8x!quant.uniform<i8:f32, 0.00390625:-128>> {
  %0 = mint.softmax %x {beta = 1.0 : f32} : (tensor<2x8x!quant.uniform<i8:f32, 0.1:-3>>) -> tensor<2x8x!quant.uniform<i8:f32, 0.00390625:-128>>
  return %0 : tensor<2x8x!quant.uniform<i8:f32, 0.00390625:-128>>
}

// -----

// int8 HARD_SWISH is a table of TFLite's kernel: every input at or below
// -3.0 (stored -57 and less) gives 0.0, stored as the output zero point
// -100 = 0x9C.
// CHECK-LABEL: func.func @hard_swish_int8
// CHECK: %[[TABLE:.*]] = "tosa.const"() <{values = dense<"0x9C9C9C9C{{[0-9A-F]+}}"> : tensor<256xi8>}>
// CHECK: tosa.table %{{.*}}, %[[TABLE]] : (tensor<8xi8>, tensor<256xi8>) -> tensor<8xi8>
func.func @hard_swish_int8(%x: tensor<8x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<8x!quant.uniform<i8:f32, 0.03:-100>> {
  %0 = mint.hard_swish %x : (tensor<8x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<8x!quant.uniform<i8:f32, 0.03:-100>>
  return %0 : tensor<8x!quant.uniform<i8:f32, 0.03:-100>>
}

// -----

// int8 PRELU: x >= 0 requantized by 0.05 / 0.04 = 0.625 * 2^1 (TOSA shift
// 30), x < 0 times the centered alpha by 0.05 * 0.004 / 0.04 in float,
// 0.0050000004 = 0.64000005 * 2^-7 (TOSA shift 38), then a select.
// CHECK-LABEL: func.func @prelu_int8
// CHECK: %[[X:.*]] = tosa.sub
// CHECK: %[[ALPHA:.*]] = tosa.sub
// CHECK-DAG: "tosa.const"() <{values = dense<1342177280> : tensor<1xi32>}>
// CHECK-DAG: "tosa.const"() <{values = dense<30> : tensor<1xi8>}>
// CHECK: %[[POS:.*]] = tosa.rescale %[[X]]
// CHECK: %[[PRODUCT:.*]] = tosa.mul %[[X]], %[[ALPHA]]
// CHECK-DAG: "tosa.const"() <{values = dense<1374389632> : tensor<1xi32>}>
// CHECK-DAG: "tosa.const"() <{values = dense<38> : tensor<1xi8>}>
// CHECK: %[[NEG:.*]] = tosa.rescale %[[PRODUCT]]
// CHECK: %[[GE:.*]] = tosa.greater_equal %[[X]]
// CHECK: tosa.select %[[GE]], %[[POS]], %[[NEG]]
func.func @prelu_int8(%x: tensor<2x4x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.04:-20>> {
  %a = mint.const dense<[10, -20, 30, 127]> : tensor<4xi8> -> tensor<4x!quant.uniform<i8:f32, 0.004:-7>>
  %0 = mint.prelu %x, %a : (tensor<2x4x!quant.uniform<i8:f32, 0.05:3>>, tensor<4x!quant.uniform<i8:f32, 0.004:-7>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.04:-20>>
  return %0 : tensor<2x4x!quant.uniform<i8:f32, 0.04:-20>>
}

// -----

// int8 DIV reads TFLite's kernel from a table of all operand pairs at
// (lhs + 128) * 256 + (rhs + 128).
// CHECK-LABEL: func.func @div_int8
// CHECK: %[[TABLE:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<65536xi8>
// CHECK: linalg.generic
// CHECK: arith.muli %{{.*}}, %c256_i32
// CHECK: tensor.extract %[[TABLE]]
func.func @div_int8(%x: tensor<4x!quant.uniform<i8:f32, 0.05:3>>, %y: tensor<4x!quant.uniform<i8:f32, 0.02:-7>>) -> tensor<4x!quant.uniform<i8:f32, 0.1:-10>> {
  %0 = mint.div %x, %y : (tensor<4x!quant.uniform<i8:f32, 0.05:3>>, tensor<4x!quant.uniform<i8:f32, 0.02:-7>>) -> tensor<4x!quant.uniform<i8:f32, 0.1:-10>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.1:-10>>
}

// -----

// int16 LOGISTIC reads a table of all 65536 inputs at x + 32768; the most
// negative inputs give TFLite's smallest value, 1 (0x0100 little-endian).
// CHECK-LABEL: func.func @logistic_int16
// CHECK: %[[TABLE:.*]] = arith.constant dense<"0x01000100{{[0-9A-F]+}}"> : tensor<65536xi16>
// CHECK: arith.addi %{{.*}}, %c32768_i32
// CHECK: tensor.extract %[[TABLE]]
func.func @logistic_int16(%x: tensor<8x!quant.uniform<i16:f32, 0.0007>>) -> tensor<8x!quant.uniform<i16:f32, 3.0517578125e-05>> {
  %0 = mint.logistic %x : (tensor<8x!quant.uniform<i16:f32, 0.0007>>) -> tensor<8x!quant.uniform<i16:f32, 3.0517578125e-05>>
  return %0 : tensor<8x!quant.uniform<i16:f32, 3.0517578125e-05>>
}

// -----

// int16 SOFTMAX: the row maximum, TFLite's rescaling of x - max inside a
// linalg body (integer, gemmlowp rounding), two 513-entry tables, the sum's
// leading zeros.
// CHECK-LABEL: func.func @softmax_int16
// CHECK-DAG: arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<513xi16>
// CHECK-DAG: arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<513xi16>
// CHECK: tosa.reduce_max %{{.*}} {axis = 1 : i32} : (tensor<2x8xi16>) -> tensor<2x1xi16>
// CHECK: tosa.reduce_sum %{{.*}} {axis = 1 : i32} : (tensor<2x8xi32>) -> tensor<2x1xi32>
// CHECK: math.ctlz
func.func @softmax_int16(%x: tensor<2x8x!quant.uniform<i16:f32, 0.0007>>) -> tensor<2x8x!quant.uniform<i16:f32, 3.0517578125e-05>> {
  %0 = mint.softmax %x {beta = 1.0 : f32} : (tensor<2x8x!quant.uniform<i16:f32, 0.0007>>) -> tensor<2x8x!quant.uniform<i16:f32, 3.0517578125e-05>>
  return %0 : tensor<2x8x!quant.uniform<i16:f32, 3.0517578125e-05>>
}

// -----

// int8 TRANSPOSE_CONV: tosa.transpose_conv2d with the input zero point and
// an i32 accumulator, then the per-channel requantization: 0.05 * 0.004 /
// 0.1 = 0.002 = 0.512 * 2^-8; channels in whole blocks of 8 round as
// TFLite's NEON code does, the 2 channels here as its scalar code (a
// linalg body).
// CHECK-LABEL: func.func @transpose_conv_int8
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<-3> : tensor<1xi8>}>
// CHECK: %[[ACC:.*]] = tosa.transpose_conv2d %{{.*}}, %{{.*}}, %{{.*}}, %[[IZP]], %{{.*}} {acc_type = i32, out_pad = array<i64: 0, -1, 0, -1>, stride = array<i64: 2, 2>} {{.*}} -> tensor<1x4x4x2xi32>
// CHECK: linalg.generic {{.*}} ins(%[[ACC]] : tensor<1x4x4x2xi32>)
func.func @transpose_conv_int8(%x: tensor<1x2x2x3x!quant.uniform<i8:f32, 0.05:-3>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.1:5>> {
  %shape = mint.const dense<[1, 4, 4, 2]> : tensor<4xi32>
  %w = mint.const dense<1> : tensor<2x3x3x3xi8> -> tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.004, 0.004}>>
  %0 = mint.transpose_conv %shape, %w, %x {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<4xi32>, tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.004, 0.004}>>, tensor<1x2x2x3x!quant.uniform<i8:f32, 0.05:-3>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.1:5>>
  return %0 : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.1:5>>
}

// -----

// int8 RESIZE_BILINEAR: TFLite's fixed-point kernel in a linalg body: four
// stored neighbours times products of 10-bit weights in i64, rounded at
// 2^20 (here scale (1024 * 3 + 3) / 6 = 512 per output step).
// CHECK-LABEL: func.func @resize_bilinear_int8
// CHECK: linalg.generic
// CHECK: arith.muli %{{.*}}, %c512_i32
// CHECK-COUNT-4: tensor.extract
// CHECK: arith.divsi %{{.*}}, %c1048576_i64
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @resize_bilinear_int8(%x: tensor<1x3x3x4x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<1x6x6x4x!quant.uniform<i8:f32, 0.05:3>> {
  %size = mint.const dense<[6, 6]> : tensor<2xi32>
  %0 = mint.resize_bilinear %x, %size : (tensor<1x3x3x4x!quant.uniform<i8:f32, 0.05:3>>, tensor<2xi32>) -> tensor<1x6x6x4x!quant.uniform<i8:f32, 0.05:3>>
  return %0 : tensor<1x6x6x4x!quant.uniform<i8:f32, 0.05:3>>
}
