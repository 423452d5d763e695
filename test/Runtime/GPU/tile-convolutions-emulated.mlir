// The CUDA path's shared-memory convolution kernels, run on the CPU by
// mint-emulate-gpu-launches (blocks and threads in sequence, barriers by
// fission) and compared with a plain linalg.generic convolution of the
// same data: f32 with strides and with dilations, int8 with both zero
// points (dp4a and its corrections), on sizes that are not multiples of
// the tile (edges, a reduction length that is not a multiple of 4), with
// tiles of 4 (many blocks, many reduction steps) and of 16.
//
// DEFINE: %{lower} = func.func(convert-linalg-to-loops), convert-vector-to-scf, convert-scf-to-cf, expand-strided-metadata, lower-affine, finalize-memref-to-llvm, convert-vector-to-llvm, convert-math-to-llvm, convert-arith-to-llvm, convert-index-to-llvm, convert-cf-to-llvm, convert-func-to-llvm, reconcile-unrealized-casts
// RUN: mint-opt %s --pass-pipeline="builtin.module(func.func(mint-tile-convolutions-for-gpu{tile=4}, mint-emulate-gpu-launches), %{lower})" | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils,%mlir_runner_utils | FileCheck %s
// RUN: mint-opt %s --pass-pipeline="builtin.module(func.func(mint-tile-convolutions-for-gpu{tile=16}, mint-emulate-gpu-launches), %{lower})" | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_c_runner_utils,%mlir_runner_utils | FileCheck %s
//
// CHECK: f32 strided: agree 1, nontrivial 1
// CHECK-NEXT: f32 dilated: agree 1, nontrivial 1
// CHECK-NEXT: int8 zero points: max difference 0, nontrivial 1
//
// What ran is the kernels: the tiled functions are left with no
// convolution, and the kernels' barriers became separate thread loops.
// RUN: mint-opt %s --pass-pipeline="builtin.module(func.func(mint-tile-convolutions-for-gpu, mint-emulate-gpu-launches))" | FileCheck %s --check-prefix=IR
// IR-LABEL: func.func @tiled_f32
// IR-NOT: linalg.conv
// IR: memref.alloca() : memref<16x17xf32>
// IR-NOT: linalg.conv
// IR-LABEL: func.func @reference_f32
// IR-LABEL: func.func @tiled_q
// IR-NOT: linalg.conv
// IR: memref.alloca() : memref<16x5xi32>
// IR-NOT: nvvm.
// IR-NOT: gpu.
// IR-LABEL: func.func @reference_q

#fill4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#conv_in_s2 = affine_map<(n, oh, ow, f, kh, kw, c) -> (n, oh * 2 + kh, ow * 2 + kw, c)>
#conv_in_d = affine_map<(n, oh, ow, f, kh, kw, c) -> (n, oh + kh * 2, ow + kw, c)>
#conv_in_q = affine_map<(n, oh, ow, f, kh, kw, c) -> (n, oh + kh, ow + kw * 2, c)>
#conv_filter = affine_map<(n, oh, ow, f, kh, kw, c) -> (f, kh, kw, c)>
#conv_out = affine_map<(n, oh, ow, f, kh, kw, c) -> (n, oh, ow, f)>
#all = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#none = affine_map<(d0, d1, d2, d3) -> ()>

