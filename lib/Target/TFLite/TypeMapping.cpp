//===- TypeMapping.cpp - TFLite tensor types <-> MLIR types ---------------===//
//
// Implements the element-type and quantization mapping declared in
// TypeMapping.h.
//
//===----------------------------------------------------------------------===//

#include "TypeMapping.h"

#include "mint/Target/TFLite/TFLite.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mint;

using FbType = schema::TensorType;

Type mlir::mint::getBuiltinElementType(FbType type, MLIRContext *context) {
  Builder builder(context);
  switch (type) {
  case FbType::FLOAT32:
    return builder.getF32Type();
  case FbType::FLOAT16:
    return builder.getF16Type();
  case FbType::BFLOAT16:
    return builder.getBF16Type();
  case FbType::FLOAT64:
    return builder.getF64Type();
  case FbType::INT8:
    return builder.getIntegerType(8);
  case FbType::INT16:
    return builder.getIntegerType(16);
  case FbType::INT32:
    return builder.getIntegerType(32);
  case FbType::INT64:
    return builder.getIntegerType(64);
  case FbType::UINT8:
    return builder.getIntegerType(8, /*isSigned=*/false);
  case FbType::UINT16:
    return builder.getIntegerType(16, /*isSigned=*/false);
  case FbType::UINT32:
    return builder.getIntegerType(32, /*isSigned=*/false);
  case FbType::UINT64:
    return builder.getIntegerType(64, /*isSigned=*/false);
  case FbType::BOOL:
    return builder.getI1Type();
  case FbType::COMPLEX64:
    return ComplexType::get(builder.getF32Type());
  case FbType::COMPLEX128:
    return ComplexType::get(builder.getF64Type());
  default:
    return {};
  }
}

std::optional<FbType> mlir::mint::exportElementType(Type element) {
  if (auto quantized = dyn_cast<quant::QuantizedType>(element)) {
    unsigned width = quantized.getStorageTypeIntegralWidth();
    bool isSigned = quantized.isSigned();
    if (width == 8)
      return isSigned ? FbType::INT8 : FbType::UINT8;
    if (width == 16 && isSigned)
      return FbType::INT16;
    if (width == 32 && isSigned)
      return FbType::INT32;
    return std::nullopt;
  }
  if (element.isF32())
    return FbType::FLOAT32;
  if (element.isF16())
    return FbType::FLOAT16;
  if (element.isBF16())
    return FbType::BFLOAT16;
  if (element.isF64())
    return FbType::FLOAT64;
  if (element.isInteger(1))
    return FbType::BOOL;
  if (auto integer = dyn_cast<IntegerType>(element)) {
    bool isUnsigned = integer.isUnsigned();
    switch (integer.getWidth()) {
    case 8:
      return isUnsigned ? FbType::UINT8 : FbType::INT8;
    case 16:
      return isUnsigned ? FbType::UINT16 : FbType::INT16;
    case 32:
      return isUnsigned ? FbType::UINT32 : FbType::INT32;
    case 64:
      return isUnsigned ? FbType::UINT64 : FbType::INT64;
    default:
      return std::nullopt;
    }
  }
  if (auto complex = dyn_cast<ComplexType>(element)) {
    if (complex.getElementType().isF32())
      return FbType::COMPLEX64;
    if (complex.getElementType().isF64())
      return FbType::COMPLEX128;
  }
  return std::nullopt;
}

size_t mlir::mint::getTFLiteElementSize(FbType type) {
  switch (type) {
  case FbType::BOOL:
  case FbType::INT8:
  case FbType::UINT8:
    return 1;
  case FbType::FLOAT16:
  case FbType::BFLOAT16:
  case FbType::INT16:
  case FbType::UINT16:
    return 2;
  case FbType::FLOAT32:
  case FbType::INT32:
  case FbType::UINT32:
    return 4;
  case FbType::FLOAT64:
  case FbType::INT64:
  case FbType::UINT64:
  case FbType::COMPLEX64:
    return 8;
  case FbType::COMPLEX128:
    return 16;
  default:
    return 0;
  }
}

