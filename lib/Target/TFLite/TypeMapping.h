//===- TypeMapping.h - TFLite tensor types <-> MLIR types -------*- C++ -*-===//
//
// Maps TFLite element types and quantization parameters onto MLIR element
// types (builtin and !quant.uniform) and back, and keeps the facts a type
// cannot hold (calibration ranges, quantization of types the quant dialect
// lacks, custom quantization) in a tensor-info dictionary.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_TARGET_TFLITE_TYPEMAPPING_H
#define LIB_TARGET_TFLITE_TYPEMAPPING_H

#include "Schema.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"

namespace mlir::mint {

/// An element type and the tensor facts it does not carry.
struct ImportedElementType {
  Type type;
  /// Empty when the type carries everything.
  DictionaryAttr info;
};

/// Returns the builtin type of TFLite type `type` (the storage type for a
/// quantized tensor), or null if there is none.
Type getBuiltinElementType(schema::TensorType type, MLIRContext *context);

/// Returns the element type of `tensor`: a builtin type, or a uniform
/// quantized type when the tensor has scales and an integer type the quant
/// dialect supports. Emits through `emitError` and fails for types Mint
/// cannot represent.
FailureOr<ImportedElementType>
importElementType(const schema::Tensor &tensor, MLIRContext *context,
                  function_ref<InFlightDiagnostic()> emitError);

/// Returns the TFLite type that stores `element` (the storage type of a
/// quantized type), or std::nullopt if TFLite has none.
std::optional<schema::TensorType> exportElementType(Type element);

/// The quantization parameters to write for a tensor.
struct ExportedQuantization {
  SmallVector<float> min, max, scale;
  SmallVector<int64_t> zeroPoint;
  int32_t quantizedDimension = 0;
  /// Bytes of a CustomQuantization, if any.
  std::optional<std::string> custom;

  bool empty() const {
    return min.empty() && max.empty() && scale.empty() && !custom;
  }
};

/// Collects the quantization parameters of a tensor of `element` type with
/// tensor-info dictionary `info` (may be null).
ExportedQuantization exportQuantization(Type element, DictionaryAttr info);

/// Returns the size in bytes of one element of TFLite type `type` as stored
/// in a buffer, or 0 for types without a fixed size.
size_t getTFLiteElementSize(schema::TensorType type);

} // namespace mlir::mint

#endif // LIB_TARGET_TFLITE_TYPEMAPPING_H
