//===- QuantizedToTosa.cpp - Lower quantized mint ops to TOSA -------------===//
//
// Integer lowerings of the quantized ops whose arithmetic TFLite's built-in
// kernels define: convolutions, depthwise and transposed convolutions and
// fully connected (int8 per tensor and per channel, int16 activations with
// int8 weights), ADD and SUB, MUL, MAXIMUM/MINIMUM, PRELU, the pools, MEAN,
// RESIZE_BILINEAR, the clamping activations, QUANTIZE and DEQUANTIZE. Every
// requantization uses TFLite's multiplier, shift and rounding, so results
// are bit-exact with TFLite. The ops computed from tables are in
// QuantizedTablesToTosa.cpp.
//
//===----------------------------------------------------------------------===//

#include "mint/Conversion/MintToTosa/MintToTosa.h"

#include "TosaBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::tosa_lowering;

namespace {

/// Scales of a filter, one per output channel (or one for all).
SmallVector<double> getFilterScales(Type filterType) {
  Type element = cast<ShapedType>(filterType).getElementType();
  if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(element))
    return {getTFLiteScale(perTensor)};
  SmallVector<double> scales;
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(element))
    for (double scale : perAxis.getScales())
      scales.push_back(static_cast<double>(static_cast<float>(scale)));
  return scales;
}

/// True if every zero point of the filter is 0 (TFLite's symmetric
/// weights).
bool hasSymmetricFilter(Type filterType) {
  Type element = cast<ShapedType>(filterType).getElementType();
  if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(element))
    return perTensor.getZeroPoint() == 0;
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(element))
    return llvm::all_of(perAxis.getZeroPoints(),
                        [](int64_t zp) { return zp == 0; });
  return false;
}

/// The i64 bias constant of a TFLite int16x8 kernel as TOSA's i48 bias: an
/// i32 (or i64) constant converted by tosa.cast. (A non-splat i48 constant
/// does not survive translation to LLVM IR, whose i48 arrays are laid out
/// unlike MLIR's dense storage.) Fails when the bias is not constant or
/// does not fit 48 bits.
FailureOr<Value> convertBiasConstant(OpBuilder &builder, Location loc,
                                     Value bias, Type elementType) {
  DenseIntElementsAttr values;
  if (!matchPattern(bias, m_Constant(&values)))
    return failure();
  // i32 when every value fits (the common case), else i64; widened (or
  // narrowed to i48, exactly: TFLite's int64 accumulator stays within 48
  // bits for any int16 x int8 kernel) by tosa.cast.
  bool fits32 = llvm::all_of(values.getValues<APInt>(),
                             [](const APInt &v) { return v.isSignedIntN(32); });
  unsigned width = fits32 ? 32 : 64;
  auto storedType = RankedTensorType::get(values.getType().getShape(),
                                          builder.getIntegerType(width));
  SmallVector<APInt> stored;
  for (const APInt &value : values.getValues<APInt>()) {
    if (!value.isSignedIntN(48))
      return failure();
    stored.push_back(value.sextOrTrunc(width));
  }
  Value constant = tosa::ConstOp::create(
      builder, loc, storedType, DenseElementsAttr::get(storedType, stored));
  return tosa::CastOp::create(builder, loc, storedType.clone(elementType),
                              constant)
      .getResult();
}

/// The requantization of an int16x8 FULLY_CONNECTED's i48 accumulator as
/// TFLite's x86 build computes it: the full 32-bit multiplier (not the 16
/// bits its convolutions keep: bisecting hand_landmark_lite found outputs
/// 24669.46 that the reduced multiplier puts at 24669.56), one rounding of
/// the shifted product with ties away from zero (a tie-heavy test found it
/// rounding -2.5 to -3, where its convolutions round ties up, as
/// createRescale16 does), plus the output zero point, saturated. A linalg
/// body computing in i128 (an i48 accumulator times a 31-bit multiplier):
/// TOSA's rescale rounds ties up.
Value createInt16x8Requantize(OpBuilder &builder, Location loc,
                              RankedTensorType type, Value acc,
                              ArrayRef<QuantizedMultiplier> multipliers,
                              int64_t outputZp) {
  int64_t rank = type.getRank();
  int64_t channels = type.getDimSize(rank - 1);
  SmallVector<int64_t> values, shifts;
  for (int64_t c = 0; c < channels; ++c) {
    const QuantizedMultiplier &m = multipliers[multipliers.size() == 1 ? 0 : c];
    values.push_back(m.multiplier);
    shifts.push_back(31 - m.shift);
  }
  auto tableType = RankedTensorType::get({channels}, builder.getI64Type());
  Value multiplierTable = arith::ConstantOp::create(
      builder, loc, DenseElementsAttr::get(tableType, ArrayRef(values)));
  Value shiftTable = arith::ConstantOp::create(
      builder, loc, DenseElementsAttr::get(tableType, ArrayRef(shifts)));
  Type storage = type.getElementType();
  int64_t low = storage.getIntOrFloatBitWidth() == 16 ? -32768 : -128;
  int64_t high = storage.getIntOrFloatBitWidth() == 16 ? 32767 : 127;
  return createElementwiseGeneric(
      builder, loc, type, {acc},
      [&](OpBuilder &b, Location l, ValueRange args) -> Value {
        Type i128 = b.getIntegerType(128);
        auto c128 = [&](int64_t v) -> Value {
          return arith::ConstantOp::create(
              b, l, b.getIntegerAttr(i128, APInt(128, v, /*isSigned=*/true)));
        };
        Value channel = linalg::IndexOp::create(b, l, rank - 1);
        Value multiplier = arith::ExtSIOp::create(
            b, l, i128,
            tensor::ExtractOp::create(b, l, multiplierTable, channel));
        Value shift = arith::ExtSIOp::create(
            b, l, i128, tensor::ExtractOp::create(b, l, shiftTable, channel));
        Value x = arith::ExtSIOp::create(b, l, i128, args[0]);
        Value negative =
            arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, x, c128(0));
        Value magnitude = arith::SelectOp::create(
            b, l, negative, arith::SubIOp::create(b, l, c128(0), x), x);
        Value round = arith::ShLIOp::create(
            b, l, c128(1), arith::SubIOp::create(b, l, shift, c128(1)));
        Value scaled = arith::ShRSIOp::create(
            b, l,
            arith::AddIOp::create(
                b, l, arith::MulIOp::create(b, l, magnitude, multiplier),
                round),
            shift);
        Value value = arith::SelectOp::create(
            b, l, negative, arith::SubIOp::create(b, l, c128(0), scaled),
            scaled);
        value = arith::AddIOp::create(b, l, value, c128(outputZp));
        value = arith::MaxSIOp::create(b, l, value, c128(low));
        value = arith::MinSIOp::create(b, l, value, c128(high));
        return arith::TruncIOp::create(b, l, storage, value);
      });
}

