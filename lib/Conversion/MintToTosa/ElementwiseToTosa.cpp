//===- ElementwiseToTosa.cpp - Lower mint arithmetic and activations ------===//
//
// ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM (with TFLite's broadcasting: the
// lower-rank operand gets leading unit dimensions), the activations and the
// softmaxes, as float TOSA.
//
//===----------------------------------------------------------------------===//

#include "mint/Conversion/MintToTosa/MintToTosa.h"

#include "TosaBuilders.h"

#include "mint/Dialect/Mint/IR/QuantizedConstants.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <limits>

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::tosa_lowering;

namespace {

/// Float arithmetic; `build` makes the TOSA op from rank-equalized operands.
template <typename MintOp>
struct ConvertArithmetic : OpConversionPattern<MintOp> {
  using OpConversionPattern<MintOp>::OpConversionPattern;
  using OpAdaptor = typename MintOp::Adaptor;

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    if (!isFloatTensor(op.getLhs().getType()))
      return rewriter.notifyMatchFailure(
          op, "only float operands are lowered by this pattern");
    Location loc = op.getLoc();
    int64_t rank = resultType->getRank();
    Value lhs = expandToRank(rewriter, loc, adaptor.getLhs(), rank);
    Value rhs = expandToRank(rewriter, loc, adaptor.getRhs(), rank);
    Value value = build(rewriter, loc, *resultType, lhs, rhs);
    ActivationFunctionType activation = ActivationFunctionType::None;
    if constexpr (!std::is_same_v<MintOp, MaximumOp> &&
                  !std::is_same_v<MintOp, MinimumOp>)
      activation = op.getFusedActivationFunction();
    FailureOr<Value> result =
        applyFloatActivation(rewriter, op, value, activation);
    if (failed(result))
      return failure();
    rewriter.replaceOp(op, *result);
    return success();
  }

  static Value build(OpBuilder &builder, Location loc, RankedTensorType type,
                     Value lhs, Value rhs) {
    if constexpr (std::is_same_v<MintOp, AddOp>)
      return tosa::AddOp::create(builder, loc, type, lhs, rhs);
    if constexpr (std::is_same_v<MintOp, SubOp>)
      return tosa::SubOp::create(builder, loc, type, lhs, rhs);
    if constexpr (std::is_same_v<MintOp, MulOp>)
      return createMul(builder, loc, type, lhs, rhs);
    if constexpr (std::is_same_v<MintOp, MaximumOp>)
      return tosa::MaximumOp::create(builder, loc, type, lhs, rhs);
    if constexpr (std::is_same_v<MintOp, MinimumOp>)
      return tosa::MinimumOp::create(builder, loc, type, lhs, rhs);
    if constexpr (std::is_same_v<MintOp, DivOp>)
      return createFloatDivide(builder, loc, type, lhs, rhs);
    llvm_unreachable("unhandled arithmetic op");
  }
};

/// Float activations and softmaxes: `build` makes the TOSA ops.
template <typename MintOp>
struct ConvertFloatUnary : OpConversionPattern<MintOp> {
  using OpConversionPattern<MintOp>::OpConversionPattern;
  using OpAdaptor = typename MintOp::Adaptor;

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    if (!isFloatTensor(op.getInput().getType()))
      return rewriter.notifyMatchFailure(
          op, "only float inputs are lowered by this pattern");
    FailureOr<Value> result =
        build(rewriter, op, adaptor, *resultType, adaptor.getInput());
    if (failed(result))
      return failure();
    rewriter.replaceOp(op, *result);
    return success();
  }

  static FailureOr<Value> build(ConversionPatternRewriter &rewriter, MintOp op,
                                OpAdaptor adaptor, RankedTensorType type,
                                Value x);
};

template <>
FailureOr<Value>
ConvertFloatUnary<ReluOp>::build(ConversionPatternRewriter &rewriter, ReluOp op,
                                 OpAdaptor, RankedTensorType, Value x) {
  return applyFloatActivation(rewriter, op, x, ActivationFunctionType::Relu);
}

template <>
FailureOr<Value>
ConvertFloatUnary<Relu6Op>::build(ConversionPatternRewriter &rewriter,
                                  Relu6Op op, OpAdaptor, RankedTensorType,
                                  Value x) {
  return applyFloatActivation(rewriter, op, x, ActivationFunctionType::Relu6);
}

template <>
FailureOr<Value>
ConvertFloatUnary<ReluN1To1Op>::build(ConversionPatternRewriter &rewriter,
                                      ReluN1To1Op op, OpAdaptor,
                                      RankedTensorType, Value x) {
  return applyFloatActivation(rewriter, op, x,
                              ActivationFunctionType::ReluN1To1);
}

