//===- ShapeToTosa.cpp - Lower mint movement ops and reductions -----------===//
//
// RESHAPE, SQUEEZE, CONCATENATION, PAD, PADV2, SLICE, STRIDED_SLICE,
// TRANSPOSE, RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR, DEPTH_TO_SPACE,
// SPACE_TO_DEPTH and MEAN. Shape operands must be constants (TFLite models
// of fixed size have them as constants); their values are read at compile
// time. Movement ops do not look at the element type, so they serve float
// and quantized graphs alike.
//
//===----------------------------------------------------------------------===//

#include "mint/Conversion/MintToTosa/MintToTosa.h"

#include "TosaBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include "llvm/ADT/SmallBitVector.h"

#include <numeric>

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::tosa_lowering;

namespace {

/// RESHAPE and SQUEEZE: the result type says it all.
template <typename MintOp>
struct ConvertToReshape : OpConversionPattern<MintOp> {
  using OpConversionPattern<MintOp>::OpConversionPattern;
  using OpAdaptor = typename MintOp::Adaptor;

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    rewriter.replaceOp(op,
                       createReshape(rewriter, op.getLoc(), adaptor.getInput(),
                                     resultType->getShape()));
    return success();
  }
};

struct ConvertConcatenation : OpConversionPattern<ConcatenationOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConcatenationOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    if (!isFloatTensor(op.getType()) &&
        op.getFusedActivationFunction() != ActivationFunctionType::None)
      return rewriter.notifyMatchFailure(op, "quantized fused activation");
    int64_t rank = resultType->getRank();
    int64_t axis = static_cast<int32_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    Value concat = tosa::ConcatOp::create(rewriter, op.getLoc(), *resultType,
                                          adaptor.getValues(),
                                          rewriter.getI32IntegerAttr(axis));
    FailureOr<Value> result = concat;
    if (isFloatTensor(op.getType()))
      result = applyFloatActivation(rewriter, op, concat,
                                    op.getFusedActivationFunction());
    if (failed(result))
      return failure();
    rewriter.replaceOp(op, *result);
    return success();
  }
};

/// PAD and PADV2; PAD pads with zero (the zero point when quantized).
/// For an integer target, leading unit dimensions without padding are
/// reshaped away down to rank 3: tosa-validate's 8K level rejects the
/// `!tosa.shape<8>` paddings of a rank-4 pad (it checks the shape operand's
/// length against MAX_RANK 6).
template <typename MintOp> struct ConvertPad : OpConversionPattern<MintOp> {
  using OpAdaptor = typename MintOp::Adaptor;

  ConvertPad(const TypeConverter &typeConverter, MLIRContext *context,
             bool integerTarget)
      : OpConversionPattern<MintOp>(typeConverter, context),
        integerTarget(integerTarget) {}

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    FailureOr<SmallVector<int64_t>> paddings =
        getConstantInts(op.getPaddings());
    if (failed(paddings) ||
        static_cast<int64_t>(paddings->size()) != 2 * resultType->getRank())
      return rewriter.notifyMatchFailure(op, "paddings are not constant");
    Location loc = op.getLoc();
    Value padValue;
    if constexpr (std::is_same_v<MintOp, PadV2Op>) {
      padValue = createReshape(rewriter, loc, adaptor.getConstantValues(), {1});
    } else {
      double zero = 0.0;
      Type elementType = op.getType().getElementType();
      if (auto quantized = dyn_cast<quant::UniformQuantizedType>(elementType))
        zero = quantized.getZeroPoint();
      padValue =
          createZeroPoint(rewriter, loc, resultType->getElementType(), zero);
    }
    Value input = adaptor.getInput();
    RankedTensorType padType = *resultType;
    SmallVector<int64_t> padding(*paddings);
    int64_t dropped = 0;
    auto inputShape = cast<RankedTensorType>(input.getType()).getShape();
    while (integerTarget && padType.getRank() - dropped > 3 &&
           inputShape[dropped] == 1 && padding[2 * dropped] == 0 &&
           padding[2 * dropped + 1] == 0)
      ++dropped;
    if (dropped) {
      input =
          createReshape(rewriter, loc, input, inputShape.drop_front(dropped));
      padding.erase(padding.begin(), padding.begin() + 2 * dropped);
      padType = RankedTensorType::get(padType.getShape().drop_front(dropped),
                                      padType.getElementType());
    }
    Value padded =
        tosa::PadOp::create(rewriter, loc, padType, input,
                            createShape(rewriter, loc, padding), padValue);
    if (dropped)
      padded = createReshape(rewriter, loc, padded, resultType->getShape());
    rewriter.replaceOp(op, padded);
    return success();
  }

  /// MintToTosaPassOptions::integerTarget.
  bool integerTarget;
};

