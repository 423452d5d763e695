//===- Quantize.cpp - TFLite's post-training quantization -----------------===//
//
// Implements `mint-quantize`: rewrites a float model into one of TFLite's
// post-training quantized forms.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Dialect/Mint/IR/QuantizedConstants.h"
#include "mint/Dialect/Mint/Transforms/CalibrationRanges.h"
#include "mint/Target/TFLite/TFLite.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <cmath>

namespace mlir::mint {
#define GEN_PASS_DEF_QUANTIZEPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {

/// True if every value of `values` is finite in float16 (|x| <= 65504, the
/// largest half; larger values would round to infinity).
bool fitsFloat16(DenseFPElementsAttr values) {
  constexpr double kLargestHalf = 65504.0;
  return llvm::all_of(values.getValues<APFloat>(), [](const APFloat &value) {
    double x = value.convertToDouble();
    return !std::isfinite(x) || std::abs(x) <= kLargestHalf;
  });
}

/// The scales of a per-tensor or per-axis quantized type.
SmallVector<double> getScales(quant::QuantizedType type) {
  if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(type))
    return {perTensor.getScale()};
  return llvm::to_vector(
      cast<quant::UniformQuantizedPerAxisType>(type).getScales());
}

/// True if `type` is a tensor of f32.
bool isF32Tensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.getElementType().isF32();
}

/// True if `type` is a tensor of quantized values.
bool isQuantizedTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && isa<quant::QuantizedType>(tensor.getElementType());
}

/// The f32 constant that defines `value`, if any.
DenseFPElementsAttr getFloatConstant(Value value) {
  auto constant = value.getDefiningOp<ConstOp>();
  if (!constant || !isF32Tensor(constant.getType()))
    return {};
  return dyn_cast<DenseFPElementsAttr>(constant.getValue());
}

/// The ops a user keeps in float: by TFLite op name (CONV_2D) or by a
/// regular expression searched in their tensor names.
struct DenyList {
  llvm::StringSet<> opNames;
  std::optional<llvm::Regex> tensorNames;

  /// Why `op` is denied ("deny-ops", "deny-names"), or empty.
  StringRef getReason(Operation *op) const {
    if (isa<MintDialect>(op->getDialect()) &&
        opNames.contains(op->getName().stripDialect().upper()))
      return "deny-ops";
    if (tensorNames)
      for (StringRef name : getTensorNames(op->getLoc()))
        if (tensorNames->match(name))
          return "deny-names";
    return {};
  }
};

/// Rewrites one function for full integer quantization (see the pass
/// description); reports and fails where statistics are missing.
class Int8Quantizer {
public:
  /// `activationBits` is 8 (int8) or 16 (int16 activations, int8
  /// weights: TFLite's 16x8).
  Int8Quantizer(func::FuncOp func, CalibrationMethod method, double percentile,
                unsigned activationBits, QuantizedIOType ioType,
                const DenyList &denyList, bool biasCorrection)
      : func(func), method(method), percentile(percentile),
        activationBits(activationBits), ioType(ioType), denyList(denyList),
        biasCorrection(biasCorrection), builder(func.getContext()) {}

  LogicalResult run();