template <>
FailureOr<Value>
ConvertFloatUnary<TanhOp>::build(ConversionPatternRewriter &rewriter, TanhOp op,
                                 OpAdaptor, RankedTensorType type, Value x) {
  return tosa::TanhOp::create(rewriter, op.getLoc(), type, x).getResult();
}

template <>
FailureOr<Value>
ConvertFloatUnary<LogisticOp>::build(ConversionPatternRewriter &rewriter,
                                     LogisticOp op, OpAdaptor,
                                     RankedTensorType type, Value x) {
  return tosa::SigmoidOp::create(rewriter, op.getLoc(), type, x).getResult();
}

/// x * (1/6) * relu6(x + 3), in the order TFLite's float kernel multiplies
/// (other orders differ from it in the last bit).
template <>
FailureOr<Value>
ConvertFloatUnary<HardSwishOp>::build(ConversionPatternRewriter &rewriter,
                                      HardSwishOp op, OpAdaptor,
                                      RankedTensorType type, Value x) {
  Location loc = op.getLoc();
  Type elementType = type.getElementType();
  int64_t rank = type.getRank();
  Value shifted =
      tosa::AddOp::create(rewriter, loc, type, x,
                          createScalar(rewriter, loc, elementType, 3.0, rank));
  Value clamped = tosa::ClampOp::create(
      rewriter, loc, type, shifted, rewriter.getFloatAttr(elementType, 0.0),
      rewriter.getFloatAttr(elementType, 6.0));
  Value sixth =
      createMul(rewriter, loc, type, x,
                createScalar(rewriter, loc, elementType, 1.0 / 6.0, rank));
  return createMul(rewriter, loc, type, sixth, clamped);
}

/// x >= 0 ? x : alpha * x, for a scalar or a broadcast tensor alpha.
Value buildLeaky(OpBuilder &builder, Location loc, RankedTensorType type,
                 Value x, Value alpha) {
  Value scaled = createMul(builder, loc, type, x, alpha);
  Value zero =
      createScalar(builder, loc, type.getElementType(), 0.0, type.getRank());
  Value positive = tosa::GreaterEqualOp::create(
      builder, loc, type.clone(builder.getI1Type()), x, zero);
  return tosa::SelectOp::create(builder, loc, type, positive, x, scaled);
}

template <>
FailureOr<Value>
ConvertFloatUnary<LeakyReluOp>::build(ConversionPatternRewriter &rewriter,
                                      LeakyReluOp op, OpAdaptor,
                                      RankedTensorType type, Value x) {
  Value alpha = createScalar(rewriter, op.getLoc(), type.getElementType(),
                             op.getAlpha().convertToDouble(), type.getRank());
  return buildLeaky(rewriter, op.getLoc(), type, x, alpha);
}

template <>
FailureOr<Value>
ConvertFloatUnary<PReluOp>::build(ConversionPatternRewriter &rewriter,
                                  PReluOp op, OpAdaptor adaptor,
                                  RankedTensorType type, Value x) {
  return buildLeaky(rewriter, op.getLoc(), type, x, adaptor.getAlpha());
}

/// Along the last axis: x - max(x), the shared first step of both softmaxes.
Value subtractMax(OpBuilder &builder, Location loc, RankedTensorType type,
                  Value x) {
  int32_t axis = type.getRank() - 1;
  SmallVector<int64_t> reducedShape(type.getShape());
  reducedShape[axis] = 1;
  Value max = tosa::ReduceMaxOp::create(builder, loc, type.clone(reducedShape),
                                        x, builder.getI32IntegerAttr(axis));
  return tosa::SubOp::create(builder, loc, type, x, max);
}

Value reduceSumLast(OpBuilder &builder, Location loc, RankedTensorType type,
                    Value x) {
  int32_t axis = type.getRank() - 1;
  SmallVector<int64_t> reducedShape(type.getShape());
  reducedShape[axis] = 1;
  return tosa::ReduceSumOp::create(builder, loc, type.clone(reducedShape), x,
                                   builder.getI32IntegerAttr(axis));
}

