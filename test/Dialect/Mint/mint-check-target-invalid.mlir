// RUN: mint-opt %s --mint-check-target=target=edgetpu-like --split-input-file --verify-diagnostics

// An int8 network that tosa-int runs whole. edgetpu-like has no HARD_SWISH
// and takes strides up to 4: each op is an error at its location.
!qi = !quant.uniform<i8:f32, 0.05:-3>
!qw = !quant.uniform<i8:f32:0, {0.004, 0.002}>
!qb = !quant.uniform<i32:f32:0, {2.0e-4, 1.0e-4}>
!qc = !quant.uniform<i8:f32, 0.1:5>
!qh = !quant.uniform<i8:f32, 0.08:-20>
func.func @main(%x: tensor<1x6x6x3x!qi>) -> tensor<1x2x!qh> {
  %w = mint.const dense<1> : tensor<2x3x3x3xi8> -> tensor<2x3x3x3x!qw>
  %b = mint.const dense<[100, -100]> : tensor<2xi32> -> tensor<2x!qb>
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x6x6x3x!qi>, tensor<2x3x3x3x!qw>, tensor<2x!qb>) -> tensor<1x6x6x2x!qc>
  // expected-error@+1 {{edgetpu-like cannot run HARD_SWISH: the target has no HARD_SWISH}}
  %1 = mint.hard_swish %0 : (tensor<1x6x6x2x!qc>) -> tensor<1x6x6x2x!qh>
  // expected-error@+1 {{edgetpu-like cannot run AVERAGE_POOL_2D: stride 6x6 (at most 4)}}
  %2 = mint.average_pool_2d %1 {filter_height = 6 : i32, filter_width = 6 : i32, padding = #mint.padding<valid>, stride_h = 6 : i32, stride_w = 6 : i32} : (tensor<1x6x6x2x!qh>) -> tensor<1x1x1x2x!qh>
  %shape = mint.const dense<[1, 2]> : tensor<2xi32>
  %3 = mint.reshape %2, %shape : (tensor<1x1x1x2x!qh>, tensor<2xi32>) -> tensor<1x2x!qh>
  return %3 : tensor<1x2x!qh>
}

// -----

// Float tensors, rank 5, a dimension over 2048 and a 12x12 kernel, each
// named once per op.
func.func @limits(%x: tensor<1x4096xf32>, %y: tensor<1x24x24x4x!quant.uniform<i8:f32, 0.1>>) -> (tensor<1x4096xf32>, tensor<1x2x2x2x2x!quant.uniform<i8:f32, 0.1>>, tensor<1x2x2x4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error@+1 {{edgetpu-like cannot run LOGISTIC: f32 tensors (the target takes i8, i32); a dimension of 4096 (at most 2048)}}
  %0 = mint.logistic %x : (tensor<1x4096xf32>) -> tensor<1x4096xf32>
  %shape = mint.const dense<[1, 2, 2, 2, 2]> : tensor<5xi32>
  %small = mint.const dense<0> : tensor<1x2x2x4xi8> -> tensor<1x2x2x4x!quant.uniform<i8:f32, 0.1>>
  // expected-error@+1 {{edgetpu-like cannot run RESHAPE: a rank-5 tensor (at most 4)}}
  %1 = mint.reshape %small, %shape : (tensor<1x2x2x4x!quant.uniform<i8:f32, 0.1>>, tensor<5xi32>) -> tensor<1x2x2x2x2x!quant.uniform<i8:f32, 0.1>>
  // expected-error@+1 {{edgetpu-like cannot run MAX_POOL_2D: a 12x12 kernel (at most 9); stride 12x12 (at most 4)}}
  %2 = mint.max_pool_2d %y {filter_height = 12 : i32, filter_width = 12 : i32, padding = #mint.padding<valid>, stride_h = 12 : i32, stride_w = 12 : i32} : (tensor<1x24x24x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x2x4x!quant.uniform<i8:f32, 0.1>>
  return %0, %1, %2 : tensor<1x4096xf32>, tensor<1x2x2x2x2x!quant.uniform<i8:f32, 0.1>>, tensor<1x2x2x4x!quant.uniform<i8:f32, 0.1>>
}
