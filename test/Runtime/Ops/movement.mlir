// PAD, STRIDED_SLICE, TRANSPOSE, DEPTH_TO_SPACE, SPACE_TO_DEPTH, RESHAPE.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: movement: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<1x4x6x8xf32>) -> (tensor<1x6x9x8xf32>, tensor<2x3x4xf32>, tensor<8x1x4x6xf32>, tensor<1x8x12x2xf32>, tensor<1x2x3x32xf32>, tensor<24x8xf32>) {
  %paddings = mint.const dense<[[0, 0], [1, 1], [2, 1], [0, 0]]> : tensor<4x2xi32>
  %0 = mint.pad %x, %paddings : (tensor<1x4x6x8xf32>, tensor<4x2xi32>) -> tensor<1x6x9x8xf32>
  %begin = mint.const dense<[0, 1, 0, 1]> : tensor<4xi32>
  %end = mint.const dense<[1, 3, 6, 8]> : tensor<4xi32>
  %strides = mint.const dense<[1, 1, 2, 2]> : tensor<4xi32>
  %1 = mint.strided_slice %x, %begin, %end, %strides {shrink_axis_mask = 1 : i32} : (tensor<1x4x6x8xf32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) -> tensor<2x3x4xf32>
  %perm = mint.const dense<[3, 0, 1, 2]> : tensor<4xi32>
  %2 = mint.transpose %x, %perm : (tensor<1x4x6x8xf32>, tensor<4xi32>) -> tensor<8x1x4x6xf32>
  %3 = mint.depth_to_space %x {block_size = 2 : i32} : (tensor<1x4x6x8xf32>) -> tensor<1x8x12x2xf32>
  %4 = mint.space_to_depth %x {block_size = 2 : i32} : (tensor<1x4x6x8xf32>) -> tensor<1x2x3x32xf32>
  %shape = mint.const dense<[24, 8]> : tensor<2xi32>
  %5 = mint.reshape %x, %shape : (tensor<1x4x6x8xf32>, tensor<2xi32>) -> tensor<24x8xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<1x6x9x8xf32>, tensor<2x3x4xf32>, tensor<8x1x4x6xf32>, tensor<1x8x12x2xf32>, tensor<1x2x3x32xf32>, tensor<24x8xf32>
}
