//===- MintQuantOps.td - Quantization bookkeeping ops ------*- tablegen -*-===//
//
// Ops that move values between the float and the quantized domain
// (QUANTIZE, DEQUANTIZE, FAKE_QUANT), between encodings of a constant
// (DENSIFY) or between element types (CAST).
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_MINTQUANTOPS_TD
#define MINT_DIALECT_MINT_IR_MINTQUANTOPS_TD

// Shape-preserving ops: the result has the input's shape.
class Mint_SameShapeOp<string mnemonic, list<Trait> traits = []>
    : Mint_PureOp<mnemonic, traits> {
  let results = (outs Mint_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mint_QuantizeOp : Mint_SameShapeOp<"quantize"> {
  let summary = "quantize or requantize (TFLite QUANTIZE)";
  let description = [{
    Converts float values to the result's quantized type
    (`q = clamp(round(x / scale) + zero_point)`), or requantizes a
    quantized input to another scale, zero point or storage type.

    Example:

    ```mlir
    %0 = mint.quantize %x
         : (tensor<1x8xf32>) -> tensor<1x8x!quant.uniform<i8:f32, 0.02:-3>>
    ```
  }];
  let arguments = (ins Mint_Tensor:$input);
  let hasFolder = 1;
}

def Mint_DequantizeOp : Mint_SameShapeOp<"dequantize"> {
  let summary = "convert to float (TFLite DEQUANTIZE)";
  let description = [{
    Converts a quantized input to float (`x = (q - zero_point) * scale`,
    per axis where the type is per axis), or an `f16` input to `f32` (how
    TFLite stores float16 weights).

    Example:

    ```mlir
    %0 = mint.dequantize %w : (tensor<16x3x3x8xf16>) -> tensor<16x3x3x8xf32>
    ```
  }];
  let arguments = (ins Mint_Tensor:$input);
  let hasFolder = 1;
}

def Mint_DensifyOp : Mint_SameShapeOp<"densify"> {
  let summary = "expand a sparse constant (TFLite DENSIFY)";
  let description = [{
    Produces the dense form of a sparse-encoded constant `input`; the value
    is unchanged, only its storage differs.

    Example:

    ```mlir
    %0 = mint.densify %w : (tensor<64x32xf32>) -> tensor<64x32xf32>
    ```
  }];
  let arguments = (ins Mint_Tensor:$input);
}

def Mint_CastOp : Mint_SameShapeOp<"cast"> {
  let summary = "convert element types (TFLite CAST)";
  let description = [{
    Converts each value of `input` to the result's element type as C++'s
    `static_cast` does (float to integer truncates toward zero; integers
    wrap). Quantized types are not cast. `in_data_type` and `out_data_type`
    hold TFLite's optional CastOptions (`"UINT8"`, `"INT32"`, ...), which
    the tensor types already say.

    Example (the indices of a palettized weight):

    ```mlir
    %0 = mint.cast %indices : (tensor<16x3x3x8xui8>) -> tensor<16x3x3x8xi32>
    ```
  }];
  let arguments = (ins
    Mint_Tensor:$input,
    OptionalAttr<StrAttr>:$in_data_type,
    OptionalAttr<StrAttr>:$out_data_type
  );
  let hasFolder = 1;
}

def Mint_FakeQuantOp : Mint_SameShapeOp<"fake_quant"> {
  let summary = "simulate quantization in float (TFLite FAKE_QUANT)";
  let description = [{
    Rounds float values to the grid of `num_bits`-bit quantization over
    [`min`, `max`] and back to float, as quantization-aware training does.
    `min` and `max` hold one value each, or with `axis` one value per slice
    along that axis (per-channel). `narrow_range` leaves out the lowest
    integer (e.g. [-127, 127] for 8 bits).

    Example:

    ```mlir
    %0 = mint.fake_quant %x {min = array<f32: -1.0>, max = array<f32: 1.0>,
                             num_bits = 8 : i32}
         : (tensor<1x8xf32>) -> tensor<1x8xf32>
    ```
  }];
  let arguments = (ins
    Mint_FloatTensor:$input,
    DenseF32ArrayAttr:$min,
    DenseF32ArrayAttr:$max,
    DefaultValuedAttr<ConfinedAttr<I32Attr, [IntMinValue<2>, IntMaxValue<16>]>,
                      "8">:$num_bits,
    Mint_DefaultFalseAttr:$narrow_range,
    OptionalAttr<I32Attr>:$axis
  );
  let results = (outs Mint_FloatTensor:$output);
}

#endif // MINT_DIALECT_MINT_IR_MINTQUANTOPS_TD
