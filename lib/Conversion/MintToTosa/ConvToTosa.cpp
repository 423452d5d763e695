//===- ConvToTosa.cpp - Lower mint convolutions and pools to TOSA ---------===//
//
// CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV (and MediaPipe's
// Convolution2DTransposeBias, which shares its lowering), FULLY_CONNECTED
// (as a 1x1 convolution, so that it shares the convolution's code path and
// its bias add) and the pools.
//
//===----------------------------------------------------------------------===//

#include "mint/Conversion/MintToTosa/MintToTosa.h"

#include "TosaBuilders.h"

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::tosa_lowering;

namespace {

/// The bias operand: the given one, or zeros of the result's element type.
Value getBiasOrZeros(OpBuilder &builder, Location loc, Value bias,
                     RankedTensorType resultType) {
  if (bias)
    return bias;
  int64_t channels = resultType.getDimSize(resultType.getRank() - 1);
  return createSplat(
      builder, loc,
      RankedTensorType::get({channels}, resultType.getElementType()), 0.0);
}

/// The accumulator type of a float convolution.
Type getFloatAccumulatorType(OpBuilder &builder) {
  return builder.getF32Type();
}

LogicalResult requireFloat(ConversionPatternRewriter &rewriter, Operation *op,
                           Value input, Value weight = {}) {
  if (!isFloatTensor(input.getType()))
    return rewriter.notifyMatchFailure(
        op, "only float inputs are lowered by this pattern");
  if (weight && !isFloatTensor(weight.getType()))
    return rewriter.notifyMatchFailure(
        op, "a quantized weight takes the hybrid lowering");
  return success();
}

struct ConvertConv2D : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType) ||
        failed(requireFloat(rewriter, op, op.getInput(), op.getFilter())))
      return failure();
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    auto filterType = cast<RankedTensorType>(adaptor.getFilter().getType());
    WindowAttrs window = prepareWindow(
        rewriter, loc, adaptor.getInput(), op.getPadding(),
        filterType.getDimSize(1), filterType.getDimSize(2), op.getStrideH(),
        op.getStrideW(), op.getDilationHFactor(), op.getDilationWFactor());
    Value conv = tosa::Conv2DOp::create(
        rewriter, loc, *resultType, window.input, adaptor.getFilter(),
        getBiasOrZeros(rewriter, loc, adaptor.getBias(), *resultType),
        createZeroPoint(rewriter, loc, inputType.getElementType()),
        createZeroPoint(rewriter, loc, filterType.getElementType()), window.pad,
        window.stride, window.dilation,
        TypeAttr::get(getFloatAccumulatorType(rewriter)));
    FailureOr<Value> result = applyFloatActivation(
        rewriter, op, conv, op.getFusedActivationFunction());
    if (failed(result))
      return failure();
    rewriter.replaceOp(op, *result);
    return success();
  }
};

struct ConvertDepthwiseConv2D : OpConversionPattern<DepthwiseConv2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DepthwiseConv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType) ||
        failed(requireFloat(rewriter, op, op.getInput(), op.getFilter())))
      return failure();
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    auto filterType = cast<RankedTensorType>(adaptor.getFilter().getType());
    int64_t channels = inputType.getDimSize(3);
    int64_t outputChannels = filterType.getDimSize(3);
    if (outputChannels % channels != 0)
      return rewriter.notifyMatchFailure(
          op, "filter channels are not a multiple of input channels");
    // TFLite [1, KH, KW, C*M] is TOSA [KH, KW, C, M] with the same order.
    Value filter =
        createReshape(rewriter, loc, adaptor.getFilter(),
                      {filterType.getDimSize(1), filterType.getDimSize(2),
                       channels, outputChannels / channels});
    WindowAttrs window = prepareWindow(
        rewriter, loc, adaptor.getInput(), op.getPadding(),
        filterType.getDimSize(1), filterType.getDimSize(2), op.getStrideH(),
        op.getStrideW(), op.getDilationHFactor(), op.getDilationWFactor());
    Value conv = tosa::DepthwiseConv2DOp::create(
        rewriter, loc, *resultType, window.input, filter,
        getBiasOrZeros(rewriter, loc, adaptor.getBias(), *resultType),
        createZeroPoint(rewriter, loc, inputType.getElementType()),
        createZeroPoint(rewriter, loc, filterType.getElementType()), window.pad,
        window.stride, window.dilation,
        TypeAttr::get(getFloatAccumulatorType(rewriter)));
    FailureOr<Value> result = applyFloatActivation(
        rewriter, op, conv, op.getFusedActivationFunction());
    if (failed(result))
      return failure();
    rewriter.replaceOp(op, *result);
    return success();
  }
};

