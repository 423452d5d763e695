//===- TosaBuilders.cpp - Shared pieces of the mint → TOSA lowering -------===//
//
// Implements the builders declared in TosaBuilders.h.
//
//===----------------------------------------------------------------------===//

#include "TosaBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/Utils/ConversionUtils.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SmallBitVector.h"

#include <cmath>
#include <limits>

#include <numeric>

using namespace mlir;
using namespace mlir::mint;

namespace mlir::mint::tosa_lowering {

Value createShape(OpBuilder &builder, Location loc, ArrayRef<int64_t> values) {
  auto type = tosa::shapeType::get(builder.getContext(), values.size());
  auto attr = DenseIntElementsAttr::get(
      RankedTensorType::get({static_cast<int64_t>(values.size())},
                            builder.getIndexType()),
      values);
  return tosa::ConstShapeOp::create(builder, loc, type, attr);
}

static TypedAttr getScalarAttr(Type elementType, double value) {
  if (auto floatType = dyn_cast<FloatType>(elementType))
    return FloatAttr::get(floatType, value);
  return IntegerAttr::get(elementType, static_cast<int64_t>(value));
}

Value createSplat(OpBuilder &builder, Location loc, RankedTensorType type,
                  double value) {
  auto attr =
      DenseElementsAttr::get(type, getScalarAttr(type.getElementType(), value));
  return tosa::ConstOp::create(builder, loc, type, attr);
}

Value createZeroPoint(OpBuilder &builder, Location loc, Type elementType,
                      double value) {
  return createSplat(builder, loc, RankedTensorType::get({1}, elementType),
                     value);
}

Value createScalar(OpBuilder &builder, Location loc, Type elementType,
                   double value, int64_t rank) {
  SmallVector<int64_t> shape(rank, 1);
  return createSplat(builder, loc, RankedTensorType::get(shape, elementType),
                     value);
}

Value createReshape(OpBuilder &builder, Location loc, Value value,
                    ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  return tosa::ReshapeOp::create(builder, loc, type.clone(shape), value,
                                 createShape(builder, loc, shape));
}

Value expandToRank(OpBuilder &builder, Location loc, Value value,
                   int64_t rank) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() >= rank)
    return value;
  SmallVector<int64_t> shape(rank - type.getRank(), 1);
  llvm::append_range(shape, type.getShape());
  return createReshape(builder, loc, value, shape);
}

Value createMul(OpBuilder &builder, Location loc, RankedTensorType type,
                Value lhs, Value rhs) {
  lhs = expandToRank(builder, loc, lhs, type.getRank());
  rhs = expandToRank(builder, loc, rhs, type.getRank());
  Value shift = createZeroPoint(builder, loc, builder.getI8Type());
  return tosa::MulOp::create(builder, loc, type, lhs, rhs, shift);
}