/// Requantizes a convolution's accumulator `acc` to `storage` as TFLite
/// does: per output channel by input scale * filter scale / output scale
/// (int16x8: TFLite's 16-bit multipliers, single rounding), then the fused
/// activation's clamp.
Value requantizeAccumulator(OpBuilder &builder, Location loc, Value acc,
                            Type storage, quant::UniformQuantizedType inputType,
                            Type filterType,
                            quant::UniformQuantizedType outputType,
                            ActivationFunctionType activation,
                            std::optional<int64_t> neonChannels = {},
                            bool int16TiesAway = false) {
  double inputScale = getTFLiteScale(inputType);
  double outputScale = getTFLiteScale(outputType);
  SmallVector<QuantizedMultiplier> multipliers;
  for (double filterScale : getFilterScales(filterType))
    multipliers.push_back(
        quantizeMultiplier(inputScale * filterScale / outputScale));
  auto outTensor = cast<RankedTensorType>(acc.getType()).clone(storage);
  if (neonChannels) {
    auto accType = cast<RankedTensorType>(acc.getType());
    Value scaled =
        createTFLiteRequantize(builder, loc, acc, multipliers, *neonChannels);
    scaled = tosa::AddOp::create(
        builder, loc, accType, scaled,
        createScalar(builder, loc, builder.getI32Type(),
                     outputType.getZeroPoint(), accType.getRank()));
    auto [low, high] = getQuantizedActivationRange(activation, outputType);
    scaled = tosa::ClampOp::create(builder, loc, accType, scaled,
                                   builder.getI32IntegerAttr(low),
                                   builder.getI32IntegerAttr(high));
    return tosa::CastOp::create(builder, loc, outTensor, scaled);
  }
  Value result;
  if (inputType.getStorageTypeIntegralWidth() != 16)
    result = createRescale(builder, loc, outTensor, acc, multipliers, 0,
                           outputType.getZeroPoint());
  else if (int16TiesAway)
    result = createInt16x8Requantize(builder, loc, outTensor, acc, multipliers,
                                     outputType.getZeroPoint());
  else
    result = createRescale16(builder, loc, outTensor, acc, multipliers,
                             outputType.getZeroPoint());
  return applyQuantizedActivation(builder, loc, result, activation, outputType);
}

/// How many output channels of an int8 convolution TFLite's x86 build
/// requantizes with its NEON code's rounding: all of them for CONV_2D and
/// FULLY_CONNECTED, whole blocks of 8 for DEPTHWISE_CONV_2D and
/// TRANSPOSE_CONV (the rest in gemmlowp's scalar code); none for int16x8
/// (single rounding). Found with tie-heavy tests (rounding_ties_*.mlir).
template <typename MintOp>
std::optional<int64_t> getNeonChannels(bool int16, int64_t channels) {
  if (int16)
    return std::nullopt;
  if constexpr (std::is_same_v<MintOp, DepthwiseConv2DOp> ||
                std::is_same_v<MintOp, TransposeConvOp>)
    return channels / 8 * 8;
  return channels;
}

/// The quantized convolution family: an integer TOSA convolution into an
/// i32 (int8) or i48 (int16x8) accumulator, requantized per output channel
/// as TFLite does, clamped to the fused activation's range.
template <typename MintOp>
struct ConvertQuantizedConv : OpConversionPattern<MintOp> {
  using OpAdaptor = typename MintOp::Adaptor;

  ConvertQuantizedConv(const TypeConverter &typeConverter, MLIRContext *context,
                       bool integerTarget)
      : OpConversionPattern<MintOp>(typeConverter, context),
        integerTarget(integerTarget) {}

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inputType =
        getQuantizedType(op.getInput().getType());
    quant::UniformQuantizedType outputType = getQuantizedType(op.getType());
    if (!inputType || !outputType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    if (!hasSymmetricFilter(op.getFilter().getType()))
      return rewriter.notifyMatchFailure(op, "filter zero point is not 0");
    unsigned width = inputType.getStorageTypeIntegralWidth();
    if (width != 8 && width != 16)
      return rewriter.notifyMatchFailure(op, "unsupported input width");
    bool int16 = width == 16;
    if (int16 && inputType.getZeroPoint() != 0)
      return rewriter.notifyMatchFailure(op, "int16 input zero point is not 0");
    Location loc = op.getLoc();
    Type accType = int16 ? rewriter.getIntegerType(48) : rewriter.getI32Type();

    Value input = adaptor.getInput();
    Value filter = adaptor.getFilter();
    auto inputTensor = cast<RankedTensorType>(input.getType());
    auto filterTensor = cast<RankedTensorType>(filter.getType());
    int64_t channels = resultType->getDimSize(resultType->getRank() - 1);

    // Bias in the accumulator type (zeros when absent).
    Value bias;
    if (op.getBias()) {
      if (int16) {
        FailureOr<Value> converted =
            convertBiasConstant(rewriter, loc, op.getBias(), accType);
        if (failed(converted))
          return rewriter.notifyMatchFailure(
              op, "int16x8 bias is not a constant that fits 48 bits");
        bias = *converted;
      } else {
        bias = adaptor.getBias();
      }
    } else {
      bias = createSplat(rewriter, loc,
                         RankedTensorType::get({channels}, accType), 0.0);
    }
    Value inputZp = createZeroPoint(rewriter, loc, inputTensor.getElementType(),
                                    inputType.getZeroPoint());
    Value filterZp =
        createZeroPoint(rewriter, loc, filterTensor.getElementType(), 0);

    Value acc;
    if constexpr (std::is_same_v<MintOp, FullyConnectedOp>) {
      int64_t depth = filterTensor.getDimSize(1);
      if (inputTensor.getNumElements() % depth)
        return rewriter.notifyMatchFailure(op, "input does not fit filter");
      int64_t rows = inputTensor.getNumElements() / depth;
      input = createReshape(rewriter, loc, input, {rows, 1, 1, depth});
      filter = createReshape(rewriter, loc, filter, {channels, 1, 1, depth});
      auto accTensor = RankedTensorType::get({rows, 1, 1, channels}, accType);
      acc = tosa::Conv2DOp::create(
          rewriter, loc, accTensor, input, filter, bias, inputZp, filterZp,
          rewriter.getDenseI64ArrayAttr({0, 0, 0, 0}),
          rewriter.getDenseI64ArrayAttr({1, 1}),
          rewriter.getDenseI64ArrayAttr({1, 1}), TypeAttr::get(accType));
    } else {
      WindowAttrs window = prepareWindow(
          rewriter, loc, input, op.getPadding(), filterTensor.getDimSize(1),
          filterTensor.getDimSize(2), op.getStrideH(), op.getStrideW(),
          op.getDilationHFactor(), op.getDilationWFactor());
      input = window.input;
      auto pad = window.pad, stride = window.stride, dilation = window.dilation;
      auto accTensor = resultType->clone(accType);
      if constexpr (std::is_same_v<MintOp, DepthwiseConv2DOp>) {
        int64_t inChannels = inputTensor.getDimSize(3);
        filter = createReshape(rewriter, loc, filter,
                               {filterTensor.getDimSize(1),
                                filterTensor.getDimSize(2), inChannels,
                                channels / inChannels});
        acc = tosa::DepthwiseConv2DOp::create(
            rewriter, loc, accTensor, input, filter, bias, inputZp, filterZp,
            pad, stride, dilation, TypeAttr::get(accType));
      } else {
        acc = tosa::Conv2DOp::create(rewriter, loc, accTensor, input, filter,
                                     bias, inputZp, filterZp, pad, stride,
                                     dilation, TypeAttr::get(accType));
      }
    }

    Value result = requantizeAccumulator(
        rewriter, loc, acc, resultType->getElementType(), inputType,
        op.getFilter().getType(), outputType, op.getFusedActivationFunction(),
        integerTarget ? std::nullopt : getNeonChannels<MintOp>(int16, channels),
        /*int16TiesAway=*/!integerTarget &&
            std::is_same_v<MintOp, FullyConnectedOp>);
    rewriter.replaceOp(
        op, createReshape(rewriter, loc, result, resultType->getShape()));
    return success();
  }