struct ConvertTransposeConv : OpConversionPattern<TransposeConvOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(TransposeConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    if (failed(requireFloat(rewriter, op, op.getInput(), op.getWeights())))
      return failure();
    FailureOr<Value> conv = lowerTransposeConv(
        rewriter, op, *resultType, adaptor.getInput(), adaptor.getWeights(),
        adaptor.getBias(), /*inputZp=*/0, op.getPadding(), op.getStrideH(),
        op.getStrideW());
    if (failed(conv))
      return failure();
    FailureOr<Value> result = applyFloatActivation(
        rewriter, op, *conv, op.getFusedActivationFunction());
    if (failed(result))
      return failure();
    rewriter.replaceOp(op, *result);
    return success();
  }
};

/// MediaPipe's Convolution2DTransposeBias(input, weights, bias); its option
/// bytes are TfLiteTransposeConvParams: padding (1 SAME, 2 VALID), stride
/// width, stride height, as little-endian int32.
struct ConvertConvolution2DTransposeBias : OpConversionPattern<CustomOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(CustomOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (op.getCustomCode() != "Convolution2DTransposeBias")
      return rewriter.notifyMatchFailure(op, "not Convolution2DTransposeBias");
    if (op.getNumOperands() != 3 || op.getNumResults() != 1)
      return rewriter.notifyMatchFailure(op, "expected 3 inputs, 1 output");
    StringRef options = op.getCustomOptions();
    if (options.size() < 12)
      return rewriter.notifyMatchFailure(op, "option bytes are too short");
    auto readInt32 = [&](size_t offset) {
      uint32_t value = 0;
      for (int i = 3; i >= 0; --i)
        value = value << 8 | static_cast<uint8_t>(options[offset + i]);
      return static_cast<int32_t>(value);
    };
    int32_t paddingCode = readInt32(0);
    int32_t strideW = readInt32(4);
    int32_t strideH = readInt32(8);
    if ((paddingCode != 1 && paddingCode != 2) || strideW <= 0 || strideH <= 0)
      return rewriter.notifyMatchFailure(op, "invalid option values");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    ValueRange inputs = adaptor.getInputs();
    if (failed(requireFloat(rewriter, op, op.getInputs()[0])))
      return failure();
    FailureOr<Value> conv = lowerTransposeConv(
        rewriter, op, *resultType, inputs[0], inputs[1], inputs[2],
        /*inputZp=*/0, paddingCode == 1 ? Padding::Same : Padding::Valid,
        strideH, strideW);
    if (failed(conv))
      return failure();
    rewriter.replaceOp(op, *conv);
    return success();
  }
};

/// FULLY_CONNECTED as a 1x1 convolution over [N, 1, 1, K].
struct ConvertFullyConnected : OpConversionPattern<FullyConnectedOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(FullyConnectedOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType) ||
        failed(requireFloat(rewriter, op, op.getInput(), op.getFilter())))
      return failure();
    if (op.getWeightsFormat() != FullyConnectedWeightsFormat::Default)
      return rewriter.notifyMatchFailure(op, "shuffled weights");
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    auto filterType = cast<RankedTensorType>(adaptor.getFilter().getType());
    int64_t depth = filterType.getDimSize(1);
    int64_t units = filterType.getDimSize(0);
    if (!inputType.hasStaticShape() || inputType.getNumElements() % depth)
      return rewriter.notifyMatchFailure(op, "input does not fit the filter");
    int64_t rows = inputType.getNumElements() / depth;
    Value input =
        createReshape(rewriter, loc, adaptor.getInput(), {rows, 1, 1, depth});
    Value filter =
        createReshape(rewriter, loc, adaptor.getFilter(), {units, 1, 1, depth});
    auto convType = resultType->clone({rows, 1, 1, units});
    Value conv = tosa::Conv2DOp::create(
        rewriter, loc, convType, input, filter,
        getBiasOrZeros(rewriter, loc, adaptor.getBias(), convType),
        createZeroPoint(rewriter, loc, inputType.getElementType()),
        createZeroPoint(rewriter, loc, filterType.getElementType()),
        rewriter.getDenseI64ArrayAttr({0, 0, 0, 0}),
        rewriter.getDenseI64ArrayAttr({1, 1}),
        rewriter.getDenseI64ArrayAttr({1, 1}),
        TypeAttr::get(getFloatAccumulatorType(rewriter)));
    FailureOr<Value> result = applyFloatActivation(
        rewriter, op, conv, op.getFusedActivationFunction());
    if (failed(result))
      return failure();
    rewriter.replaceOp(
        op, createReshape(rewriter, loc, *result, resultType->getShape()));
    return success();
  }
};

