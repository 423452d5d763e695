// Hybrid DEPTHWISE_CONV_2D: per-channel int8 weights, asymmetric per-batch
// input quantization, stride 2 with SAME padding.
// RUN: %check_op %s --work %t --range=0,1 --max-error 1e-5 | FileCheck %s
// CHECK: hybrid_depthwise_conv_2d: 3 cases, 1200 values
func.func @main(%x: tensor<2x9x9x8xf32>) -> tensor<2x5x5x8xf32> {
  %w = mint.const dense<[[[[  79, -106,  -82,  -67,  -81,   77,   94,   21],   [-117, -103,  -43,  -17,   31,   -5,  -60,  -87],   [  49,   60, -119,  -99,  -12,  -28,   99,    4]],  [[ -20,  -18,   42,   22,  -83,   61,   65,  116],   [  73,  -55,  -46,   38,   38,   50,   94,  -53],   [ 112, -127, -108,  121,  113,  -51,  -92,  -47]],  [[-117,  100,   41,   22,  -65,   -7,  -79,   70],   [  -7, -120,  -63,   53,    5,  -32,  -63, -104],   [  28,   41,    5,  110,  109,  -75,   28,   33]]]]> : tensor<1x3x3x8xi8> -> tensor<1x3x3x8x!quant.uniform<i8<-127:127>:f32:3, {0.007366935722529888, 0.015351620502769947, 0.014998966827988625, 0.005936877802014351, 0.016937963664531708, 0.013837739825248718, 0.014290380291640759, 0.01676136441528797}>>
  %b = mint.const dense<[-0.0714271 ,  0.25870547,  0.3784802 , -0.39768007,  0.34976834, -0.10607266, -0.02031608, -0.35366544]> : tensor<8xf32>
  %0 = mint.depthwise_conv_2d %x, %w, %b {depth_multiplier = 1 : i32, fused_activation_function = #mint.activation<none>, padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32} : (tensor<2x9x9x8xf32>, tensor<1x3x3x8x!quant.uniform<i8<-127:127>:f32:3, {0.007366935722529888, 0.015351620502769947, 0.014998966827988625, 0.005936877802014351, 0.016937963664531708, 0.013837739825248718, 0.014290380291640759, 0.01676136441528797}>>, tensor<8xf32>) -> tensor<2x5x5x8xf32>
  return %0 : tensor<2x5x5x8xf32>
}