struct ConvertSlice : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    FailureOr<SmallVector<int64_t>> begin = getConstantInts(op.getBegin());
    if (failed(begin))
      return rewriter.notifyMatchFailure(op, "begin is not constant");
    Location loc = op.getLoc();
    rewriter.replaceOpWithNewOp<tosa::SliceOp>(
        op, *resultType, adaptor.getInput(), createShape(rewriter, loc, *begin),
        createShape(rewriter, loc, resultType->getShape()));
    return success();
  }
};

/// STRIDED_SLICE with constant begin/end/strides, positive strides and no
/// ellipsis or new axes: a strided tensor.extract_slice, then a reshape that
/// drops the shrunk axes.
struct ConvertStridedSlice : OpConversionPattern<StridedSliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(StridedSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    if (op.getEllipsisMask() || op.getNewAxisMask())
      return rewriter.notifyMatchFailure(op, "ellipsis or new-axis mask");
    FailureOr<SmallVector<int64_t>> begin = getConstantInts(op.getBegin());
    FailureOr<SmallVector<int64_t>> end = getConstantInts(op.getEnd());
    FailureOr<SmallVector<int64_t>> strides = getConstantInts(op.getStrides());
    if (failed(begin) || failed(end) || failed(strides))
      return rewriter.notifyMatchFailure(op, "begin/end/strides not constant");
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    int64_t rank = inputType.getRank();
    if (static_cast<int64_t>(begin->size()) > rank)
      return rewriter.notifyMatchFailure(op, "more slice axes than dims");
    SmallVector<int64_t> offsets(rank, 0), sizes(inputType.getShape()),
        steps(rank, 1);
    for (int64_t i = 0, e = begin->size(); i < e; ++i) {
      int64_t dim = inputType.getDimSize(i);
      int64_t stride = (*strides)[i];
      if (stride <= 0)
        return rewriter.notifyMatchFailure(op, "non-positive stride");
      auto normalize = [&](int64_t index) {
        index = index < 0 ? index + dim : index;
        return std::clamp<int64_t>(index, 0, dim);
      };
      int64_t first = op.getBeginMask() & (1 << i) ? 0 : normalize((*begin)[i]);
      int64_t last;
      if (op.getShrinkAxisMask() & (1 << i)) {
        last = first + 1;
        stride = 1;
      } else if (op.getEndMask() & (1 << i)) {
        last = dim;
      } else {
        last = op.getOffset() ? normalize(first + (*end)[i])
                              : normalize((*end)[i]);
      }
      offsets[i] = first;
      steps[i] = stride;
      sizes[i] = std::max<int64_t>((last - first + stride - 1) / stride, 0);
    }
    Location loc = op.getLoc();
    auto sliceType = inputType.clone(sizes);
    Value slice = tensor::ExtractSliceOp::create(
        rewriter, loc, sliceType, adaptor.getInput(), ValueRange{},
        ValueRange{}, ValueRange{}, rewriter.getDenseI64ArrayAttr(offsets),
        rewriter.getDenseI64ArrayAttr(sizes),
        rewriter.getDenseI64ArrayAttr(steps));
    if (sliceType.getNumElements() != resultType->getNumElements())
      return rewriter.notifyMatchFailure(op, "slice does not fit the result");
    rewriter.replaceOp(
        op, createReshape(rewriter, loc, slice, resultType->getShape()));
    return success();
  }
};

struct ConvertTranspose : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    FailureOr<SmallVector<int64_t>> perm = getConstantInts(op.getPerm());
    if (failed(perm))
      return rewriter.notifyMatchFailure(op, "permutation is not constant");
    SmallVector<int32_t> perms(perm->begin(), perm->end());
    rewriter.replaceOpWithNewOp<tosa::TransposeOp>(
        op, *resultType, adaptor.getInput(),
        rewriter.getDenseI32ArrayAttr(perms));
    return success();
  }
};

