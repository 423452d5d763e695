//===- LowerSparseConvolutions.cpp - Block-sparse 1x1 convolutions --------===//
//
// Implements `mint-lower-sparse-convolutions`: a float32 1x1 convolution
// (TFLite's CONV_2D 1x1 and FULLY_CONNECTED) whose constant filter is mostly
// zero blocks of output channels becomes loops that skip them. The filter is
// packed at compile time as blocks of B output channels × 1 input channel
// that hold a nonzero value, block rows in CSR order; each tile of pixels
// keeps its B-channel accumulators in registers and, per stored block,
// broadcasts one activation per pixel and multiply-adds the block.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mint {
#define GEN_PASS_DEF_LOWERSPARSECONVOLUTIONSPASS
#include "mint/Runtime/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

/// Output channels per block, widest first; a block of B float32 channels is
/// one vector register (AVX-512 holds 16).
static constexpr int64_t kBlockSizes[] = {16, 8, 4};
/// float32 lanes of the vectors the dense kernels use.
static constexpr int64_t kDenseLanes = 16;
/// Pixels whose accumulators one tile keeps in registers.
static constexpr int64_t kTileRows = 8;

namespace {

/// A [F, C] filter as the blocks of B output channels × 1 input channel
/// that hold a nonzero value, row by row of blocks (CSR).
struct BlockSparseFilter {
  /// [blocks, B] values.
  SmallVector<float> values;
  /// The input channel of each block.
  SmallVector<int32_t> columns;
  /// Per row of blocks its first block; then the number of blocks.
  SmallVector<int32_t> offsets;
};

/// Whether the block of output channels [row * B, row * B + B) at input
/// channel `c` of the [F, C] `filter` holds a nonzero value.
bool holdsNonzero(ArrayRef<float> filter, int64_t channels, int64_t blockSize,
                  int64_t row, int64_t c) {
  for (int64_t i = 0; i < blockSize; ++i)
    if (filter[(row * blockSize + i) * channels + c] != 0.0f)
      return true;
  return false;
}

int64_t countNonzeroBlocks(ArrayRef<float> filter, int64_t outChannels,
                           int64_t channels, int64_t blockSize) {
  int64_t blocks = 0;
  for (int64_t row = 0; row < outChannels / blockSize; ++row)
    for (int64_t c = 0; c < channels; ++c)
      blocks += holdsNonzero(filter, channels, blockSize, row, c);
  return blocks;
}

BlockSparseFilter packBlocks(ArrayRef<float> filter, int64_t outChannels,
                             int64_t channels, int64_t blockSize) {
  BlockSparseFilter packed;
  for (int64_t row = 0; row < outChannels / blockSize; ++row) {
    packed.offsets.push_back(packed.columns.size());
    for (int64_t c = 0; c < channels; ++c) {
      if (!holdsNonzero(filter, channels, blockSize, row, c))
        continue;
      packed.columns.push_back(c);
      for (int64_t i = 0; i < blockSize; ++i)
        packed.values.push_back(filter[(row * blockSize + i) * channels + c]);
    }
  }
  packed.offsets.push_back(packed.columns.size());
  return packed;
}

/// The block size with the fewest vector multiply-adds per pixel, if it
/// needs at most `maxDensity` of the dense kernel's.
std::optional<int64_t> chooseBlockSize(ArrayRef<float> filter,
                                       int64_t outChannels, int64_t channels,
                                       double maxDensity) {
  double dense = static_cast<double>((outChannels + kDenseLanes - 1) /
                                     kDenseLanes * channels);
  std::optional<int64_t> best;
  int64_t bestBlocks = 0;
  for (int64_t blockSize : kBlockSizes) {
    if (outChannels % blockSize)
      continue;
    int64_t blocks =
        countNonzeroBlocks(filter, outChannels, channels, blockSize);
    if (!best || blocks < bestBlocks) {
      best = blockSize;
      bestBlocks = blocks;
    }
  }
  if (!best || static_cast<double>(bestBlocks) > maxDensity * dense)
    return std::nullopt;
  return best;
}

struct PointwiseConvToBlockSparse : OpRewritePattern<linalg::Conv2DNhwcFhwcOp> {
  PointwiseConvToBlockSparse(MLIRContext *context, double maxDensity,
                             int64_t threads, int64_t &rewritten)
      : OpRewritePattern(context), maxDensity(maxDensity), threads(threads),
        rewritten(rewritten) {}

