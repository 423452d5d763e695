// RUN: mint-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(mint-parallel-dims-first))" | FileCheck %s
// RUN: mint-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(mint-parallel-dims-first, convert-linalg-to-parallel-loops))" | FileCheck %s --check-prefix=LOOPS

// A global sum over H and W written with the reductions first: the channel
// dimension moves to the front and the maps follow, so the loops become one
// parallel loop over channels around the two sequential ones.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d1, d2, d0)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-LABEL: func.func @pool
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "reduction", "reduction"]}
// LOOPS-LABEL: func.func @pool
// LOOPS: scf.parallel
// LOOPS: scf.for
// LOOPS: scf.for
// LOOPS: memref.load {{.*}} : memref<7x7x672xf32>
#in = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#out = affine_map<(d0, d1, d2) -> (d2)>
func.func @pool(%a: memref<7x7x672xf32>, %o: memref<672xf32>) {
  linalg.generic {indexing_maps = [#in, #out], iterator_types = ["reduction", "reduction", "parallel"]} ins(%a : memref<7x7x672xf32>) outs(%o : memref<672xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A named op with the reduced dimension first is generalized, then
// interchanged.
// CHECK-LABEL: func.func @reduce
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK-NOT: linalg.reduce
func.func @reduce(%a: memref<16x8xf32>, %o: memref<8xf32>) {
  linalg.reduce ins(%a : memref<16x8xf32>) outs(%o : memref<8xf32>) dimensions = [0]
    (%x: f32, %y: f32) {
      %s = arith.addf %x, %y : f32
      linalg.yield %s : f32
    }
  return
}

// -----

// Ops already in order (a convolution: output dimensions, then window) are
// left as they are.
// CHECK-LABEL: func.func @conv
// CHECK: linalg.conv_2d_nhwc_fhwc
func.func @conv(%i: memref<1x8x8x4xf32>, %f: memref<2x3x3x4xf32>, %o: memref<1x6x6x2xf32>) {
  linalg.conv_2d_nhwc_fhwc ins(%i, %f : memref<1x8x8x4xf32>, memref<2x3x3x4xf32>) outs(%o : memref<1x6x6x2xf32>)
  return
}
