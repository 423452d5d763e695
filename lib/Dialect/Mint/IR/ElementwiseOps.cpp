//===- ElementwiseOps.cpp - Arithmetic and activation ops -----------------===//
//
// Verifiers, shape inference and fixed quantized output ranges of the
// broadcasting binary ops and the activation functions.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "TypeRules.h"
#include "mint/Dialect/Mint/IR/ShapeRules.h"

#include "mlir/Dialect/Traits.h"
#include "mlir/IR/TypeUtilities.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mint;

/// Infers the NumPy broadcast of two ranked tensor operands.
static LogicalResult
inferBroadcastShape(Value lhs, Value rhs,
                    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto lhsType = dyn_cast<RankedTensorType>(lhs.getType());
  auto rhsType = dyn_cast<RankedTensorType>(rhs.getType());
  if (!lhsType || !rhsType)
    return failure();
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(lhsType.getShape(),
                                          rhsType.getShape(), shape))
    return failure();
  inferred.emplace_back(shape);
  return success();
}

/// Checks that two operands broadcast and that operands and result share an
/// element kind.
static LogicalResult verifyBroadcastingOp(Operation *op, Value lhs, Value rhs,
                                          Value result, StringRef rhsName) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(lhsType.getShape(),
                                          rhsType.getShape(), shape))
    return op->emitOpError("expects operands of broadcastable shapes, got ")
           << formatShape(lhsType.getShape()) << " and "
           << formatShape(rhsType.getShape());
  if (failed(verifySameElementKind(op, lhs, rhs, rhsName)) ||
      failed(verifySameElementKind(op, lhs, result, "result")))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Binary ops
//===----------------------------------------------------------------------===//

template <typename BinaryOp> static LogicalResult verifyBinaryOp(BinaryOp op) {
  if (getElementTypeOrSelf(op.getLhs()).isInteger(1))
    return op.emitOpError("expects numeric operands, got i1");
  return verifyBroadcastingOp(op, op.getLhs(), op.getRhs(), op.getOutput(),
                              "rhs");
}

#define MINT_DEFINE_BINARY_OP(OpClass)                                         \
  LogicalResult OpClass::inferReturnTypeComponents(                            \
      MLIRContext *, std::optional<Location>, OpClass::Adaptor adaptor,        \
      SmallVectorImpl<ShapedTypeComponents> &inferred) {                       \
    return inferBroadcastShape(adaptor.getLhs(), adaptor.getRhs(), inferred);  \
  }                                                                            \
  LogicalResult OpClass::verify() { return verifyBinaryOp(*this); }

MINT_DEFINE_BINARY_OP(AddOp)
MINT_DEFINE_BINARY_OP(SubOp)
MINT_DEFINE_BINARY_OP(MulOp)
MINT_DEFINE_BINARY_OP(DivOp)
MINT_DEFINE_BINARY_OP(MaximumOp)
MINT_DEFINE_BINARY_OP(MinimumOp)

#undef MINT_DEFINE_BINARY_OP

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

/// Checks a quantized result against the type TFLite fixes for the op.
static LogicalResult verifyFixedOutputRange(FixedOutputRangeOpInterface op,
                                            Value result) {
  auto quantized =
      dyn_cast<quant::UniformQuantizedType>(getElementTypeOrSelf(result));
  if (!quantized)
    return success();
  quant::UniformQuantizedType fixed = op.getFixedOutputType(
      quantized.isSigned(), quantized.getStorageTypeIntegralWidth(),
      quantized.getExpressedType());
  if (!fixed)
    return op->emitOpError("has no quantized kernel for results stored as ")
           << (quantized.isSigned() ? "signed " : "unsigned ")
           << quantized.getStorageTypeIntegralWidth() << "-bit integers";
  // TFLite compares the scale with a relative tolerance of 1e-3.
  bool scaleOk = std::abs(quantized.getScale() - fixed.getScale()) <=
                 1e-3 * fixed.getScale();
  if (!scaleOk || quantized.getZeroPoint() != fixed.getZeroPoint())
    return op->emitOpError("expects the quantized result type ")
           << fixed << " that TFLite fixes for this op, got " << quantized;
  return success();
}

/// Verifies an element-wise function of one input: same element kind in
/// and out, and the fixed output range where the op has one.
static LogicalResult verifyActivation(Operation *op, Value input,
                                      Value output) {
  if (failed(verifySameElementKind(op, input, output, "result")))
    return failure();
  if (auto fixedRange = dyn_cast<FixedOutputRangeOpInterface>(op))
    return verifyFixedOutputRange(fixedRange, output);
  return success();
}

static LogicalResult
inferSameShape(Value input, SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto type = dyn_cast<RankedTensorType>(input.getType());
  if (!type)
    return failure();
  inferred.emplace_back(type.getShape());
  return success();
}

#define MINT_DEFINE_ACTIVATION_OP(OpClass)                                     \
  LogicalResult OpClass::inferReturnTypeComponents(                            \
      MLIRContext *, std::optional<Location>, OpClass::Adaptor adaptor,        \
      SmallVectorImpl<ShapedTypeComponents> &inferred) {                       \
    return inferSameShape(adaptor.getInput(), inferred);                       \
  }                                                                            \
  LogicalResult OpClass::verify() {                                            \
    return verifyActivation(*this, getInput(), getOutput());                   \
  }