  /// Requantize as TOSA and TFLite's reference kernels do, not as TFLite's
  /// x86 build (MintToTosaPassOptions::integerTarget).
  bool integerTarget;
};

/// Quantized TRANSPOSE_CONV: tosa.transpose_conv2d into an i32 (int8) or
/// i48 (int16x8) accumulator, requantized per output channel like the other
/// convolutions.
struct ConvertQuantizedTransposeConv : OpConversionPattern<TransposeConvOp> {
  ConvertQuantizedTransposeConv(const TypeConverter &typeConverter,
                                MLIRContext *context, bool integerTarget)
      : OpConversionPattern(typeConverter, context),
        integerTarget(integerTarget) {}

  LogicalResult
  matchAndRewrite(TransposeConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inputType =
        getQuantizedType(op.getInput().getType());
    quant::UniformQuantizedType outputType = getQuantizedType(op.getType());
    if (!inputType || !outputType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    if (!hasSymmetricFilter(op.getWeights().getType()))
      return rewriter.notifyMatchFailure(op, "filter zero point is not 0");
    unsigned width = inputType.getStorageTypeIntegralWidth();
    if (width != 8 && width != 16)
      return rewriter.notifyMatchFailure(op, "unsupported input width");
    bool int16 = width == 16;
    if (int16 && inputType.getZeroPoint() != 0)
      return rewriter.notifyMatchFailure(op, "int16 input zero point is not 0");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    Type accType = int16 ? rewriter.getIntegerType(48) : rewriter.getI32Type();
    Value bias;
    if (op.getBias() && int16) {
      FailureOr<Value> converted =
          convertBiasConstant(rewriter, loc, op.getBias(), accType);
      if (failed(converted))
        return rewriter.notifyMatchFailure(
            op, "int16x8 bias is not a constant that fits 48 bits");
      bias = *converted;
    } else if (op.getBias()) {
      bias = adaptor.getBias();
    }
    FailureOr<Value> acc = lowerTransposeConv(
        rewriter, op, resultType->clone(accType), adaptor.getInput(),
        adaptor.getWeights(), bias, inputType.getZeroPoint(), op.getPadding(),
        op.getStrideH(), op.getStrideW());
    if (failed(acc))
      return failure();
    int64_t channels = resultType->getDimSize(resultType->getRank() - 1);
    rewriter.replaceOp(
        op,
        requantizeAccumulator(
            rewriter, loc, *acc, resultType->getElementType(), inputType,
            op.getWeights().getType(), outputType,
            op.getFusedActivationFunction(),
            integerTarget ? std::nullopt
                          : getNeonChannels<TransposeConvOp>(int16, channels)));
    return success();
  }

  /// As ConvertQuantizedConv::integerTarget.
  bool integerTarget;
};

/// Subtracts the zero point of an int8/int16 tensor in i32.
Value widenAndCenter(OpBuilder &builder, Location loc, Value value,
                     int64_t zeroPoint, int64_t rank) {
  auto type = cast<RankedTensorType>(value.getType());
  auto wide = type.clone(builder.getI32Type());
  Value widened = tosa::CastOp::create(builder, loc, wide, value);
  if (zeroPoint == 0)
    return widened;
  return tosa::SubOp::create(
      builder, loc, wide, widened,
      createScalar(builder, loc, builder.getI32Type(), zeroPoint, rank));
}

/// int8 and int16 ADD and SUB as TFLite computes them: both inputs
/// centered, shifted left by 20 bits (int16: 15), each requantized to twice
/// the larger input scale, added (or subtracted), requantized to the output
/// and clamped. TFLite's other int16 path (pot_scale_int16 with power-of-two
/// scales and zero points 0, from older converters) is not lowered.
template <typename MintOp>
struct ConvertQuantizedAddSub : OpConversionPattern<MintOp> {
  using OpConversionPattern<MintOp>::OpConversionPattern;
  using OpAdaptor = typename MintOp::Adaptor;

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType lhsType =
        getQuantizedType(op.getLhs().getType());
    quant::UniformQuantizedType rhsType =
        getQuantizedType(op.getRhs().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!lhsType || !rhsType || !outType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    unsigned width = outType.getStorageTypeIntegralWidth();
    if (width != 8 && !(width == 16 && !usesPowerOfTwoInt16Path(op)))
      return rewriter.notifyMatchFailure(
          op, "only int8 and general-scale int16 are lowered");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    int64_t rank = resultType->getRank();
    // TFLite's headroom: 20 bits for int8, 15 for int16.
    int kLeftShift = width == 16 ? 15 : 20;
    // TFLite rounds the inputs of an int16 sum once (single rounding), the
    // rest as gemmlowp does.
    tosa::RoundingMode rounding = width == 16
                                      ? tosa::RoundingMode::SINGLE_ROUND
                                      : tosa::RoundingMode::DOUBLE_ROUND;
    double lhsScale = getTFLiteScale(lhsType);
    double rhsScale = getTFLiteScale(rhsType);
    double outScale = getTFLiteScale(outType);
    double twiceMax = 2 * std::max(lhsScale, rhsScale);
    QuantizedMultiplier lhsMultiplier = quantizeMultiplier(lhsScale / twiceMax);
    QuantizedMultiplier rhsMultiplier = quantizeMultiplier(rhsScale / twiceMax);
    QuantizedMultiplier outMultiplier =
        quantizeMultiplier(twiceMax / ((1 << kLeftShift) * outScale));

    auto prepare = [&](Value value, quant::UniformQuantizedType type,
                       QuantizedMultiplier multiplier) {
      value = expandToRank(rewriter, loc, value, rank);
      Value centered =
          widenAndCenter(rewriter, loc, value, type.getZeroPoint(), rank);
      auto wide = cast<RankedTensorType>(centered.getType());
      Value shifted = tosa::LogicalLeftShiftOp::create(
          rewriter, loc, wide, centered,
          createScalar(rewriter, loc, rewriter.getI32Type(), kLeftShift, rank));
      return createRescale(rewriter, loc, wide, shifted, {multiplier}, 0, 0,
                           rounding);
    };
    Value lhs = prepare(adaptor.getLhs(), lhsType, lhsMultiplier);
    Value rhs = prepare(adaptor.getRhs(), rhsType, rhsMultiplier);
    auto wideResult = resultType->clone(rewriter.getI32Type());
    Value sum;
    if constexpr (std::is_same_v<MintOp, AddOp>)
      sum = tosa::AddOp::create(rewriter, loc, wideResult, lhs, rhs);
    else
      sum = tosa::SubOp::create(rewriter, loc, wideResult, lhs, rhs);
    Value result = createRescale(rewriter, loc, *resultType, sum,
                                 {outMultiplier}, 0, outType.getZeroPoint());
    rewriter.replaceOp(
        op, applyQuantizedActivation(rewriter, loc, result,
                                     op.getFusedActivationFunction(), outType));
    return success();
  }
};

/// Quantized MUL: the centered inputs multiplied in i32, requantized by
/// input scales / output scale.
struct ConvertQuantizedMul : OpConversionPattern<MulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType lhsType =
        getQuantizedType(op.getLhs().getType());
    quant::UniformQuantizedType rhsType =
        getQuantizedType(op.getRhs().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!lhsType || !rhsType || !outType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    int64_t rank = resultType->getRank();
    Value lhs = widenAndCenter(
        rewriter, loc, expandToRank(rewriter, loc, adaptor.getLhs(), rank),
        lhsType.getZeroPoint(), rank);
    Value rhs = widenAndCenter(
        rewriter, loc, expandToRank(rewriter, loc, adaptor.getRhs(), rank),
        rhsType.getZeroPoint(), rank);
    Value product = createMul(
        rewriter, loc, resultType->clone(rewriter.getI32Type()), lhs, rhs);
    // TFLite computes MUL's multiplier in float, not double (a product
    // 2648.49995 away from a tie in double is 2648.49991 in float, and
    // TFLite rounds it down).
    float multiplier = static_cast<float>(getTFLiteScale(lhsType)) *
                       static_cast<float>(getTFLiteScale(rhsType)) /
                       static_cast<float>(getTFLiteScale(outType));
    Value result = createRescale(rewriter, loc, *resultType, product,
                                 {quantizeMultiplier(multiplier)}, 0,
                                 outType.getZeroPoint());
    rewriter.replaceOp(
        op, applyQuantizedActivation(rewriter, loc, result,
                                     op.getFusedActivationFunction(), outType));
    return success();
  }
};