  int64_t getNumKeptFloat() const { return numKeptFloat; }

private:
  /// The calibrated type of float activation `value`.
  FailureOr<quant::UniformQuantizedType> getCalibratedType(Value value);
  /// `value`, quantized (a QUANTIZE after a float producer, made once).
  FailureOr<Value> getQuantized(Value value);
  /// A constant holding `values` quantized to `type`, before `user`.
  Value createQuantizedConstant(Operation *user, DenseFPElementsAttr values,
                                quant::QuantizedType type);
  /// The int64 bias of a 16x8 kernel: `values` / scale per channel, rounded
  /// halves away from zero, as a plain i64 constant whose TFLite
  /// quantization parameters ride beside it (mint.tflite.tensor; the quant
  /// dialect's types stop at 32-bit storage).
  Value createInt64Bias(Operation *user, DenseFPElementsAttr values,
                        ArrayRef<double> scales);
  /// `biases` less the mean shift that quantizing `weights` (now
  /// `quantizedWeight`) causes in `op`'s output: (Wq - W) applied to the
  /// per-channel means of `input` that calibration recorded
  /// (mint.channel_means); `biases` as they are without means.
  DenseFPElementsAttr correctBias(Operation *op, DenseFPElementsAttr biases,
                                  DenseFPElementsAttr weights,
                                  Value quantizedWeight, Value input);
  /// Gives `value` (quantized) the type `type`, requantizing before `user`.
  Value requantize(Operation *user, Value value,
                   quant::UniformQuantizedType type);
  LogicalResult quantizeOp(Operation *op);
  /// Leaves `op` in float (DEQUANTIZE before its quantized operands); with
  /// a `reason`, counts it and records the reason in its
  /// mint.float_reason attribute.
  void keepFloat(Operation *op, StringRef reason);

  /// The activation type for the real range [low, high].
  quant::UniformQuantizedType getRangeType(double low, double high) {
    return activationBits == 16
               ? getInt16ActivationType(func.getContext(), low, high)
               : getActivationType(func.getContext(), low, high);
  }
  /// Why `op` gets no integer form, or empty if it gets one.
  StringRef getFloatReason(Operation *op) const;

  func::FuncOp func;
  CalibrationMethod method;
  double percentile;
  unsigned activationBits;
  QuantizedIOType ioType;
  const DenyList &denyList;
  bool biasCorrection;
  OpBuilder builder;
  llvm::DenseMap<Value, Value> quantizedValues;
  /// The float values that QUANTIZEs made by this pass convert, so that a
  /// float op reads them instead of a DEQUANTIZE of their QUANTIZE.
  llvm::DenseMap<Value, Value> floatValues;
  int64_t numKeptFloat = 0;
};

FailureOr<quant::UniformQuantizedType>
Int8Quantizer::getCalibratedType(Value value) {
  StatsAttr stats;
  if (auto argument = dyn_cast<BlockArgument>(value)) {
    stats = func.getArgAttrOfType<StatsAttr>(argument.getArgNumber(),
                                             kStatsAttrName);
  } else {
    Operation *op = value.getDefiningOp();
    if (auto perResult = op->getAttrOfType<ArrayAttr>(kStatsAttrName)) {
      unsigned index = cast<OpResult>(value).getResultNumber();
      if (index < perResult.size())
        stats = dyn_cast<StatsAttr>(perResult[index]);
    }
  }
  if (!stats) {
    Location loc = isa<BlockArgument>(value) ? func.getLoc()
                                             : value.getDefiningOp()->getLoc();
    return emitError(loc, "has no calibration statistics (mint.stats); "
                          "calibrate the model first (mint calibrate, or "
                          "mint quantize --data)");
  }
  RealRange range = selectRange(stats, method, percentile, activationBits);
  return getRangeType(range.low, range.high);
}

FailureOr<Value> Int8Quantizer::getQuantized(Value value) {
  if (isQuantizedTensor(value.getType()))
    return value;
  if (Value known = quantizedValues.lookup(value))
    return known;
  FailureOr<quant::UniformQuantizedType> type = getCalibratedType(value);
  if (failed(type))
    return failure();
  if (auto argument = dyn_cast<BlockArgument>(value))
    builder.setInsertionPointToStart(argument.getOwner());
  else
    builder.setInsertionPointAfter(value.getDefiningOp());
  auto tensorType = cast<RankedTensorType>(value.getType());
  Value quantized = QuantizeOp::create(builder, value.getLoc(),
                                       tensorType.clone(*type), value);
  quantizedValues[value] = quantized;
  floatValues[quantized] = value;
  return quantized;
}

