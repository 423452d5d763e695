//===- ConvOps.cpp - Convolution, fully connected and pooling ops ---------===//
//
// Verifiers, shape inference and quantization-interface methods of
// CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV, FULLY_CONNECTED and the 2-D
// pools.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "TypeRules.h"
#include "mint/Dialect/Mint/IR/ShapeRules.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::mint;

/// Returns the static-or-dynamic shape of a ranked tensor value, or
/// std::nullopt when the value is not a ranked tensor of rank `rank`.
static std::optional<SmallVector<int64_t>> getShapeOfRank(Value value,
                                                          int64_t rank) {
  auto type = dyn_cast_if_present<RankedTensorType>(value.getType());
  if (!type || type.getRank() != rank)
    return std::nullopt;
  return llvm::to_vector(type.getShape());
}

/// The window of a convolution or pool, read from attributes that may be
/// missing or invalid while inference runs on unverified IR.
struct Window {
  Padding padding;
  int64_t strideH, strideW, dilationH, dilationW;
};

static std::optional<Window> makeWindow(PaddingAttr padding,
                                        IntegerAttr strideH,
                                        IntegerAttr strideW, int64_t dilationH,
                                        int64_t dilationW) {
  if (!padding || !strideH || !strideW)
    return std::nullopt;
  Window window{padding.getValue(), strideH.getInt(), strideW.getInt(),
                dilationH, dilationW};
  if (window.strideH < 1 || window.strideW < 1 || window.dilationH < 1 ||
      window.dilationW < 1)
    return std::nullopt;
  return window;
}

/// Infers NHWC output [N, OH, OW, channels] of a window op over `input`
/// with a kernel of `kernelH` x `kernelW`.
static LogicalResult
inferWindowShape(ArrayRef<int64_t> input, int64_t kernelH, int64_t kernelW,
                 const Window &window, int64_t channels,
                 SmallVectorImpl<ShapedTypeComponents> &inferred) {
  int64_t outH = computeWindowOutputSize(window.padding, input[1], kernelH,
                                         window.strideH, window.dilationH);
  int64_t outW = computeWindowOutputSize(window.padding, input[2], kernelW,
                                         window.strideW, window.dilationW);
  inferred.emplace_back(ArrayRef<int64_t>{input[0], outH, outW, channels});
  return success();
}

/// Checks the bias size against the number of output channels.
static LogicalResult verifyBiasSize(Operation *op, Value bias,
                                    int64_t channels) {
  if (!bias)
    return success();
  return verifyDimEquals(op, bias, 0, channels,
                         "bias size (one per output channel)");
}

/// Checks TFLite's quantized_bias_type option against the bias: a bias
/// present must be stored in that type (as TFLite's int16x8 kernels
/// require).
static LogicalResult verifyQuantizedBiasType(Operation *op,
                                             std::optional<Type> biasType,
                                             Value bias) {
  if (!biasType || !bias)
    return success();
  Type element = getStorageType(bias.getType());
  if (element == *biasType)
    return success();
  return op->emitOpError("expects quantized_bias_type (")
         << *biasType << ") to be the bias's storage type (" << element << ")";
}

//===----------------------------------------------------------------------===//
// Conv2DOp
//===----------------------------------------------------------------------===//

LogicalResult Conv2DOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, Conv2DOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto input = getShapeOfRank(adaptor.getInput(), 4);
  auto filter = getShapeOfRank(adaptor.getFilter(), 4);
  auto window =
      makeWindow(adaptor.getPaddingAttr(), adaptor.getStrideHAttr(),
                 adaptor.getStrideWAttr(), adaptor.getDilationHFactor(),
                 adaptor.getDilationWFactor());
  if (!input || !filter || !window)
    return failure();
  return inferWindowShape(*input, (*filter)[1], (*filter)[2], *window,
                          (*filter)[0], inferred);
}

LogicalResult Conv2DOp::verify() {
  auto inputType = getInput().getType();
  auto filterType = getFilter().getType();
  int64_t inChannels = inputType.getDimSize(3);
  int64_t filterChannels = filterType.getDimSize(3);
  if (!ShapedType::isDynamic(inChannels) &&
      !ShapedType::isDynamic(filterChannels) &&
      (filterChannels == 0 || inChannels % filterChannels != 0))
    return emitOpError("expects input channels (")
           << inChannels << ") to be a multiple of filter input channels ("
           << filterChannels << ")";
  if (failed(verifyBiasSize(*this, getBias(), filterType.getDimSize(0))) ||
      failed(verifyQuantizedBiasType(*this, getQuantizedBiasType(), getBias())))
    return failure();
  return verifyAffineElementTypes(*this, getInput(), getFilter(), getBias(),
                                  getOutput(), getWeightChannelAxis());
}

unsigned Conv2DOp::getInputOperandIndex() { return 0; }
unsigned Conv2DOp::getWeightOperandIndex() { return 1; }
int32_t Conv2DOp::getWeightChannelAxis() { return 0; }
std::optional<unsigned> Conv2DOp::getBiasOperandIndex() {
  return getBias() ? std::optional<unsigned>(2) : std::nullopt;
}

