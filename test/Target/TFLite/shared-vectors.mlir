// The exporter writes equal shapes, quantization parameters and names once
// and lets every tensor that has them refer to the one copy: the four
// per-channel zero-point vectors below (two weights, two biases, five
// channels each, all zero) take one vector in the file. TFLite reads the
// file (the model round trips run it) and so does Mint: importing it and
// exporting again gives the same bytes.
//
// RUN: rm -rf %t && mkdir %t
// RUN: mint-translate --export-tflite %s -o %t/model.tflite
// RUN: %python %S/Inputs/count_bytes.py %t/model.tflite --int64-zeros 5 | FileCheck %s
// RUN: mint-translate --import-tflite %t/model.tflite | FileCheck %s --check-prefix=MLIR
// RUN: mint-translate --import-tflite %t/model.tflite | mint-translate --export-tflite -o %t/again.tflite
// RUN: cmp %t/model.tflite %t/again.tflite

// CHECK: 1 vector(s) of 5 int64 zeros

!qa = !quant.uniform<i8:f32, 0.05:-3>
!qw1 = !quant.uniform<i8:f32:0, {0.01, 0.02, 0.03, 0.04, 0.05}>
!qb1 = !quant.uniform<i32:f32:0, {5.0e-04, 1.0e-03, 1.5e-03, 2.0e-03, 2.5e-03}>
!qw2 = !quant.uniform<i8:f32:0, {0.06, 0.07, 0.08, 0.09, 0.1}>
!qb2 = !quant.uniform<i32:f32:0, {3.0e-03, 3.5e-03, 4.0e-03, 4.5e-03, 5.0e-03}>

// MLIR-LABEL: func.func @main
// MLIR-COUNT-2: mint.conv_2d {{.*}} -> tensor<1x4x4x5x!quant.uniform<i8:f32, 0.0500000007{{[0-9]*}}:-3>>
func.func @main(%x: tensor<1x4x4x5x!qa>) -> tensor<1x4x4x5x!qa> {
  %w1 = mint.const dense<[[[[1, 2, 3, 4, 5]]], [[[6, 7, 8, 9, 10]]], [[[11, 12, 13, 14, 15]]], [[[16, 17, 18, 19, 20]]], [[[21, 22, 23, 24, 25]]]]> : tensor<5x1x1x5xi8> -> tensor<5x1x1x5x!qw1>
  %b1 = mint.const dense<[1, 2, 3, 4, 5]> : tensor<5xi32> -> tensor<5x!qb1>
  %0 = mint.conv_2d %x, %w1, %b1 {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32}
       : (tensor<1x4x4x5x!qa>, tensor<5x1x1x5x!qw1>, tensor<5x!qb1>) -> tensor<1x4x4x5x!qa>
  %w2 = mint.const dense<[[[[-1, -2, -3, -4, -5]]], [[[-6, -7, -8, -9, -10]]], [[[-11, -12, -13, -14, -15]]], [[[-16, -17, -18, -19, -20]]], [[[-21, -22, -23, -24, -25]]]]> : tensor<5x1x1x5xi8> -> tensor<5x1x1x5x!qw2>
  %b2 = mint.const dense<[6, 7, 8, 9, 10]> : tensor<5xi32> -> tensor<5x!qb2>
  %1 = mint.conv_2d %0, %w2, %b2 {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32}
       : (tensor<1x4x4x5x!qa>, tensor<5x1x1x5x!qw2>, tensor<5x!qb2>) -> tensor<1x4x4x5x!qa>
  return %1 : tensor<1x4x4x5x!qa>
}
