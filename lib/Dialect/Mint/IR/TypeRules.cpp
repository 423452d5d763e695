//===- TypeRules.cpp - Element-type rules shared by op verifiers ----------===//
//
// Implements the checks declared in TypeRules.h, chiefly TFLite's rules for
// the float, hybrid and quantized forms of convolutions and fully connected
// layers.
//
//===----------------------------------------------------------------------===//

#include "TypeRules.h"

#include "mint/Dialect/Mint/IR/ShapeRules.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mint;

std::string mlir::mint::formatShape(ArrayRef<int64_t> shape) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(shape, os, [&](int64_t size) {
    if (ShapedType::isDynamic(size))
      os << '?';
    else
      os << size;
  });
  os << ']';
  return text;
}

std::optional<int64_t> mlir::mint::normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

LogicalResult mlir::mint::verifySameElementKind(Operation *op, Value reference,
                                                Value value, StringRef what) {
  if (haveSameElementKind(reference.getType(), value.getType()))
    return success();
  return op->emitOpError("expects ")
         << what << " element type " << getElementTypeOrSelf(value)
         << " to be of the same kind as " << getElementTypeOrSelf(reference)
         << " (same float type, or quantized with the same storage type)";
}

LogicalResult mlir::mint::verifyDimEquals(Operation *op, Value value,
                                          int64_t dim, int64_t expected,
                                          StringRef what) {
  auto type = cast<ShapedType>(value.getType());
  int64_t size = type.getDimSize(dim);
  if (ShapedType::isDynamic(size) || ShapedType::isDynamic(expected) ||
      size == expected)
    return success();
  return op->emitOpError("expects ")
         << what << " to be " << expected << ", got " << size;
}

/// Returns the scales of a per-tensor or per-axis quantized type.
static SmallVector<double> getScales(quant::QuantizedType type) {
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(type))
    return llvm::to_vector(perAxis.getScales());
  if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(type))
    return {perTensor.getScale()};
  return {};
}

/// Returns the zero points of a per-tensor or per-axis quantized type.
static SmallVector<int64_t> getZeroPoints(quant::QuantizedType type) {
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(type))
    return llvm::to_vector(perAxis.getZeroPoints());
  if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(type))
    return {perTensor.getZeroPoint()};
  return {};
}

static LogicalResult verifyHybridOrFloat(Operation *op, Type input, Type weight,
                                         Value bias, Type output) {
  if (output != input)
    return op->emitOpError("expects result element type ")
           << output << " to equal the float input element type " << input;
  if (isa<FloatType>(weight)) {
    if (weight != input)
      return op->emitOpError("expects weight element type ")
             << weight << " to equal the float input element type " << input;
  } else if (auto quantWeight = dyn_cast<quant::QuantizedType>(weight)) {
    // Hybrid (dynamic-range) kernels take int8 weights.
    if (!quantWeight.isSigned() ||
        quantWeight.getStorageTypeIntegralWidth() != 8)
      return op->emitOpError("expects the quantized weight of a hybrid op to "
                             "be stored as signed 8-bit integers, got ")
             << weight;
  } else {
    return op->emitOpError("expects a float or quantized weight, got ")
           << weight;
  }
  if (bias && getElementTypeOrSelf(bias) != input)
    return op->emitOpError("expects bias element type ")
           << getElementTypeOrSelf(bias)
           << " to equal the float input element type " << input;
  return success();
}

