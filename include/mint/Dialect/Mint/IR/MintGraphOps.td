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

def Mint_SparseConstOp : Mint_Op<"sparse_const", [Pure]> {
  let summary = "constant stored sparsely (a TFLite buffer with sparsity)";
  let description = [{
    A constant that a TFLite model stores in a sparse encoding (and expands
    with DENSIFY, or feeds to a kernel that reads sparse weights).
    `sparsity` describes the encoding; `value` is the dense value, with the
    same conventions as `mint.const` (stored integers for quantized types).
    Unlike `mint.const` it does not fold, so the encoding survives until
    `mint-densify` turns a DENSIFY of it into a plain constant.

    Example:

    ```mlir
    %0 = mint.sparse_const #mint.sparsity<traversal_order = [0, 1],
                                          levels = [dense, sparse_csr]>
         dense<[[0.0, 1.5], [0.0, 0.0]]> : tensor<2x2xf16>
    ```
  }];
  let arguments = (ins ElementsAttr:$value, Mint_SparsityAttr:$sparsity);
  let results = (outs Mint_Tensor:$output);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
}

def Mint_NoValueOp : Mint_Op<"no_value", [Pure]> {
  let summary = "an omitted optional input (TFLite tensor index -1)";
  let description = [{
    Stands for an optional input that a TFLite operator leaves out; only
    operands of `mint.custom` take it (mint ops model optional inputs as
    optional operands).

    Example:

    ```mlir
    %none = mint.no_value : none
    %0 = mint.custom "LSTM"(%x, %none) : (tensor<1x8xf32>, none) -> tensor<1x8xf32>
    ```
  }];
  let results = (outs NoneType:$none);
  let assemblyFormat = "attr-dict `:` type($none)";
}

def Mint_CustomOp : Mint_Op<"custom"> {
  let summary = "an operator Mint does not model (TFLite CUSTOM or unknown)";
  let description = [{
    Keeps an operator that Mint does not model: a TFLite custom operator
    (`custom_code` is its name, `custom_options` its option bytes, kept
    verbatim) or a builtin operator that has no mint op (`custom_code` is
    the builtin's name, `builtin_code` its number, `builtin_options` the
    fields of its option table and `builtin_options_type` the table's name).
    `version` is the operator version the model declared. Mint never looks
    inside; the op is treated as having unknown side effects, so it is never
    removed or reordered, and it is written back unchanged.

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
    DefaultValuedStrAttr<StrAttr, "">:$custom_options,
    OptionalAttr<I32Attr>:$builtin_code,
    OptionalAttr<DictionaryAttr>:$builtin_options,
    OptionalAttr<StrAttr>:$builtin_options_type,
    DefaultValuedAttr<Mint_PositiveI32Attr, "1">:$version
  );
  let results = (outs Variadic<AnyType>:$outputs);
  let assemblyFormat = [{
    $custom_code `(` $inputs `)` attr-dict `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
}

#endif // MINT_DIALECT_MINT_IR_MINTGRAPHOPS_TD