/// Float RESIZE_BILINEAR computed as TFLite's float kernel computes it, as a
/// linalg.generic that gathers the four neighbours: source coordinate
/// (y + 1/2) * scale - 1/2 (half-pixel centers) or y * scale, corners
/// floor (clamped to 0) and ceil (clamped to the last row), and the four
/// weighted neighbours added in the kernel's order. tosa.resize gives the
/// same values up to rounding only.
struct ConvertFloatResizeBilinear : OpConversionPattern<ResizeBilinearOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ResizeBilinearOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    if (!inputType.getElementType().isF32())
      return rewriter.notifyMatchFailure(op, "not float32");
    Location loc = op.getLoc();
    bool alignCorners = op.getAlignCorners();
    bool halfPixel = op.getHalfPixelCenters();
    auto scaleOf = [&](int64_t in, int64_t out) -> float {
      if (alignCorners && out > 1)
        return static_cast<float>(in - 1) / static_cast<float>(out - 1);
      return static_cast<float>(in) / static_cast<float>(out);
    };
    float scaleY = scaleOf(inputType.getDimSize(1), resultType->getDimSize(1));
    float scaleX = scaleOf(inputType.getDimSize(2), resultType->getDimSize(2));
    Value input = adaptor.getInput();
    Value init = tensor::EmptyOp::create(rewriter, loc, resultType->getShape(),
                                         resultType->getElementType());
    SmallVector<utils::IteratorType> iterators(4,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, *resultType, ValueRange{}, ValueRange{init},
        SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(4)}, iterators,
        [&](OpBuilder &b, Location l, ValueRange) {
          Type f32 = b.getF32Type();
          Type index = b.getIndexType();
          auto constF = [&](float v) -> Value {
            return arith::ConstantOp::create(b, l, b.getF32FloatAttr(v));
          };
          // Source coordinate, lower and upper corner along one axis.
          auto axis = [&](int64_t dim, float scale, int64_t size) {
            Value out = linalg::IndexOp::create(b, l, dim);
            Value outF = arith::UIToFPOp::create(
                b, l, f32,
                arith::IndexCastUIOp::create(b, l, b.getI32Type(), out));
            Value coord;
            if (halfPixel)
              coord = arith::SubFOp::create(
                  b, l,
                  arith::MulFOp::create(
                      b, l, arith::AddFOp::create(b, l, outF, constF(0.5f)),
                      constF(scale)),
                  constF(0.5f));
            else
              coord = arith::MulFOp::create(b, l, outF, constF(scale));
            Value floor = math::FloorOp::create(b, l, coord);
            Value ceil = math::CeilOp::create(b, l, coord);
            Value lower = arith::MaximumFOp::create(b, l, floor, constF(0.0f));
            Value upper = arith::MinimumFOp::create(
                b, l, ceil, constF(static_cast<float>(size - 1)));
            Value lowerIndex = arith::IndexCastOp::create(
                b, l, index,
                arith::FPToSIOp::create(b, l, b.getI32Type(), lower));
            Value upperIndex = arith::IndexCastOp::create(
                b, l, index,
                arith::FPToSIOp::create(b, l, b.getI32Type(), upper));
            Value fraction = arith::SubFOp::create(b, l, coord, lower);
            return std::make_tuple(fraction, lowerIndex, upperIndex);
          };
          auto [dy, y0, y1] = axis(1, scaleY, inputType.getDimSize(1));
          auto [dx, x0, x1] = axis(2, scaleX, inputType.getDimSize(2));
          Value n = linalg::IndexOp::create(b, l, 0);
          Value c = linalg::IndexOp::create(b, l, 3);
          Value one = constF(1.0f);
          Value ry = arith::SubFOp::create(b, l, one, dy);
          Value rx = arith::SubFOp::create(b, l, one, dx);
          Value sum = constF(0.0f);
          for (auto [y, x, wy, wx] :
               {std::tuple(y0, x0, ry, rx), std::tuple(y0, x1, ry, dx),
                std::tuple(y1, x0, dy, rx), std::tuple(y1, x1, dy, dx)}) {
            Value value =
                tensor::ExtractOp::create(b, l, input, ValueRange{n, y, x, c});
            Value weight = arith::MulFOp::create(b, l, wy, wx);
            sum = arith::AddFOp::create(
                b, l, sum, arith::MulFOp::create(b, l, value, weight));
          }
          linalg::YieldOp::create(b, l, sum);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

template <typename MintOp> struct ConvertResize : OpConversionPattern<MintOp> {
  using OpConversionPattern<MintOp>::OpConversionPattern;
  using OpAdaptor = typename MintOp::Adaptor;

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    constexpr bool nearest = std::is_same_v<MintOp, ResizeNearestNeighborOp>;
    if (!nearest)
      return rewriter.notifyMatchFailure(
          op, "bilinear resizes have a lowering of their own");
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    ResizeAxis y = computeResizeAxis(
        inputType.getDimSize(1), resultType->getDimSize(1),
        op.getAlignCorners(), op.getHalfPixelCenters(), nearest);
    ResizeAxis x = computeResizeAxis(
        inputType.getDimSize(2), resultType->getDimSize(2),
        op.getAlignCorners(), op.getHalfPixelCenters(), nearest);
    Location loc = op.getLoc();
    rewriter.replaceOpWithNewOp<tosa::ResizeOp>(
        op, *resultType, adaptor.getInput(),
        createShape(rewriter, loc, {y.n, y.d, x.n, x.d}),
        createShape(rewriter, loc, {y.offset, x.offset}),
        createShape(rewriter, loc, {y.border, x.border}),
        tosa::ResizeModeAttr::get(rewriter.getContext(),
                                  nearest ? tosa::ResizeMode::NEAREST_NEIGHBOR
                                          : tosa::ResizeMode::BILINEAR));
    return success();
  }
};