//===----------------------------------------------------------------------===//
// DepthwiseConv2DOp
//===----------------------------------------------------------------------===//

LogicalResult DepthwiseConv2DOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, DepthwiseConv2DOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto input = getShapeOfRank(adaptor.getInput(), 4);
  auto filter = getShapeOfRank(adaptor.getFilter(), 4);
  auto window =
      makeWindow(adaptor.getPaddingAttr(), adaptor.getStrideHAttr(),
                 adaptor.getStrideWAttr(), adaptor.getDilationHFactor(),
                 adaptor.getDilationWFactor());
  if (!input || !filter || !window)
    return failure();
  return inferWindowShape(*input, (*filter)[1], (*filter)[2], *window,
                          (*filter)[3], inferred);
}

LogicalResult DepthwiseConv2DOp::verify() {
  auto filterType = getFilter().getType();
  if (failed(verifyDimEquals(*this, getFilter(), 0, 1,
                             "filter dimension 0 (filters are 1 x KH x KW x "
                             "C*M)")))
    return failure();
  int64_t inChannels = getInput().getType().getDimSize(3);
  int64_t outChannels = filterType.getDimSize(3);
  if (!ShapedType::isDynamic(inChannels) &&
      !ShapedType::isDynamic(outChannels)) {
    if (inChannels == 0 || outChannels % inChannels != 0)
      return emitOpError("expects filter channels (")
             << outChannels << ") to be a multiple of input channels ("
             << inChannels << ")";
    int64_t multiplier = getDepthMultiplier();
    if (multiplier != 0 && multiplier * inChannels != outChannels)
      return emitOpError("has depth_multiplier ")
             << multiplier << " but the filter has " << outChannels
             << " channels for " << inChannels << " input channels";
  }
  if (failed(verifyBiasSize(*this, getBias(), outChannels)))
    return failure();
  return verifyAffineElementTypes(*this, getInput(), getFilter(), getBias(),
                                  getOutput(), getWeightChannelAxis());
}

unsigned DepthwiseConv2DOp::getInputOperandIndex() { return 0; }
unsigned DepthwiseConv2DOp::getWeightOperandIndex() { return 1; }
int32_t DepthwiseConv2DOp::getWeightChannelAxis() { return 3; }
std::optional<unsigned> DepthwiseConv2DOp::getBiasOperandIndex() {
  return getBias() ? std::optional<unsigned>(2) : std::nullopt;
}

//===----------------------------------------------------------------------===//
// TransposeConvOp
//===----------------------------------------------------------------------===//

LogicalResult TransposeConvOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, TransposeConvOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto weights = getShapeOfRank(adaptor.getWeights(), 4);
  if (!weights)
    return failure();
  if (auto shape = getConstantIntValues(adaptor.getOutputShape())) {
    if (shape->size() != 4 ||
        llvm::any_of(*shape, [](int64_t size) { return size < 0; }))
      return failure();
    inferred.emplace_back(*shape);
    return success();
  }
  auto input = getShapeOfRank(adaptor.getInput(), 4);
  int64_t batch = input ? (*input)[0] : ShapedType::kDynamic;
  inferred.emplace_back(ArrayRef<int64_t>{batch, ShapedType::kDynamic,
                                          ShapedType::kDynamic, (*weights)[0]});
  return success();
}

LogicalResult TransposeConvOp::verify() {
  if (failed(
          verifyDimEquals(*this, getOutputShape(), 0, 4, "output_shape size")))
    return failure();
  if (auto shape = getConstantIntValues(getOutputShape()))
    if (llvm::any_of(*shape, [](int64_t size) { return size <= 0; }))
      return emitOpError("expects positive output_shape entries");
  auto weightsType = getWeights().getType();
  auto inputType = getInput().getType();
  auto outputType = getOutput().getType();
  if (failed(verifyDimEquals(*this, getWeights(), 3, inputType.getDimSize(3),
                             "weights input channels (dimension 3)")))
    return failure();
  // A forward convolution over the result must give the input's size.
  for (auto [dim, kernelDim, stride, name] :
       {std::make_tuple(1, 1, int64_t(getStrideH()), "height"),
        std::make_tuple(2, 2, int64_t(getStrideW()), "width")}) {
    int64_t outSize = outputType.getDimSize(dim);
    int64_t inSize = inputType.getDimSize(dim);
    int64_t kernel = weightsType.getDimSize(kernelDim);
    if (ShapedType::isDynamic(outSize) || ShapedType::isDynamic(inSize) ||
        ShapedType::isDynamic(kernel))
      continue;
    int64_t forward =
        computeWindowOutputSize(getPadding(), outSize, kernel, stride);
    if (forward != inSize)
      return emitOpError("expects output ")
             << name << " " << outSize << " to be a transposed size of input "
             << name << " " << inSize << " (a convolution over it gives "
             << forward << ")";
  }
  if (failed(verifyBiasSize(*this, getBias(), weightsType.getDimSize(0))) ||
      failed(verifyQuantizedBiasType(*this, getQuantizedBiasType(), getBias())))
    return failure();
  return verifyAffineElementTypes(*this, getInput(), getWeights(), getBias(),
                                  getOutput(), getWeightChannelAxis());
}

