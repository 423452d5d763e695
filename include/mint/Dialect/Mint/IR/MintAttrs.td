//===- MintAttrs.td - Attributes of the mint dialect -------*- tablegen -*-===//
//
// Attributes that describe facts about constants: how a sparse constant is
// encoded in a TFLite model.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_MINTATTRS_TD
#define MINT_DIALECT_MINT_IR_MINTATTRS_TD

include "mint/Dialect/Mint/IR/MintBase.td"

def Mint_SparsityAttr : AttrDef<Mint_Dialect, "Sparsity"> {
  let mnemonic = "sparsity";
  let summary = "sparse encoding of a constant (TFLite SparsityParameters)";
  let description = [{
    Describes how a constant is stored sparsely; the constant's value stays
    dense in the IR. The tensor's dimensions are extended by one block
    dimension per entry of `block_map` (block `i` splits dimension
    `block_map[i]` into blocks of `block_sizes[i]`), and the extended
    dimensions are visited in `traversal_order`. Each visited level is
    stored `dense` (every entry) or `sparse_csr` (only entries whose
    sub-block holds a non-zero value, with segment and index arrays).

    Examples: a 4-D weight compressed along its last dimension, and a
    16 x 64 weight in 1 x 4 blocks compressed along its block columns:

    ```mlir
    #mint.sparsity<traversal_order = [0, 1, 2, 3],
                   levels = [dense, dense, dense, sparse_csr]>
    #mint.sparsity<traversal_order = [0, 1, 2], block_map = [1],
                   block_sizes = [4], levels = [dense, sparse_csr, dense]>
    ```
  }];
  let parameters = (ins
    ArrayRefParameter<"int32_t", "visiting order of the extended dimensions">
        :$traversalOrder,
    ArrayRefParameter<"int32_t", "tensor dimension that each block splits">
        :$blockMap,
    ArrayRefParameter<"int32_t", "size of each block">:$blockSizes,
    ArrayRefParameter<"bool", "whether each level is stored sparse_csr">
        :$sparseLevels
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Returns the number of dimensions the tensor must have.
    unsigned getTensorRank() const {
      return getTraversalOrder().size() - getBlockMap().size();
    }
    /// Checks the encoding against a tensor shape; emits through
    /// `emitError` and fails if it does not fit.
    ::llvm::LogicalResult
    verifyShape(::llvm::function_ref<::mlir::InFlightDiagnostic()> emitError,
                ::llvm::ArrayRef<int64_t> shape) const;
  }];
}

#endif // MINT_DIALECT_MINT_IR_MINTATTRS_TD
