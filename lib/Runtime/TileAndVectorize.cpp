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
#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
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

/// Convolutions and pools in the NHWC forms that decompose into 1-D ones:
/// loops (n, oh, ow, c|f, kh, kw[, c]).
static bool isWindowOp(Operation *op) {
  return isa<linalg::Conv2DNhwcHwcfOp, linalg::Conv2DNhwcFhwcOp,
             linalg::DepthwiseConv2DNhwcHwcOp, linalg::PoolingNhwcMaxOp,
             linalg::PoolingNhwcSumOp>(op);
}

static bool isAllParallel(linalg::LinalgOp op) {
  return op.getNumLoops() == op.getNumParallelLoops();
}

/// The window op that `op` consumes through a chain of elementwise ops,
/// if any: its output tiles are the ones the chain is tiled by.
static linalg::LinalgOp findWindowProducer(linalg::LinalgOp op, int depth = 0) {
  if (depth > 4)
    return {};
  for (Value operand : op->getOperands()) {
    auto producer = operand.getDefiningOp<linalg::LinalgOp>();
    if (!producer)
      continue;
    if (isWindowOp(producer))
      return producer;
    if (isAllParallel(producer))
      if (linalg::LinalgOp found = findWindowProducer(producer, depth + 1))
        return found;
  }
  return {};
}

/// A tile of `size` contiguous elements of up to `maxVectors` whole
/// vectors; when `size` is no multiple of the vector width, the whole
/// dimension if it is small (one ragged vector at the end) or a divisor.
/// Tiles such as 24 of 144 would make every vector ragged.
static int64_t pickVectorTile(int64_t size, int64_t vectorWidth,
                              int64_t maxVectors) {
  if (size % vectorWidth == 0) {
    for (int64_t vectors = maxVectors; vectors > 1; --vectors)
      if (size % (vectors * vectorWidth) == 0)
        return vectors * vectorWidth;
    return vectorWidth;
  }
  if (size <= 2 * maxVectors * vectorWidth)
    return size;
  return pickDivisor(size, maxVectors * vectorWidth);
}

/// Register tile of a window op's output [n, oh, ow, c]: one row, up to
/// eight columns, up to two vectors of channels.
static SmallVector<int64_t> getOutputTile(ArrayRef<int64_t> bounds,
                                          int64_t vectorWidth) {
  return {1, 1, pickDivisor(bounds[2], 8),
          pickVectorTile(bounds[3], vectorWidth, 2)};
}

/// Tile sizes of the parallel loops of a root op (0 = not tiled), or empty
/// to leave it alone. Window ops and the elementwise ops that consume them
/// share the window's output tile, so that fused chains line up.
static SmallVector<int64_t> chooseRootTileSizes(linalg::LinalgOp op,
                                                int64_t vectorWidth) {
  SmallVector<int64_t> bounds = op.getStaticLoopRanges();
  if (llvm::any_of(bounds, ShapedType::isDynamic))
    return {};
  SmallVector<int64_t> sizes(bounds.size(), 0);
  if (isWindowOp(op)) {
    SmallVector<int64_t> tile = getOutputTile(bounds, vectorWidth);
    llvm::copy(tile, sizes.begin());
    return sizes;
  }
  if (isAllParallel(op) && bounds.size() == 4 && findWindowProducer(op) &&
      op.getIndexingMapsArray().back().isIdentity())
    return getOutputTile(bounds, vectorWidth);
  // Everything else: parallel loops tiled to a few vectors along the
  // innermost parallel dimension; reductions whole.
  auto iterators = op.getIteratorTypesArray();
  // The innermost parallel dimension that has more than one iteration
  // (TOSA's depthwise lowering leaves a trailing unit dimension).
  int64_t innermost = -1;
  for (int64_t i = bounds.size() - 1; i >= 0; --i)
    if (iterators[i] == utils::IteratorType::parallel && bounds[i] > 1) {
      innermost = i;
      break;
    }
  if (innermost < 0)
    return {};
  for (int64_t i = 0, e = bounds.size(); i < e; ++i)
    if (iterators[i] == utils::IteratorType::parallel)
      sizes[i] = 1;
  sizes[innermost] = pickVectorTile(bounds[innermost], vectorWidth, 4);
  return sizes;
}

/// Tile sizes of the reduction loops of a window op that is already tiled
/// to one output tile: one window row (so the op decomposes to 1-D) and
/// input channels in steps of 16.
static SmallVector<int64_t> chooseReductionTileSizes(linalg::LinalgOp op) {
  SmallVector<int64_t> bounds = op.getStaticLoopRanges();
  SmallVector<int64_t> sizes(bounds.size(), 0);
  if (!isWindowOp(op) || llvm::any_of(bounds, ShapedType::isDynamic))
    return {};
  sizes[4] = 1;
  if (bounds.size() == 7)
    sizes[6] = pickVectorTile(bounds[6], 16, 1);
  return sizes;
}

