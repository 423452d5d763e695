//===- MintBase.td - Mint dialect, enums and type constraints -*- tablegen -*-===//
//
// The `mint` dialect: model-level tensor operations with the semantics of
// TensorFlow Lite builtin operators. This file declares the dialect, the
// enums that TFLite options use (padding, fused activation, ...) and the type
// constraints shared by the op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_MINTBASE_TD
#define MINT_DIALECT_MINT_IR_MINTBASE_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/OpBase.td"

//===----------------------------------------------------------------------===//
// Dialect
//===----------------------------------------------------------------------===//

def Mint_Dialect : Dialect {
  let name = "mint";
  let cppNamespace = "::mlir::mint";
  let summary = "TensorFlow Lite operators for model optimization";
  let description = [{
    The `mint` dialect models a TensorFlow Lite graph one builtin operator per
    op, with TFLite's semantics: activations are NHWC, convolution filters
    OHWI, a `fused_activation_function` attribute clamps an op's result, and
    `SAME`/`VALID` padding follows TFLite's output-size rule. Attribute names
    are the field names of TFLite's option tables, so a model maps onto the
    dialect and back without loss.

    Element types are `f32`, `f16`, `i1`, `i8`, `ui8`, `i16`, `i32`, `i64`
    and the uniform quantized types of upstream's `quant` dialect, per tensor
    (`!quant.uniform<i8:f32, 0.5:-3>`) and per axis
    (`!quant.uniform<i8:f32:0, {0.5, 0.25}>`). An operator that Mint does not
    model stays in the graph as an opaque `mint.custom`, so nothing in a model
    is dropped.

    How each op behaves under quantization (same scale in and out, a fixed
    output range, a bias whose scale is the product of input and weight
    scales, which operand is a weight and its channel axis) is declared on the
    ops through interfaces and traits that one generic driver reads.
  }];
  let dependentDialects = ["::mlir::quant::QuantDialect"];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    /// Registers the dialect's attributes (MintAttrs.cpp).
    void registerAttributes();
  }];
}

//===----------------------------------------------------------------------===//
// Enums of TFLite's option tables
//===----------------------------------------------------------------------===//

def Mint_Padding : I32EnumAttr<"Padding",
    "TFLite padding scheme (schema enum Padding)", [
      I32EnumAttrCase<"Same", 0, "same">,
      I32EnumAttrCase<"Valid", 1, "valid">
    ]> {
  let cppNamespace = "::mlir::mint";
  let genSpecializedAttr = 0;
}
def Mint_PaddingAttr : EnumAttr<Mint_Dialect, Mint_Padding, "padding"> {
  let assemblyFormat = "`<` $value `>`";
}

def Mint_ActivationFunctionType : I32EnumAttr<"ActivationFunctionType",
    "TFLite fused activation (schema enum ActivationFunctionType)", [
      I32EnumAttrCase<"None", 0, "none">,
      I32EnumAttrCase<"Relu", 1, "relu">,
      I32EnumAttrCase<"ReluN1To1", 2, "relu_n1_to_1">,
      I32EnumAttrCase<"Relu6", 3, "relu6">,
      I32EnumAttrCase<"Tanh", 4, "tanh">,
      I32EnumAttrCase<"SignBit", 5, "sign_bit">
    ]> {
  let cppNamespace = "::mlir::mint";
  let genSpecializedAttr = 0;
}
def Mint_ActivationFunctionTypeAttr
    : EnumAttr<Mint_Dialect, Mint_ActivationFunctionType, "activation"> {
  let assemblyFormat = "`<` $value `>`";
}

def Mint_FullyConnectedWeightsFormat : I32EnumAttr<
    "FullyConnectedWeightsFormat",
    "TFLite weight layout of FULLY_CONNECTED", [
      I32EnumAttrCase<"Default", 0, "default">,
      I32EnumAttrCase<"Shuffled4x16Int8", 1, "shuffled4x16int8">
    ]> {
  let cppNamespace = "::mlir::mint";
  let genSpecializedAttr = 0;
}
def Mint_FullyConnectedWeightsFormatAttr
    : EnumAttr<Mint_Dialect, Mint_FullyConnectedWeightsFormat,
               "weights_format"> {
  let assemblyFormat = "`<` $value `>`";
}

// Optional attributes that default to TFLite's schema defaults.
def Mint_DefaultActivationAttr : DefaultValuedAttr<
    Mint_ActivationFunctionTypeAttr, "::mlir::mint::ActivationFunctionType::None">;
def Mint_PositiveI32Attr : ConfinedAttr<I32Attr, [IntPositive]>;
def Mint_DefaultOneI32Attr : DefaultValuedAttr<Mint_PositiveI32Attr, "1">;
def Mint_DefaultFalseAttr : DefaultValuedAttr<BoolAttr, "false">;
// TFLite's quantized_bias_type option (CONV_2D, TRANSPOSE_CONV,
// FULLY_CONNECTED): the bias and accumulator type of an int16x8 kernel, i32
// or i64; absent is the schema's default (FLOAT32, "not set").
def Mint_QuantizedBiasTypeAttr
    : OptionalAttr<TypeAttrOf<AnyTypeOf<[I32, I64]>>>;

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Mint_UniformQuantizedType : Type<
    CPred<"::llvm::isa<::mlir::quant::UniformQuantizedType, "
          "::mlir::quant::UniformQuantizedPerAxisType>($_self)">,
    "uniform quantized type (per tensor or per axis)">;

// The element types a TFLite tensor may have in Mint.
defvar Mint_ElementTypes = [F32, F16, I1, I8, UI8, I16, I32, I64,
                            Mint_UniformQuantizedType];

class Mint_RankedTensorOfRank<list<int> ranks>
    : RankedTensorOf<Mint_ElementTypes, [HasAnyRankOfPred<ranks>],
        !interleave(ranks, "/") # "D tensor of TFLite element type">;

def Mint_Tensor : RankedTensorOf<Mint_ElementTypes, [],
    "ranked tensor of TFLite element type">;
def Mint_Tensor1D : Mint_RankedTensorOfRank<[1]>;
def Mint_Tensor4D : Mint_RankedTensorOfRank<[4]>;

// Tensors of shapes, indices and sizes (TFLite uses int32, sometimes int64).
def Mint_IndexTensor : RankedTensorOf<[I32, I64], [],
    "ranked tensor of 32/64-bit integers">;
def Mint_IndexVector : RankedTensorOf<[I32, I64], [HasAnyRankOfPred<[1]>],
    "1D tensor of 32/64-bit integers">;
def Mint_IndexScalarOrVector : RankedTensorOf<[I32, I64],
    [HasAnyRankOfPred<[0, 1]>], "0D/1D tensor of 32/64-bit integers">;

// Float tensors (the expressed side of quantization).
def Mint_FloatTensor : RankedTensorOf<[F32, F16], [],
    "ranked tensor of f32 or f16">;

// A quantized tensor in the graph's int domain.
def Mint_QuantizedTensor : RankedTensorOf<[Mint_UniformQuantizedType], [],
    "ranked tensor of uniform quantized type">;

#endif // MINT_DIALECT_MINT_IR_MINTBASE_TD