static LogicalResult verifyQuantizedBias(Operation *op, Value bias,
                                         quant::UniformQuantizedType input,
                                         quant::QuantizedType weight) {
  Type biasType = getElementTypeOrSelf(bias);
  unsigned inputBits = input.getStorageTypeIntegralWidth();
  // 16x8 kernels take a raw i64 bias whose scale is input x weight (the
  // quant dialect has no 64-bit storage).
  if (inputBits == 16 && biasType.isInteger(64))
    return success();
  auto quantBias = dyn_cast<quant::QuantizedType>(biasType);
  if (!quantBias)
    return op->emitOpError("expects a quantized bias for a quantized input")
           << (inputBits == 16 ? " (or an i64 bias for 16-bit activations)"
                               : "")
           << ", got " << biasType;
  if (!quantBias.isSigned() || quantBias.getStorageTypeIntegralWidth() != 32)
    return op->emitOpError("expects the bias to be stored as i32")
           << (inputBits == 16 ? " (or be a raw i64)" : "") << " for "
           << inputBits << "-bit activations, got "
           << quantBias.getStorageType();
  if (llvm::any_of(getZeroPoints(quantBias), [](int64_t zp) { return zp; }))
    return op->emitOpError("expects the bias zero point to be 0");

  // TFLite's kernels require bias scale == input scale * weight scale, with
  // a relative tolerance of 1e-6 (per channel for per-axis weights).
  SmallVector<double> weightScales = getScales(weight);
  SmallVector<double> biasScales = getScales(quantBias);
  size_t channels = std::max(weightScales.size(), biasScales.size());
  if (weightScales.size() != 1 && biasScales.size() != 1 &&
      weightScales.size() != biasScales.size())
    return op->emitOpError("expects as many bias scales as weight scales, got ")
           << biasScales.size() << " and " << weightScales.size();
  for (size_t channel = 0; channel < channels; ++channel) {
    double expected =
        input.getScale() * weightScales[weightScales.size() == 1 ? 0 : channel];
    double actual = biasScales[biasScales.size() == 1 ? 0 : channel];
    if (std::abs(expected - actual) > 1e-6 * std::min(expected, actual))
      return op->emitOpError("expects bias scale ")
             << actual << " to equal input scale x weight scale = " << expected
             << " (channel " << channel << ")";
  }
  return success();
}

LogicalResult mlir::mint::verifyAffineElementTypes(Operation *op, Value input,
                                                   Value weight, Value bias,
                                                   Value output,
                                                   int32_t channelAxis) {
  Type inputType = getElementTypeOrSelf(input);
  Type weightType = getElementTypeOrSelf(weight);
  Type outputType = getElementTypeOrSelf(output);
  if (isa<FloatType>(inputType))
    return verifyHybridOrFloat(op, inputType, weightType, bias, outputType);

  auto quantInput = dyn_cast<quant::UniformQuantizedType>(inputType);
  if (!quantInput)
    return op->emitOpError("expects a float or per-tensor quantized input, "
                           "got ")
           << inputType;
  unsigned inputBits = quantInput.getStorageTypeIntegralWidth();
  if (inputBits != 8 && inputBits != 16)
    return op->emitOpError("expects 8- or 16-bit quantized activations, got ")
           << quantInput.getStorageType();
  auto quantOutput = dyn_cast<quant::UniformQuantizedType>(outputType);
  if (!quantOutput || !haveSameElementKind(quantInput, quantOutput))
    return op->emitOpError("expects a per-tensor quantized result with the "
                           "input's storage type, got ")
           << outputType;
  auto quantWeight = dyn_cast<quant::QuantizedType>(weightType);
  if (!quantWeight || quantWeight.getStorageTypeIntegralWidth() > 8)
    return op->emitOpError("expects a weight quantized to at most 8 bits for "
                           "a quantized input, got ")
           << weightType;
  if (inputBits == 16 && !quantWeight.isSigned())
    return op->emitOpError("expects signed weights for 16-bit activations");
  if (inputBits == 16 &&
      (quantInput.getZeroPoint() != 0 || quantOutput.getZeroPoint() != 0))
    return op->emitOpError("expects 16-bit activations to be symmetric (zero "
                           "point 0)");
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(weightType)) {
    if (perAxis.getQuantizedDimension() != channelAxis)
      return op->emitOpError("expects a per-axis weight to be quantized along "
                             "dimension ")
             << channelAxis << ", got " << perAxis.getQuantizedDimension();
    if (llvm::any_of(perAxis.getZeroPoints(), [](int64_t zp) { return zp; }))
      return op->emitOpError("expects per-axis weights to be symmetric (zero "
                             "point 0)");
  }
  if (bias)
    return verifyQuantizedBias(op, bias, quantInput, quantWeight);
  return success();
}
