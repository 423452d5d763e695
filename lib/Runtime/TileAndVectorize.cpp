//===- TileAndVectorize.cpp - Register tiling and vectorization -----------===//
//
// Implements `mint-tile-and-vectorize`: per linalg op a tile size per loop
// (chooseTileSizes), tiling with scf.for, decomposition of unit-row 2-D
// convolutions and pools into 1-D ones, vectorization, and the vector
// clean-up patterns that fold transfers into contractions.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mint {
#define GEN_PASS_DEF_TILEANDVECTORIZEPASS
#include "mint/Runtime/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

#include <cstring>

/// The largest divisor of `size` that is at most `limit` (tiles that divide
/// the loop keep shapes static, so no masking is needed).
static int64_t pickDivisor(int64_t size, int64_t limit) {
  for (int64_t tile = std::min(size, limit); tile > 1; --tile)
    if (size % tile == 0)
      return tile;
  return 1;
}

/// Tile sizes for `op` (0 = not tiled), or empty to leave it alone.
static SmallVector<int64_t> chooseTileSizes(linalg::LinalgOp op,
                                            int64_t vectorWidth) {
  SmallVector<int64_t> bounds = op.getStaticLoopRanges();
  if (llvm::any_of(bounds, ShapedType::isDynamic))
    return {};
  SmallVector<int64_t> sizes(bounds.size(), 0);
  // Convolutions and pools, NHWC: (n, oh, ow, c|f, kh, kw[, c]). One output
  // row and one window row per tile, so they decompose to 1-D forms.
  if (isa<linalg::Conv2DNhwcHwcfOp, linalg::Conv2DNhwcFhwcOp>(op)) {
    // (n, oh, ow, f, kh, kw, c)
    sizes = {1, 1, pickDivisor(bounds[2], 8),
             pickDivisor(bounds[3], 2 * vectorWidth), 1, 0,
             pickDivisor(bounds[6], 16)};
    return sizes;
  }
  if (isa<linalg::DepthwiseConv2DNhwcHwcOp, linalg::PoolingNhwcMaxOp,
          linalg::PoolingNhwcSumOp>(op)) {
    // (n, oh, ow, c, kh, kw)
    sizes = {1, 1, pickDivisor(bounds[2], 8),
             pickDivisor(bounds[3], 2 * vectorWidth), 1, 0};
    return sizes;
  }
  // Everything else: parallel loops tiled to one vector along the innermost
  // parallel dimension and a few rows along the next; reductions whole.
  auto iterators = op.getIteratorTypesArray();
  int64_t innermost = -1;
  for (int64_t i = bounds.size() - 1; i >= 0; --i)
    if (iterators[i] == utils::IteratorType::parallel) {
      innermost = i;
      break;
    }
  if (innermost < 0)
    return {};
  for (int64_t i = 0, e = bounds.size(); i < e; ++i)
    if (iterators[i] == utils::IteratorType::parallel)
      sizes[i] = 1;
  sizes[innermost] = pickDivisor(bounds[innermost], 4 * vectorWidth);
  return sizes;
}

/// `values` ([O, H, W, I], row-major) transposed to [H, W, I, O].
static DenseElementsAttr transposeFhwcToHwcf(DenseElementsAttr values) {
  auto type = cast<RankedTensorType>(values.getType());
  ArrayRef<int64_t> shape = type.getShape();
  auto resultType =
      type.clone({shape[1], shape[2], shape[3], shape[0]});
  if (values.isSplat())
    return values.reshape(resultType);
  size_t bytes = type.getElementTypeBitWidth() / 8;
  if (bytes == 0 || type.getElementTypeBitWidth() % 8)
    return {};
  ArrayRef<char> raw = values.getRawData();
  std::vector<char> transposed(raw.size());
  int64_t o = shape[0], inner = shape[1] * shape[2] * shape[3];
  for (int64_t i = 0; i < o; ++i)
    for (int64_t j = 0; j < inner; ++j)
      std::memcpy(&transposed[(j * o + i) * bytes], &raw[(i * inner + j) * bytes],
                  bytes);
  return DenseElementsAttr::getFromRawBuffer(resultType, transposed);
}

namespace {
/// conv_2d_nhwc_fhwc with a constant filter → conv_2d_nhwc_hwcf with the
/// filter transposed at compile time: the HWCF form decomposes into 1-D
/// convolutions whose inner product runs along contiguous output channels.
struct ConstantFilterToHwcf : OpRewritePattern<linalg::Conv2DNhwcFhwcOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::Conv2DNhwcFhwcOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return failure();
    DenseElementsAttr filter;
    if (!matchPattern(op.getInputs()[1], m_Constant(&filter)))
      return rewriter.notifyMatchFailure(op, "filter is not constant");
    DenseElementsAttr transposed = transposeFhwcToHwcf(filter);
    if (!transposed)
      return rewriter.notifyMatchFailure(op, "unsupported element type");
    Value newFilter = arith::ConstantOp::create(rewriter, op.getLoc(),
                                                transposed);
    rewriter.replaceOpWithNewOp<linalg::Conv2DNhwcHwcfOp>(
        op, op.getResultTypes(),
        ValueRange{op.getInputs()[0], newFilter}, op.getOutputs(),
        op.getStrides(), op.getDilations());
    return success();
  }
};