Value Int8Quantizer::createQuantizedConstant(Operation *user,
                                             DenseFPElementsAttr values,
                                             quant::QuantizedType type) {
  builder.setInsertionPoint(user);
  auto tensorType = cast<RankedTensorType>(values.getType()).clone(type);
  return ConstOp::create(builder, user->getLoc(), tensorType,
                         quantizeConstant(values, tensorType));
}

Value Int8Quantizer::createInt64Bias(Operation *user,
                                     DenseFPElementsAttr values,
                                     ArrayRef<double> scales) {
  SmallVector<int64_t> stored;
  int64_t index = 0;
  for (const APFloat &value : values.getValues<APFloat>()) {
    double scale = scales[scales.size() == 1 ? 0 : index];
    stored.push_back(std::llround(value.convertToDouble() / scale));
    ++index;
  }
  auto type = cast<RankedTensorType>(values.getType())
                  .clone(builder.getIntegerType(64));
  builder.setInsertionPoint(user);
  auto constant =
      ConstOp::create(builder, user->getLoc(), type,
                      DenseIntElementsAttr::get(type, ArrayRef(stored)));
  SmallVector<float> floatScales(scales.begin(), scales.end());
  NamedAttrList facts;
  facts.set("scale", builder.getDenseF32ArrayAttr(floatScales));
  facts.set("zero_point", builder.getDenseI64ArrayAttr(
                              SmallVector<int64_t>(scales.size(), 0)));
  facts.set("quantized_dimension", builder.getI32IntegerAttr(0));
  constant->setAttr(
      tflite_attrs::kTensorInfo,
      builder.getArrayAttr({facts.getDictionary(builder.getContext())}));
  return constant;
}

DenseFPElementsAttr Int8Quantizer::correctBias(Operation *op,
                                               DenseFPElementsAttr biases,
                                               DenseFPElementsAttr weights,
                                               Value quantizedWeight,
                                               Value input) {
  DenseF64ArrayAttr means;
  if (auto argument = dyn_cast<BlockArgument>(input)) {
    means = func.getArgAttrOfType<DenseF64ArrayAttr>(argument.getArgNumber(),
                                                     kChannelMeansAttrName);
  } else if (auto perResult = input.getDefiningOp()->getAttrOfType<ArrayAttr>(
                 kChannelMeansAttrName)) {
    unsigned index = cast<OpResult>(input).getResultNumber();
    if (index < perResult.size())
      means = dyn_cast<DenseF64ArrayAttr>(perResult[index]);
  }
  if (!means)
    return biases;
  auto constant = quantizedWeight.getDefiningOp<ConstOp>();
  DenseElementsAttr rounded =
      dequantizeConstant(cast<DenseIntElementsAttr>(constant.getValue()),
                         constant.getType(), builder.getF32Type());
  auto shape = cast<ShapedType>(weights.getType()).getShape();
  SmallVector<double> original, quantized;
  for (const APFloat &value : weights.getValues<APFloat>())
    original.push_back(value.convertToDouble());
  for (const APFloat &value : rounded.getValues<APFloat>())
    quantized.push_back(value.convertToDouble());
  ArrayRef<double> channelMeans = means.asArrayRef();
  // Output channels and, for each weight, its output and input channel.
  int64_t outputs = biases.getNumElements();
  int64_t inner = shape.back();
  SmallVector<double> shift(outputs, 0.0);
  for (size_t i = 0; i < original.size(); ++i) {
    int64_t output, channel;
    if (isa<DepthwiseConv2DOp>(op)) {
      // [1, KH, KW, C * M]: output channel i % (C * M) reads input channel
      // output / M.
      output = i % inner;
      channel = output / (inner / static_cast<int64_t>(channelMeans.size()));
    } else {
      // [O, ..., I] (CONV_2D, FULLY_CONNECTED).
      output = i / (original.size() / outputs);
      channel = i % inner;
    }
    if (channel >= static_cast<int64_t>(channelMeans.size()) ||
        output >= outputs)
      return biases;
    shift[output] += (quantized[i] - original[i]) * channelMeans[channel];
  }
  SmallVector<float> corrected;
  for (auto [index, value] : llvm::enumerate(biases.getValues<APFloat>()))
    corrected.push_back(
        static_cast<float>(value.convertToDouble() - shift[index]));
  return cast<DenseFPElementsAttr>(DenseElementsAttr::get(
      cast<ShapedType>(biases.getType()), ArrayRef(corrected)));
}