/// Quantized MAXIMUM and MINIMUM: TFLite compares the stored integers, which
/// requires the inputs and the output to share their parameters.
template <typename MintOp, typename TosaOp>
struct ConvertQuantizedSelect : OpConversionPattern<MintOp> {
  using OpConversionPattern<MintOp>::OpConversionPattern;
  using OpAdaptor = typename MintOp::Adaptor;

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType lhsType =
        getQuantizedType(op.getLhs().getType());
    quant::UniformQuantizedType rhsType =
        getQuantizedType(op.getRhs().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!lhsType || lhsType != rhsType || lhsType != outType)
      return rewriter.notifyMatchFailure(
          op, "inputs and output do not share their quantization");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    int64_t rank = resultType->getRank();
    rewriter.replaceOpWithNewOp<TosaOp>(
        op, *resultType, expandToRank(rewriter, loc, adaptor.getLhs(), rank),
        expandToRank(rewriter, loc, adaptor.getRhs(), rank));
    return success();
  }
};

/// Quantized MAX_POOL_2D: the maximum of stored values (input and output
/// share their scale), clamped to the activation range.
struct ConvertQuantizedMaxPool : OpConversionPattern<MaxPool2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MaxPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inType =
        getQuantizedType(op.getInput().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!inType || !outType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    if (inType != outType)
      return rewriter.notifyMatchFailure(op, "input and output scales differ");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    WindowAttrs window =
        prepareWindow(rewriter, loc, adaptor.getInput(), op.getPadding(),
                      op.getFilterHeight(), op.getFilterWidth(),
                      op.getStrideH(), op.getStrideW());
    Value pool = tosa::MaxPool2dOp::create(
        rewriter, loc, *resultType, window.input,
        rewriter.getDenseI64ArrayAttr(
            {op.getFilterHeight(), op.getFilterWidth()}),
        window.stride, window.pad);
    rewriter.replaceOp(
        op, applyQuantizedActivation(rewriter, loc, pool,
                                     op.getFusedActivationFunction(), outType));
    return success();
  }
};

/// Quantized AVERAGE_POOL_2D as TFLite computes it: the sum of the stored
/// values in the window (padding excluded) divided by their count, rounding
/// halves away from zero, clamped to the activation range. A linalg.generic
/// (TOSA's average pool divides by a reciprocal, which rounds differently).
struct ConvertQuantizedAveragePool : OpConversionPattern<AveragePool2DOp> {
  ConvertQuantizedAveragePool(const TypeConverter &typeConverter,
                              MLIRContext *context, bool integerTarget)
      : OpConversionPattern(typeConverter, context),
        integerTarget(integerTarget) {}