/// True if some tile is smaller than its loop.
static bool splitsALoop(ArrayRef<int64_t> sizes, ArrayRef<int64_t> bounds) {
  for (auto [size, bound] : llvm::zip(sizes, bounds))
    if (size != 0 && size != bound)
      return true;
  return false;
}

/// True if `op` is fused into the tiles of its only user: an elementwise
/// user takes its producer, a window op takes the op that initializes its
/// accumulator (a fill or a bias broadcast).
static bool isFusedIntoUser(linalg::LinalgOp op) {
  if (!op->hasOneUse())
    return false;
  OpOperand &use = *op->getUses().begin();
  auto user = dyn_cast<linalg::LinalgOp>(use.getOwner());
  if (!user)
    return false;
  if (user.isDpsInit(&use))
    return true;
  return isAllParallel(user) && (isWindowOp(op) || isAllParallel(op));
}

/// Linalg ops of `func` that are not fused into their user (the ends of
/// fusable chains), outside loops of kind `LoopOp`, last first.
template <typename LoopOp>
static SmallVector<linalg::LinalgOp> collectRoots(func::FuncOp func) {
  SmallVector<linalg::LinalgOp> roots;
  func.walk([&](linalg::LinalgOp op) {
    if (op->getParentOfType<LoopOp>() || op->getParentOfType<scf::ForOp>())
      return;
    if (!isFusedIntoUser(op))
      roots.push_back(op);
  });
  std::reverse(roots.begin(), roots.end());
  return roots;
}

/// Tiles `root` with `sizes` and loops of `loopType`, fusing into the tile
/// loop the linalg producers that only it uses: the window op it consumes,
/// elementwise ops between, and the fills and bias broadcasts that
/// initialize accumulators.
static void tileAndFuse(RewriterBase &rewriter, linalg::LinalgOp root,
                        ArrayRef<int64_t> sizes,
                        scf::SCFTilingOptions::LoopType loopType) {
  scf::SCFTilingOptions tiling;
  tiling.setTileSizes(getAsIndexOpFoldResult(rewriter.getContext(), sizes));
  tiling.setLoopType(loopType);
  scf::SCFTileAndFuseOptions options;
  options.setTilingOptions(tiling);
  Operation *rootOp = root.getOperation();
  options.setFusionControlFn(
      [rootOp](tensor::ExtractSliceOp slice, OpResult producer,
               bool isDestination)
          -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        auto linalgOp = dyn_cast<linalg::LinalgOp>(producer.getOwner());
        if (!linalgOp || (!isWindowOp(linalgOp) && !isAllParallel(linalgOp)))
          return std::nullopt;
        // The tile loops are the ancestors of the slice below the root's
        // block. A producer with users elsewhere stays whole (it is a root
        // of its own); fusing it would recompute it or reorder its users.
        Operation *outermost = slice;
        while (outermost->getBlock() != rootOp->getBlock())
          outermost = outermost->getParentOp();
        bool usedElsewhere =
            llvm::any_of(producer.getUsers(), [&](Operation *user) {
              return user != rootOp && !outermost->isAncestor(user);
            });
        if (usedElsewhere)
          return std::nullopt;
        // Accumulator initializations always fuse; other producers only
        // into elementwise consumers (a window op keeps its input whole).
        if (!isDestination &&
            !llvm::all_of(slice->getUsers(), [](Operation *user) {
              auto consumer = dyn_cast<linalg::LinalgOp>(user);
              return consumer && isAllParallel(consumer);
            }))
          return std::nullopt;
        return scf::SCFTileAndFuseOptions::ControlFnResult{};
      });
  rewriter.setInsertionPoint(root);
  FailureOr<scf::SCFTileAndFuseResult> result =
      scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, cast<TilingInterface>(rootOp), options);
  if (failed(result) || result->loops.empty())
    return;
  Operation *outermost = result->loops.front().getOperation();
  for (OpResult value : rootOp->getResults()) {
    auto it = result->replacements.find(value);
    if (it != result->replacements.end())
      rewriter.replaceUsesWithIf(value, it->second, [&](OpOperand &use) {
        return !outermost->isAncestor(use.getOwner());
      });
  }
  if (rootOp->use_empty())
    rewriter.eraseOp(rootOp);
}

/// Splits each fusable chain's outermost parallel loop with more than one
/// iteration into `threads` chunks of an scf.forall (fewer when the loop
/// does not divide evenly), so that the threads share the work.
static void distributeLinalgOps(func::FuncOp func, int64_t threads) {
  IRRewriter rewriter(func.getContext());
  for (linalg::LinalgOp op : collectRoots<scf::ForallOp>(func)) {
    SmallVector<int64_t> bounds = op.getStaticLoopRanges();
    if (llvm::any_of(bounds, ShapedType::isDynamic))
      continue;
    auto iterators = op.getIteratorTypesArray();
    int64_t total = 1;
    for (int64_t bound : bounds)
      total *= bound;
    // Too little work to be worth a fork and a join (an OpenMP parallel
    // region costs microseconds; below ~8K loop iterations, measured on
    // the MediaPipe models, splitting an op made the model slower).
    if (total < (1 << 13))
      continue;
    SmallVector<int64_t> sizes(bounds.size(), 0);
    bool found = false;
    for (int64_t i = 0, e = bounds.size(); i < e && !found; ++i) {
      if (iterators[i] != utils::IteratorType::parallel || bounds[i] < 2)
        continue;
      // The smallest chunk that divides the loop into at most `threads`.
      int64_t chunk = (bounds[i] + threads - 1) / threads;
      while (bounds[i] % chunk)
        ++chunk;
      if (chunk == bounds[i])
        continue;
      sizes[i] = chunk;
      found = true;
    }
    if (found)
      tileAndFuse(rewriter, op, sizes,
                  scf::SCFTilingOptions::LoopType::ForallOp);
  }
}