Value Int8Quantizer::requantize(Operation *user, Value value,
                                quant::UniformQuantizedType type) {
  auto tensorType = cast<RankedTensorType>(value.getType());
  if (tensorType.getElementType() == type)
    return value;
  builder.setInsertionPoint(user);
  return QuantizeOp::create(builder, user->getLoc(), tensorType.clone(type),
                            value);
}

/// Every mint op that computes gets an integer form but custom ops
/// (opaque), the quantization ops themselves, ops on other float types,
/// with int16 activations the ops TFLite has no int16 kernel for (DIV,
/// HARD_SWISH, LOG_SOFTMAX, DEPTH_TO_SPACE), and the ops the user denies.
StringRef Int8Quantizer::getFloatReason(Operation *op) const {
  if (!isa<MintDialect>(op->getDialect()) || isa<CustomOp>(op))
    return "custom op";
  if (isa<FakeQuantOp, DensifyOp, QuantizeOp, DequantizeOp>(op))
    return "conversion";
  if (activationBits == 16 &&
      isa<DivOp, HardSwishOp, LogSoftmaxOp, DepthToSpaceOp>(op))
    return "no int16 kernel in TFLite";
  auto isFloatButNotF32 = [](Type type) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    return tensor && isa<FloatType>(tensor.getElementType()) &&
           !tensor.getElementType().isF32();
  };
  if (llvm::any_of(op->getOperandTypes(), isFloatButNotF32) ||
      llvm::any_of(op->getResultTypes(), isFloatButNotF32) ||
      llvm::none_of(op->getResultTypes(), isF32Tensor))
    return "not float32";
  return denyList.getReason(op);
}

void Int8Quantizer::keepFloat(Operation *op, StringRef reason) {
  if (!reason.empty()) {
    ++numKeptFloat;
    op->setAttr(kFloatReasonAttrName, builder.getStringAttr(reason));
  }
  for (OpOperand &operand : op->getOpOperands()) {
    auto tensorType = dyn_cast<RankedTensorType>(operand.get().getType());
    if (!tensorType || !isQuantizedTensor(tensorType))
      continue;
    if (Value original = floatValues.lookup(operand.get())) {
      operand.set(original);
      continue;
    }
    builder.setInsertionPoint(op);
    operand.set(DequantizeOp::create(builder, op->getLoc(),
                                     tensorType.clone(builder.getF32Type()),
                                     operand.get()));
  }
}

