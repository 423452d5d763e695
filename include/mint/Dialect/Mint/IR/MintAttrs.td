//===- MintAttrs.td - Attributes of the mint dialect -------*- tablegen -*-===//
//
// Attributes that describe facts about values: how a sparse constant is
// encoded in a TFLite model, and what calibration saw of a tensor.
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

// A double (as an APFloat, which hashes) that prints in the shortest form
// that parses back to it.
def Mint_DoubleParameter
    : AttrOrTypeParameter<"::llvm::APFloat", "a double-precision value"> {
  let parser = [{ [&]() -> ::mlir::FailureOr<::llvm::APFloat> {
    double value;
    if ($_parser.parseFloat(value))
      return ::mlir::failure();
    return ::llvm::APFloat(value);
  }() }];
  let printer = [{ $_printer.printFloat($_self) }];
  let comparator = [{ $_lhs.bitwiseIsEqual($_rhs) }];
}

def Mint_StatsAttr : AttrDef<Mint_Dialect, "Stats"> {
  let mnemonic = "stats";
  let summary = "calibration statistics of a float tensor";
  let description = [{
    What calibration observed of a tensor over `samples` runs of the model:
    the smallest and largest values, their moving averages over the runs
    (each run moves them by 1% toward its own minimum and maximum, the
    exponential average quantization-aware training uses), and a histogram
    of every value: `counts` bins of width `bin_width` from `histogram_min`.
    The histogram's range grows by doubling its bin width (adjacent bins
    merge), so its size stays fixed however many samples run. Quantization
    chooses a range from these (min/max, moving average, a percentile, the
    range of least squared error, or of least KL divergence).

    Example:

    ```mlir
    #mint.stats<min = -1.5, max = 6.0, average_min = -1.25,
                average_max = 5.5, samples = 16, histogram_min = -2.0,
                bin_width = 0.5, counts = [3, 0, 12, 40, ...]>
    ```
  }];
  let parameters = (ins
    Mint_DoubleParameter:$min,
    Mint_DoubleParameter:$max,
    Mint_DoubleParameter:$averageMin,
    Mint_DoubleParameter:$averageMax,
    "int64_t":$samples,
    Mint_DoubleParameter:$histogramMin,
    Mint_DoubleParameter:$binWidth,
    ArrayRefParameter<"int64_t", "values per histogram bin">:$counts
  );
  let assemblyFormat = [{
    `<` `min` `=` $min `,` `max` `=` $max `,` `average_min` `=` $averageMin
    `,` `average_max` `=` $averageMax `,` `samples` `=` $samples `,`
    `histogram_min` `=` $histogramMin `,` `bin_width` `=` $binWidth `,`
    `counts` `=` `[` $counts `]` `>`
  }];
  let builders = [
    AttrBuilder<(ins "double":$min, "double":$max, "double":$averageMin,
                     "double":$averageMax, "int64_t":$samples,
                     "double":$histogramMin, "double":$binWidth,
                     "::llvm::ArrayRef<int64_t>":$counts), [{
      return $_get($_ctxt, ::llvm::APFloat(min), ::llvm::APFloat(max),
                   ::llvm::APFloat(averageMin), ::llvm::APFloat(averageMax),
                   samples, ::llvm::APFloat(histogramMin),
                   ::llvm::APFloat(binWidth), counts);
    }]>
  ];
}

#endif // MINT_DIALECT_MINT_IR_MINTATTRS_TD