  LogicalResult
  matchAndRewrite(AveragePool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inType =
        getQuantizedType(op.getInput().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!inType || !outType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    if (inType != outType)
      return rewriter.notifyMatchFailure(op, "input and output scales differ");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    if (integerTarget) {
      // TOSA's average pool: padding excluded from the count, the division
      // as a rounded reciprocal multiply.
      WindowAttrs window = prepareWindow(
          rewriter, loc, input, op.getPadding(), op.getFilterHeight(),
          op.getFilterWidth(), op.getStrideH(), op.getStrideW());
      Type storage = resultType->getElementType();
      Value pool = tosa::AvgPool2dOp::create(
          rewriter, loc, *resultType, window.input,
          createZeroPoint(rewriter, loc, storage, inType.getZeroPoint()),
          createZeroPoint(rewriter, loc, storage, outType.getZeroPoint()),
          rewriter.getDenseI64ArrayAttr(
              {op.getFilterHeight(), op.getFilterWidth()}),
          window.stride, window.pad, TypeAttr::get(rewriter.getI32Type()));
      rewriter.replaceOp(op, applyQuantizedActivation(
                                 rewriter, loc, pool,
                                 op.getFusedActivationFunction(), outType));
      return success();
    }
    auto inputType = cast<RankedTensorType>(input.getType());
    int64_t inH = inputType.getDimSize(1), inW = inputType.getDimSize(2);
    WindowDim h = computeWindow(op.getPadding(), inH, op.getFilterHeight(),
                                op.getStrideH(), 1);
    WindowDim w = computeWindow(op.getPadding(), inW, op.getFilterWidth(),
                                op.getStrideW(), 1);
    std::pair<int64_t, int64_t> range =
        getQuantizedActivationRange(op.getFusedActivationFunction(), outType);
    int64_t low = range.first, high = range.second;
    int64_t kh = op.getFilterHeight(), kw = op.getFilterWidth();
    int64_t sh = op.getStrideH(), sw = op.getStrideW();
    int64_t padTop = h.padBefore, padLeft = w.padBefore;
    Type storage = resultType->getElementType();
    Value init =
        tensor::EmptyOp::create(rewriter, loc, resultType->getShape(), storage);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, *resultType, ValueRange{}, ValueRange{init},
        SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(4)},
        SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange) {
          Type i32 = b.getI32Type();
          auto cI = [&](int64_t v) -> Value {
            return arith::ConstantIndexOp::create(b, l, v);
          };
          auto c32 = [&](int64_t v) -> Value {
            return arith::ConstantOp::create(b, l, b.getI32IntegerAttr(v));
          };
          Value n = linalg::IndexOp::create(b, l, 0);
          Value y = linalg::IndexOp::create(b, l, 1);
          Value x = linalg::IndexOp::create(b, l, 2);
          Value c = linalg::IndexOp::create(b, l, 3);
          // Window rows [y0, y1) and columns [x0, x1) inside the input.
          auto bounds = [&](Value out, int64_t stride, int64_t pad,
                            int64_t kernel, int64_t size) {
            Value start = arith::SubIOp::create(
                b, l, arith::MulIOp::create(b, l, out, cI(stride)), cI(pad));
            Value end = arith::AddIOp::create(b, l, start, cI(kernel));
            Value first = arith::MaxSIOp::create(b, l, start, cI(0));
            Value last = arith::MinSIOp::create(b, l, end, cI(size));
            return std::make_pair(first, last);
          };
          std::pair<Value, Value> rowRange = bounds(y, sh, padTop, kh, inH);
          std::pair<Value, Value> colRange = bounds(x, sw, padLeft, kw, inW);
          Value y0 = rowRange.first, y1 = rowRange.second;
          Value x0 = colRange.first, x1 = colRange.second;
          auto outer = scf::ForOp::create(
              b, l, y0, y1, cI(1), ValueRange{c32(0)},
              [&](OpBuilder &ob, Location ol, Value iy, ValueRange outerArgs) {
                auto inner = scf::ForOp::create(
                    ob, ol, x0, x1, cI(1), outerArgs,
                    [&](OpBuilder &ib, Location il, Value ix,
                        ValueRange innerArgs) {
                      Value value = tensor::ExtractOp::create(
                          ib, il, input, ValueRange{n, iy, ix, c});
                      Value wide = arith::ExtSIOp::create(ib, il, i32, value);
                      Value sum =
                          arith::AddIOp::create(ib, il, innerArgs[0], wide);
                      scf::YieldOp::create(ib, il, sum);
                    });
                scf::YieldOp::create(ob, ol, inner.getResult(0));
              });
          Value sum = outer.getResult(0);
          Value rows = arith::SubIOp::create(b, l, y1, y0);
          Value cols = arith::SubIOp::create(b, l, x1, x0);
          Value count = arith::IndexCastOp::create(
              b, l, i32, arith::MulIOp::create(b, l, rows, cols));
          // (sum ± count / 2) / count, truncating: halves away from zero.
          Value half = arith::DivSIOp::create(b, l, count, c32(2));
          Value positive = arith::CmpIOp::create(
              b, l, arith::CmpIPredicate::sgt, sum, c32(0));
          Value adjusted = arith::SelectOp::create(
              b, l, positive, arith::AddIOp::create(b, l, sum, half),
              arith::SubIOp::create(b, l, sum, half));
          Value average = arith::DivSIOp::create(b, l, adjusted, count);
          average = arith::MaxSIOp::create(b, l, average, c32(low));
          average = arith::MinSIOp::create(b, l, average, c32(high));
          Value narrow = arith::TruncIOp::create(b, l, storage, average);
          linalg::YieldOp::create(b, l, narrow);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
  /// MintToTosaPassOptions::integerTarget: TOSA's integer profile.
  bool integerTarget;
};

/// Quantized MEAN, in the two ways TFLite's kernel computes it.
///
/// Over height and width of a 4-D int8 tensor with keep_dims (global average
/// pooling), TFLite's optimized kernel sums the stored values and multiplies
/// by input scale / (count * output scale) taken in float; channels in
/// blocks of 16 go through its NEON code, which rounds differently from its
/// scalar code for the remaining channels. Everywhere else (and for int16)
/// it sums the centered values and folds 1 / count into the integer
/// multiplier of input scale / output scale.
struct ConvertQuantizedMean : OpConversionPattern<MeanOp> {
  ConvertQuantizedMean(const TypeConverter &typeConverter, MLIRContext *context,
                       bool integerTarget)
      : OpConversionPattern(typeConverter, context),
        integerTarget(integerTarget) {}