LogicalResult Int8Quantizer::quantizeOp(Operation *op) {
  MLIRContext *context = op->getContext();
  // Weights and biases of convolutions and fully connected layers.
  if (auto affine = dyn_cast<AffineQuantizedOpInterface>(op)) {
    OpOperand &input = op->getOpOperand(affine.getInputOperandIndex());
    Value floatInput = input.get();
    if (Value original = floatValues.lookup(floatInput))
      floatInput = original;
    FailureOr<Value> quantizedInput = getQuantized(input.get());
    if (failed(quantizedInput))
      return failure();
    input.set(*quantizedInput);
    auto inputType = cast<quant::UniformQuantizedType>(
        cast<RankedTensorType>(input.get().getType()).getElementType());
    OpOperand &weight = op->getOpOperand(affine.getWeightOperandIndex());
    DenseFPElementsAttr weights = getFloatConstant(weight.get());
    if (!weights)
      return op->emitOpError("has a weight that is not a float32 constant; "
                             "Mint quantizes constant weights");
    int64_t axis =
        isa<FullyConnectedOp>(op) ? -1 : affine.getWeightChannelAxis();
    quant::QuantizedType weightType = getWeightType(weights, axis);
    Value quantizedWeight = createQuantizedConstant(op, weights, weightType);
    weight.set(quantizedWeight);
    if (std::optional<unsigned> biasIndex = affine.getBiasOperandIndex()) {
      OpOperand &bias = op->getOpOperand(*biasIndex);
      if (DenseFPElementsAttr biases = getFloatConstant(bias.get())) {
        if (biasCorrection && !isa<TransposeConvOp>(op))
          biases =
              correctBias(op, biases, weights, quantizedWeight, floatInput);
        SmallVector<double> scales;
        for (double scale : getScales(weightType))
          // The product in float, as TFLite stores it.
          scales.push_back(
              static_cast<float>(static_cast<float>(inputType.getScale()) *
                                 static_cast<float>(scale)));
        if (activationBits == 16) {
          bias.set(createInt64Bias(op, biases, scales));
        } else {
          Type i32 = IntegerType::get(context, 32);
          Type f32 = Float32Type::get(context);
          quant::QuantizedType biasType =
              scales.size() == 1
                  ? quant::QuantizedType(quant::UniformQuantizedType::get(
                        quant::QuantizationFlags::Signed, i32, f32,
                        scales.front(), 0, INT32_MIN, INT32_MAX))
                  : quant::UniformQuantizedPerAxisType::get(
                        quant::QuantizationFlags::Signed, i32, f32, scales,
                        SmallVector<int64_t>(scales.size(), 0), 0, INT32_MIN,
                        INT32_MAX);
          bias.set(createQuantizedConstant(op, biases, biasType));
        }
      }
    }
  }

  // The result types.
  SmallVector<OpOperand *> activations, constants;
  for (OpOperand &operand : op->getOpOperands()) {
    if (isQuantizedTensor(operand.get().getType()) &&
        operand.get().getDefiningOp<ConstOp>())
      continue; // Quantized above.
    if (getFloatConstant(operand.get()))
      constants.push_back(&operand);
    else if (isF32Tensor(operand.get().getType()) ||
             isQuantizedTensor(operand.get().getType()))
      activations.push_back(&operand);
  }
  for (OpOperand *operand : activations) {
    FailureOr<Value> quantized = getQuantized(operand->get());
    if (failed(quantized))
      return failure();
    operand->set(*quantized);
  }
  auto elementOf = [](Value value) {
    return cast<quant::UniformQuantizedType>(
        cast<RankedTensorType>(value.getType()).getElementType());
  };
  for (OpResult result : op->getResults()) {
    if (!isF32Tensor(result.getType()))
      continue;
    quant::UniformQuantizedType type;
    if (auto fixed = dyn_cast<FixedOutputRangeOpInterface>(op)) {
      type = fixed.getFixedOutputType(/*isSigned=*/true, activationBits,
                                      Float32Type::get(context));
    } else if (op->hasTrait<OpTrait::mint::SameOperandsAndResultsScale>() &&
               activations.size() == 1) {
      type = elementOf(activations.front()->get());
    } else {
      FailureOr<quant::UniformQuantizedType> calibrated =
          getCalibratedType(result);
      if (failed(calibrated))
        return failure();
      type = *calibrated;
    }
    if (op->hasTrait<OpTrait::mint::SameOperandsAndResultsScale>()) {
      // Every input shares the result's parameters.
      for (OpOperand *operand : activations)
        operand->set(requantize(op, operand->get(), type));
      for (OpOperand *operand : constants)
        operand->set(createQuantizedConstant(
            op, getFloatConstant(operand->get()), type));
      constants.clear();
    }
    result.setType(cast<RankedTensorType>(result.getType()).clone(type));
  }
  // TFLite's general-scale int16 ADD and SUB (its power-of-two path
  // expects power-of-two scales).
  if (activationBits == 16 && isa<AddOp, SubOp>(op))
    op->setAttr("pot_scale_int16", BoolAttr::get(context, false));
  // Other constant operands (a constant addend, a PRELU slope): per tensor
  // over their own range; a PRELU slope is int8 in both schemes.
  for (OpOperand *operand : constants) {
    DenseFPElementsAttr values = getFloatConstant(operand->get());
    double low = 0.0, high = 0.0;
    for (const APFloat &value : values.getValues<APFloat>()) {
      low = std::min(low, value.convertToDouble());
      high = std::max(high, value.convertToDouble());
    }
    operand->set(createQuantizedConstant(
        op, values,
        isa<PReluOp>(op) ? getActivationType(context, low, high)
                         : getRangeType(low, high)));
  }
  return success();
}