Value createElementwiseGeneric(
    OpBuilder &builder, Location loc, RankedTensorType type,
    ValueRange operands,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  int64_t rank = type.getRank();
  MLIRContext *context = builder.getContext();
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (Value operand : operands) {
    operand = expandToRank(builder, loc, operand, rank);
    auto operandType = cast<RankedTensorType>(operand.getType());
    // A unit dimension that the result does not have broadcasts.
    SmallVector<AffineExpr> results;
    for (int64_t i = 0; i < rank; ++i)
      results.push_back(operandType.getDimSize(i) == 1 &&
                                type.getDimSize(i) != 1
                            ? getAffineConstantExpr(0, context)
                            : getAffineDimExpr(i, context));
    maps.push_back(AffineMap::get(rank, 0, results, context));
    inputs.push_back(operand);
  }
  maps.push_back(builder.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init = tensor::EmptyOp::create(builder, loc, type.getShape(),
                                       type.getElementType());
  return linalg::GenericOp::create(
             builder, loc, type, inputs, ValueRange{init}, maps, iterators,
             [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
               Value result =
                   body(nested, nestedLoc, args.take_front(inputs.size()));
               linalg::YieldOp::create(nested, nestedLoc, result);
             })
      .getResult(0);
}

Value createFloatDivide(OpBuilder &builder, Location loc, RankedTensorType type,
                        Value lhs, Value rhs) {
  return createElementwiseGeneric(
      builder, loc, type, {lhs, rhs},
      [](OpBuilder &nested, Location nestedLoc, ValueRange args) -> Value {
        return arith::DivFOp::create(nested, nestedLoc, args[0], args[1]);
      });
}

FailureOr<ReducedSum> createReduceSum(OpBuilder &builder, Location loc,
                                      Value value, ArrayRef<int64_t> axes) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  llvm::SmallBitVector reduced(rank);
  for (int64_t axis : axes) {
    axis = axis < 0 ? axis + rank : axis;
    if (axis < 0 || axis >= rank)
      return failure();
    reduced.set(axis);
  }
  // Merge each run of adjacent reduced axes into one dimension.
  SmallVector<int64_t> merged;
  SmallVector<bool> mergedReduced;
  ReducedSum sum;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t size = type.getDimSize(i);
    if (reduced[i])
      sum.count *= size;
    if (i > 0 && reduced[i] && reduced[i - 1]) {
      merged.back() *= size;
      continue;
    }
    merged.push_back(size);
    mergedReduced.push_back(reduced[i]);
  }
  value = createReshape(builder, loc, value, merged);
  SmallVector<int64_t> shape(merged);
  for (int64_t i = 0, e = merged.size(); i < e; ++i) {
    if (!mergedReduced[i] || shape[i] == 1)
      continue;
    shape[i] = 1;
    value = tosa::ReduceSumOp::create(builder, loc, type.clone(shape), value,
                                      builder.getI32IntegerAttr(i));
  }
  sum.value = value;
  return sum;
}

FailureOr<SmallVector<int64_t>> getConstantInts(Value value) {
  DenseIntElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return failure();
  SmallVector<int64_t> values;
  for (const APInt &element : attr.getValues<APInt>())
    values.push_back(element.getSExtValue());
  return values;
}

WindowDim computeWindow(Padding padding, int64_t inputSize, int64_t kernel,
                        int64_t stride, int64_t dilation) {
  WindowDim dim;
  int64_t effectiveKernel = (kernel - 1) * dilation + 1;
  if (padding == Padding::Same) {
    dim.outputSize = (inputSize + stride - 1) / stride;
    int64_t total = std::max<int64_t>(
        (dim.outputSize - 1) * stride + effectiveKernel - inputSize, 0);
    dim.padBefore = total / 2;
    dim.padAfter = total - dim.padBefore;
  } else {
    dim.outputSize = (inputSize - effectiveKernel + stride) / stride;
  }
  // Rows past the last window are not read; TOSA wants them gone.
  int64_t excess =
      (inputSize + dim.padBefore + dim.padAfter - effectiveKernel) % stride;
  int64_t fromPadding = std::min(excess, dim.padAfter);
  dim.padAfter -= fromPadding;
  dim.inputSize = inputSize - (excess - fromPadding);
  return dim;
}

Value cropSpatial(OpBuilder &builder, Location loc, Value input, int64_t height,
                  int64_t width) {
  auto type = cast<RankedTensorType>(input.getType());
  if (type.getDimSize(1) == height && type.getDimSize(2) == width)
    return input;
  SmallVector<int64_t> size = {type.getDimSize(0), height, width,
                               type.getDimSize(3)};
  return tosa::SliceOp::create(builder, loc, type.clone(size), input,
                               createShape(builder, loc, {0, 0, 0, 0}),
                               createShape(builder, loc, size));
}

WindowAttrs prepareWindow(OpBuilder &builder, Location loc, Value input,
                          Padding padding, int64_t kernelH, int64_t kernelW,
                          int64_t strideH, int64_t strideW, int64_t dilationH,
                          int64_t dilationW) {
  auto type = cast<RankedTensorType>(input.getType());
  WindowDim h =
      computeWindow(padding, type.getDimSize(1), kernelH, strideH, dilationH);
  WindowDim w =
      computeWindow(padding, type.getDimSize(2), kernelW, strideW, dilationW);
  WindowAttrs attrs;
  attrs.input = cropSpatial(builder, loc, input, h.inputSize, w.inputSize);
  attrs.pad = builder.getDenseI64ArrayAttr(
      {h.padBefore, h.padAfter, w.padBefore, w.padAfter});
  attrs.stride = builder.getDenseI64ArrayAttr({strideH, strideW});
  attrs.dilation = builder.getDenseI64ArrayAttr({dilationH, dilationW});
  return attrs;
}

