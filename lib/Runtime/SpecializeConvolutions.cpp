//===- SpecializeConvolutions.cpp - Convolutions in vectorizable forms ----===//
//
// Implements `mint-specialize-convolutions`: FHWC filters become HWCF
// (constant ones transposed at compile time, ones computed from constants by a
// transposing linalg.generic) and unit-multiplier HWCM depthwise
// convolutions become HWC, the forms that decompose into 1-D convolutions
// and vectorize along contiguous channels.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cstring>

namespace mlir::mint {
#define GEN_PASS_DEF_SPECIALIZECONVOLUTIONSPASS
#include "mint/Runtime/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

/// `values` ([O, H, W, I], row-major) transposed to [H, W, I, O].
static DenseElementsAttr transposeFhwcToHwcf(DenseElementsAttr values) {
  auto type = cast<RankedTensorType>(values.getType());
  ArrayRef<int64_t> shape = type.getShape();
  auto resultType = type.clone({shape[1], shape[2], shape[3], shape[0]});
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
      std::memcpy(&transposed[(j * o + i) * bytes],
                  &raw[(i * inner + j) * bytes], bytes);
  return DenseElementsAttr::getFromRawBuffer(resultType, transposed);
}

namespace {
/// conv_2d_nhwc_fhwc → conv_2d_nhwc_hwcf: the HWCF form decomposes into 1-D
/// convolutions whose inner product runs along contiguous output channels.
/// A constant filter is transposed at compile time; one computed
/// elementwise from constants (a palettized weight looked up at run time)
/// by a transposing linalg.generic, into which elementwise fusion then
/// merges the computation, so that it writes the HWCF filter once per run.
struct FilterToHwcf : OpRewritePattern<linalg::Conv2DNhwcFhwcOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::Conv2DNhwcFhwcOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return failure();
    Location loc = op.getLoc();
    Value filter = op.getInputs()[1];
    auto filterType = dyn_cast<RankedTensorType>(filter.getType());
    if (!filterType || !filterType.hasStaticShape() ||
        filterType.getRank() != 4)
      return rewriter.notifyMatchFailure(op, "filter shape is not static");
    Value newFilter;
    DenseElementsAttr constant;
    if (matchPattern(filter, m_Constant(&constant))) {
      DenseElementsAttr transposed = transposeFhwcToHwcf(constant);
      if (!transposed)
        return rewriter.notifyMatchFailure(op, "unsupported element type");
      newFilter = arith::ConstantOp::create(rewriter, loc, transposed);
    } else {
      // Only a filter computed elementwise from constants (a palette looked
      // up at run time): other computed filters keep the FHWC form, whose
      // sums come in the order the MediaPipe models' tests were tuned to
      // (the transposed convolution of Convolution2DTransposeBias).
      // (Through reshapes: FULLY_CONNECTED's filter is expanded to 4-D.)
      Value source = filter;
      while (Operation *reshape = source.getDefiningOp()) {
        if (!isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(reshape))
          break;
        source = reshape->getOperand(0);
      }
      auto producer = source.getDefiningOp<linalg::GenericOp>();
      if (!producer ||
          producer.getNumParallelLoops() != producer.getNumLoops() ||
          !llvm::all_of(producer.getDpsInputs(), [](Value input) {
            return matchPattern(input, m_Constant());
          }))
        return rewriter.notifyMatchFailure(
            op, "filter is neither constant nor computed from constants");
      ArrayRef<int64_t> shape = filterType.getShape();
      auto hwcfType =
          filterType.clone({shape[1], shape[2], shape[3], shape[0]});
      Value init = tensor::EmptyOp::create(rewriter, loc, hwcfType.getShape(),
                                           hwcfType.getElementType());
      MLIRContext *context = rewriter.getContext();
      // Iterations (h, w, c, f) read the filter at (f, h, w, c).
      AffineMap read =
          AffineMap::getPermutationMap(ArrayRef<unsigned>{3, 0, 1, 2}, context);
      AffineMap write = AffineMap::getMultiDimIdentityMap(4, context);
      newFilter = linalg::GenericOp::create(
                      rewriter, loc, hwcfType, ValueRange{filter},
                      ValueRange{init}, SmallVector<AffineMap>{read, write},
                      SmallVector<utils::IteratorType>(
                          4, utils::IteratorType::parallel),
                      [](OpBuilder &b, Location l, ValueRange args) {
                        linalg::YieldOp::create(b, l, args[0]);
                      })
                      .getResult(0);
    }
    rewriter.replaceOpWithNewOp<linalg::Conv2DNhwcHwcfOp>(
        op, op.getResultTypes(), ValueRange{op.getInputs()[0], newFilter},
        op.getOutputs(), op.getStrides(), op.getDilations());
    return success();
  }
};

/// depthwise_conv_2d_nhwc_hwcm with a channel multiplier of 1 →
/// depthwise_conv_2d_nhwc_hwc, which decomposes and vectorizes. A filled
/// init (TOSA's zero accumulator) is refilled in 4-D rather than viewed
/// through a reshape, so that the accumulator is a plain buffer.
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
    Value init;
    if (auto fill = op.getOutputs()[0].getDefiningOp<linalg::FillOp>()) {
      SmallVector<int64_t> shape(initType.getShape().drop_back());
      Value empty = tensor::EmptyOp::create(rewriter, loc, shape,
                                            initType.getElementType());
      init = linalg::FillOp::create(rewriter, loc, fill.getInputs()[0], empty)
                 .getResult(0);
    } else {
      init = tensor::CollapseShapeOp::create(rewriter, loc, op.getOutputs()[0],
                                             collapseLast);
    }
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

namespace {
struct SpecializeConvolutionsPass
    : mint::impl::SpecializeConvolutionsPassBase<SpecializeConvolutionsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateSpecializeConvolutionsPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      getOperation().emitError(
          "mint-specialize-convolutions: rewrites did not converge");
      signalPassFailure();
    }
  }
};
} // namespace

void mint::populateSpecializeConvolutionsPatterns(RewritePatternSet &patterns) {
  patterns.add<FilterToHwcf, UnitMultiplierDepthwise>(patterns.getContext());
}
