// RUN: mint-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(mint-lower-palette-lookups))" | FileCheck %s

// A palette of 3 values, uint8 indices widened by CAST: the indices stay
// one byte each (signless, read zero-extended, so index 200 would be 200,
// not -56) and the palette is read per element; the CAST and the mint
// constants are gone.
// CHECK-LABEL: func.func @per_tensor
// CHECK-DAG: %[[PALETTE:.*]] = arith.constant dense<[-5.000000e-01, 0.000000e+00, 2.500000e-01]> : tensor<3xf32>
// CHECK-DAG: %[[INDICES:.*]] = arith.constant dense<{{\[\[}}2, 0, 1], [1, 2, 0]]> : tensor<2x3xi8>
// CHECK: %[[W:.*]] = linalg.generic {{.*}} ins(%[[INDICES]] : tensor<2x3xi8>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK-NEXT: ^bb0(%[[I:.*]]: i8, %{{.*}}: f32):
// CHECK-NEXT: %[[K:.*]] = arith.index_castui %[[I]] : i8 to index
// CHECK-NEXT: %[[V:.*]] = tensor.extract %[[PALETTE]][%[[K]]] : tensor<3xf32>
// CHECK-NEXT: linalg.yield %[[V]] : f32
// CHECK-NOT: mint.cast
// CHECK-NOT: mint.gather
// CHECK: mint.fully_connected %arg0, %[[W]]
func.func @per_tensor(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %palette = mint.const dense<[-0.5, 0.0, 0.25]> : tensor<3xf32>
  %stored = mint.const dense<[[2, 0, 1], [1, 2, 0]]> : tensor<2x3xui8>
  %indices = mint.cast %stored {in_data_type = "UINT8", out_data_type = "INT32"} : (tensor<2x3xui8>) -> tensor<2x3xi32>
  %w = mint.gather %palette, %indices : (tensor<3xf32>, tensor<2x3xi32>) -> tensor<2x3xf32>
  %0 = mint.fully_connected %x, %w : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

// One palette per output channel ([O, K], batch_dims = 1): the row is the
// element's first coordinate. Signed int32 indices without a CAST are read
// sign-extended.
// CHECK-LABEL: func.func @per_channel
// CHECK-DAG: %[[PALETTE:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: %[[INDICES:.*]] = arith.constant dense<{{\[\[}}1, 0, 1], [0, 0, 1]]> : tensor<2x3xi32>
// CHECK: linalg.generic {{.*}} ins(%[[INDICES]] : tensor<2x3xi32>)
// CHECK-NEXT: ^bb0(%[[I:.*]]: i32, %{{.*}}: f32):
// CHECK-NEXT: %[[K:.*]] = arith.index_cast %[[I]] : i32 to index
// CHECK-NEXT: %[[ROW:.*]] = linalg.index 0 : index
// CHECK-NEXT: tensor.extract %[[PALETTE]][%[[ROW]], %[[K]]] : tensor<2x2xf32>
func.func @per_channel() -> tensor<2x3xf32> {
  %palette = mint.const dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %indices = mint.const dense<[[1, 0, 1], [0, 0, 1]]> : tensor<2x3xi32>
  %w = mint.gather %palette, %indices {axis = 1 : i32, batch_dims = 1 : i32} : (tensor<2x2xf32>, tensor<2x3xi32>) -> tensor<2x3xf32>
  return %w : tensor<2x3xf32>
}

// -----

// An index outside the palette (3 of 3 values) is left for mint-densify
// and the conversion to report.
// CHECK-LABEL: func.func @outside
// CHECK: mint.gather
func.func @outside() -> tensor<2xf32> {
  %palette = mint.const dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %stored = mint.const dense<[0, 3]> : tensor<2xui8>
  %indices = mint.cast %stored {in_data_type = "UINT8", out_data_type = "INT32"} : (tensor<2xui8>) -> tensor<2xi32>
  %w = mint.gather %palette, %indices : (tensor<3xf32>, tensor<2xi32>) -> tensor<2xf32>
  return %w : tensor<2xf32>
}

// -----

// A gather that is not a palette (params of rank 2 gathered along axis 0)
// is left alone.
// CHECK-LABEL: func.func @rows
// CHECK: mint.gather
func.func @rows() -> tensor<1x2xf32> {
  %params = mint.const dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %indices = mint.const dense<[1]> : tensor<1xi32>
  %w = mint.gather %params, %indices : (tensor<2x2xf32>, tensor<1xi32>) -> tensor<1x2xf32>
  return %w : tensor<1x2xf32>
}