// Fills a buffer with small integers that vary with every index.
func.func @fill_f32(%m: memref<?x?x?x?xf32>, %seed: index) {
  linalg.generic {indexing_maps = [#fill4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%m : memref<?x?x?x?xf32>) {
  ^bb0(%out: f32):
    %i0 = linalg.index 0 : index
    %i1 = linalg.index 1 : index
    %i2 = linalg.index 2 : index
    %i3 = linalg.index 3 : index
    // (11 i0 + (5 + seed) i1 + 7 i2 + (3 + seed) i3) mod 17 - 8: no
    // coefficient vanishes mod 17 for the seeds used (3, 5, 7).
    %c3 = arith.constant 3 : index
    %c5 = arith.constant 5 : index
    %c7 = arith.constant 7 : index
    %c8 = arith.constant 8 : index
    %c11 = arith.constant 11 : index
    %c17 = arith.constant 17 : index
    %k1 = arith.addi %seed, %c5 : index
    %k3 = arith.addi %seed, %c3 : index
    %t0 = arith.muli %i0, %c11 : index
    %t1 = arith.muli %i1, %k1 : index
    %t2 = arith.muli %i2, %c7 : index
    %t3 = arith.muli %i3, %k3 : index
    %s1 = arith.addi %t0, %t1 : index
    %s2 = arith.addi %s1, %t2 : index
    %s3 = arith.addi %s2, %t3 : index
    %r = arith.remui %s3, %c17 : index
    %v = arith.subi %r, %c8 : index
    %i = arith.index_cast %v : index to i32
    %f = arith.sitofp %i : i32 to f32
    %q = arith.constant 0.125 : f32
    %y = arith.mulf %f, %q : f32
    linalg.yield %y : f32
  }
  return
}

func.func @compare_f32(%x: memref<?x?x?x?xf32>, %y: memref<?x?x?x?xf32>) -> (i1, i1) {
  %diff = memref.alloca() : memref<f32>
  %big = memref.alloca() : memref<f32>
  %zero = arith.constant 0.0 : f32
  memref.store %zero, %diff[] : memref<f32>
  memref.store %zero, %big[] : memref<f32>
  linalg.generic {indexing_maps = [#all, #all, #none, #none], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%x, %y : memref<?x?x?x?xf32>, memref<?x?x?x?xf32>) outs(%diff, %big : memref<f32>, memref<f32>) {
  ^bb0(%a: f32, %b: f32, %d: f32, %m: f32):
    %s = arith.subf %a, %b : f32
    %abs = math.absf %s : f32
    %d2 = arith.maximumf %d, %abs : f32
    %aa = math.absf %a : f32
    %m2 = arith.maximumf %m, %aa : f32
    linalg.yield %d2, %m2 : f32, f32
  }
  %dv = memref.load %diff[] : memref<f32>
  %bv = memref.load %big[] : memref<f32>
  %tolerance = arith.constant 1.0e-4 : f32
  %one = arith.constant 1.0 : f32
  %agree = arith.cmpf olt, %dv, %tolerance : f32
  %nontrivial = arith.cmpf ogt, %bv, %one : f32
  return %agree, %nontrivial : i1, i1
}

func.func @tiled_f32(%in: memref<1x9x10x5xf32>, %filter: memref<6x3x3x5xf32>, %out: memref<1x4x4x6xf32>) {
  linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%in, %filter : memref<1x9x10x5xf32>, memref<6x3x3x5xf32>) outs(%out : memref<1x4x4x6xf32>)
  return
}

func.func @reference_f32(%in: memref<1x9x10x5xf32>, %filter: memref<6x3x3x5xf32>, %out: memref<1x4x4x6xf32>) {
  linalg.generic {indexing_maps = [#conv_in_s2, #conv_filter, #conv_out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%in, %filter : memref<1x9x10x5xf32>, memref<6x3x3x5xf32>) outs(%out : memref<1x4x4x6xf32>) {
  ^bb0(%x: f32, %w: f32, %acc: f32):
    %p = arith.mulf %x, %w : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// Dilation 2 along the height: 3 taps over 5 rows; 17 output channels.
func.func @tiled_dilated(%in: memref<2x7x6x3xf32>, %filter: memref<17x3x2x3xf32>, %out: memref<2x3x5x17xf32>) {
  linalg.conv_2d_nhwc_fhwc {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in, %filter : memref<2x7x6x3xf32>, memref<17x3x2x3xf32>) outs(%out : memref<2x3x5x17xf32>)
  return
}

func.func @reference_dilated(%in: memref<2x7x6x3xf32>, %filter: memref<17x3x2x3xf32>, %out: memref<2x3x5x17xf32>) {
  linalg.generic {indexing_maps = [#conv_in_d, #conv_filter, #conv_out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%in, %filter : memref<2x7x6x3xf32>, memref<17x3x2x3xf32>) outs(%out : memref<2x3x5x17xf32>) {
  ^bb0(%x: f32, %w: f32, %acc: f32):
    %p = arith.mulf %x, %w : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// int8 with zero points -3 (input) and 2 (filter); the reduction has
// 3 * 3 * 6 = 54 values (not a multiple of 4); dilation 2 along the width.
func.func @tiled_q(%in: memref<1x7x8x6xi8>, %filter: memref<5x3x3x6xi8>, %out: memref<1x5x4x5xi32>) {
  %zi = arith.constant -3 : i32
  %zw = arith.constant 2 : i32
  linalg.conv_2d_nhwc_fhwc_q {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%in, %filter, %zi, %zw : memref<1x7x8x6xi8>, memref<5x3x3x6xi8>, i32, i32) outs(%out : memref<1x5x4x5xi32>)
  return
}

func.func @reference_q(%in: memref<1x7x8x6xi8>, %filter: memref<5x3x3x6xi8>, %out: memref<1x5x4x5xi32>) {
  linalg.generic {indexing_maps = [#conv_in_q, #conv_filter, #conv_out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%in, %filter : memref<1x7x8x6xi8>, memref<5x3x3x6xi8>) outs(%out : memref<1x5x4x5xi32>) {
  ^bb0(%x: i8, %w: i8, %acc: i32):
    %xi = arith.extsi %x : i8 to i32
    %wi = arith.extsi %w : i8 to i32
    %zi = arith.constant -3 : i32
    %zw = arith.constant 2 : i32
    %xs = arith.subi %xi, %zi : i32
    %ws = arith.subi %wi, %zw : i32
    %p = arith.muli %xs, %ws : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  }
  return
}

func.func @to_i8(%f: memref<?x?x?x?xf32>, %i: memref<?x?x?x?xi8>) {
  linalg.generic {indexing_maps = [#all, #all], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%f : memref<?x?x?x?xf32>) outs(%i : memref<?x?x?x?xi8>) {
  ^bb0(%x: f32, %o: i8):
    %s = arith.constant 8.0 : f32
    %y = arith.mulf %x, %s : f32
    %v = arith.fptosi %y : f32 to i8
    linalg.yield %v : i8
  }
  return
}

func.func @bias_i32(%o: memref<?x?x?x?xi32>) {
  linalg.generic {indexing_maps = [#all], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%o : memref<?x?x?x?xi32>) {
  ^bb0(%x: i32):
    %i3 = linalg.index 3 : index
    %v = arith.index_cast %i3 : index to i32
    %c = arith.constant 100 : i32
    %b = arith.muli %v, %c : i32
    linalg.yield %b : i32
  }
  return
}

func.func @main() {
  %c3 = arith.constant 3 : index
  %c5 = arith.constant 5 : index
  %c7 = arith.constant 7 : index
  %ones = arith.constant 1.0 : f32

  %in = memref.alloc() : memref<1x9x10x5xf32>
  %filter = memref.alloc() : memref<6x3x3x5xf32>
  %a = memref.alloc() : memref<1x4x4x6xf32>
  %b = memref.alloc() : memref<1x4x4x6xf32>
  %in_d = memref.cast %in : memref<1x9x10x5xf32> to memref<?x?x?x?xf32>
  %filter_d = memref.cast %filter : memref<6x3x3x5xf32> to memref<?x?x?x?xf32>
  %a_d = memref.cast %a : memref<1x4x4x6xf32> to memref<?x?x?x?xf32>
  %b_d = memref.cast %b : memref<1x4x4x6xf32> to memref<?x?x?x?xf32>
  call @fill_f32(%in_d, %c3) : (memref<?x?x?x?xf32>, index) -> ()
  call @fill_f32(%filter_d, %c5) : (memref<?x?x?x?xf32>, index) -> ()
  // Both start from the same bias-like values.
  call @fill_f32(%a_d, %c7) : (memref<?x?x?x?xf32>, index) -> ()
  call @fill_f32(%b_d, %c7) : (memref<?x?x?x?xf32>, index) -> ()
  call @tiled_f32(%in, %filter, %a) : (memref<1x9x10x5xf32>, memref<6x3x3x5xf32>, memref<1x4x4x6xf32>) -> ()
  call @reference_f32(%in, %filter, %b) : (memref<1x9x10x5xf32>, memref<6x3x3x5xf32>, memref<1x4x4x6xf32>) -> ()
  %agree1, %big1 = call @compare_f32(%b_d, %a_d) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf32>) -> (i1, i1)

  %in2 = memref.alloc() : memref<2x7x6x3xf32>
  %filter2 = memref.alloc() : memref<17x3x2x3xf32>
  %a2 = memref.alloc() : memref<2x3x5x17xf32>
  %b2 = memref.alloc() : memref<2x3x5x17xf32>
  %in2_d = memref.cast %in2 : memref<2x7x6x3xf32> to memref<?x?x?x?xf32>
  %filter2_d = memref.cast %filter2 : memref<17x3x2x3xf32> to memref<?x?x?x?xf32>
  %a2_d = memref.cast %a2 : memref<2x3x5x17xf32> to memref<?x?x?x?xf32>
  %b2_d = memref.cast %b2 : memref<2x3x5x17xf32> to memref<?x?x?x?xf32>
  call @fill_f32(%in2_d, %c5) : (memref<?x?x?x?xf32>, index) -> ()
  call @fill_f32(%filter2_d, %c3) : (memref<?x?x?x?xf32>, index) -> ()
  call @fill_f32(%a2_d, %c7) : (memref<?x?x?x?xf32>, index) -> ()
  call @fill_f32(%b2_d, %c7) : (memref<?x?x?x?xf32>, index) -> ()
  call @tiled_dilated(%in2, %filter2, %a2) : (memref<2x7x6x3xf32>, memref<17x3x2x3xf32>, memref<2x3x5x17xf32>) -> ()
  call @reference_dilated(%in2, %filter2, %b2) : (memref<2x7x6x3xf32>, memref<17x3x2x3xf32>, memref<2x3x5x17xf32>) -> ()
  %agree2, %big2 = call @compare_f32(%b2_d, %a2_d) : (memref<?x?x?x?xf32>, memref<?x?x?x?xf32>) -> (i1, i1)

  %fin = memref.alloc() : memref<1x7x8x6xf32>
  %ffil = memref.alloc() : memref<5x3x3x6xf32>
  %fin_d = memref.cast %fin : memref<1x7x8x6xf32> to memref<?x?x?x?xf32>
  %ffil_d = memref.cast %ffil : memref<5x3x3x6xf32> to memref<?x?x?x?xf32>
  call @fill_f32(%fin_d, %c7) : (memref<?x?x?x?xf32>, index) -> ()
  call @fill_f32(%ffil_d, %c5) : (memref<?x?x?x?xf32>, index) -> ()
  %qin = memref.alloc() : memref<1x7x8x6xi8>
  %qfil = memref.alloc() : memref<5x3x3x6xi8>
  %qin_d = memref.cast %qin : memref<1x7x8x6xi8> to memref<?x?x?x?xi8>
  %qfil_d = memref.cast %qfil : memref<5x3x3x6xi8> to memref<?x?x?x?xi8>
  call @to_i8(%fin_d, %qin_d) : (memref<?x?x?x?xf32>, memref<?x?x?x?xi8>) -> ()
  call @to_i8(%ffil_d, %qfil_d) : (memref<?x?x?x?xf32>, memref<?x?x?x?xi8>) -> ()
  %qa = memref.alloc() : memref<1x5x4x5xi32>
  %qb = memref.alloc() : memref<1x5x4x5xi32>
  %qa_d = memref.cast %qa : memref<1x5x4x5xi32> to memref<?x?x?x?xi32>
  %qb_d = memref.cast %qb : memref<1x5x4x5xi32> to memref<?x?x?x?xi32>
  call @bias_i32(%qa_d) : (memref<?x?x?x?xi32>) -> ()
  call @bias_i32(%qb_d) : (memref<?x?x?x?xi32>) -> ()
  call @tiled_q(%qin, %qfil, %qa) : (memref<1x7x8x6xi8>, memref<5x3x3x6xi8>, memref<1x5x4x5xi32>) -> ()
  call @reference_q(%qin, %qfil, %qb) : (memref<1x7x8x6xi8>, memref<5x3x3x6xi8>, memref<1x5x4x5xi32>) -> ()
  %qdiff = memref.alloca() : memref<i32>
  %qbig = memref.alloca() : memref<i32>
  %zero = arith.constant 0 : i32
  memref.store %zero, %qdiff[] : memref<i32>
  memref.store %zero, %qbig[] : memref<i32>
  linalg.generic {indexing_maps = [#all, #all, #none, #none], iterator_types = ["reduction", "reduction", "reduction", "reduction"]} ins(%qa, %qb : memref<1x5x4x5xi32>, memref<1x5x4x5xi32>) outs(%qdiff, %qbig : memref<i32>, memref<i32>) {
  ^bb0(%x: i32, %y: i32, %d: i32, %m: i32):
    %s = arith.subi %x, %y : i32
    %n = arith.subi %zero, %s : i32
    %abs = arith.maxsi %s, %n : i32
    %d2 = arith.maxsi %d, %abs : i32
    %ny = arith.subi %zero, %y : i32
    %ay = arith.maxsi %y, %ny : i32
    %m2 = arith.maxsi %m, %ay : i32
    linalg.yield %d2, %m2 : i32, i32
  }
  %qd = memref.load %qdiff[] : memref<i32>
  %qm = memref.load %qbig[] : memref<i32>
  %hundred = arith.constant 100 : i32
  %qnontrivial = arith.cmpi sgt, %qm, %hundred : i32

  vector.print str "f32 strided: agree "
  vector.print %agree1 : i1 punctuation <no_punctuation>
  vector.print str ", nontrivial "
  vector.print %big1 : i1
  vector.print str "f32 dilated: agree "
  vector.print %agree2 : i1 punctuation <no_punctuation>
  vector.print str ", nontrivial "
  vector.print %big2 : i1
  vector.print str "int8 zero points: max difference "
  vector.print %qd : i32 punctuation <no_punctuation>
  vector.print str ", nontrivial "
  vector.print %qnontrivial : i1
  return
}
