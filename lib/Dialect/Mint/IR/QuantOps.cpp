//===- QuantOps.cpp - Quantization bookkeeping ops ------------------------===//
//
// Verifiers and shape inference of QUANTIZE, DEQUANTIZE, DENSIFY,
// FAKE_QUANT and CAST.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "TypeRules.h"
#include "mint/Dialect/Mint/IR/ShapeRules.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::mint;

/// The result of these ops has the input's shape.
static LogicalResult
inferInputShape(Value input, SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto type = dyn_cast<RankedTensorType>(input.getType());
  if (!type)
    return failure();
  inferred.emplace_back(type.getShape());
  return success();
}

#define MINT_DEFINE_SAME_SHAPE_INFERENCE(OpClass)                              \
  LogicalResult OpClass::inferReturnTypeComponents(                            \
      MLIRContext *, std::optional<Location>, OpClass::Adaptor adaptor,        \
      SmallVectorImpl<ShapedTypeComponents> &inferred) {                       \
    return inferInputShape(adaptor.getInput(), inferred);                      \
  }

MINT_DEFINE_SAME_SHAPE_INFERENCE(QuantizeOp)
MINT_DEFINE_SAME_SHAPE_INFERENCE(DequantizeOp)
MINT_DEFINE_SAME_SHAPE_INFERENCE(DensifyOp)
MINT_DEFINE_SAME_SHAPE_INFERENCE(FakeQuantOp)
MINT_DEFINE_SAME_SHAPE_INFERENCE(CastOp)

#undef MINT_DEFINE_SAME_SHAPE_INFERENCE

LogicalResult QuantizeOp::verify() {
  Type input = getElementTypeOrSelf(getInput());
  Type output = getElementTypeOrSelf(getOutput());
  if (!isa<quant::QuantizedType>(output))
    return emitOpError("expects a quantized result, got ") << output;
  if (!isa<FloatType, quant::QuantizedType>(input))
    return emitOpError("expects a float or quantized input, got ") << input;
  return success();
}

LogicalResult DequantizeOp::verify() {
  Type input = getElementTypeOrSelf(getInput());
  Type output = getElementTypeOrSelf(getOutput());
  if (!output.isF32())
    return emitOpError("expects an f32 result, got ") << output;
  if (!isa<quant::QuantizedType>(input) && !input.isF16())
    return emitOpError("expects a quantized or f16 input, got ") << input;
  return success();
}

LogicalResult DensifyOp::verify() {
  if (getInput().getType() != getOutput().getType())
    return emitOpError("expects the result type ")
           << getOutput().getType() << " to equal the input type "
           << getInput().getType();
  return success();
}

LogicalResult CastOp::verify() {
  for (Type type :
       {getElementTypeOrSelf(getInput()), getElementTypeOrSelf(getOutput())})
    if (isa<quant::QuantizedType>(type))
      return emitOpError("casts float and integer types, not ") << type;
  return success();
}

LogicalResult FakeQuantOp::verify() {
  if (getInput().getType().getElementType() !=
      getOutput().getType().getElementType())
    return emitOpError("expects result element type to equal input element "
                       "type");
  ArrayRef<float> min = getMin(), max = getMax();
  if (min.size() != max.size())
    return emitOpError("expects as many min values as max values, got ")
           << min.size() << " and " << max.size();
  if (IntegerAttr axisAttr = getAxisAttr()) {
    int64_t axis = axisAttr.getInt();
    auto inputType = getInput().getType();
    std::optional<int64_t> dim = normalizeAxis(axis, inputType.getRank());
    if (!dim)
      return emitOpError("axis ")
             << axis << " is out of range for rank " << inputType.getRank();
    int64_t size = inputType.getDimSize(*dim);
    if (!ShapedType::isDynamic(size) &&
        static_cast<int64_t>(min.size()) != size)
      return emitOpError("expects one min/max pair per slice along axis ")
             << axis << " (" << size << "), got " << min.size();
  } else if (min.size() != 1) {
    return emitOpError("expects one min/max pair without an axis, got ")
           << min.size();
  }
  for (auto [index, bounds] : llvm::enumerate(llvm::zip(min, max)))
    if (!(std::get<0>(bounds) <= std::get<1>(bounds)))
      return emitOpError("expects min <= max, got ")
             << std::get<0>(bounds) << " > " << std::get<1>(bounds)
             << " at index " << index;
  return success();
}
