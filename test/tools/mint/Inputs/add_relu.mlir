// A two-input model for the mint run tests.
func.func @main(%x: tensor<2x3xf32> loc("x"), %y: tensor<2x3xf32> loc("y")) -> tensor<2x3xf32> {
  %0 = mint.add %x, %y {fused_activation_function = #mint.activation<relu>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32> loc("sum")
  return %0 : tensor<2x3xf32>
}