/// The uint8 twin of int8 type `type`: the same scale, the zero point moved
/// by 128 (TFLite's uint8 model interface).
quant::UniformQuantizedType getUInt8Type(quant::UniformQuantizedType type) {
  return quant::UniformQuantizedType::get(
      /*flags=*/0, type.getStorageType(), type.getExpressedType(),
      type.getScale(), type.getZeroPoint() + 128, 0, 255);
}

/// Gives `converted`, which now produces a model output in place of
/// `value`, the tensor name of `value`'s producer (so that the model's
/// outputs keep their names), and names the producer's tensor
/// `<name>_quantized`.
void moveOutputName(Value value, Operation *converted) {
  Operation *producer = value.getDefiningOp();
  if (!producer || producer->getNumResults() != 1)
    return;
  auto name = dyn_cast<NameLoc>(producer->getLoc());
  if (!name)
    return;
  converted->setLoc(name);
  producer->setLoc(
      NameLoc::get(StringAttr::get(producer->getContext(),
                                   name.getName().getValue() + "_quantized"),
                   name.getChildLoc()));
}

LogicalResult Int8Quantizer::run() {
  if (ioType == QuantizedIOType::UInt8 && activationBits != 8)
    return func.emitError("io-type=uint8 needs int8 activations (mode=int8)");
  // Float inputs: quantized once, at the top; with integer I/O, the
  // argument itself takes the calibrated type (uint8: its twin, requantized
  // to int8 at the top).
  for (BlockArgument argument : func.getArguments()) {
    if (!isF32Tensor(argument.getType()) || argument.use_empty())
      continue;
    if (ioType == QuantizedIOType::Float) {
      FailureOr<Value> quantized = getQuantized(argument);
      if (failed(quantized))
        return failure();
      argument.replaceAllUsesExcept(*quantized, quantized->getDefiningOp());
      continue;
    }
    FailureOr<quant::UniformQuantizedType> type = getCalibratedType(argument);
    if (failed(type))
      return failure();
    auto tensorType = cast<RankedTensorType>(argument.getType());
    if (ioType == QuantizedIOType::Native) {
      argument.setType(tensorType.clone(*type));
      continue;
    }
    argument.setType(tensorType.clone(getUInt8Type(*type)));
    builder.setInsertionPointToStart(argument.getOwner());
    Value quantized = QuantizeOp::create(builder, argument.getLoc(),
                                         tensorType.clone(*type), argument);
    argument.replaceAllUsesExcept(quantized, quantized.getDefiningOp());
    quantizedValues[argument] = quantized;
  }
  SmallVector<Operation *> ops;
  func.walk([&](Operation *op) {
    if (isa<MintDialect>(op->getDialect()) &&
        !isa<ConstOp, SparseConstOp, NoValueOp>(op))
      ops.push_back(op);
  });
  for (Operation *op : ops) {
    if (isa<QuantizeOp>(op) && quantizedValues.count(op->getOperand(0)))
      continue; // Made by this pass.
    if (StringRef reason = getFloatReason(op); !reason.empty()) {
      // Ops without float results take float operands, uncounted.
      if (reason != "conversion")
        keepFloat(op, reason == "not float32" ? StringRef() : reason);
      continue;
    }
    if (failed(quantizeOp(op)))
      return failure();
  }
  // Outputs: float (a DEQUANTIZE), or integer (a float output quantized,
  // a uint8 one requantized).
  auto returnOp = cast<func::ReturnOp>(func.getBody().back().getTerminator());
  for (OpOperand &operand : returnOp->getOpOperands()) {
    auto tensorType = dyn_cast<RankedTensorType>(operand.get().getType());
    if (!tensorType)
      continue;
    if (ioType == QuantizedIOType::Float) {
      if (!isQuantizedTensor(tensorType))
        continue;
      builder.setInsertionPoint(returnOp);
      auto dequantize = DequantizeOp::create(
          builder, returnOp.getLoc(), tensorType.clone(builder.getF32Type()),
          operand.get());
      moveOutputName(operand.get(), dequantize);
      operand.set(dequantize);
      continue;
    }
    if (!isQuantizedTensor(tensorType) && !isF32Tensor(tensorType))
      continue;
    FailureOr<Value> quantized = getQuantized(operand.get());
    if (failed(quantized))
      return failure();
    operand.set(*quantized);
    if (ioType == QuantizedIOType::UInt8) {
      auto type = cast<quant::UniformQuantizedType>(
          cast<RankedTensorType>(quantized->getType()).getElementType());
      builder.setInsertionPoint(returnOp);
      auto requantize =
          QuantizeOp::create(builder, returnOp.getLoc(),
                             tensorType.clone(getUInt8Type(type)), *quantized);
      moveOutputName(*quantized, requantize);
      operand.set(requantize);
    }
  }
  func.setType(builder.getFunctionType(func.getBody().getArgumentTypes(),
                                       returnOp.getOperandTypes()));
  // QUANTIZEs that only float ops would have read go.
  for (auto [original, quantized] : quantizedValues)
    if (quantized.use_empty())
      quantized.getDefiningOp()->erase();
  // The statistics have served; constants left without users go.
  func.walk([](Operation *op) {
    op->removeAttr(kStatsAttrName);
    op->removeAttr(kChannelMeansAttrName);
  });
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i) {
    func.removeArgAttr(i, kStatsAttrName);
    func.removeArgAttr(i, kChannelMeansAttrName);
  }
  func.walk([](ConstOp op) {
    if (op->use_empty())
      op->erase();
  });
  return success();
}

