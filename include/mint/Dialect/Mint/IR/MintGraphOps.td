//===- MintGraphOps.td - Constants and opaque operators ----*- tablegen -*-===//
//
// Ops that carry a TFLite graph's data and the parts of it Mint does not
// model: constant buffers (`mint.const`) and opaque custom or unknown
// operators (`mint.custom`).
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_MINTGRAPHOPS_TD
#define MINT_DIALECT_MINT_IR_MINTGRAPHOPS_TD

def Mint_ConstOp : Mint_Op<"const", [ConstantLike, Pure]> {
  let summary = "constant tensor (a TFLite buffer)";
  let description = [{
    A constant tensor. For float and integer results `value` has the result
    type. For a quantized result `value` holds the stored integers: its type
    has the result's shape and the quantized type's storage type, and the
    result type follows `->`.

    Example:

    ```mlir
    %0 = mint.const dense<[1.0, 2.0]> : tensor<2xf32>
    %1 = mint.const dense<[-3, 7]> : tensor<2xi8>
         -> tensor<2x!quant.uniform<i8:f32, 5.000000e-01>>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Mint_Tensor:$output);
  let builders = [
    OpBuilder<(ins "::mlir::ElementsAttr":$value), [{
      build($_builder, $_state, value.getShapedType(), value);
    }]>
  ];
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// Returns true when `value` can initialize a constant of type `type`.
    static bool isBuildableWith(::mlir::Attribute value, ::mlir::Type type);
  }];
}

def Mint_CustomOp : Mint_Op<"custom"> {
  let summary = "an operator Mint does not model (TFLite CUSTOM or unknown)";
  let description = [{
    Keeps an operator that Mint does not model: a TFLite custom operator
    (`custom_code` is its name, `custom_options` its option bytes, kept
    verbatim) or a builtin operator newer than Mint. Mint never looks inside;
    the op is treated as having unknown side effects, so it is never removed
    or reordered, and it is written back unchanged.

    Example:

    ```mlir
    %0 = mint.custom "Convolution2DTransposeBias"(%x, %w, %b)
           {custom_options = "\01\00\00\00\02\00\00\00\02\00\00\00"}
         : (tensor<1x64x64x16xf32>, tensor<8x4x4x16xf32>, tensor<8xf32>)
        -> tensor<1x128x128x8xf32>
    ```
  }];
  let arguments = (ins
    Variadic<AnyType>:$inputs,
    StrAttr:$custom_code,
    DefaultValuedStrAttr<StrAttr, "">:$custom_options
  );
  let results = (outs Variadic<AnyType>:$outputs);
  let assemblyFormat = [{
    $custom_code `(` $inputs `)` attr-dict `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
}

#endif // MINT_DIALECT_MINT_IR_MINTGRAPHOPS_TD
