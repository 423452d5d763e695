// An int8 1x1 convolution through the CPU pipeline with VNNI: the machine
// code multiplies with vpdpbusd (64 byte products per instruction); without
// VNNI it does not. Independent of the host: llc targets AVX512-VNNI.
//
// RUN: mint-opt %s --mint-cpu-pipeline="vnni=true" | mlir-translate --mlir-to-llvmir | llc -O2 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx512f,+avx512bw,+avx512vl,+avx512vnni | FileCheck %s
// RUN: mint-opt %s --mint-cpu-pipeline="vnni=false" | mlir-translate --mlir-to-llvmir | llc -O2 -mtriple=x86_64-unknown-linux-gnu -mattr=+avx512f,+avx512bw,+avx512vl,+avx512vnni | FileCheck %s --check-prefix=NOVNNI
//
// CHECK: vpdpbusd {{.*}}%zmm
// NOVNNI-NOT: vpdpbusd

!qa = !quant.uniform<i8:f32, 0.05:-3>
!qw = !quant.uniform<i8:f32, 0.004>
!qo = !quant.uniform<i8:f32, 0.1:5>
func.func @main(%x: tensor<1x4x4x8x!qa>) -> tensor<1x4x4x32x!qo> {
  %w = mint.const dense<3> : tensor<32x1x1x8xi8> -> tensor<32x1x1x8x!qw>
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x4x4x8x!qa>, tensor<32x1x1x8x!qw>) -> tensor<1x4x4x32x!qo>
  return %0 : tensor<1x4x4x32x!qo>
}
