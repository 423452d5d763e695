// RUN: mint-opt %s --split-input-file --verify-diagnostics --pass-pipeline="builtin.module(func.func(mint-wrap-sequential-work-for-gpu))" | FileCheck %s
// RUN: mint-opt %s --split-input-file --verify-diagnostics --pass-pipeline="builtin.module(func.func(mint-wrap-sequential-work-for-gpu, gpu-map-parallel-loops, convert-parallel-loops-to-gpu))" | FileCheck %s --check-prefix=GPU

// A dot product into one value and a sigmoid of it, with no parallel loop:
// one run of work from the first store to the last, wrapped in a
// one-iteration parallel loop; the view used inside and after it moves
// before it; the parallel loop that follows is left alone.
// CHECK-LABEL: func.func @dot
// CHECK: memref.expand_shape
// CHECK-NEXT: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT: scf.parallel (%{{.*}}) = (%[[C0]]) to (%[[C1]]) step (%[[C1]]) {
// CHECK-NEXT: memref.store
// CHECK-NEXT: scf.for
// CHECK: math.exp
// CHECK: memref.store
// CHECK-NEXT: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: scf.parallel
// CHECK: return
// GPU-LABEL: func.func @dot
// GPU: gpu.launch blocks({{.*}}) threads({{.*}}) in (%{{.*}} = %[[ONE:c1[_0-9]*]], %{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]])
// GPU: scf.for
// GPU: gpu.terminator
// GPU: gpu.launch
func.func @dot(%a: memref<672xf32>, %b: memref<672xf32>, %acc: memref<f32>, %o: memref<f32>, %copy: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c672 = arith.constant 672 : index
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  memref.store %zero, %acc[] : memref<f32>
  scf.for %k = %c0 to %c672 step %c1 {
    %x = memref.load %a[%k] : memref<672xf32>
    %y = memref.load %b[%k] : memref<672xf32>
    %s = memref.load %acc[] : memref<f32>
    %p = arith.mulf %x, %y : f32
    %t = arith.addf %s, %p : f32
    memref.store %t, %acc[] : memref<f32>
  }
  %view = memref.expand_shape %acc [] output_shape [1] : memref<f32> into memref<1xf32>
  %v = memref.load %view[%c0] : memref<1xf32>
  %n = arith.negf %v : f32
  %e = math.exp %n : f32
  %d = arith.addf %e, %one : f32
  %r = arith.divf %one, %d : f32
  memref.store %r, %o[] : memref<f32>
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %w = memref.load %view[%c0] : memref<1xf32>
    memref.store %w, %copy[%i] : memref<4xf32>
    scf.reduce
  }
  return
}

// -----

// A loaded value used after the work cannot stay on the host.
func.func @escapes(%acc: memref<f32>) -> f32 {
  %zero = arith.constant 0.0 : f32
  memref.store %zero, %acc[] : memref<f32>
  // expected-error @below {{mint-wrap-sequential-work-for-gpu: a value this work computes is used after it}}
  %v = memref.load %acc[] : memref<f32>
  return %v : f32
}