/// Tiles every fusable chain of `func` to register-sized output tiles, then
/// the reductions of the window ops in them.
static void tileLinalgOps(func::FuncOp func, int64_t vectorWidth) {
  IRRewriter rewriter(func.getContext());
  for (linalg::LinalgOp root : collectRoots<scf::ForOp>(func)) {
    SmallVector<int64_t> sizes = chooseRootTileSizes(root, vectorWidth);
    if (sizes.empty() || !splitsALoop(sizes, root.getStaticLoopRanges()))
      continue;
    tileAndFuse(rewriter, root, sizes, scf::SCFTilingOptions::LoopType::ForOp);
  }
  SmallVector<linalg::LinalgOp> windows;
  func.walk([&](linalg::LinalgOp op) {
    if (isWindowOp(op))
      windows.push_back(op);
  });
  for (linalg::LinalgOp op : windows) {
    SmallVector<int64_t> sizes = chooseReductionTileSizes(op);
    if (sizes.empty() || !splitsALoop(sizes, op.getStaticLoopRanges()))
      continue;
    scf::SCFTilingOptions options;
    options.setTileSizes(getAsIndexOpFoldResult(func.getContext(), sizes));
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
}

/// True if an operand of `op` has elements of a width that LLVM pads in
/// memory but packs in vectors (the i48 accumulators of int16x8
/// convolutions): vector loads and stores of such memrefs would mix the two
/// layouts.
static bool hasOddWidthElements(linalg::LinalgOp op) {
  return llvm::any_of(op->getOperandTypes(), [](Type type) {
    Type element = getElementTypeOrSelf(type);
    if (!element.isIntOrFloat())
      return false;
    unsigned width = element.getIntOrFloatBitWidth();
    return width > 8 && !llvm::isPowerOf2_32(width);
  });
}

/// True if the body of `op` reads a tensor at computed indices (the table
/// lookups of quantized kernels): vectorized, those become vector.gather,
/// whose lowering to LLVM crashes on some of the memrefs bufferization
/// makes (hand_landmark_full's int8 LOGISTIC), and gathers bring little.
static bool readsTensorsByIndex(linalg::LinalgOp op) {
  bool found = false;
  op->walk([&](tensor::ExtractOp) { found = true; });
  return found;
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
    // A vector of more than 512 elements means the op was not tiled down;
    // leave it to loops rather than spill a giant vector.
    int64_t elements = 1;
    for (int64_t bound : op.getStaticLoopRanges())
      elements *= bound;
    if (elements > 512 &&
        !isa<linalg::Conv1DNwcWcfOp, linalg::DepthwiseConv1DNwcWcOp>(op))
      continue;
    if (hasOddWidthElements(op) || readsTensorsByIndex(op))
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
    if (threads > 1)
      distributeLinalgOps(func, threads);
    tileLinalgOps(func, vectorWidth);

    RewritePatternSet decompose(context);
    linalg::populateDecomposeConvolutionPatterns(decompose);
    if (failed(applyPatternsGreedily(func, std::move(decompose)))) {
      func.emitError("mint-tile-and-vectorize: convolution decomposition did "
                     "not converge");
      return signalPassFailure();
    }

    vectorizeLinalgOps(func);

    RewritePatternSet cleanup(context);
    vector::populateVectorTransferPermutationMapLoweringPatterns(cleanup);
    vector::populateVectorReductionToContractPatterns(cleanup);
    vector::populateSinkVectorOpsPatterns(cleanup);
    tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(cleanup);
    // On buffers: accesses through subviews become accesses of the base
    // buffer, so that a read and a write of the same tile are recognized.
    memref::populateFoldMemRefAliasOpPatterns(cleanup);
    scf::ForOp::getCanonicalizationPatterns(cleanup, context);
    vector::TransferReadOp::getCanonicalizationPatterns(cleanup, context);
    vector::TransferWriteOp::getCanonicalizationPatterns(cleanup, context);
    // Not converging within the driver's iteration limit leaves valid IR
    // that is merely less tidy; it is not an error.
    (void)applyPatternsGreedily(func, std::move(cleanup));

    // On buffers: keep accumulators in registers across reduction loops
    // (a read before the loop and a write after it instead of both in
    // every iteration).
    linalg::hoistRedundantVectorTransfers(func, /*verifyNonZeroTrip=*/true);
  }
};
} // namespace