  LogicalResult matchAndRewrite(linalg::Conv2DNhwcFhwcOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "not on tensors");
    auto inputType = cast<RankedTensorType>(op.getInputs()[0].getType());
    auto filterType = cast<RankedTensorType>(op.getInputs()[1].getType());
    Value init = op.getOutputs()[0];
    auto initType = cast<RankedTensorType>(init.getType());
    Type f32 = rewriter.getF32Type();
    if (inputType.getElementType() != f32 ||
        filterType.getElementType() != f32 ||
        initType.getElementType() != f32 || !inputType.hasStaticShape() ||
        !initType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "not a static float32 conv");
    if (filterType.getDimSize(1) != 1 || filterType.getDimSize(2) != 1 ||
        inputType.getDimSize(1) != initType.getDimSize(1) ||
        inputType.getDimSize(2) != initType.getDimSize(2))
      return rewriter.notifyMatchFailure(op, "not a 1x1, stride 1 conv");
    DenseFPElementsAttr filterAttr;
    if (!matchPattern(op.getInputs()[1], m_Constant(&filterAttr)))
      return rewriter.notifyMatchFailure(op, "filter is not constant");
    SmallVector<float> filter(filterAttr.getValues<float>());
    int64_t channels = inputType.getDimSize(3);
    int64_t outChannels = filterType.getDimSize(0);
    std::optional<int64_t> blockSize =
        chooseBlockSize(filter, outChannels, channels, maxDensity);
    if (!blockSize)
      return rewriter.notifyMatchFailure(op, "filter is too dense");
    BlockSparseFilter packed =
        packBlocks(filter, outChannels, channels, *blockSize);
    ++rewritten;
    if (packed.columns.empty()) {
      // All zero: the result is the accumulator's initial value (the bias).
      rewriter.replaceOp(op, init);
      return success();
    }