FailureOr<Value> applyFloatActivation(ConversionPatternRewriter &rewriter,
                                      Operation *op, Value value,
                                      ActivationFunctionType activation) {
  Location loc = op->getLoc();
  auto type = cast<RankedTensorType>(value.getType());
  auto elementType = cast<FloatType>(type.getElementType());
  auto clamp = [&](double low, double high) -> Value {
    return tosa::ClampOp::create(rewriter, loc, type, value,
                                 rewriter.getFloatAttr(elementType, low),
                                 rewriter.getFloatAttr(elementType, high));
  };
  double infinity = std::numeric_limits<double>::infinity();
  switch (activation) {
  case ActivationFunctionType::None:
    return value;
  case ActivationFunctionType::Relu:
    return clamp(0.0, infinity);
  case ActivationFunctionType::Relu6:
    return clamp(0.0, 6.0);
  case ActivationFunctionType::ReluN1To1:
    return clamp(-1.0, 1.0);
  case ActivationFunctionType::Tanh:
    return tosa::TanhOp::create(rewriter, loc, type, value).getResult();
  case ActivationFunctionType::SignBit:
    break;
  }
  return rewriter.notifyMatchFailure(
      op, "fused activation SIGN_BIT has no TFLite kernel to match");
}

FailureOr<RankedTensorType>
getStaticResultType(ConversionPatternRewriter &rewriter,
                    const TypeConverter &typeConverter, Operation *op,
                    unsigned index) {
  auto type = dyn_cast_or_null<RankedTensorType>(
      typeConverter.convertType(op->getResult(index).getType()));
  if (!type)
    return rewriter.notifyMatchFailure(op, "result type has no TOSA type");
  if (!type.hasStaticShape())
    return rewriter.notifyMatchFailure(
        op, "dynamic result shape; run mint-infer-shapes first");
  return type;
}

bool isFloatTensor(Type type) {
  auto tensor = dyn_cast<ShapedType>(type);
  return tensor && isa<FloatType>(tensor.getElementType());
}

int64_t roundHalfAwayFromZero(double value) {
  return static_cast<int64_t>(std::round(value));
}

QuantizedMultiplier quantizeMultiplier(double realMultiplier) {
  QuantizedMultiplier result;
  if (realMultiplier == 0.0)
    return result;
  int shift = 0;
  double mantissa = std::frexp(realMultiplier, &shift);
  int64_t fixed = roundHalfAwayFromZero(mantissa * (1LL << 31));
  if (fixed == (1LL << 31)) {
    fixed /= 2;
    ++shift;
  }
  if (shift < -31) {
    shift = 0;
    fixed = 0;
  }
  if (shift > 30) {
    shift = 30;
    fixed = (1LL << 31) - 1;
  }
  result.multiplier = static_cast<int32_t>(fixed);
  result.shift = shift;
  return result;
}

double getTFLiteScale(quant::UniformQuantizedType type) {
  return static_cast<double>(static_cast<float>(type.getScale()));
}

QuantizedMultiplier getRequantizeMultiplier(quant::UniformQuantizedType from,
                                            quant::UniformQuantizedType to) {
  return quantizeMultiplier(getTFLiteScale(from) / getTFLiteScale(to));
}

quant::UniformQuantizedType getQuantizedType(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    type = shaped.getElementType();
  return dyn_cast<quant::UniformQuantizedType>(type);
}