/// DEPTH_TO_SPACE and SPACE_TO_DEPTH: reshape to rank 6, swap the block
/// axis with a spatial axis, reshape back.
template <typename MintOp>
struct ConvertBlockRearrange : OpConversionPattern<MintOp> {
  using OpConversionPattern<MintOp>::OpConversionPattern;
  using OpAdaptor = typename MintOp::Adaptor;

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    int64_t b = op.getBlockSize();
    int64_t n = inputType.getDimSize(0);
    SmallVector<int64_t> expanded;
    if constexpr (std::is_same_v<MintOp, DepthToSpaceOp>) {
      // [N, H, W, b, b, C'] -> [N, H, b, W, b, C']
      expanded = {
          n, inputType.getDimSize(1),          inputType.getDimSize(2), b,
          b, inputType.getDimSize(3) / (b * b)};
    } else {
      // [N, H/b, b, W/b, b, C] -> [N, H/b, W/b, b, b, C]
      expanded = {n, inputType.getDimSize(1) / b,
                  b, inputType.getDimSize(2) / b,
                  b, inputType.getDimSize(3)};
    }
    Location loc = op.getLoc();
    Value reshaped = createReshape(rewriter, loc, adaptor.getInput(), expanded);
    SmallVector<int64_t> permuted = {expanded[0], expanded[1], expanded[3],
                                     expanded[2], expanded[4], expanded[5]};
    Value transposed = tosa::TransposeOp::create(
        rewriter, loc, inputType.clone(permuted), reshaped,
        rewriter.getDenseI32ArrayAttr({0, 1, 3, 2, 4, 5}));
    rewriter.replaceOp(
        op, createReshape(rewriter, loc, transposed, resultType->getShape()));
    return success();
  }
};

/// Float MEAN: one sum over the reduced axes (merged when adjacent, so the
/// values are added in TFLite's row-major order), divided by the count.
struct ConvertMean : OpConversionPattern<MeanOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MeanOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    if (!isFloatTensor(op.getInput().getType()))
      return rewriter.notifyMatchFailure(op, "quantized mean");
    FailureOr<SmallVector<int64_t>> axes = getConstantInts(op.getAxis());
    if (failed(axes))
      return rewriter.notifyMatchFailure(op, "axes are not constant");
    Location loc = op.getLoc();
    Value value = adaptor.getInput();
    auto type = cast<RankedTensorType>(value.getType());
    FailureOr<ReducedSum> sum = createReduceSum(rewriter, loc, value, *axes);
    if (failed(sum))
      return rewriter.notifyMatchFailure(op, "axis out of range");
    value = sum->value;
    int64_t count = sum->count;
    if (count != 1) {
      auto reducedType = cast<RankedTensorType>(value.getType());
      value =
          createFloatDivide(rewriter, loc, reducedType, value,
                            createScalar(rewriter, loc, type.getElementType(),
                                         count, reducedType.getRank()));
    }
    rewriter.replaceOp(
        op, createReshape(rewriter, loc, value, resultType->getShape()));
    return success();
  }
};

} // namespace

void mint::populateMintShapeToTosaPatterns(
    const TypeConverter &typeConverter, RewritePatternSet &patterns,
    const MintToTosaPassOptions &options) {
  patterns.add<ConvertPad<PadOp>, ConvertPad<PadV2Op>>(
      typeConverter, patterns.getContext(), options.integerTarget);
  patterns
      .add<ConvertToReshape<ReshapeOp>, ConvertToReshape<SqueezeOp>,
           ConvertConcatenation, ConvertSlice, ConvertStridedSlice,
           ConvertTranspose, ConvertResize<ResizeBilinearOp>,
           ConvertFloatResizeBilinear, ConvertResize<ResizeNearestNeighborOp>,
           ConvertBlockRearrange<DepthToSpaceOp>,
           ConvertBlockRearrange<SpaceToDepthOp>, ConvertMean>(
          typeConverter, patterns.getContext());
}
