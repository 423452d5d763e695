//===- Passes.td - Conversions out of the mint dialect -----*- tablegen -*-===//
//
// Every conversion pass of Mint: flag `mint-to-<dialect>`, def `...Pass`,
// with its options. Each pass is a thin driver over the pattern sets
// published in the conversion's header.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_CONVERSION_PASSES_TD
#define MINT_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// MintToTosa
//===----------------------------------------------------------------------===//

def MintToTosaPass : Pass<"mint-to-tosa", "::mlir::ModuleOp"> {
  let summary = "Lower mint ops to TOSA (float32, float16 and quantized)";
  let description = [{
    Rewrites every mint op into TOSA ops with TFLite's semantics: NHWC
    convolutions and pools with TFLite's SAME/VALID padding, fused
    activations as `tosa.clamp` (or `tosa.tanh`), broadcasting arithmetic,
    movement ops, resizes with TFLite's coordinate rules, and the MediaPipe
    custom op `Convolution2DTransposeBias` as a transposed convolution.
    Quantized element types become their storage types; requantization
    uses TFLite's multiplier and shift, so integer results match TFLite's
    built-in kernels bit for bit.

    Float division, which TOSA lacks (its reciprocal-and-multiply differs
    from TFLite's quotient in the last bit), is a `linalg.generic` with
    `arith.divf`.

    The pass fails with a located error on an op it cannot lower (a custom
    op other than the known ones, a dynamic shape, a non-constant shape
    operand); nothing is silently left behind. Run `mint-densify` and
    `mint-fold-f16-weights` first so that weights are plain constants.

    Before:

    ```mlir
    %0 = mint.conv_2d %x, %w, %b {fused_activation_function =
           #mint.activation<relu6>, padding = #mint.padding<same>,
           stride_h = 1 : i32, stride_w = 1 : i32}
         : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>)
        -> tensor<1x8x8x4xf32>
    ```

    After:

    ```mlir
    %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}>
    %0 = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32,
           dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>,
           stride = array<i64: 1, 1>} : (...) -> tensor<1x8x8x4xf32>
    %1 = tosa.clamp %0 {max_val = 6.0 : f32, min_val = 0.0 : f32}
         : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
    ```
  }];
  let options = [
    Option<"integerTarget", "integer-target", "bool", /*default=*/"false",
           "Lower quantized ops for an integer accelerator: requantize "
           "with one DOUBLE_ROUND tosa.rescale into the storage type (the "
           "rounding of TFLite's reference kernels and of TOSA) instead of "
           "reproducing TFLite's x86 build, and keep pads at rank 3 or "
           "less where a leading unit dimension allows, so that the result "
           "passes tosa-validate for the integer profile">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::tosa::TosaDialect",
  ];
}

#endif // MINT_CONVERSION_PASSES_TD
