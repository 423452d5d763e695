//===- ShapeRules.cpp - TFLite's shape and type rules ---------------------===//
//
// Implements the output-size and padding rules of TFLite's window ops and
// the element-type predicates declared in ShapeRules.h.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/ShapeRules.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::mint;

int64_t mlir::mint::computeWindowOutputSize(Padding padding, int64_t inSize,
                                            int64_t filterSize, int64_t stride,
                                            int64_t dilation) {
  if (ShapedType::isDynamic(inSize) || ShapedType::isDynamic(filterSize))
    return ShapedType::kDynamic;
  int64_t effectiveFilter = (filterSize - 1) * dilation + 1;
  int64_t out = padding == Padding::Same
                    ? (inSize + stride - 1) / stride
                    : (inSize + stride - effectiveFilter) / stride;
  return std::max<int64_t>(out, 0);
}

int64_t mlir::mint::computePaddingBefore(Padding padding, int64_t inSize,
                                         int64_t filterSize, int64_t stride,
                                         int64_t dilation, int64_t outSize) {
  if (padding == Padding::Valid)
    return 0;
  int64_t effectiveFilter = (filterSize - 1) * dilation + 1;
  int64_t total = (outSize - 1) * stride + effectiveFilter - inSize;
  return std::max<int64_t>(total, 0) / 2;
}

Type mlir::mint::getStorageType(Type type) {
  Type element = getElementTypeOrSelf(type);
  if (auto quantized = dyn_cast<quant::QuantizedType>(element))
    return quantized.getStorageType();
  return element;
}

bool mlir::mint::isQuantized(Type type) {
  return isa<quant::QuantizedType>(getElementTypeOrSelf(type));
}

bool mlir::mint::haveSameElementKind(Type lhs, Type rhs) {
  lhs = getElementTypeOrSelf(lhs);
  rhs = getElementTypeOrSelf(rhs);
  if (isa<quant::QuantizedType>(lhs) != isa<quant::QuantizedType>(rhs))
    return false;
  auto lhsQuant = dyn_cast<quant::QuantizedType>(lhs);
  if (!lhsQuant)
    return lhs == rhs;
  auto rhsQuant = cast<quant::QuantizedType>(rhs);
  return lhsQuant.getStorageType() == rhsQuant.getStorageType() &&
         lhsQuant.isSigned() == rhsQuant.isSigned() &&
         lhsQuant.getExpressedType() == rhsQuant.getExpressedType();
}

std::optional<SmallVector<int64_t>>
mlir::mint::getConstantIntValues(Value value) {
  Attribute attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  auto elements = dyn_cast<ElementsAttr>(attr);
  if (!elements || !isa<IntegerType>(elements.getElementType()))
    return std::nullopt;
  auto range = elements.tryGetValues<APInt>();
  if (!range)
    return std::nullopt;
  SmallVector<int64_t> values;
  values.reserve(elements.getNumElements());
  for (const APInt &v : *range)
    values.push_back(v.getSExtValue());
  return values;
}
