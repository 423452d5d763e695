// RUN: mint-opt %s --pass-pipeline="builtin.module(func.func(mint-lower-vnni-convolutions))" | FileCheck %s
// RUN: mint-opt %s --pass-pipeline="builtin.module(func.func(mint-lower-vnni-convolutions, mint-lower-vnni-convolutions{emit-intrinsics}))" | FileCheck %s --check-prefix=INTRINSIC

// A 1x1 int8 convolution (input zero point -3) becomes tiles of VNNI dot
// products: activations offset by 128 (xor of the sign bit), the filter
// packed [C/4][F x 4], and -(128 + zp) * (channel sum 2 * 8 = 16) = -2000
// added to the bias.
// CHECK-LABEL: func.func @pointwise
// CHECK-DAG: %[[PACKED:.*]] = arith.constant dense<2> : tensor<2x64xi8>
// CHECK-DAG: %[[CORRECTION:.*]] = arith.constant dense<-2000> : tensor<16xi32>
// CHECK: arith.xori
// CHECK: arith.addi
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// CHECK: vector.transfer_read %[[PACKED]]
// CHECK: vector.contract {{.*}} vector<16x4xi32>, vector<16x4xi32> into vector<16xi32>
// CHECK-NOT: linalg.conv

// INTRINSIC-LABEL: func.func @pointwise
// INTRINSIC: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"({{.*}}) : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
// INTRINSIC-NOT: vector.contract
func.func @pointwise(%x: tensor<1x2x2x8xi8>, %bias: tensor<1x2x2x16xi32>) -> tensor<1x2x2x16xi32> {
  %w = arith.constant dense<2> : tensor<16x1x1x8xi8>
  %izp = arith.constant -3 : i32
  %fzp = arith.constant 0 : i32
  %0 = linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w, %izp, %fzp : tensor<1x2x2x8xi8>, tensor<16x1x1x8xi8>, i32, i32) outs(%bias : tensor<1x2x2x16xi32>) -> tensor<1x2x2x16xi32>
  return %0 : tensor<1x2x2x16xi32>
}

// 24 output channels are computed as 32: the filter packed with 8 zero
// channels (24 x 8 twos, then zeros, per group of 4 inputs), the bias
// padded with zeros and the correction with zeros past channel 24, the
// result sliced back to 24.
// CHECK-LABEL: func.func @padded_outputs
// CHECK-DAG: %[[PACKED:.*]] = arith.constant dense<{{.*}}> : tensor<2x128xi8>
// CHECK-DAG: arith.constant dense<{{\[}}-2000, {{.*}}, -2000, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<32xi32>
// CHECK: tensor.pad %{{.*}} low[0, 0] high[0, 8]
// CHECK: vector.contract
// CHECK: tensor.extract_slice %{{.*}}[0, 0] [4, 24] [1, 1] : tensor<4x32xi32> to tensor<4x24xi32>
// CHECK: tensor.expand_shape {{.*}} into tensor<1x2x2x24xi32>
// CHECK-NOT: linalg.conv
func.func @padded_outputs(%x: tensor<1x2x2x8xi8>, %bias: tensor<1x2x2x24xi32>) -> tensor<1x2x2x24xi32> {
  %w = arith.constant dense<2> : tensor<24x1x1x8xi8>
  %izp = arith.constant -3 : i32
  %fzp = arith.constant 0 : i32
  %0 = linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w, %izp, %fzp : tensor<1x2x2x8xi8>, tensor<24x1x1x8xi8>, i32, i32) outs(%bias : tensor<1x2x2x24xi32>) -> tensor<1x2x2x24xi32>
  return %0 : tensor<1x2x2x24xi32>
}

// Channels that VNNI cannot take (6 is no multiple of 4) stay a convolution.
// CHECK-LABEL: func.func @not_vnni
// CHECK: linalg.conv_2d_nhwc_fhwc
func.func @not_vnni(%x: tensor<1x2x2x6xi8>, %bias: tensor<1x2x2x16xi32>) -> tensor<1x2x2x16xi32> {
  %w = arith.constant dense<2> : tensor<16x1x1x6xi8>
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x2x2x6xi8>, tensor<16x1x1x6xi8>) outs(%bias : tensor<1x2x2x16xi32>) -> tensor<1x2x2x16xi32>
  return %0 : tensor<1x2x2x16xi32>
}