    Location loc = op.getLoc();
    Type i32 = rewriter.getI32Type();
    int64_t pixels = inputType.getNumElements() / channels;
    int64_t blocks = packed.columns.size();
    int64_t blockRows = outChannels / *blockSize;
    Value values = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(RankedTensorType::get({blocks, *blockSize}, f32),
                               ArrayRef<float>(packed.values)));
    Value columns = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(RankedTensorType::get({blocks}, i32),
                               ArrayRef<int32_t>(packed.columns)));
    Value offsets = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(RankedTensorType::get({blockRows + 1}, i32),
                               ArrayRef<int32_t>(packed.offsets)));
    SmallVector<ReassociationIndices> flatten = {{0, 1, 2}, {3}};
    Value input = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({pixels, channels}, f32),
        op.getInputs()[0], flatten);
    Value out = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({pixels, outChannels}, f32), init,
        flatten);

    auto index = [](OpBuilder &b, Location l, int64_t v) -> Value {
      return arith::ConstantIndexOp::create(b, l, v);
    };
    auto readIndex = [&](OpBuilder &b, Location l, Value table,
                         Value position) -> Value {
      Value element = tensor::ExtractOp::create(b, l, table, position);
      return arith::IndexCastOp::create(b, l, b.getIndexType(), element);
    };
    auto blockType = VectorType::get({*blockSize}, f32);
    Value zero = arith::ConstantOp::create(rewriter, loc,
                                           rewriter.getF32FloatAttr(0.0f));

    // Pixels [begin, end) of `out` in tiles of `rows`: per row of blocks,
    // `rows` accumulators start from `out`, take every stored block and go
    // back. `out`'s pixel p is the input's pixel `inputOffset` + p.
    auto buildTiles = [&](OpBuilder &b, Location loc, Value out, Value begin,
                          Value end, int64_t rows, Value inputOffset) -> Value {
      auto pixelLoop = scf::ForOp::create(
          b, loc, begin, end, index(b, loc, rows), ValueRange{out},
          [&](OpBuilder &b, Location l, Value p0, ValueRange pArgs) {
            auto rowLoop = scf::ForOp::create(
                b, l, index(b, l, 0), index(b, l, blockRows), index(b, l, 1),
                pArgs,
                [&](OpBuilder &b, Location l, Value row, ValueRange rArgs) {
                  Value out = rArgs[0];
                  Value f0 =
                      arith::MulIOp::create(b, l, row, index(b, l, *blockSize));
                  SmallVector<Value> pixelsOf, inputPixelsOf, accs;
                  for (int64_t r = 0; r < rows; ++r) {
                    pixelsOf.push_back(
                        arith::AddIOp::create(b, l, p0, index(b, l, r)));
                    inputPixelsOf.push_back(
                        arith::AddIOp::create(b, l, inputOffset, pixelsOf[r]));
                    accs.push_back(vector::TransferReadOp::create(
                        b, l, blockType, out, ValueRange{pixelsOf[r], f0}, zero,
                        ArrayRef<bool>{true}));
                  }
                  Value first = readIndex(b, l, offsets, row);
                  Value next = arith::AddIOp::create(b, l, row, index(b, l, 1));
                  Value last = readIndex(b, l, offsets, next);
                  auto blockLoop = scf::ForOp::create(
                      b, l, first, last, index(b, l, 1), accs,
                      [&](OpBuilder &b, Location l, Value k, ValueRange acc) {
                        Value c = readIndex(b, l, columns, k);
                        Value block = vector::TransferReadOp::create(
                            b, l, blockType, values,
                            ValueRange{k, index(b, l, 0)}, zero,
                            ArrayRef<bool>{true});
                        SmallVector<Value> updated;
                        for (int64_t r = 0; r < rows; ++r) {
                          Value x = tensor::ExtractOp::create(
                              b, l, input, ValueRange{inputPixelsOf[r], c});
                          Value splat =
                              vector::BroadcastOp::create(b, l, blockType, x);
                          updated.push_back(vector::FMAOp::create(
                              b, l, splat, block, acc[r]));
                        }
                        scf::YieldOp::create(b, l, updated);
                      });
                  for (int64_t r = 0; r < rows; ++r)
                    out = vector::TransferWriteOp::create(
                              b, l, blockLoop.getResult(r), out,
                              ValueRange{pixelsOf[r], f0}, ArrayRef<bool>{true})
                              .getResult();
                  scf::YieldOp::create(b, l, out);
                });
            scf::YieldOp::create(b, l, rowLoop.getResults());
          });
      return pixelLoop.getResult(0);
    };

    // Whole tiles, split into `threads` chunks of pixels when there are
    // enough (an scf.forall that the pipeline turns into OpenMP), then the
    // remaining pixels one by one.
    int64_t rows = std::min(kTileRows, pixels);
    int64_t tiled = pixels / rows * rows;
    int64_t tiles = tiled / rows;
    Value zeroIndex = index(rewriter, loc, 0);
    if (threads > 1 && tiles > 1) {
      int64_t chunkPixels =
          llvm::divideCeil(tiles, std::min(threads, tiles)) * rows;
      int64_t chunks = llvm::divideCeil(tiled, chunkPixels);
      auto forall = scf::ForallOp::create(
          rewriter, loc, ArrayRef<OpFoldResult>{rewriter.getIndexAttr(chunks)},
          ValueRange{out}, std::nullopt,
          [&](OpBuilder &b, Location l, ValueRange args) {
            Value begin =
                arith::MulIOp::create(b, l, args[0], index(b, l, chunkPixels));
            Value size = arith::MinSIOp::create(
                b, l, index(b, l, chunkPixels),
                arith::SubIOp::create(b, l, index(b, l, tiled), begin));
            SmallVector<OpFoldResult> offsets = {begin, b.getIndexAttr(0)};
            SmallVector<OpFoldResult> sizes = {size,
                                               b.getIndexAttr(outChannels)};
            SmallVector<OpFoldResult> strides(2, b.getIndexAttr(1));
            Value chunk = tensor::ExtractSliceOp::create(b, l, args[1], offsets,
                                                         sizes, strides);
            Value result =
                buildTiles(b, l, chunk, index(b, l, 0), size, rows, begin);
            auto inParallel = scf::InParallelOp::create(b, l);
            OpBuilder::InsertionGuard guard(b);
            b.setInsertionPointToStart(inParallel.getBody());
            tensor::ParallelInsertSliceOp::create(b, l, result, args[1],
                                                  offsets, sizes, strides);
          });
      out = forall.getResult(0);
    } else if (tiled > 0) {
      out = buildTiles(rewriter, loc, out, zeroIndex,
                       index(rewriter, loc, tiled), rows, zeroIndex);
    }
    if (tiled < pixels)
      out = buildTiles(rewriter, loc, out, index(rewriter, loc, tiled),
                       index(rewriter, loc, pixels), 1, zeroIndex);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(op, initType, out,
                                                       flatten);
    return success();
  }

  double maxDensity;
  int64_t threads;
  int64_t &rewritten;
};

struct LowerSparseConvolutionsPass
    : mint::impl::LowerSparseConvolutionsPassBase<LowerSparseConvolutionsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    int64_t rewritten = 0;
    RewritePatternSet patterns(&getContext());
    patterns.add<PointwiseConvToBlockSparse>(&getContext(), maxDensity, threads,
                                             rewritten);
    if (failed(applyPatternsGreedily(module, std::move(patterns)))) {
      module.emitError(
          "mint-lower-sparse-convolutions: rewrites did not converge");
      return signalPassFailure();
    }
    if (rewritten)
      module->setAttr(
          kBlockSparseConvolutionsAttrName,
          IntegerAttr::get(IntegerType::get(&getContext(), 64), rewritten));
  }
};

} // namespace
