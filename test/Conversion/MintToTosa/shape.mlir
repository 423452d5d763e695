// RUN: mint-opt %s --mint-to-tosa --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @reshape_and_squeeze
// CHECK: tosa.reshape {{.*}} -> tensor<2x12xf32>
// CHECK: tosa.reshape {{.*}} -> tensor<2x3x4xf32>
func.func @reshape_and_squeeze(%x: tensor<2x3x4xf32>, %y: tensor<2x1x3x4xf32>) -> (tensor<2x12xf32>, tensor<2x3x4xf32>) {
  %shape = mint.const dense<[2, 12]> : tensor<2xi32>
  %0 = mint.reshape %x, %shape : (tensor<2x3x4xf32>, tensor<2xi32>) -> tensor<2x12xf32>
  %1 = mint.squeeze %y {squeeze_dims = array<i32: 1>} : (tensor<2x1x3x4xf32>) -> tensor<2x3x4xf32>
  return %0, %1 : tensor<2x12xf32>, tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @concat_pad_slice_transpose
// CHECK: tosa.concat %{{.*}}, %{{.*}} {axis = 2 : i32}
// CHECK: %[[PADS:.*]] = tosa.const_shape {values = dense<[0, 0, 1, 2, 0, 0]> : tensor<6xindex>}
// CHECK: tosa.pad %{{.*}}, %[[PADS]], %{{.*}} : (tensor<2x3x8xf32>, !tosa.shape<6>, tensor<1xf32>) -> tensor<2x6x8xf32>
// CHECK: tosa.slice {{.*}} -> tensor<1x2x8xf32>
// CHECK: tosa.transpose %{{.*}} {perms = array<i32: 2, 0, 1>} : (tensor<1x2x8xf32>) -> tensor<8x1x2xf32>
func.func @concat_pad_slice_transpose(%x: tensor<2x3x4xf32>) -> tensor<8x1x2xf32> {
  %0 = mint.concatenation %x, %x {axis = -1 : i32} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x8xf32>
  %paddings = mint.const dense<[[0, 0], [1, 2], [0, 0]]> : tensor<3x2xi32>
  %1 = mint.pad %0, %paddings : (tensor<2x3x8xf32>, tensor<3x2xi32>) -> tensor<2x6x8xf32>
  %begin = mint.const dense<[1, 2, 0]> : tensor<3xi32>
  %size = mint.const dense<[1, 2, -1]> : tensor<3xi32>
  %2 = mint.slice %1, %begin, %size : (tensor<2x6x8xf32>, tensor<3xi32>, tensor<3xi32>) -> tensor<1x2x8xf32>
  %perm = mint.const dense<[2, 0, 1]> : tensor<3xi32>
  %3 = mint.transpose %2, %perm : (tensor<1x2x8xf32>, tensor<3xi32>) -> tensor<8x1x2xf32>
  return %3 : tensor<8x1x2xf32>
}

// -----

// Strided slices become strided tensor.extract_slice; shrunk axes are
// reshaped away.
// CHECK-LABEL: func.func @strided_slice
// CHECK: %[[S:.*]] = tensor.extract_slice %{{.*}}[1, 0, 2] [1, 3, 3] [1, 2, 2] : tensor<4x6x8xf32> to tensor<1x3x3xf32>
// CHECK: tosa.reshape %[[S]], %{{.*}} -> tensor<3x3xf32>
func.func @strided_slice(%x: tensor<4x6x8xf32>) -> tensor<3x3xf32> {
  %begin = mint.const dense<[1, 0, 2]> : tensor<3xi32>
  %end = mint.const dense<[2, 6, 8]> : tensor<3xi32>
  %strides = mint.const dense<[1, 2, 2]> : tensor<3xi32>
  %0 = mint.strided_slice %x, %begin, %end, %strides {shrink_axis_mask = 1 : i32} : (tensor<4x6x8xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// Nearest neighbour without corner alignment floors: TOSA rounds half up,
// so the offset moves back by half a step. Rows: scale 2*13 / 2*6, offset
// -13; columns: 2*12 / 2*5, offset -12, reduced by 2. The border makes the
// output size exact.
// CHECK-LABEL: func.func @resize_nearest
// CHECK-DAG: %[[SCALE:.*]] = tosa.const_shape {values = dense<[26, 12, 12, 5]> : tensor<4xindex>}
// CHECK-DAG: %[[OFFSET:.*]] = tosa.const_shape {values = dense<[-13, -6]> : tensor<2xindex>}
// CHECK-DAG: %[[BORDER:.*]] = tosa.const_shape {values = dense<1> : tensor<2xindex>}
// CHECK: tosa.resize %{{.*}}, %[[SCALE]], %[[OFFSET]], %[[BORDER]] {mode = NEAREST_NEIGHBOR}
func.func @resize_nearest(%x: tensor<1x6x5x4xf32>) -> tensor<1x13x12x4xf32> {
  %size = mint.const dense<[13, 12]> : tensor<2xi32>
  %0 = mint.resize_nearest_neighbor %x, %size : (tensor<1x6x5x4xf32>, tensor<2xi32>) -> tensor<1x13x12x4xf32>
  return %0 : tensor<1x13x12x4xf32>
}

// -----

// Float bilinear resizes are computed as TFLite's kernel computes them.
// CHECK-LABEL: func.func @resize_bilinear
// CHECK: linalg.generic
// CHECK-COUNT-4: tensor.extract
// CHECK: linalg.yield
func.func @resize_bilinear(%x: tensor<1x9x16x8xf32>) -> tensor<1x18x32x8xf32> {
  %size = mint.const dense<[18, 32]> : tensor<2xi32>
  %0 = mint.resize_bilinear %x, %size {half_pixel_centers = true} : (tensor<1x9x16x8xf32>, tensor<2xi32>) -> tensor<1x18x32x8xf32>
  return %0 : tensor<1x18x32x8xf32>
}

// -----

// DEPTH_TO_SPACE: [N, H, W, b, b, C'] -> [N, H, b, W, b, C'].
// CHECK-LABEL: func.func @depth_to_space
// CHECK: tosa.reshape {{.*}} -> tensor<1x2x3x2x2x5xf32>
// CHECK: tosa.transpose %{{.*}} {perms = array<i32: 0, 1, 3, 2, 4, 5>} : (tensor<1x2x3x2x2x5xf32>) -> tensor<1x2x2x3x2x5xf32>
// CHECK: tosa.reshape {{.*}} -> tensor<1x4x6x5xf32>
func.func @depth_to_space(%x: tensor<1x2x3x20xf32>) -> tensor<1x4x6x5xf32> {
  %0 = mint.depth_to_space %x {block_size = 2 : i32} : (tensor<1x2x3x20xf32>) -> tensor<1x4x6x5xf32>
  return %0 : tensor<1x4x6x5xf32>
}

// -----

// MEAN over adjacent axes sums them as one, then divides exactly.
// CHECK-LABEL: func.func @mean
// CHECK: %[[FLAT:.*]] = tosa.reshape {{.*}} -> tensor<1x2304x16xf32>
// CHECK: %[[SUM:.*]] = tosa.reduce_sum %[[FLAT]] {axis = 1 : i32} : (tensor<1x2304x16xf32>) -> tensor<1x1x16xf32>
// CHECK: %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]]
// CHECK: arith.divf
// CHECK: tosa.reshape %[[MEAN]], %{{.*}} -> tensor<1x1x1x16xf32>
func.func @mean(%x: tensor<1x36x64x16xf32>) -> tensor<1x1x1x16xf32> {
  %axes = mint.const dense<[1, 2]> : tensor<2xi32>
  %0 = mint.mean %x, %axes {keep_dims = true} : (tensor<1x36x64x16xf32>, tensor<2xi32>) -> tensor<1x1x1x16xf32>
  return %0 : tensor<1x1x1x16xf32>
}
