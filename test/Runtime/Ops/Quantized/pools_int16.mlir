// int16 AVERAGE_POOL_2D (SAME: windows at the border average fewer values)
// and MAX_POOL_2D with RELU6.
// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: pools_int16: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<1x7x7x8x!quant.uniform<i16:f32, 0.0005>>) -> (tensor<1x4x4x8x!quant.uniform<i16:f32, 0.0005>>, tensor<1x3x3x8x!quant.uniform<i16:f32, 0.0005>>) {
  %0 = mint.average_pool_2d %x {filter_height = 3 : i32, filter_width = 3 : i32, padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x7x7x8x!quant.uniform<i16:f32, 0.0005>>) -> tensor<1x4x4x8x!quant.uniform<i16:f32, 0.0005>>
  %1 = mint.max_pool_2d %x {filter_height = 3 : i32, filter_width = 3 : i32, fused_activation_function = #mint.activation<relu6>, padding = #mint.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x7x7x8x!quant.uniform<i16:f32, 0.0005>>) -> tensor<1x3x3x8x!quant.uniform<i16:f32, 0.0005>>
  return %0, %1 : tensor<1x4x4x8x!quant.uniform<i16:f32, 0.0005>>, tensor<1x3x3x8x!quant.uniform<i16:f32, 0.0005>>
}