FailureOr<ImportedElementType>
mlir::mint::importElementType(const schema::Tensor &tensor,
                              MLIRContext *context,
                              function_ref<InFlightDiagnostic()> emitError) {
  FbType tfliteType = tensor.type();
  Type builtin = getBuiltinElementType(tfliteType, context);
  if (!builtin) {
    const char *name = schema::EnumNameTensorType(tfliteType);
    emitError() << "has element type " << (name && *name ? name : "<unknown>")
                << ", which Mint does not support";
    return failure();
  }
  Builder builder(context);
  NamedAttrList info;
  const schema::QuantizationParameters *quantization = tensor.quantization();
  if (!quantization)
    return ImportedElementType{builtin, {}};

  SmallVector<float> mins = readScalars(quantization->min());
  SmallVector<float> maxs = readScalars(quantization->max());
  if (!mins.empty())
    info.set("min", builder.getDenseF32ArrayAttr(mins));
  if (!maxs.empty())
    info.set("max", builder.getDenseF32ArrayAttr(maxs));
  switch (quantization->details_type()) {
  case schema::QuantizationDetails::NONE:
    break;
  case schema::QuantizationDetails::CustomQuantization: {
    const schema::CustomQuantization *details =
        quantization->details_as_CustomQuantization();
    if (!details) {
      emitError() << "names custom quantization details but has none";
      return failure();
    }
    const flatbuffers::Vector<uint8_t> *custom = details->custom();
    info.set("custom_quantization",
             builder.getStringAttr(
                 custom
                     ? StringRef(reinterpret_cast<const char *>(custom->data()),
                                 custom->size())
                     : StringRef()));
    break;
  }
  default:
    emitError() << "uses blockwise or multi-axis quantization, which Mint "
                   "does not support";
    return failure();
  }

  SmallVector<float> scales = readScalars(quantization->scale());
  SmallVector<int64_t> zeroPoints = readScalars(quantization->zero_point());
  int32_t axis = quantization->quantized_dimension();
  Type element = builtin;
  if (!scales.empty()) {
    if (!zeroPoints.empty() && zeroPoints.size() != scales.size()) {
      emitError() << "has " << scales.size() << " quantization scales but "
                  << zeroPoints.size() << " zero points";
      return failure();
    }
    if (zeroPoints.empty())
      zeroPoints.assign(scales.size(), 0);
    for (float scale : scales) {
      if (!(scale > 0.0f) || !std::isfinite(scale)) {
        emitError() << "has quantization scale " << scale
                    << "; scales must be positive and finite";
        return failure();
      }
    }
    auto integer = dyn_cast<IntegerType>(builtin);
    unsigned width = integer ? integer.getWidth() : 0;
    bool quantizable = integer && width >= 2 && width <= 32 && width != 1;
    if (quantizable) {
      bool isSigned = !integer.isUnsigned();
      unsigned flags = isSigned ? quant::QuantizationFlags::Signed : 0;
      Type storage = builder.getIntegerType(width);
      int64_t storageMin =
          quant::QuantizedType::getDefaultMinimumForInteger(isSigned, width);
      int64_t storageMax =
          quant::QuantizedType::getDefaultMaximumForInteger(isSigned, width);
      for (int64_t zeroPoint : zeroPoints) {
        if (zeroPoint < storageMin || zeroPoint > storageMax) {
          emitError() << "has zero point " << zeroPoint
                      << " outside its storage range [" << storageMin << ", "
                      << storageMax << "]";
          return failure();
        }
      }
      if (scales.size() == 1) {
        element = quant::UniformQuantizedType::getChecked(
            emitError, flags, storage, builder.getF32Type(), scales.front(),
            zeroPoints.front(), storageMin, storageMax);
      } else {
        if (axis < 0 || static_cast<size_t>(axis) >=
                            (tensor.shape() ? tensor.shape()->size() : 0)) {
          emitError() << "is quantized along dimension " << axis
                      << ", which it does not have";
          return failure();
        }
        SmallVector<double> doubleScales(scales.begin(), scales.end());
        element = quant::UniformQuantizedPerAxisType::getChecked(
            emitError, flags, storage, builder.getF32Type(), doubleScales,
            zeroPoints, axis, storageMin, storageMax);
      }
      if (!element)
        return failure();
    } else {
      // A type the quant dialect cannot hold (e.g. the i64 bias of 16x8
      // kernels): keep the parameters beside the plain type.
      info.set("scale", builder.getDenseF32ArrayAttr(scales));
      info.set("zero_point", builder.getDenseI64ArrayAttr(zeroPoints));
      info.set("quantized_dimension", builder.getI32IntegerAttr(axis));
    }
  }
  return ImportedElementType{
      element, info.empty() ? DictionaryAttr() : info.getDictionary(context)};
}

ExportedQuantization mlir::mint::exportQuantization(Type element,
                                                    DictionaryAttr info) {
  ExportedQuantization result;
  if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(element)) {
    result.scale.push_back(static_cast<float>(perTensor.getScale()));
    result.zeroPoint.push_back(perTensor.getZeroPoint());
  } else if (auto perAxis =
                 dyn_cast<quant::UniformQuantizedPerAxisType>(element)) {
    for (double scale : perAxis.getScales())
      result.scale.push_back(static_cast<float>(scale));
    result.zeroPoint.assign(perAxis.getZeroPoints().begin(),
                            perAxis.getZeroPoints().end());
    result.quantizedDimension = perAxis.getQuantizedDimension();
  }
  if (!info)
    return result;
  if (auto min = info.getAs<DenseF32ArrayAttr>("min"))
    result.min.assign(min.asArrayRef().begin(), min.asArrayRef().end());
  if (auto max = info.getAs<DenseF32ArrayAttr>("max"))
    result.max.assign(max.asArrayRef().begin(), max.asArrayRef().end());
  if (auto custom = info.getAs<StringAttr>("custom_quantization"))
    result.custom = custom.str();
  // Raw parameters only for types that cannot hold them.
  if (!isa<quant::QuantizedType>(element)) {
    if (auto scale = info.getAs<DenseF32ArrayAttr>("scale"))
      result.scale.assign(scale.asArrayRef().begin(), scale.asArrayRef().end());
    if (auto zeroPoint = info.getAs<DenseI64ArrayAttr>("zero_point"))
      result.zeroPoint.assign(zeroPoint.asArrayRef().begin(),
                              zeroPoint.asArrayRef().end());
    if (auto axis = info.getAs<IntegerAttr>("quantized_dimension"))
      result.quantizedDimension = axis.getInt();
  }
  return result;
}