/// The rescale op with the given multiplier and shift tensors.
static Value buildRescale(OpBuilder &builder, Location loc,
                          RankedTensorType type, Value input,
                          ArrayRef<int64_t> multipliers, Type multiplierType,
                          ArrayRef<int64_t> shifts, int64_t inputZp,
                          int64_t outputZp, bool scale32,
                          tosa::RoundingMode rounding) {
  int64_t count = multipliers.size();
  auto multiplierTensor = RankedTensorType::get({count}, multiplierType);
  auto shiftTensor = RankedTensorType::get({count}, builder.getI8Type());
  SmallVector<APInt> multiplierValues, shiftValues;
  for (int64_t m : multipliers)
    multiplierValues.push_back(
        APInt(multiplierType.getIntOrFloatBitWidth(), m, /*isSigned=*/true));
  for (int64_t s : shifts)
    shiftValues.push_back(APInt(8, s, /*isSigned=*/true));
  Value multiplier = tosa::ConstOp::create(
      builder, loc, multiplierTensor,
      DenseElementsAttr::get(multiplierTensor, multiplierValues));
  Value shift =
      tosa::ConstOp::create(builder, loc, shiftTensor,
                            DenseElementsAttr::get(shiftTensor, shiftValues));
  Type inputElement = cast<ShapedType>(input.getType()).getElementType();
  Value inZp = createZeroPoint(builder, loc, inputElement, inputZp);
  Value outZp = createZeroPoint(builder, loc, type.getElementType(), outputZp);
  return tosa::RescaleOp::create(
      builder, loc, type, input, multiplier, shift, inZp, outZp,
      builder.getBoolAttr(scale32),
      tosa::RoundingModeAttr::get(builder.getContext(), rounding),
      builder.getBoolAttr(count > 1), builder.getBoolAttr(false),
      builder.getBoolAttr(false));
}

Value createRescale(OpBuilder &builder, Location loc, RankedTensorType type,
                    Value input, ArrayRef<QuantizedMultiplier> multipliers,
                    int64_t inputZp, int64_t outputZp,
                    tosa::RoundingMode rounding) {
  SmallVector<int64_t> values, shifts;
  for (const QuantizedMultiplier &m : multipliers) {
    values.push_back(m.multiplier);
    // A zero multiplier has no exponent; any legal shift gives zero.
    shifts.push_back(m.multiplier == 0 ? 31 : 31 - m.shift);
  }
  return buildRescale(builder, loc, type, input, values, builder.getI32Type(),
                      shifts, inputZp, outputZp, /*scale32=*/true, rounding);
}

Value createRescale16(OpBuilder &builder, Location loc, RankedTensorType type,
                      Value input, ArrayRef<QuantizedMultiplier> multipliers,
                      int64_t outputZp) {
  SmallVector<int64_t> values, shifts;
  for (const QuantizedMultiplier &m : multipliers) {
    int64_t reduced =
        m.multiplier < 0x7FFF0000
            ? (static_cast<int64_t>(m.multiplier) + (1 << 15)) >> 16
            : 0x7FFF;
    values.push_back(reduced);
    shifts.push_back(15 - m.shift);
  }
  return buildRescale(builder, loc, type, input, values, builder.getI16Type(),
                      shifts, 0, outputZp, /*scale32=*/false,
                      tosa::RoundingMode::SINGLE_ROUND);
}

/// TFLite's MultiplyByQuantizedMultiplier as its NEON code computes it on
/// int32 `input` (x86 builds run that code through NEON_2_SSE): a saturating
/// rounding doubling high multiply, then a rounding right shift, each
/// rounding halves up (gemmlowp's scalar code rounds them away from zero).
/// Two single-rounding rescales reproduce the two steps.
/// Requantizes all of `input` with the NEON rounding: two single-rounding
/// rescales, the high multiply then the rounding shift.
static Value createNeonRescale(OpBuilder &builder, Location loc, Value input,
                               ArrayRef<QuantizedMultiplier> multipliers) {
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> values, highShifts, ones, lowShifts;
  for (const QuantizedMultiplier &m : multipliers) {
    values.push_back(m.multiplier);
    highShifts.push_back(31 - std::max(m.shift, 0));
    ones.push_back(1 << 30);
    lowShifts.push_back(30 + std::max(-m.shift, 0));
  }
  Value high = buildRescale(builder, loc, type, input, values,
                            builder.getI32Type(), highShifts, 0, 0,
                            /*scale32=*/true, tosa::RoundingMode::SINGLE_ROUND);
  return buildRescale(builder, loc, type, high, ones, builder.getI32Type(),
                      lowShifts, 0, 0, /*scale32=*/true,
                      tosa::RoundingMode::SINGLE_ROUND);
}

Value emitFlatIndex(OpBuilder &builder, Location loc, ArrayRef<int64_t> shape) {
  Value flat = arith::ConstantIndexOp::create(builder, loc, 0);
  for (auto [dim, size] : llvm::enumerate(shape)) {
    flat = arith::MulIOp::create(
        builder, loc, flat, arith::ConstantIndexOp::create(builder, loc, size));
    flat = arith::AddIOp::create(builder, loc, flat,
                                 linalg::IndexOp::create(builder, loc, dim));
  }
  return flat;
}