/// exp(beta * (x - max)) / sum(exp(beta * (x - max))).
template <>
FailureOr<Value>
ConvertFloatUnary<SoftmaxOp>::build(ConversionPatternRewriter &rewriter,
                                    SoftmaxOp op, OpAdaptor,
                                    RankedTensorType type, Value x) {
  Location loc = op.getLoc();
  Value shifted = subtractMax(rewriter, loc, type, x);
  double beta = op.getBeta().convertToDouble();
  if (beta != 1.0)
    shifted = createMul(rewriter, loc, type, shifted,
                        createScalar(rewriter, loc, type.getElementType(), beta,
                                     type.getRank()));
  Value exp = tosa::ExpOp::create(rewriter, loc, type, shifted);
  Value sum = reduceSumLast(rewriter, loc, type, exp);
  Value reciprocal =
      tosa::ReciprocalOp::create(rewriter, loc, sum.getType(), sum);
  return createMul(rewriter, loc, type, exp, reciprocal);
}

/// (x - max) - log(sum(exp(x - max))).
template <>
FailureOr<Value>
ConvertFloatUnary<LogSoftmaxOp>::build(ConversionPatternRewriter &rewriter,
                                       LogSoftmaxOp op, OpAdaptor,
                                       RankedTensorType type, Value x) {
  Location loc = op.getLoc();
  Value shifted = subtractMax(rewriter, loc, type, x);
  Value exp = tosa::ExpOp::create(rewriter, loc, type, shifted);
  Value sum = reduceSumLast(rewriter, loc, type, exp);
  Value log = tosa::LogOp::create(rewriter, loc, sum.getType(), sum);
  return tosa::SubOp::create(rewriter, loc, type, shifted, log).getResult();
}

/// FAKE_QUANT as TFLite's kernel computes it, in float: the range nudged
/// so that zero is a grid point (scale = (max - min) / (qmax - qmin), the
/// zero point from min rounded halves away from zero, min and max moved
/// onto the grid), then each value clamped, shifted by the nudged min,
/// rounded (halves away) to a multiple of the scale and shifted back.
/// (narrow_range, which TFLite's kernel refuses, is refused before.)
template <>
FailureOr<Value>
ConvertFloatUnary<FakeQuantOp>::build(ConversionPatternRewriter &rewriter,
                                      FakeQuantOp op, OpAdaptor,
                                      RankedTensorType type, Value x) {
  if (op.getMin().size() != 1)
    return rewriter.notifyMatchFailure(op, "per-axis ranges");
  FakeQuantGrid grid =
      FakeQuantGrid::get(op.getMin().front(), op.getMax().front(),
                         op.getNumBits(), /*narrowRange=*/false);
  float nudgedMin = grid.min, nudgedMax = grid.max, scale = grid.scale;
  float inverse = 1.0f / scale;
  return createElementwiseGeneric(
      rewriter, op.getLoc(), type, {x},
      [&](OpBuilder &b, Location l, ValueRange args) -> Value {
        auto constant = [&](float v) -> Value {
          return arith::ConstantOp::create(b, l, b.getF32FloatAttr(v));
        };
        Value value = args[0];
        Type elementType = value.getType();
        if (!elementType.isF32())
          value = arith::ExtFOp::create(b, l, b.getF32Type(), value);
        Value clamped = arith::MinimumFOp::create(
            b, l, arith::MaximumFOp::create(b, l, value, constant(nudgedMin)),
            constant(nudgedMax));
        Value shifted =
            arith::SubFOp::create(b, l, clamped, constant(nudgedMin));
        Value steps = math::RoundOp::create(
            b, l, arith::MulFOp::create(b, l, shifted, constant(inverse)));
        Value result = arith::AddFOp::create(
            b, l, arith::MulFOp::create(b, l, steps, constant(scale)),
            constant(nudgedMin));
        if (!elementType.isF32())
          result = arith::TruncFOp::create(b, l, elementType, result);
        return result;
      });
}

} // namespace

void mint::populateMintElementwiseToTosaPatterns(
    const TypeConverter &typeConverter, RewritePatternSet &patterns) {
  patterns.add<ConvertArithmetic<AddOp>, ConvertArithmetic<SubOp>,
               ConvertArithmetic<MulOp>, ConvertArithmetic<DivOp>,
               ConvertArithmetic<MaximumOp>, ConvertArithmetic<MinimumOp>,
               ConvertFloatUnary<ReluOp>, ConvertFloatUnary<Relu6Op>,
               ConvertFloatUnary<ReluN1To1Op>, ConvertFloatUnary<TanhOp>,
               ConvertFloatUnary<LogisticOp>, ConvertFloatUnary<HardSwishOp>,
               ConvertFloatUnary<LeakyReluOp>, ConvertFloatUnary<PReluOp>,
               ConvertFloatUnary<SoftmaxOp>, ConvertFloatUnary<LogSoftmaxOp>,
               ConvertFloatUnary<FakeQuantOp>>(typeConverter,
                                               patterns.getContext());
}
