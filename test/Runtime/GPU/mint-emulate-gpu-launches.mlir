// RUN: mint-opt %s --split-input-file --verify-diagnostics --pass-pipeline="builtin.module(func.func(mint-emulate-gpu-launches))" | FileCheck %s

// A kernel with a barrier directly in its body: a loop over the blocks,
// one over the threads for the work before the barrier (its loaded value
// kept in a per-thread array), one for the work after it.
// CHECK-LABEL: func.func @reverse
// CHECK-DAG: %[[SHARED:.*]] = memref.alloca() : memref<8xf32>
// CHECK-DAG: %[[KEPT:.*]] = memref.alloca(%{{.*}}) : memref<?xf32>
// CHECK: %[[V:.*]] = memref.load %arg0[%[[TX:.*]]]
// CHECK: memref.store %[[V]], %[[KEPT]]
// CHECK: memref.store %[[V]], %[[SHARED]][%[[TX]]]
// CHECK: scf.for %[[TX2:.*]] = %{{.*}} to %c8
// CHECK: memref.load %[[KEPT]]
// CHECK: %[[R:.*]] = arith.subi %c7, %[[TX2]]
// CHECK: memref.load %[[SHARED]][%[[R]]]
// CHECK: memref.store {{.*}}, %arg1[%[[TX2]]]
// CHECK-NOT: gpu.
func.func @reverse(%in: memref<8xf32>, %out: memref<8xf32>) {
  %c1 = arith.constant 1 : index
  %c7 = arith.constant 7 : index
  %c8 = arith.constant 8 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c8, %sy = %c1, %sz = %c1)
             workgroup(%shared : memref<8xf32, #gpu.address_space<workgroup>>) {
    %v = memref.load %in[%tx] : memref<8xf32>
    memref.store %v, %shared[%tx] : memref<8xf32, #gpu.address_space<workgroup>>
    gpu.barrier
    %r = arith.subi %c7, %tx : index
    %w = memref.load %shared[%r] : memref<8xf32, #gpu.address_space<workgroup>>
    %s = arith.addf %w, %v : f32
    memref.store %s, %out[%tx] : memref<8xf32>
    gpu.terminator
  }
  return
}

// -----

// A dp4a becomes four sign-extended byte products added to the
// accumulator.
// CHECK-LABEL: func.func @dp4a
// CHECK: %[[A0:.*]] = vector.extract %arg0[0]
// CHECK: %[[X0:.*]] = arith.extsi %[[A0]] : i8 to i32
// CHECK: %[[B0:.*]] = vector.extract %arg1[0]
// CHECK: %[[Y0:.*]] = arith.extsi %[[B0]] : i8 to i32
// CHECK: %[[P0:.*]] = arith.muli %[[X0]], %[[Y0]]
// CHECK: %[[S0:.*]] = arith.addi %arg2, %[[P0]]
// CHECK: vector.extract %arg0[3]
// CHECK: %[[S3:.*]] = arith.addi
// CHECK: return %[[S3]]
// CHECK-NOT: nvvm.
func.func @dp4a(%a: vector<4xi8>, %b: vector<4xi8>, %c: i32) -> i32 {
  %r = nvvm.dot.accumulate.4way %a <signed>, %b <signed>, %c : vector<4xi8>, vector<4xi8>
  return %r : i32
}

// -----

func.func @nested(%out: memref<8xf32>, %flag: i1) {
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c8, %sy = %c1, %sz = %c1) {
    // expected-error @below {{mint-emulate-gpu-launches: barriers must sit directly in one loop of the kernel body}}
    scf.if %flag {
      gpu.barrier
    }
    gpu.terminator
  }
  return
}