  LogicalResult
  matchAndRewrite(MeanOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inType =
        getQuantizedType(op.getInput().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!inType || !outType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    FailureOr<SmallVector<int64_t>> axes = getConstantInts(op.getAxis());
    if (failed(axes))
      return rewriter.notifyMatchFailure(op, "axes are not constant");
    unsigned width = inType.getStorageTypeIntegralWidth();
    if (width != 8 && width != 16)
      return rewriter.notifyMatchFailure(op, "unsupported storage width");
    if (width == 16 && (inType.getZeroPoint() || outType.getZeroPoint()))
      return rewriter.notifyMatchFailure(op, "int16 zero point is not 0");
    Location loc = op.getLoc();
    Type i32 = rewriter.getI32Type();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    Value wide =
        tosa::CastOp::create(rewriter, loc, inputType.clone(i32), input);
    FailureOr<ReducedSum> sum = createReduceSum(rewriter, loc, wide, *axes);
    if (failed(sum))
      return rewriter.notifyMatchFailure(op, "axis out of range");
    auto sumType = cast<RankedTensorType>(sum->value.getType());
    int64_t rank = sumType.getRank();
    int64_t count = sum->count;
    float inScale = static_cast<float>(inType.getScale());
    float outScale = static_cast<float>(outType.getScale());

    SmallVector<int64_t> sortedAxes;
    for (int64_t axis : *axes)
      sortedAxes.push_back(axis < 0 ? axis + inputType.getRank() : axis);
    llvm::sort(sortedAxes);
    bool globalPool = !integerTarget && width == 8 && op.getKeepDims() &&
                      inputType.getRank() == 4 && axes->size() == 2 &&
                      sortedAxes[0] == 1 && sortedAxes[1] == 2;
    Value result;
    if (globalPool) {
      float temp =
          static_cast<float>(inType.getZeroPoint()) * inScale / outScale;
      temp = temp > 0 ? temp + 0.5f : temp - 0.5f;
      int64_t bias = outType.getZeroPoint() - static_cast<int32_t>(temp);
      float realScale = inScale / (static_cast<float>(count) * outScale);
      QuantizedMultiplier multiplier = quantizeMultiplier(realScale);
      // sumType is [batch, 1, channels] after merging height and width:
      // TFLite's NEON code takes whole blocks of 16 channels.
      int64_t channels = sumType.getDimSize(rank - 1);
      Value scaled = createTFLiteRequantize(rewriter, loc, sum->value,
                                            {multiplier}, channels / 16 * 16);
      result =
          tosa::AddOp::create(rewriter, loc, sumType, scaled,
                              createScalar(rewriter, loc, i32, bias, rank));
    } else {
      Value centered = sum->value;
      if (int64_t zeroPoint = inType.getZeroPoint())
        centered = tosa::SubOp::create(
            rewriter, loc, sumType, centered,
            createScalar(rewriter, loc, i32, zeroPoint * count, rank));
      // TFLite folds 1 / count into the multiplier: shifted left by
      // floor(log2(count)) bits (at most 32, and no further than the
      // multiplier's own shift allows), divided by count, truncating.
      QuantizedMultiplier multiplier = getRequantizeMultiplier(inType, outType);
      int shift = std::min<int>(llvm::Log2_64(count), 32);
      shift = std::min(shift, 31 + multiplier.shift);
      multiplier.multiplier = static_cast<int32_t>(
          (static_cast<int64_t>(multiplier.multiplier) << shift) / count);
      multiplier.shift -= shift;
      if (integerTarget) {
        // One rescale into the storage type, the output zero point added
        // and saturated by it: no i32 clamp, which the integer profile
        // lacks.
        result = createRescale(
            rewriter, loc, sumType.clone(resultType->getElementType()),
            centered, {multiplier}, 0, outType.getZeroPoint());
        rewriter.replaceOp(
            op, createReshape(rewriter, loc, result, resultType->getShape()));
        return success();
      }
      result =
          createRescale(rewriter, loc, sumType, centered, {multiplier}, 0, 0);
      if (int64_t zeroPoint = outType.getZeroPoint())
        result = tosa::AddOp::create(
            rewriter, loc, sumType, result,
            createScalar(rewriter, loc, i32, zeroPoint, rank));
    }
    result = tosa::ClampOp::create(
        rewriter, loc, sumType, result,
        rewriter.getI32IntegerAttr(outType.getStorageTypeMin()),
        rewriter.getI32IntegerAttr(outType.getStorageTypeMax()));
    result = tosa::CastOp::create(
        rewriter, loc, sumType.clone(resultType->getElementType()), result);
    rewriter.replaceOp(
        op, createReshape(rewriter, loc, result, resultType->getShape()));
    return success();
  }
  /// MintToTosaPassOptions::integerTarget: TOSA's integer profile.
  bool integerTarget;
};

/// Quantized PRELU (int8, int16) as TFLite's kernel: x >= 0 requantized by
/// input scale / output scale; otherwise x times alpha (both centered)
/// requantized by input scale * alpha scale / output scale (TFLite prepares
/// both in float).
struct ConvertQuantizedPRelu : OpConversionPattern<PReluOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(PReluOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inType =
        getQuantizedType(op.getInput().getType());
    quant::UniformQuantizedType alphaType =
        getQuantizedType(op.getAlpha().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!inType || !alphaType || !outType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    unsigned width = inType.getStorageTypeIntegralWidth();
    if ((width != 8 && width != 16) ||
        alphaType.getStorageTypeIntegralWidth() != 8)
      return rewriter.notifyMatchFailure(
          op, "only int8 and int16 inputs with int8 alpha are lowered");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    int64_t rank = resultType->getRank();
    auto wideType = resultType->clone(rewriter.getI32Type());
    Value input = widenAndCenter(
        rewriter, loc, expandToRank(rewriter, loc, adaptor.getInput(), rank),
        inType.getZeroPoint(), rank);
    Value alpha = widenAndCenter(
        rewriter, loc, expandToRank(rewriter, loc, adaptor.getAlpha(), rank),
        alphaType.getZeroPoint(), rank);
    float inScale = static_cast<float>(inType.getScale());
    float alphaScale = static_cast<float>(alphaType.getScale());
    float outScale = static_cast<float>(outType.getScale());
    Value positive =
        createRescale(rewriter, loc, wideType, input,
                      {quantizeMultiplier(inScale / outScale)}, 0, 0);
    Value product = createMul(rewriter, loc, wideType, input, alpha);
    Value negative = createRescale(
        rewriter, loc, wideType, product,
        {quantizeMultiplier(inScale * alphaScale / outScale)}, 0, 0);
    Value isPositive = tosa::GreaterEqualOp::create(
        rewriter, loc, wideType.clone(rewriter.getI1Type()), input,
        createScalar(rewriter, loc, rewriter.getI32Type(), 0, rank));
    Value result = tosa::SelectOp::create(rewriter, loc, wideType, isPositive,
                                          positive, negative);
    result =
        tosa::AddOp::create(rewriter, loc, wideType, result,
                            createScalar(rewriter, loc, rewriter.getI32Type(),
                                         outType.getZeroPoint(), rank));
    result = tosa::ClampOp::create(
        rewriter, loc, wideType, result,
        rewriter.getI32IntegerAttr(outType.getStorageTypeMin()),
        rewriter.getI32IntegerAttr(outType.getStorageTypeMax()));
    rewriter.replaceOp(
        op, tosa::CastOp::create(rewriter, loc, *resultType, result));
    return success();
  }
};

/// Quantized RESIZE_BILINEAR as TFLite's integer kernel: source
/// coordinates in 1/1024 steps, the four stored neighbours weighted by
/// products of 10-bit fractions in i64, rounded halves away from zero at
/// 2^20. Input and output share their parameters.
struct ConvertQuantizedResizeBilinear : OpConversionPattern<ResizeBilinearOp> {
  ConvertQuantizedResizeBilinear(const TypeConverter &typeConverter,
                                 MLIRContext *context, bool integerTarget)
      : OpConversionPattern(typeConverter, context),
        integerTarget(integerTarget) {}

