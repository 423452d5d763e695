//===- QuantizedConstants.cpp - Quantize and dequantize constants ---------===//
//
// Implements the constant conversions of QuantizedConstants.h with TFLite's
// reference arithmetic.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/QuantizedConstants.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mint;

namespace {
/// The quantization parameters that apply to each element of a tensor: one
/// scale and zero point, or one per slice along an axis.
struct ElementQuantization {
  SmallVector<double> scales;
  SmallVector<int64_t> zeroPoints;
  int64_t axisStride = 1;
  int64_t axisSize = 1;
  int64_t storageMin = 0;
  int64_t storageMax = 0;
  unsigned storageWidth = 0;
  bool isSigned = true;
  Type storageType;

  /// Returns the parameter index for the element at row-major `index`.
  size_t paramIndex(int64_t index) const {
    return scales.size() == 1 ? 0 : (index / axisStride) % axisSize;
  }
};
} // namespace

static std::optional<ElementQuantization>
getElementQuantization(RankedTensorType type) {
  auto quantized = dyn_cast<quant::QuantizedType>(type.getElementType());
  if (!quantized || !type.hasStaticShape())
    return std::nullopt;
  ElementQuantization params;
  if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(quantized)) {
    params.scales = {perTensor.getScale()};
    params.zeroPoints = {perTensor.getZeroPoint()};
  } else if (auto perAxis =
                 dyn_cast<quant::UniformQuantizedPerAxisType>(quantized)) {
    int64_t axis = perAxis.getQuantizedDimension();
    if (axis >= type.getRank())
      return std::nullopt;
    params.scales = llvm::to_vector(perAxis.getScales());
    params.zeroPoints = llvm::to_vector(perAxis.getZeroPoints());
    params.axisSize = type.getDimSize(axis);
    for (int64_t dim = axis + 1; dim < type.getRank(); ++dim)
      params.axisStride *= type.getDimSize(dim);
    if (static_cast<int64_t>(params.scales.size()) != params.axisSize)
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  params.storageMin = quantized.getStorageTypeMin();
  params.storageMax = quantized.getStorageTypeMax();
  params.storageWidth = quantized.getStorageTypeIntegralWidth();
  params.isSigned = quantized.isSigned();
  params.storageType = quantized.getStorageType();
  return params;
}

/// Returns `value` as a float, converting from any float semantics.
static float toFloat(APFloat value) {
  bool losesInfo = false;
  value.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                &losesInfo);
  return value.convertToFloat();
}

DenseElementsAttr mlir::mint::quantizeConstant(DenseFPElementsAttr values,
                                               RankedTensorType quantizedType) {
  std::optional<ElementQuantization> params =
      getElementQuantization(quantizedType);
  if (!params || values.getType().getShape() != quantizedType.getShape())
    return {};
  auto quantizeOne = [&](float value, size_t param) {
    // TFLite: round(x / (float)scale) + zero_point, clamped to storage.
    float scaled = value / static_cast<float>(params->scales[param]);
    double rounded = std::isnan(scaled) ? 0.0 : std::round(double(scaled));
    double stored =
        std::clamp(rounded + double(params->zeroPoints[param]),
                   double(params->storageMin), double(params->storageMax));
    return APInt(params->storageWidth, static_cast<int64_t>(stored),
                 /*isSigned=*/true);
  };
  auto storageType =
      RankedTensorType::get(quantizedType.getShape(), params->storageType);
  if (values.isSplat() && params->scales.size() == 1)
    return DenseElementsAttr::get(
        storageType, quantizeOne(toFloat(values.getSplatValue<APFloat>()), 0));
  SmallVector<APInt> stored;
  stored.reserve(values.getNumElements());
  int64_t index = 0;
  for (APFloat value : values.getValues<APFloat>()) {
    stored.push_back(quantizeOne(toFloat(value), params->paramIndex(index)));
    ++index;
  }
  return DenseElementsAttr::get(storageType, stored);
}

DenseElementsAttr mlir::mint::dequantizeConstant(DenseIntElementsAttr storage,
                                                 RankedTensorType quantizedType,
                                                 FloatType floatType) {
  std::optional<ElementQuantization> params =
      getElementQuantization(quantizedType);
  if (!params || storage.getType().getShape() != quantizedType.getShape() ||
      storage.getElementType() != params->storageType)
    return {};
  auto dequantizeOne = [&](const APInt &stored, size_t param) {
    int64_t value = params->isSigned ? stored.getSExtValue()
                                     : int64_t(stored.getZExtValue());
    // TFLite: (float)(scale * (q - zero_point)) with a double scale.
    float real = static_cast<float>(params->scales[param] *
                                    double(value - params->zeroPoints[param]));
    APFloat result(real);
    bool losesInfo = false;
    result.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                   &losesInfo);
    return result;
  };
  auto resultType = RankedTensorType::get(quantizedType.getShape(), floatType);
  if (storage.isSplat() && params->scales.size() == 1)
    return DenseElementsAttr::get(
        resultType, dequantizeOne(storage.getSplatValue<APInt>(), 0));
  SmallVector<APFloat> reals;
  reals.reserve(storage.getNumElements());
  int64_t index = 0;
  for (const APInt &stored : storage.getValues<APInt>()) {
    reals.push_back(dequantizeOne(stored, params->paramIndex(index)));
    ++index;
  }
  return DenseElementsAttr::get(resultType, reals);
}

DenseElementsAttr mlir::mint::convertFloatConstant(DenseFPElementsAttr values,
                                                   FloatType floatType) {
  return values.mapValues(floatType, [&](const APFloat &value) {
    APFloat converted = value;
    bool losesInfo = false;
    converted.convert(floatType.getFloatSemantics(),
                      APFloat::rmNearestTiesToEven, &losesInfo);
    return converted.bitcastToAPInt();
  });
}

FakeQuantGrid FakeQuantGrid::get(float min, float max, int64_t numBits,
                                 bool narrowRange) {
  float quantMin = narrowRange ? 1.0f : 0.0f;
  float quantMax = static_cast<float>((int64_t(1) << numBits) - 1);
  float scale = (max - min) / (quantMax - quantMin);
  float zeroPointFromMin = quantMin - min / scale;
  float zeroPoint = zeroPointFromMin < quantMin   ? quantMin
                    : zeroPointFromMin > quantMax ? quantMax
                                                  : std::round(zeroPointFromMin);
  return {(quantMin - zeroPoint) * scale, (quantMax - zeroPoint) * scale,
          scale};
}

float FakeQuantGrid::apply(float value) const {
  float clamped = std::min(max, std::max(min, value));
  return std::round((clamped - min) * (1.0f / scale)) * scale + min;
}
