// RUN: mint-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(mint-tile-parallel-loops-for-gpu{threads=64}, canonicalize))" | FileCheck %s

// A 4-D parallel nest of 1x8x8x16 = 1024 iterations becomes one flat loop
// over blocks of 64 (step 64 up to 1024) around a loop over the 64
// iterations of a block; the indices come back by division and remainder.
// CHECK-LABEL: func.func @nest
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK: scf.parallel (%[[B:.*]]) = (%[[C0]]) to (%{{.*}}) step (%[[C64]])
// CHECK: scf.parallel (%[[T:.*]]) = (%[[C0]]) to (%{{.*}}) step (%{{.*}})
// CHECK: arith.remsi
// CHECK: arith.divsi
// CHECK: memref.store
// CHECK-NOT: scf.parallel
func.func @nest(%out: memref<1x8x8x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %v = arith.constant 1.0 : f32
  scf.parallel (%n, %h, %w, %c) = (%c0, %c0, %c0, %c0) to (%c1, %c8, %c8, %c16) step (%c1, %c1, %c1, %c1) {
    memref.store %v, %out[%n, %h, %w, %c] : memref<1x8x8x16xf32>
  }
  return
}

// -----

// Nested parallel loops stay inside; a reduction loop stays sequential.
// CHECK-LABEL: func.func @reduce
// CHECK: scf.parallel
// CHECK: scf.parallel
// CHECK: scf.for
func.func @reduce(%in: memref<100x7xf32>, %out: memref<100xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c7 = arith.constant 7 : index
  %c100 = arith.constant 100 : index
  scf.parallel (%i) = (%c0) to (%c100) step (%c1) {
    %init = arith.constant 0.0 : f32
    %sum = scf.for %k = %c0 to %c7 step %c1 iter_args(%acc = %init) -> f32 {
      %x = memref.load %in[%i, %k] : memref<100x7xf32>
      %s = arith.addf %acc, %x : f32
      scf.yield %s : f32
    }
    memref.store %sum, %out[%i] : memref<100xf32>
  }
  return
}
