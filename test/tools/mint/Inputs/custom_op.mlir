// A model with a custom operator that Mint cannot compile.
func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = mint.custom "MyCustomOp"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
