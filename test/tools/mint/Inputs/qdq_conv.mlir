// A model as quantization-aware training exports it: float tensors with
// their learned ranges as QUANTIZE -> DEQUANTIZE pairs, int8 weights behind
// DEQUANTIZE, a float bias.
func.func @main(%x: tensor<1x6x6x3xf32> loc("image")) -> tensor<1x6x6x2xf32> {
  %qx = mint.quantize %x : (tensor<1x6x6x3xf32>) -> tensor<1x6x6x3x!quant.uniform<i8:f32, 0.0078125:0>> loc("image_q")
  %dx = mint.dequantize %qx : (tensor<1x6x6x3x!quant.uniform<i8:f32, 0.0078125:0>>) -> tensor<1x6x6x3xf32> loc("image_dq")
  %qw = mint.const dense<[[[[13, -25, 38], [89, 14, -17], [22, 24, -29]], [[37, -39, 47], [52, 55, -60], [67, -75, 77]], [[85, 90, -93], [100, -105, 113], [123, -13, 13]]], [[[-54, 55, 57], [64, -66, 69], [70, 75, -76]], [[79, -82, 84], [-87, 90, 91], [96, 97, -99]], [[100, -106, 112], [114, 115, -117], [120, -121, 127]]]]> : tensor<2x3x3x3xi8> -> tensor<2x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {0.0078740157, 0.0019762}>> loc("weights_q")
  %w = mint.dequantize %qw : (tensor<2x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {0.0078740157, 0.0019762}>>) -> tensor<2x3x3x3xf32> loc("weights")
  %b = mint.const dense<[0.01, -0.02]> : tensor<2xf32> loc("bias")
  %0 = mint.conv_2d %dx, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32} : (tensor<1x6x6x3xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>) -> tensor<1x6x6x2xf32> loc("features")
  %q0 = mint.quantize %0 : (tensor<1x6x6x2xf32>) -> tensor<1x6x6x2x!quant.uniform<i8:f32, 0.03:5>> loc("features_q")
  %d0 = mint.dequantize %q0 : (tensor<1x6x6x2x!quant.uniform<i8:f32, 0.03:5>>) -> tensor<1x6x6x2xf32> loc("output")
  return %d0 : tensor<1x6x6x2xf32>
}
