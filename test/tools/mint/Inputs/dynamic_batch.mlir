// A float model with an open batch dimension, as TensorFlow's converter
// writes a Keras model (shape [1, 4, 4, 2], shape_signature [-1, 4, 4, 2]).
func.func @main(%x: tensor<?x4x4x2xf32> loc("image")) -> tensor<?x4x4x2xf32> {
  %w = mint.const dense<[[[[0.5, -1.0]]], [[[0.25, 0.75]]]]> : tensor<2x1x1x2xf32> loc("weights")
  %b = mint.const dense<[0.1, -0.2]> : tensor<2xf32> loc("bias")
  %0 = mint.conv_2d %x, %w, %b {fused_activation_function = #mint.activation<relu>, padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<?x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<?x4x4x2xf32> loc("features")
  return %0 : tensor<?x4x4x2xf32>
}