Value createTFLiteRequantize(OpBuilder &builder, Location loc, Value input,
                             ArrayRef<QuantizedMultiplier> multipliers,
                             int64_t neonChannels) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  int64_t channels = type.getDimSize(rank - 1);
  if (neonChannels >= channels)
    return createNeonRescale(builder, loc, input, multipliers);
  // Per-channel parameters as constants read at the channel index (one
  // multiplier for all: plain constants).
  bool perChannel = multipliers.size() > 1;
  auto tableOf = [&](auto function) -> Value {
    if (!perChannel)
      return {};
    SmallVector<int32_t> values;
    for (int64_t c = 0; c < channels; ++c)
      values.push_back(
          function(multipliers[multipliers.size() == 1 ? 0 : c], c));
    auto tableType = RankedTensorType::get({channels}, builder.getI32Type());
    return arith::ConstantOp::create(
        builder, loc, DenseElementsAttr::get(tableType, ArrayRef(values)));
  };
  Value multiplierTable = tableOf(
      [](const QuantizedMultiplier &m, int64_t) { return m.multiplier; });
  Value shiftTable =
      tableOf([](const QuantizedMultiplier &m, int64_t) { return m.shift; });
  return createElementwiseGeneric(
      builder, loc, type, {input},
      [&](OpBuilder &b, Location l, ValueRange args) -> Value {
        Type i32 = b.getI32Type(), i64 = b.getI64Type();
        auto c32 = [&](int64_t v) -> Value {
          return arith::ConstantOp::create(b, l, b.getI32IntegerAttr(v));
        };
        auto c64 = [&](int64_t v) -> Value {
          return arith::ConstantOp::create(b, l, b.getI64IntegerAttr(v));
        };
        Value channel = linalg::IndexOp::create(b, l, rank - 1);
        Value multiplier =
            perChannel
                ? tensor::ExtractOp::create(b, l, multiplierTable, channel)
                      .getResult()
                : c32(multipliers.front().multiplier);
        Value shift = perChannel
                          ? tensor::ExtractOp::create(b, l, shiftTable, channel)
                                .getResult()
                          : c32(multipliers.front().shift);
        Value zero = c32(0);
        Value left = arith::MaxSIOp::create(b, l, shift, zero);
        Value right = arith::MaxSIOp::create(
            b, l, arith::SubIOp::create(b, l, zero, shift), zero);
        Value x = arith::ShLIOp::create(b, l, args[0], left);
        Value product = arith::MulIOp::create(
            b, l, arith::ExtSIOp::create(b, l, i64, x),
            arith::ExtSIOp::create(b, l, i64, multiplier));
        Value isNeon = arith::CmpIOp::create(
            b, l, arith::CmpIPredicate::slt,
            arith::IndexCastOp::create(b, l, i32, channel), c32(neonChannels));
        // NEON: (2ab + 2^31) >> 32, then a right shift rounding halves up.
        Value neonHigh = arith::TruncIOp::create(
            b, l, i32,
            arith::ShRSIOp::create(
                b, l,
                arith::AddIOp::create(
                    b, l, arith::ShLIOp::create(b, l, product, c64(1)),
                    c64(1LL << 31)),
                c64(32)));
        Value roundBit = arith::ShLIOp::create(
            b, l, c32(1),
            arith::MaxSIOp::create(
                b, l, arith::SubIOp::create(b, l, right, c32(1)), zero));
        Value hasRight =
            arith::CmpIOp::create(b, l, arith::CmpIPredicate::sgt, right, zero);
        Value neon = arith::SelectOp::create(
            b, l, hasRight,
            arith::ShRSIOp::create(
                b, l, arith::AddIOp::create(b, l, neonHigh, roundBit), right),
            neonHigh);
        // gemmlowp's scalar code.
        Value nonNegative = arith::CmpIOp::create(
            b, l, arith::CmpIPredicate::sge, product, c64(0));
        Value nudge = arith::SelectOp::create(b, l, nonNegative, c64(1LL << 30),
                                              c64(1 - (1LL << 30)));
        Value high = arith::TruncIOp::create(
            b, l, i32,
            arith::DivSIOp::create(b, l,
                                   arith::AddIOp::create(b, l, product, nudge),
                                   c64(1LL << 31)));
        Value mask = arith::SubIOp::create(
            b, l, arith::ShLIOp::create(b, l, c32(1), right), c32(1));
        Value remainder = arith::AndIOp::create(b, l, high, mask);
        Value negative =
            arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, high, zero);
        Value threshold = arith::AddIOp::create(
            b, l, arith::ShRSIOp::create(b, l, mask, c32(1)),
            arith::ExtUIOp::create(b, l, i32, negative));
        Value up = arith::CmpIOp::create(b, l, arith::CmpIPredicate::sgt,
                                         remainder, threshold);
        Value gemmlowp = arith::AddIOp::create(
            b, l, arith::ShRSIOp::create(b, l, high, right),
            arith::ExtUIOp::create(b, l, i32, up));
        return arith::SelectOp::create(b, l, isNeon, neon, gemmlowp);
      });
}

