// RUN: %check_op %s --work %t | FileCheck %s
// CHECK: max_pool_2d: 3 cases, {{[0-9]+}} values: max 0 ulp

func.func @main(%x: tensor<1x11x11x8xf32>) -> tensor<1x5x5x8xf32> {
  %0 = mint.max_pool_2d %x {filter_height = 3 : i32, filter_width = 3 : i32, padding = #mint.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<1x11x11x8xf32>) -> tensor<1x5x5x8xf32>
  return %0 : tensor<1x5x5x8xf32>
}