unsigned TransposeConvOp::getInputOperandIndex() { return 2; }
unsigned TransposeConvOp::getWeightOperandIndex() { return 1; }
int32_t TransposeConvOp::getWeightChannelAxis() { return 0; }
std::optional<unsigned> TransposeConvOp::getBiasOperandIndex() {
  return getBias() ? std::optional<unsigned>(3) : std::nullopt;
}

//===----------------------------------------------------------------------===//
// FullyConnectedOp
//===----------------------------------------------------------------------===//

LogicalResult FullyConnectedOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, FullyConnectedOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto filter = getShapeOfRank(adaptor.getFilter(), 2);
  auto inputType = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
  if (!filter || !inputType || inputType.getRank() == 0)
    return failure();
  int64_t units = (*filter)[0];
  int64_t depth = (*filter)[1];
  if (adaptor.getKeepNumDims()) {
    SmallVector<int64_t> shape(inputType.getShape().drop_back());
    shape.push_back(units);
    inferred.emplace_back(shape);
    return success();
  }
  int64_t rows = ShapedType::kDynamic;
  if (inputType.hasStaticShape() && !ShapedType::isDynamic(depth)) {
    if (depth == 0 || inputType.getNumElements() % depth != 0)
      return failure();
    rows = inputType.getNumElements() / depth;
  }
  inferred.emplace_back(ArrayRef<int64_t>{rows, units});
  return success();
}

LogicalResult FullyConnectedOp::verify() {
  auto inputType = getInput().getType();
  auto filterType = getFilter().getType();
  if (inputType.getRank() == 0)
    return emitOpError("expects an input of rank at least 1");
  int64_t depth = filterType.getDimSize(1);
  if (getKeepNumDims()) {
    if (failed(verifyDimEquals(*this, getInput(), inputType.getRank() - 1,
                               depth,
                               "the last input dimension (filter depth) "
                               "with keep_num_dims")))
      return failure();
  } else if (inputType.hasStaticShape() && !ShapedType::isDynamic(depth) &&
             (depth == 0 || inputType.getNumElements() % depth != 0)) {
    return emitOpError("expects the number of input elements (")
           << inputType.getNumElements()
           << ") to be a multiple of the filter depth (" << depth << ")";
  }
  if (getWeightsFormat() == FullyConnectedWeightsFormat::Shuffled4x16Int8) {
    int64_t units = filterType.getDimSize(0);
    if (!isQuantized(filterType) || ShapedType::isDynamic(units) ||
        ShapedType::isDynamic(depth) || units % 4 != 0 || depth % 16 != 0)
      return emitOpError("expects shuffled4x16int8 weights to be quantized "
                         "with static sizes that are multiples of 4 x 16");
  }
  if (failed(verifyBiasSize(*this, getBias(), filterType.getDimSize(0))) ||
      failed(verifyQuantizedBiasType(*this, getQuantizedBiasType(), getBias())))
    return failure();
  return verifyAffineElementTypes(*this, getInput(), getFilter(), getBias(),
                                  getOutput(), getWeightChannelAxis());
}

unsigned FullyConnectedOp::getInputOperandIndex() { return 0; }
unsigned FullyConnectedOp::getWeightOperandIndex() { return 1; }
int32_t FullyConnectedOp::getWeightChannelAxis() { return 0; }
std::optional<unsigned> FullyConnectedOp::getBiasOperandIndex() {
  return getBias() ? std::optional<unsigned>(2) : std::nullopt;
}

//===----------------------------------------------------------------------===//
// Pools
//===----------------------------------------------------------------------===//

template <typename PoolOp>
static LogicalResult
inferPoolShape(typename PoolOp::Adaptor adaptor,
               SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto input = getShapeOfRank(adaptor.getInput(), 4);
  auto window = makeWindow(adaptor.getPaddingAttr(), adaptor.getStrideHAttr(),
                           adaptor.getStrideWAttr(), 1, 1);
  if (!input || !window || !adaptor.getFilterHeightAttr() ||
      !adaptor.getFilterWidthAttr())
    return failure();
  return inferWindowShape(*input, adaptor.getFilterHeight(),
                          adaptor.getFilterWidth(), *window, (*input)[3],
                          inferred);
}

LogicalResult AveragePool2DOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, AveragePool2DOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  return inferPoolShape<AveragePool2DOp>(adaptor, inferred);
}

LogicalResult AveragePool2DOp::verify() {
  return verifySameElementKind(*this, getInput(), getOutput(), "result");
}

LogicalResult MaxPool2DOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, MaxPool2DOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  return inferPoolShape<MaxPool2DOp>(adaptor, inferred);
}

LogicalResult MaxPool2DOp::verify() {
  return verifySameElementKind(*this, getInput(), getOutput(), "result");
}