Value emitMultiplyByQuantizedMultiplier(OpBuilder &builder, Location loc,
                                        Value value,
                                        QuantizedMultiplier multiplier) {
  Type i32 = builder.getI32Type(), i64 = builder.getI64Type();
  auto c32 = [&](int64_t v) -> Value {
    return arith::ConstantOp::create(builder, loc,
                                     builder.getI32IntegerAttr(v));
  };
  auto c64 = [&](int64_t v) -> Value {
    return arith::ConstantOp::create(builder, loc,
                                     builder.getI64IntegerAttr(v));
  };
  int leftShift = std::max(multiplier.shift, 0);
  int rightShift = std::max(-multiplier.shift, 0);
  if (leftShift)
    value = arith::ShLIOp::create(builder, loc, value, c32(leftShift));
  // Saturating rounding doubling high multiply: (a * b + nudge) / 2^31 with
  // the nudge away from zero and a truncating division.
  Value product = arith::MulIOp::create(
      builder, loc, arith::ExtSIOp::create(builder, loc, i64, value),
      c64(multiplier.multiplier));
  Value nonNegative = arith::CmpIOp::create(
      builder, loc, arith::CmpIPredicate::sge, product, c64(0));
  Value nudge = arith::SelectOp::create(builder, loc, nonNegative,
                                        c64(1LL << 30), c64(1 - (1LL << 30)));
  Value high = arith::TruncIOp::create(
      builder, loc, i32,
      arith::DivSIOp::create(
          builder, loc, arith::AddIOp::create(builder, loc, product, nudge),
          c64(1LL << 31)));
  if (!rightShift)
    return high;
  // Rounding right shift, halves away from zero.
  int32_t mask = static_cast<int32_t>((1LL << rightShift) - 1);
  Value remainder = arith::AndIOp::create(builder, loc, high, c32(mask));
  Value negative = arith::CmpIOp::create(
      builder, loc, arith::CmpIPredicate::slt, high, c32(0));
  Value threshold = arith::AddIOp::create(
      builder, loc, c32(mask >> 1),
      arith::ExtUIOp::create(builder, loc, i32, negative));
  Value roundUp = arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::sgt,
                                        remainder, threshold);
  return arith::AddIOp::create(
      builder, loc, arith::ShRSIOp::create(builder, loc, high, c32(rightShift)),
      arith::ExtUIOp::create(builder, loc, i32, roundUp));
}

Value emitInt16TableLookup(OpBuilder &builder, Location loc, Value value,
                           Value table) {
  Type i32 = builder.getI32Type();
  auto c32 = [&](int64_t v) -> Value {
    return arith::ConstantOp::create(builder, loc,
                                     builder.getI32IntegerAttr(v));
  };
  Value index = arith::AddIOp::create(
      builder, loc, c32(256),
      arith::ShRSIOp::create(builder, loc, value, c32(7)));
  Value offset = arith::AndIOp::create(builder, loc, value, c32(0x7F));
  auto load = [&](Value at) -> Value {
    Value element = tensor::ExtractOp::create(
        builder, loc, table,
        ValueRange{arith::IndexCastOp::create(builder, loc,
                                              builder.getIndexType(), at)});
    return arith::ExtSIOp::create(builder, loc, i32, element);
  };
  Value base = load(index);
  Value next = load(arith::AddIOp::create(builder, loc, index, c32(1)));
  Value slope = arith::SubIOp::create(builder, loc, next, base);
  Value delta = arith::ShRSIOp::create(
      builder, loc,
      arith::AddIOp::create(builder, loc,
                            arith::MulIOp::create(builder, loc, slope, offset),
                            c32(64)),
      c32(7));
  return arith::AddIOp::create(builder, loc, base, delta);
}

