//===- Passes.h - Passes of the CPU pipeline --------------------*- C++ -*-===//
//
// Declares the passes Mint adds to the CPU pipeline (generated from
// Passes.td), their registration, and their pattern sets.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_PASSES_H
#define MINT_RUNTIME_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace mlir::mint {

#define GEN_PASS_DECL
#include "mint/Runtime/Passes.h.inc"

/// The module attribute in which mint-lower-sparse-convolutions records how
/// many convolutions it rewrote.
inline constexpr llvm::StringLiteral kBlockSparseConvolutionsAttrName =
    "mint.block_sparse_convolutions";

/// Adds the patterns of mint-specialize-convolutions.
void populateSpecializeConvolutionsPatterns(RewritePatternSet &patterns);

/// Adds a pattern that rewrites memref.copy into linalg.copy.
void populateConvertCopiesToLinalgPatterns(RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "mint/Runtime/Passes.h.inc"

} // namespace mlir::mint

#endif // MINT_RUNTIME_PASSES_H