struct QuantizePass : mint::impl::QuantizePassBase<QuantizePass> {
  using QuantizePassBase::QuantizePassBase;

  void runOnOperation() override {
    if (mode == QuantizationMode::Float16) {
      quantizeFloat16();
      return;
    }
    DenyList denyList;
    if (failed(buildDenyList(denyList)))
      return signalPassFailure();
    if (mode == QuantizationMode::DynamicInt8) {
      quantizeDynamic(denyList);
      return;
    }
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (!func.isPublic() || func.isExternal())
        continue;
      Int8Quantizer quantizer(func, calibrationMethod, percentile,
                              mode == QuantizationMode::Int16x8 ? 16 : 8,
                              ioType, denyList, biasCorrection);
      if (failed(quantizer.run()))
        return signalPassFailure();
      numKeptFloat += quantizer.getNumKeptFloat();
    }
    if (int8Only && failed(checkIntegerOnly()))
      return signalPassFailure();
  }

  /// Reports each op that stayed float, with why; fails if there is one.
  LogicalResult checkIntegerOnly() {
    bool ok = true;
    getOperation().walk([&](Operation *op) {
      auto reason = op->getAttrOfType<StringAttr>(kFloatReasonAttrName);
      if (!reason)
        return;
      std::string name = op->getName().stripDialect().upper();
      if (auto custom = dyn_cast<CustomOp>(op))
        name = custom.getCustomCode().str();
      InFlightDiagnostic diag = op->emitError("int8-only: ") << name;
      SmallVector<StringRef> tensors = getTensorNames(op->getLoc());
      if (!tensors.empty())
        diag << " '" << tensors.front() << "'";
      diag << " stays float (" << reason.getValue() << ")";
      ok = false;
    });
    return success(ok);
  }

  /// Checks and compiles the deny options into `denyList`.
  LogicalResult buildDenyList(DenyList &denyList) {
    MLIRContext *context = &getContext();
    for (const std::string &name : denyOps) {
      std::string mnemonic = StringRef(name).lower();
      if (!RegisteredOperationName::lookup(
              (MintDialect::getDialectNamespace() + "." + mnemonic).str(),
              context))
        return getOperation().emitError("deny-ops: '")
               << name << "' is not a TFLite op Mint models (use TFLite's "
               << "names, such as CONV_2D)";
      denyList.opNames.insert(StringRef(name).upper());
    }
    if (!denyNames.empty()) {
      llvm::Regex regex(denyNames);
      std::string error;
      if (!regex.isValid(error))
        return getOperation().emitError("deny-names: '")
               << denyNames << "' is not a regular expression: " << error;
      denyList.tensorNames = std::move(regex);
    }
    return success();
  }

  /// Gives the ops TFLite has hybrid kernels for int8 weights (see the
  /// pass description).
  void quantizeDynamic(const DenyList &denyList) {
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (auto conv = dyn_cast<Conv2DOp>(op)) {
        if (conv.getDilationHFactor() == 1 && conv.getDilationWFactor() == 1)
          ops.push_back(op);
      } else if (auto fc = dyn_cast<FullyConnectedOp>(op)) {
        if (fc.getWeightsFormat() == FullyConnectedWeightsFormat::Default)
          ops.push_back(op);
      } else if (isa<DepthwiseConv2DOp>(op)) {
        ops.push_back(op);
      }
    });
    OpBuilder builder(&getContext());
    for (Operation *op : ops) {
      if (StringRef reason = denyList.getReason(op); !reason.empty()) {
        op->setAttr(kFloatReasonAttrName, builder.getStringAttr(reason));
        continue;
      }
      auto affine = cast<AffineQuantizedOpInterface>(op);
      if (!isF32Tensor(op->getOperand(affine.getInputOperandIndex()).getType()))
        continue;
      OpOperand &weight = op->getOpOperand(affine.getWeightOperandIndex());
      DenseFPElementsAttr weights = getFloatConstant(weight.get());
      if (!weights || weights.getNumElements() < minWeightElements)
        continue;
      int64_t axis =
          isa<FullyConnectedOp>(op) ? 0 : affine.getWeightChannelAxis();
      auto type = cast<RankedTensorType>(weights.getType())
                      .clone(getWeightType(weights, axis));
      builder.setInsertionPoint(op);
      Value quantized = ConstOp::create(builder, op->getLoc(), type,
                                        quantizeConstant(weights, type));
      Operation *old = weight.get().getDefiningOp();
      weight.set(quantized);
      if (old->use_empty())
        old->erase();
      if (auto fc = dyn_cast<FullyConnectedOp>(op))
        fc.setAsymmetricQuantizeInputs(true);
      ++numConverted;
    }
  }

  /// Stores every float32 constant as float16 behind a DEQUANTIZE.
  void quantizeFloat16() {
    SmallVector<ConstOp> constants;
    getOperation().walk([&](ConstOp op) {
      if (op.getType().getElementType().isF32())
        constants.push_back(op);
    });
    OpBuilder builder(&getContext());
    FloatType f16 = builder.getF16Type();
    for (ConstOp op : constants) {
      auto values = dyn_cast<DenseFPElementsAttr>(op.getValue());
      if (!values)
        continue;
      if (!fitsFloat16(values)) {
        ++numKeptFloat32;
        continue;
      }
      builder.setInsertionPoint(op);
      auto halfType = op.getType().clone(f16);
      auto half = ConstOp::create(builder, op.getLoc(), halfType,
                                  convertFloatConstant(values, f16));
      auto dequantized =
          DequantizeOp::create(builder, op.getLoc(), op.getType(), half);
      op.replaceAllUsesWith(dequantized.getResult());
      op.erase();
      ++numConverted;
    }
  }
};

} // namespace