std::pair<int64_t, int64_t>
getQuantizedActivationRange(ActivationFunctionType activation,
                            quant::UniformQuantizedType type) {
  int64_t low = type.getStorageTypeMin();
  int64_t high = type.getStorageTypeMax();
  float scale = static_cast<float>(type.getScale());
  int64_t zeroPoint = type.getZeroPoint();
  auto quantize = [&](float value) {
    return zeroPoint + static_cast<int32_t>(roundHalfAwayFromZero(
                           static_cast<float>(value / scale)));
  };
  switch (activation) {
  case ActivationFunctionType::Relu:
    return {std::max(low, quantize(0.0f)), high};
  case ActivationFunctionType::Relu6:
    return {std::max(low, quantize(0.0f)), std::min(high, quantize(6.0f))};
  case ActivationFunctionType::ReluN1To1:
    return {std::max(low, quantize(-1.0f)), std::min(high, quantize(1.0f))};
  default:
    return {low, high};
  }
}

Value applyQuantizedActivation(OpBuilder &builder, Location loc, Value value,
                               ActivationFunctionType activation,
                               quant::UniformQuantizedType type) {
  auto [low, high] = getQuantizedActivationRange(activation, type);
  return createIntegerClamp(builder, loc, value, type, low, high);
}

bool usesPowerOfTwoInt16Path(Operation *op) {
  auto flag = op->getAttrOfType<BoolAttr>("pot_scale_int16");
  if (flag && !flag.getValue())
    return false;
  auto isPowerOfTwo = [](Type type) {
    quant::UniformQuantizedType element = getQuantizedType(type);
    if (!element || element.getStorageTypeIntegralWidth() != 16 ||
        element.getZeroPoint() != 0)
      return false;
    int exponent;
    return std::frexp(static_cast<float>(element.getScale()), &exponent) ==
           0.5f;
  };
  return llvm::all_of(op->getOperandTypes(), isPowerOfTwo) &&
         llvm::all_of(op->getResultTypes(), isPowerOfTwo);
}

Value createIntegerClamp(OpBuilder &builder, Location loc, Value value,
                         quant::UniformQuantizedType type, int64_t low,
                         int64_t high) {
  if (low <= type.getStorageTypeMin() && high >= type.getStorageTypeMax())
    return value;
  auto tensorType = cast<RankedTensorType>(value.getType());
  Type element = tensorType.getElementType();
  return tosa::ClampOp::create(builder, loc, tensorType, value,
                               builder.getIntegerAttr(element, low),
                               builder.getIntegerAttr(element, high));
}

ResizeAxis computeResizeAxis(int64_t inputSize, int64_t outputSize,
                             bool alignCorners, bool halfPixel, bool nearest) {
  ResizeAxis axis;
  bool align = alignCorners && outputSize > 1;
  axis.n = align ? outputSize - 1 : outputSize;
  axis.d = align ? inputSize - 1 : inputSize;
  // Doubled so that half-pixel offsets and the nearest shift are integers.
  axis.n *= 2;
  axis.d *= 2;
  if (nearest) {
    axis.offset = halfPixel ? axis.d / 2 : 0;
    if (!align)
      axis.offset -= axis.n / 2;
  } else {
    axis.offset = halfPixel ? (axis.d - axis.n) / 2 : 0;
  }
  int64_t divisor = std::gcd(std::gcd(axis.n, axis.d), std::abs(axis.offset));
  if (divisor > 1) {
    axis.n /= divisor;
    axis.d /= divisor;
    axis.offset /= divisor;
  }
  axis.border =
      (outputSize - 1) * axis.d - (inputSize - 1) * axis.n + axis.offset;
  return axis;
}

} // namespace mlir::mint::tosa_lowering
