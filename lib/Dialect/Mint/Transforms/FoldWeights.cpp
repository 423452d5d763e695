//===- FoldWeights.cpp - Turn stored weights into plain constants ---------===//
//
// Implements `mint-densify` and `mint-fold-f16-weights`: the clean-up that
// turns weights as TFLite stores them (sparse behind DENSIFY, float16
// behind DEQUANTIZE) into plain dense float32 constants.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "PatternDriver.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Dialect/Mint/IR/QuantizedConstants.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::mint {
#define GEN_PASS_DEF_DENSIFYPASS
#define GEN_PASS_DEF_FOLDF16WEIGHTSPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {
/// densify(sparse_const) -> const.
struct DensifySparseConstant : OpRewritePattern<DensifyOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DensifyOp op,
                                PatternRewriter &rewriter) const override {
    auto constant = op.getInput().getDefiningOp<SparseConstOp>();
    if (!constant)
      return rewriter.notifyMatchFailure(op, "input is not a sparse constant");
    rewriter.replaceOpWithNewOp<ConstOp>(op, op.getType(), constant.getValue());
    return success();
  }
};

/// A sparse constant that a kernel reads directly (TFLite's sparse
/// FULLY_CONNECTED) -> a dense constant for those readers.
struct DensifyDirectSparseConstant : OpRewritePattern<SparseConstOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SparseConstOp op,
                                PatternRewriter &rewriter) const override {
    if (llvm::all_of(op->getUsers(),
                     [](Operation *user) { return isa<DensifyOp>(user); }))
      return rewriter.notifyMatchFailure(op, "only DENSIFY reads it");
    auto dense =
        ConstOp::create(rewriter, op.getLoc(), op.getType(), op.getValue());
    rewriter.replaceUsesWithIf(op.getResult(), dense, [](OpOperand &use) {
      return !isa<DensifyOp>(use.getOwner());
    });
    return success();
  }
};

/// gather(const palette, cast(const indices)) -> const: a palettized
/// weight (mint-palettize-weights) expanded to its values. Indices may also
/// be a constant of an index type directly.
struct ExpandPalette : OpRewritePattern<GatherOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GatherOp op,
                                PatternRewriter &rewriter) const override {
    DenseElementsAttr expanded = op.getPaletteValues().first;
    if (!expanded)
      return rewriter.notifyMatchFailure(op, "not a palettized constant");
    rewriter.replaceOpWithNewOp<ConstOp>(op, op.getType(), expanded);
    return success();
  }
};

/// dequantize(const f16) -> const f32.
struct FoldF16Dequantize : OpRewritePattern<DequantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DequantizeOp op,
                                PatternRewriter &rewriter) const override {
    auto constant = op.getInput().getDefiningOp<ConstOp>();
    if (!constant || !constant.getType().getElementType().isF16())
      return rewriter.notifyMatchFailure(op, "input is not an f16 constant");
    auto halves = dyn_cast<DenseFPElementsAttr>(constant.getValue());
    if (!halves)
      return rewriter.notifyMatchFailure(op, "value is not dense");
    auto resultElement = cast<FloatType>(op.getType().getElementType());
    rewriter.replaceOpWithNewOp<ConstOp>(
        op, op.getType(), convertFloatConstant(halves, resultElement));
    return success();
  }
};

struct DensifyPass : mint::impl::DensifyPassBase<DensifyPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateDensifyPatterns(patterns);
    if (failed(
            applyPatternsWithoutFolding(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

struct FoldF16WeightsPass
    : mint::impl::FoldF16WeightsPassBase<FoldF16WeightsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFoldF16WeightsPatterns(patterns);
    if (failed(
            applyPatternsWithoutFolding(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace

void mlir::mint::populateDensifyPatterns(RewritePatternSet &patterns) {
  patterns
      .add<DensifySparseConstant, DensifyDirectSparseConstant, ExpandPalette>(
          patterns.getContext());
}

void mlir::mint::populateFoldF16WeightsPatterns(RewritePatternSet &patterns) {
  patterns.add<FoldF16Dequantize>(patterns.getContext());
}
