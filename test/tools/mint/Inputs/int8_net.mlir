// A small full-integer int8 network with int8 input and output, for the
// accelerator targets: a per-channel convolution, HARD_SWISH, a 6x6 average
// pool, a reshape.
!qi = !quant.uniform<i8:f32, 0.05:-3>
!qw = !quant.uniform<i8:f32:0, {0.004, 0.002}>
!qb = !quant.uniform<i32:f32:0, {2.0e-4, 1.0e-4}>
!qc = !quant.uniform<i8:f32, 0.1:5>
!qh = !quant.uniform<i8:f32, 0.08:-20>
func.func @main(%x: tensor<1x6x6x3x!qi> loc("image")) -> tensor<1x2x!qh> {
  %w = mint.const dense<[[[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[-1, -2, -3], [-4, -5, -6], [-7, -8, -9]], [[10, 20, 30], [40, 50, 60], [70, 80, 90]]], [[[-10, 20, -30], [40, -50, 60], [-70, 80, -90]], [[1, -1, 1], [-1, 1, -1], [1, -1, 1]], [[5, 5, 5], [-5, -5, -5], [5, 5, 5]]]]> : tensor<2x3x3x3xi8> -> tensor<2x3x3x3x!qw> loc("weights")
  %b = mint.const dense<[100, -100]> : tensor<2xi32> -> tensor<2x!qb> loc("bias")
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x6x6x3x!qi>, tensor<2x3x3x3x!qw>, tensor<2x!qb>) -> tensor<1x6x6x2x!qc> loc("features")
  %1 = mint.hard_swish %0 : (tensor<1x6x6x2x!qc>) -> tensor<1x6x6x2x!qh> loc("swished")
  %2 = mint.average_pool_2d %1 {filter_height = 6 : i32, filter_width = 6 : i32, padding = #mint.padding<valid>, stride_h = 6 : i32, stride_w = 6 : i32} : (tensor<1x6x6x2x!qh>) -> tensor<1x1x1x2x!qh> loc("pooled")
  %shape = mint.const dense<[1, 2]> : tensor<2xi32> loc("shape")
  %3 = mint.reshape %2, %shape : (tensor<1x1x1x2x!qh>, tensor<2xi32>) -> tensor<1x2x!qh> loc("scores")
  return %3 : tensor<1x2x!qh>
}