  LogicalResult
  matchAndRewrite(ResizeBilinearOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inType =
        getQuantizedType(op.getInput().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!inType || !outType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    if (inType != outType)
      return rewriter.notifyMatchFailure(op, "input and output differ");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    bool alignCorners = op.getAlignCorners();
    bool halfPixel = op.getHalfPixelCenters();
    if (integerTarget) {
      // tosa.resize weighs the stored neighbours in units of 1/n per axis
      // into i32; one rescale by 1 / (ny * nx) returns to the storage type
      // (input and output share their parameters).
      ResizeAxis y =
          computeResizeAxis(inputType.getDimSize(1), resultType->getDimSize(1),
                            alignCorners, halfPixel, /*nearest=*/false);
      ResizeAxis x =
          computeResizeAxis(inputType.getDimSize(2), resultType->getDimSize(2),
                            alignCorners, halfPixel, /*nearest=*/false);
      Value resized = tosa::ResizeOp::create(
          rewriter, loc, resultType->clone(rewriter.getI32Type()), input,
          createShape(rewriter, loc, {y.n, y.d, x.n, x.d}),
          createShape(rewriter, loc, {y.offset, x.offset}),
          createShape(rewriter, loc, {y.border, x.border}),
          tosa::ResizeModeAttr::get(rewriter.getContext(),
                                    tosa::ResizeMode::BILINEAR));
      QuantizedMultiplier multiplier =
          quantizeMultiplier(1.0 / static_cast<double>(y.n * x.n));
      rewriter.replaceOp(op, createRescale(rewriter, loc, *resultType, resized,
                                           {multiplier}, 0, 0));
      return success();
    }
    // TFLite's scale in 1/1024 steps, rounded to nearest.
    auto scaleOf = [&](int64_t in, int64_t out) -> int64_t {
      if (alignCorners && out > 1)
        return ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1);
      return ((1 << 10) * in + out / 2) / out;
    };
    int64_t inH = inputType.getDimSize(1), inW = inputType.getDimSize(2);
    int64_t scaleY = scaleOf(inH, resultType->getDimSize(1));
    int64_t scaleX = scaleOf(inW, resultType->getDimSize(2));
    Type storage = resultType->getElementType();
    Value init =
        tensor::EmptyOp::create(rewriter, loc, resultType->getShape(), storage);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, *resultType, ValueRange{}, ValueRange{init},
        SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(4)},
        SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange) {
          Type i32 = b.getI32Type(), i64 = b.getI64Type();
          auto c32 = [&](int64_t v) -> Value {
            return arith::ConstantOp::create(b, l, b.getI32IntegerAttr(v));
          };
          // Scaled coordinate, lower and upper source index along one axis
          // (C division truncates toward zero, as arith.divsi does).
          auto axis = [&](int64_t dim, int64_t scale, int64_t size) {
            Value out = arith::IndexCastOp::create(
                b, l, i32, linalg::IndexOp::create(b, l, dim));
            Value scaled = arith::MulIOp::create(b, l, out, c32(scale));
            if (halfPixel)
              scaled = arith::AddIOp::create(b, l, scaled,
                                             c32(scale / 2 - (1 << 9)));
            Value lower = arith::MaxSIOp::create(
                b, l, arith::DivSIOp::create(b, l, scaled, c32(1 << 10)),
                c32(0));
            Value upper = arith::MinSIOp::create(
                b, l,
                arith::DivSIOp::create(
                    b, l, arith::AddIOp::create(b, l, scaled, c32(1023)),
                    c32(1 << 10)),
                c32(size - 1));
            // Weights of the upper and lower neighbour, in 1/1024.
            Value high = arith::SubIOp::create(
                b, l, scaled, arith::MulIOp::create(b, l, lower, c32(1 << 10)));
            Value low = arith::SubIOp::create(b, l, c32(1 << 10), high);
            auto toIndex = [&](Value v) -> Value {
              return arith::IndexCastOp::create(b, l, b.getIndexType(), v);
            };
            return std::make_tuple(toIndex(lower), toIndex(upper),
                                   arith::ExtSIOp::create(b, l, i64, low),
                                   arith::ExtSIOp::create(b, l, i64, high));
          };
          auto [y0, y1, wy0, wy1] = axis(1, scaleY, inH);
          auto [x0, x1, wx0, wx1] = axis(2, scaleX, inW);
          Value n = linalg::IndexOp::create(b, l, 0);
          Value c = linalg::IndexOp::create(b, l, 3);
          Value sum = arith::ConstantOp::create(b, l, b.getI64IntegerAttr(0));
          for (auto [y, x, wy, wx] :
               {std::tuple(y0, x0, wy0, wx0), std::tuple(y1, x0, wy1, wx0),
                std::tuple(y0, x1, wy0, wx1), std::tuple(y1, x1, wy1, wx1)}) {
            Value value = arith::ExtSIOp::create(
                b, l, i64,
                tensor::ExtractOp::create(b, l, input, ValueRange{n, y, x, c}));
            sum = arith::AddIOp::create(
                b, l, sum,
                arith::MulIOp::create(
                    b, l, arith::MulIOp::create(b, l, value, wy), wx));
          }
          auto c64 = [&](int64_t v) -> Value {
            return arith::ConstantOp::create(b, l, b.getI64IntegerAttr(v));
          };
          Value positive = arith::CmpIOp::create(
              b, l, arith::CmpIPredicate::sgt, sum, c64(0));
          Value round = arith::SelectOp::create(b, l, positive, c64(1 << 19),
                                                c64(-(1 << 19)));
          Value result = arith::DivSIOp::create(
              b, l, arith::AddIOp::create(b, l, sum, round), c64(1 << 20));
          linalg::YieldOp::create(
              b, l, arith::TruncIOp::create(b, l, storage, result).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
  /// MintToTosaPassOptions::integerTarget: TOSA's integer profile.
  bool integerTarget;
};

/// RELU, RELU6, RELU_N1_TO_1 on quantized tensors: a requantization when
/// the output has other parameters than the input, then the clamp.
template <typename MintOp, ActivationFunctionType kActivation>
struct ConvertQuantizedClampActivation : OpConversionPattern<MintOp> {
  using OpConversionPattern<MintOp>::OpConversionPattern;
  using OpAdaptor = typename MintOp::Adaptor;

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inType =
        getQuantizedType(op.getInput().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!inType || !outType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    Value value = adaptor.getInput();
    if (inType != outType)
      value = createRescale(rewriter, loc, *resultType, value,
                            {getRequantizeMultiplier(inType, outType)},
                            inType.getZeroPoint(), outType.getZeroPoint());
    rewriter.replaceOp(op, applyQuantizedActivation(rewriter, loc, value,
                                                    kActivation, outType));
    return success();
  }
};

/// QUANTIZE: float → integers as TFLite rounds (x / scale, halves away from
/// zero, plus the zero point, saturated), or a requantization between two
/// quantized types.
struct ConvertQuantize : OpConversionPattern<QuantizeOp> {
  ConvertQuantize(const TypeConverter &typeConverter, MLIRContext *context,
                  bool integerTarget)
      : OpConversionPattern(typeConverter, context),
        integerTarget(integerTarget) {}

  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!outType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    quant::UniformQuantizedType inType =
        getQuantizedType(op.getInput().getType());
    if (inType && integerTarget && inType.isSigned() && outType.isSigned()) {
      // One rescale between the two storage types.
      rewriter.replaceOp(
          op, createRescale(rewriter, loc, *resultType, adaptor.getInput(),
                            {getRequantizeMultiplier(inType, outType)},
                            inType.getZeroPoint(), outType.getZeroPoint()));
      return success();
    }
    if (inType) {
      // Through i32: uint8 zero-extended (TOSA's casts read i8 as signed),
      // centered, requantized with the rounding of TFLite's NEON code
      // (which its x86 build runs), the output zero point added, clamped
      // and narrowed.
      Type i32 = rewriter.getI32Type();
      Value input = adaptor.getInput();
      auto wide = cast<RankedTensorType>(input.getType()).clone(i32);
      int64_t rank = wide.getRank();
      input = tosa::CastOp::create(rewriter, loc, wide, input);
      if (!inType.isSigned())
        input = tosa::BitwiseAndOp::create(
            rewriter, loc, wide, input,
            createScalar(rewriter, loc, i32, 0xFF, rank));
      if (int64_t zeroPoint = inType.getZeroPoint())
        input = tosa::SubOp::create(
            rewriter, loc, wide, input,
            createScalar(rewriter, loc, i32, zeroPoint, rank));
      // TFLite's NEON loop takes blocks of 16 int8 values; its scalar code
      // the rest (the flat tail), and all of an int16 requantization.
      int64_t count = wide.getNumElements();
      Value flat = createReshape(rewriter, loc, input, {count});
      bool bytes = inType.getStorageTypeIntegralWidth() == 8 &&
                   outType.getStorageTypeIntegralWidth() == 8;
      flat = createTFLiteRequantize(rewriter, loc, flat,
                                    {getRequantizeMultiplier(inType, outType)},
                                    bytes ? count / 16 * 16 : 0);
      Value result = createReshape(rewriter, loc, flat, wide.getShape());
      result = tosa::AddOp::create(
          rewriter, loc, wide, result,
          createScalar(rewriter, loc, i32, outType.getZeroPoint(), rank));
      result = tosa::ClampOp::create(
          rewriter, loc, wide, result,
          rewriter.getI32IntegerAttr(outType.getStorageTypeMin()),
          rewriter.getI32IntegerAttr(outType.getStorageTypeMax()));
      rewriter.replaceOp(
          op, tosa::CastOp::create(rewriter, loc, *resultType, result));
      return success();
    }
    if (!isFloatTensor(op.getInput().getType()))
      return rewriter.notifyMatchFailure(op, "input is not float");
    float scale = static_cast<float>(outType.getScale());
    int64_t zeroPoint = outType.getZeroPoint();
    int64_t low = outType.getStorageTypeMin(),
            high = outType.getStorageTypeMax();
    Type storage = resultType->getElementType();
    Value init =
        tensor::EmptyOp::create(rewriter, loc, resultType->getShape(), storage);
    int64_t rank = resultType->getRank();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, *resultType, ValueRange{adaptor.getInput()},
        ValueRange{init},
        SmallVector<AffineMap>(2, rewriter.getMultiDimIdentityMap(rank)),
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0];
          Type f32 = b.getF32Type();
          if (!x.getType().isF32())
            x = arith::ExtFOp::create(b, l, f32, x);
          // TFLite's x86 kernel (its NEON code through NEON_2_SSE) takes
          // blocks of 8 values as x * (1 / scale) rounded to nearest even,
          // and the last (size % 8) as x / scale rounded halves away from
          // zero; which one applies depends on the flat index.
          Value divided = arith::DivFOp::create(
              b, l, x,
              arith::ConstantOp::create(b, l, b.getF32FloatAttr(scale)));
          Value tail = math::RoundOp::create(b, l, divided);
          Value multiplied = arith::MulFOp::create(
              b, l, x,
              arith::ConstantOp::create(b, l, b.getF32FloatAttr(1.0f / scale)));
          Value blocked = math::RoundEvenOp::create(b, l, multiplied);
          Value flat = emitFlatIndex(b, l, resultType->getShape());
          int64_t total = resultType->getNumElements();
          Value inBlocks = arith::CmpIOp::create(
              b, l, arith::CmpIPredicate::slt, flat,
              arith::ConstantIndexOp::create(b, l, total - total % 8));
          Value rounded =
              arith::SelectOp::create(b, l, inBlocks, blocked, tail);
          Value wide = arith::FPToSIOp::create(b, l, b.getI32Type(), rounded);
          auto c32 = [&](int64_t v) -> Value {
            return arith::ConstantOp::create(b, l, b.getI32IntegerAttr(v));
          };
          Value shifted = arith::AddIOp::create(b, l, wide, c32(zeroPoint));
          shifted = arith::MaxSIOp::create(b, l, shifted, c32(low));
          shifted = arith::MinSIOp::create(b, l, shifted, c32(high));
          Value narrow = arith::TruncIOp::create(b, l, storage, shifted);
          linalg::YieldOp::create(b, l, narrow);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
  /// MintToTosaPassOptions::integerTarget: TOSA's integer profile.
  bool integerTarget;
};

/// DEQUANTIZE of a per-tensor quantized tensor to float.
struct ConvertQuantizedDequantize : OpConversionPattern<DequantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inType =
        getQuantizedType(op.getInput().getType());
    if (!inType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    float scale = static_cast<float>(inType.getScale());
    int64_t zeroPoint = inType.getZeroPoint();
    int64_t rank = resultType->getRank();
    Value init = tensor::EmptyOp::create(rewriter, loc, resultType->getShape(),
                                         resultType->getElementType());
    bool isSigned = inType.isSigned();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, *resultType, ValueRange{adaptor.getInput()},
        ValueRange{init},
        SmallVector<AffineMap>(2, rewriter.getMultiDimIdentityMap(rank)),
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Type i32 = b.getI32Type();
          Value wide =
              isSigned ? arith::ExtSIOp::create(b, l, i32, args[0]).getResult()
                       : arith::ExtUIOp::create(b, l, i32, args[0]).getResult();
          // TFLite's kernel (its NEON code, emulated with SSE on x86)
          // computes blocks of 8 elements as q * scale + (-zero_point *
          // scale), two rounded operations, and the last (size % 8)
          // elements as (q - zero_point) * scale. Which one applies depends
          // on the element's flat index.
          Type f32 = b.getF32Type();
          auto constF = [&](float v) -> Value {
            return arith::ConstantOp::create(b, l, b.getF32FloatAttr(v));
          };
          Value asFloat = arith::SIToFPOp::create(b, l, f32, wide);
          Value blocked = arith::AddFOp::create(
              b, l, arith::MulFOp::create(b, l, asFloat, constF(scale)),
              constF(
                  static_cast<float>(-zeroPoint * static_cast<double>(scale))));
          Value centered = arith::SubIOp::create(
              b, l, wide,
              arith::ConstantOp::create(b, l, b.getI32IntegerAttr(zeroPoint)));
          Value tail = arith::MulFOp::create(
              b, l, arith::SIToFPOp::create(b, l, f32, centered),
              constF(scale));
          Value flat = emitFlatIndex(b, l, resultType->getShape());
          int64_t total = resultType->getNumElements();
          Value inBlocks = arith::CmpIOp::create(
              b, l, arith::CmpIPredicate::slt, flat,
              arith::ConstantIndexOp::create(b, l, total - total % 8));
          Value scaled = arith::SelectOp::create(b, l, inBlocks, blocked, tail);
          Type outElement = resultType->getElementType();
          if (!outElement.isF32())
            scaled = arith::TruncFOp::create(b, l, outElement, scaled);
          linalg::YieldOp::create(b, l, scaled);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void mint::populateMintQuantizedToTosaPatterns(
    const TypeConverter &typeConverter, RewritePatternSet &patterns,
    const MintToTosaPassOptions &options) {
  patterns.add<
      ConvertQuantizedConv<Conv2DOp>, ConvertQuantizedConv<DepthwiseConv2DOp>,
      ConvertQuantizedConv<FullyConnectedOp>, ConvertQuantizedTransposeConv,
      ConvertQuantizedAveragePool, ConvertQuantizedMean,
      ConvertQuantizedResizeBilinear, ConvertQuantize>(
      typeConverter, patterns.getContext(), options.integerTarget);
  patterns.add<
      ConvertQuantizedAddSub<AddOp>, ConvertQuantizedAddSub<SubOp>,
      ConvertQuantizedMul, ConvertQuantizedSelect<MaximumOp, tosa::MaximumOp>,
      ConvertQuantizedSelect<MinimumOp, tosa::MinimumOp>,
      ConvertQuantizedMaxPool, ConvertQuantizedPRelu,
      ConvertQuantizedClampActivation<ReluOp, ActivationFunctionType::Relu>,
      ConvertQuantizedClampActivation<Relu6Op, ActivationFunctionType::Relu6>,
      ConvertQuantizedClampActivation<ReluN1To1Op,
                                      ActivationFunctionType::ReluN1To1>,
      ConvertQuantizedDequantize>(typeConverter, patterns.getContext());
}