/// depthwise_conv_2d_nhwc_hwcm with a channel multiplier of 1 →
/// depthwise_conv_2d_nhwc_hwc, which decomposes and vectorizes.
struct UnitMultiplierDepthwise
    : OpRewritePattern<linalg::DepthwiseConv2DNhwcHwcmOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::DepthwiseConv2DNhwcHwcmOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return failure();
    auto filterType = cast<RankedTensorType>(op.getInputs()[1].getType());
    auto initType = cast<RankedTensorType>(op.getOutputs()[0].getType());
    if (filterType.getDimSize(3) != 1)
      return rewriter.notifyMatchFailure(op, "channel multiplier is not 1");
    Location loc = op.getLoc();
    SmallVector<ReassociationIndices> collapseLast = {{0}, {1}, {2}, {3, 4}};
    SmallVector<ReassociationIndices> collapseFilter = {{0}, {1}, {2, 3}};
    Value filter = tensor::CollapseShapeOp::create(
        rewriter, loc, op.getInputs()[1], collapseFilter);
    Value init = tensor::CollapseShapeOp::create(rewriter, loc,
                                                 op.getOutputs()[0],
                                                 collapseLast);
    auto conv = linalg::DepthwiseConv2DNhwcHwcOp::create(
        rewriter, loc, TypeRange{init.getType()},
        ValueRange{op.getInputs()[0], filter}, ValueRange{init},
        op.getStrides(), op.getDilations());
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
        op, initType, conv.getResult(0), collapseLast);
    return success();
  }
};
} // namespace

/// Tiles every linalg op of `func` that is not tiled yet.
static LogicalResult tileLinalgOps(func::FuncOp func, int64_t vectorWidth) {
  SmallVector<linalg::LinalgOp> ops;
  func.walk([&](linalg::LinalgOp op) {
    if (!op->getParentOfType<scf::ForOp>())
      ops.push_back(op);
  });
  IRRewriter rewriter(func.getContext());
  for (linalg::LinalgOp op : ops) {
    SmallVector<int64_t> sizes = chooseTileSizes(op, vectorWidth);
    if (sizes.empty())
      continue;
    SmallVector<int64_t> bounds = op.getStaticLoopRanges();
    // Nothing to do when every tile is the whole loop.
    bool whole = true;
    for (auto [size, bound] : llvm::zip(sizes, bounds))
      whole &= size == 0 || size == bound;
    if (whole)
      continue;
    scf::SCFTilingOptions options;
    options.setTileSizes(
        getAsIndexOpFoldResult(func.getContext(), sizes));
    options.setLoopType(scf::SCFTilingOptions::LoopType::ForOp);
    rewriter.setInsertionPoint(op);
    FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
        rewriter, cast<TilingInterface>(op.getOperation()), options);
    if (failed(tiled))
      continue;
    if (op->getNumResults())
      rewriter.replaceOp(op, tiled->replacements);
    else
      rewriter.eraseOp(op);
  }
  return success();
}

/// Vectorizes every statically shaped linalg op that the vectorizer takes.
static void vectorizeLinalgOps(func::FuncOp func) {
  SmallVector<linalg::LinalgOp> ops;
  func.walk([&](linalg::LinalgOp op) {
    if (!llvm::any_of(op.getStaticLoopRanges(), ShapedType::isDynamic))
      ops.push_back(op);
  });
  IRRewriter rewriter(func.getContext());
  for (linalg::LinalgOp op : ops) {
    // A vector of more than 4096 elements means the op was not tiled down;
    // leave it to loops rather than spill a giant vector.
    int64_t elements = 1;
    for (int64_t bound : op.getStaticLoopRanges())
      elements *= bound;
    if (elements > 4096 && !isa<linalg::Conv1DNwcWcfOp,
                                linalg::DepthwiseConv1DNwcWcOp>(op))
      continue;
    rewriter.setInsertionPoint(op);
    FailureOr<linalg::VectorizationResult> result =
        linalg::vectorize(rewriter, op);
    if (failed(result))
      continue;
    if (op->getNumResults())
      rewriter.replaceOp(op, result->replacements);
    else
      rewriter.eraseOp(op);
  }
}

namespace {
struct TileAndVectorizePass
    : mint::impl::TileAndVectorizePassBase<TileAndVectorizePass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *context = &getContext();
    RewritePatternSet layouts(context);
    layouts.add<ConstantFilterToHwcf, UnitMultiplierDepthwise>(context);
    if (failed(applyPatternsGreedily(func, std::move(layouts))))
      return signalPassFailure();

    if (failed(tileLinalgOps(func, vectorWidth)))
      return signalPassFailure();

    RewritePatternSet decompose(context);
    linalg::populateDecomposeConvolutionPatterns(decompose);
    if (failed(applyPatternsGreedily(func, std::move(decompose))))
      return signalPassFailure();

    vectorizeLinalgOps(func);

    RewritePatternSet cleanup(context);
    vector::populateVectorTransferPermutationMapLoweringPatterns(cleanup);
    vector::populateVectorReductionToContractPatterns(cleanup);
    vector::populateSinkVectorOpsPatterns(cleanup);
    tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(cleanup);
    scf::ForOp::getCanonicalizationPatterns(cleanup, context);
    vector::TransferReadOp::getCanonicalizationPatterns(cleanup, context);
    vector::TransferWriteOp::getCanonicalizationPatterns(cleanup, context);
    if (failed(applyPatternsGreedily(func, std::move(cleanup))))
      return signalPassFailure();
  }
};
} // namespace