template <typename MintPoolOp>
struct ConvertPool : OpConversionPattern<MintPoolOp> {
  using OpConversionPattern<MintPoolOp>::OpConversionPattern;
  using OpAdaptor = typename MintPoolOp::Adaptor;

  LogicalResult
  matchAndRewrite(MintPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType) || failed(requireFloat(rewriter, op, op.getInput())))
      return failure();
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    WindowAttrs window =
        prepareWindow(rewriter, loc, adaptor.getInput(), op.getPadding(),
                      op.getFilterHeight(), op.getFilterWidth(),
                      op.getStrideH(), op.getStrideW());
    auto kernel = rewriter.getDenseI64ArrayAttr(
        {op.getFilterHeight(), op.getFilterWidth()});
    Value pool;
    if constexpr (std::is_same_v<MintPoolOp, AveragePool2DOp>) {
      Type elementType = inputType.getElementType();
      pool = tosa::AvgPool2dOp::create(
          rewriter, loc, *resultType, window.input,
          createZeroPoint(rewriter, loc, elementType),
          createZeroPoint(rewriter, loc, elementType), kernel, window.stride,
          window.pad, TypeAttr::get(rewriter.getF32Type()));
    } else {
      pool = tosa::MaxPool2dOp::create(rewriter, loc, *resultType, window.input,
                                       kernel, window.stride, window.pad);
    }
    FailureOr<Value> result = applyFloatActivation(
        rewriter, op, pool, op.getFusedActivationFunction());
    if (failed(result))
      return failure();
    rewriter.replaceOp(op, *result);
    return success();
  }
};

} // namespace

/// TFLite's output padding of a transposed convolution for one spatial
/// dimension, as TOSA's (negative) leading and trailing output padding.
static std::pair<int64_t, int64_t>
computeTransposeOutPad(Padding padding, int64_t inputSize, int64_t outputSize,
                       int64_t kernel, int64_t stride) {
  // TFLite computes the padding of the forward convolution that maps the
  // output back onto the input.
  int64_t forwardSize = padding == Padding::Same
                            ? (outputSize + stride - 1) / stride
                            : (outputSize - kernel + stride) / stride;
  int64_t total =
      std::max<int64_t>((forwardSize - 1) * stride + kernel - outputSize, 0);
  int64_t before = total / 2;
  int64_t full = (inputSize - 1) * stride + kernel;
  return {-before, outputSize - full + before};
}

FailureOr<Value> tosa_lowering::lowerTransposeConv(
    ConversionPatternRewriter &rewriter, Operation *op,
    RankedTensorType resultType, Value input, Value weights, Value bias,
    int64_t inputZp, Padding padding, int64_t strideH, int64_t strideW) {
  Location loc = op->getLoc();
  auto inputType = cast<RankedTensorType>(input.getType());
  auto weightsType = cast<RankedTensorType>(weights.getType());
  auto [top, bottom] = computeTransposeOutPad(
      padding, inputType.getDimSize(1), resultType.getDimSize(1),
      weightsType.getDimSize(1), strideH);
  auto [left, right] = computeTransposeOutPad(
      padding, inputType.getDimSize(2), resultType.getDimSize(2),
      weightsType.getDimSize(2), strideW);
  int64_t kernelH = weightsType.getDimSize(1);
  int64_t kernelW = weightsType.getDimSize(2);
  if (top <= -kernelH || bottom <= -kernelH || left <= -kernelW ||
      right <= -kernelW)
    return rewriter.notifyMatchFailure(
        op, "output padding crops a whole kernel, which TOSA rejects");
  return tosa::TransposeConv2DOp::create(
             rewriter, loc, resultType, input, weights,
             getBiasOrZeros(rewriter, loc, bias, resultType),
             createZeroPoint(rewriter, loc, inputType.getElementType(),
                             inputZp),
             createZeroPoint(rewriter, loc, weightsType.getElementType()),
             rewriter.getDenseI64ArrayAttr({top, bottom, left, right}),
             rewriter.getDenseI64ArrayAttr({strideH, strideW}),
             TypeAttr::get(resultType.getElementType()))
      .getResult();
}

void mint::populateMintConvToTosaPatterns(const TypeConverter &typeConverter,
                                          RewritePatternSet &patterns) {
  patterns.add<ConvertConv2D, ConvertDepthwiseConv2D, ConvertTransposeConv,
               ConvertConvolution2DTransposeBias, ConvertFullyConnected,
               ConvertPool<AveragePool2DOp>, ConvertPool<MaxPool2DOp>>(
      typeConverter, patterns.getContext());
}
