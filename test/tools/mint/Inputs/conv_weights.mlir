// A float32 convolution whose weights and bias are not float16 values.
func.func @main(%x: tensor<1x6x6x3xf32> loc("image")) -> tensor<1x6x6x2xf32> {
  %w = mint.const dense<[[[[0.1, -0.2, 0.3], [0.7, 0.11, -0.13], [0.17, 0.19, -0.23]], [[0.29, -0.31, 0.37], [0.41, 0.43, -0.47], [0.53, -0.59, 0.61]], [[0.67, 0.71, -0.73], [0.79, -0.83, 0.89], [0.97, -0.101, 0.103]]], [[[-0.107, 0.109, 0.113], [0.127, -0.131, 0.137], [0.139, 0.149, -0.151]], [[0.157, -0.163, 0.167], [-0.173, 0.179, 0.181], [0.191, 0.193, -0.197]], [[0.199, -0.211, 0.223], [0.227, 0.229, -0.233], [0.239, -0.241, 0.251]]]]> : tensor<2x3x3x3xf32> loc("weights")
  %b = mint.const dense<[0.01, -0.02]> : tensor<2xf32> loc("bias")
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x6x6x3xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>) -> tensor<1x6x6x2xf32> loc("features")
  return %0 : tensor<1x6x6x2xf32>
}