MINT_DEFINE_ACTIVATION_OP(ReluOp)
MINT_DEFINE_ACTIVATION_OP(Relu6Op)
MINT_DEFINE_ACTIVATION_OP(ReluN1To1Op)
MINT_DEFINE_ACTIVATION_OP(HardSwishOp)
MINT_DEFINE_ACTIVATION_OP(LeakyReluOp)
MINT_DEFINE_ACTIVATION_OP(LogisticOp)
MINT_DEFINE_ACTIVATION_OP(TanhOp)
MINT_DEFINE_ACTIVATION_OP(LogSoftmaxOp)

#undef MINT_DEFINE_ACTIVATION_OP

LogicalResult SoftmaxOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, SoftmaxOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  return inferSameShape(adaptor.getInput(), inferred);
}

LogicalResult SoftmaxOp::verify() {
  if (!(getBeta().convertToFloat() > 0.0f))
    return emitOpError("expects a positive beta, got ")
           << getBeta().convertToFloat();
  if (getInput().getType().getRank() == 0)
    return emitOpError("expects an input of rank at least 1");
  return verifyActivation(*this, getInput(), getOutput());
}

LogicalResult PReluOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, PReluOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  return inferBroadcastShape(adaptor.getInput(), adaptor.getAlpha(), inferred);
}

LogicalResult PReluOp::verify() {
  auto inputType = getInput().getType();
  auto alphaType = getAlpha().getType();
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(inputType.getShape(),
                                          alphaType.getShape(), shape))
    return emitOpError("expects alpha to broadcast against the input, got ")
           << formatShape(alphaType.getShape()) << " and "
           << formatShape(inputType.getShape());
  // alpha is a weight with a scale of its own, but of the same domain.
  if (isQuantized(inputType) != isQuantized(alphaType) ||
      (!isQuantized(inputType) &&
       getElementTypeOrSelf(inputType) != getElementTypeOrSelf(alphaType)))
    return emitOpError("expects alpha element type ")
           << getElementTypeOrSelf(alphaType)
           << " to be the input's float type or quantized like the input";
  return verifySameElementKind(*this, getInput(), getOutput(), "result");
}

//===----------------------------------------------------------------------===//
// Fixed output ranges
//===----------------------------------------------------------------------===//

namespace {
/// A quantized output range: scale and zero points for signed and unsigned
/// 8-bit and for signed 16-bit storage (std::nullopt: no TFLite kernel).
struct FixedRange {
  double scale8;
  int64_t zeroPointI8;
  int64_t zeroPointU8;
  std::optional<double> scale16;
};
} // namespace

static quant::UniformQuantizedType buildFixedOutputType(const FixedRange &range,
                                                        bool isSigned,
                                                        unsigned width,
                                                        Type expressedType) {
  if (!expressedType)
    return {};
  double scale;
  int64_t zeroPoint;
  if (width == 8) {
    scale = range.scale8;
    zeroPoint = isSigned ? range.zeroPointI8 : range.zeroPointU8;
  } else if (width == 16 && isSigned && range.scale16) {
    scale = *range.scale16;
    zeroPoint = 0;
  } else {
    return {};
  }
  // Quantized storage types are signless; the flag carries the sign.
  Type storage = IntegerType::get(expressedType.getContext(), width);
  return quant::UniformQuantizedType::get(
      isSigned ? quant::QuantizationFlags::Signed : 0, storage, expressedType,
      scale, zeroPoint,
      quant::QuantizedType::getDefaultMinimumForInteger(isSigned, width),
      quant::QuantizedType::getDefaultMaximumForInteger(isSigned, width));
}

// LOGISTIC and SOFTMAX: [0, 1]; TANH: [-1, 1]; LOG_SOFTMAX: [-16, 0].
static constexpr FixedRange kUnitRange{1.0 / 256, -128, 0, 1.0 / 32768};
static constexpr FixedRange kSymmetricUnitRange{1.0 / 128, 0, 128, 1.0 / 32768};
static constexpr FixedRange kLogSoftmaxRange{16.0 / 256, 127, 255,
                                             std::nullopt};

quant::UniformQuantizedType LogisticOp::getFixedOutputType(bool isSigned,
                                                           unsigned width,
                                                           Type expressedType) {
  return buildFixedOutputType(kUnitRange, isSigned, width, expressedType);
}

quant::UniformQuantizedType SoftmaxOp::getFixedOutputType(bool isSigned,
                                                          unsigned width,
                                                          Type expressedType) {
  return buildFixedOutputType(kUnitRange, isSigned, width, expressedType);
}

quant::UniformQuantizedType
TanhOp::getFixedOutputType(bool isSigned, unsigned width, Type expressedType) {
  return buildFixedOutputType(kSymmetricUnitRange, isSigned, width,
                              expressedType);
}

quant::UniformQuantizedType
LogSoftmaxOp::getFixedOutputType(bool isSigned, unsigned width,
                                 Type expressedType) {
  return buildFixedOutputType(kLogSoftmaxRange, isSigned, width, expressedType);
}
