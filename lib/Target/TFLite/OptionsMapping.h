//===- OptionsMapping.h - Option tables <-> attributes ----------*- C++ -*-===//
//
// Converts TFLite option tables to MLIR attributes and back, generically,
// through the reflection schema: a field becomes an attribute of the same
// name (bool -> BoolAttr, integers -> IntegerAttr of the field's width,
// float -> f32 FloatAttr, strings -> StringAttr, vectors -> dense arrays;
// Padding, ActivationFunctionType and the FC weight format -> mint enum
// attributes, other enums -> the value's name as a string). No code is
// written per operator.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_TARGET_TFLITE_OPTIONSMAPPING_H
#define LIB_TARGET_TFLITE_OPTIONSMAPPING_H

#include "Schema.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OperationSupport.h"

namespace mlir::mint {

/// How an imported options table is turned into attributes.
enum class OptionsTarget {
  /// A mint op: every field the op has as an attribute is imported (stored
  /// or default); any other field must hold its default.
  MintOp,
  /// A mint.custom dictionary: the fields stored in the table.
  Dictionary,
};

/// Appends the fields of options table `table` (of union type `type`) to
/// `attributes`. For OptionsTarget::MintOp, `hasAttribute` says which
/// fields the op has. Emits through `emitError` and fails for fields that
/// cannot be represented.
LogicalResult importOptions(schema::BuiltinOptions type,
                            const flatbuffers::Table *table,
                            MLIRContext *context, OptionsTarget target,
                            function_ref<bool(StringRef)> hasAttribute,
                            NamedAttrList &attributes,
                            function_ref<InFlightDiagnostic()> emitError);

/// Builds options table `type` in `builder` from `lookup(fieldName)`, which
/// returns the attribute for a field or null for the field's default.
FailureOr<flatbuffers::Offset<void>>
exportOptions(schema::BuiltinOptions type,
              function_ref<Attribute(StringRef)> lookup,
              flatbuffers::FlatBufferBuilder &builder,
              function_ref<InFlightDiagnostic()> emitError);

/// Returns the name of options union member `type` ("Conv2DOptions").
StringRef getOptionsName(schema::BuiltinOptions type);

/// Returns the options union member named `name`, if any.
std::optional<schema::BuiltinOptions> lookupOptionsByName(StringRef name);

/// Returns the fields of options table `type` in id order (for tests).
SmallVector<StringRef> getOptionsFieldNames(schema::BuiltinOptions type);

} // namespace mlir::mint

#endif // LIB_TARGET_TFLITE_OPTIONSMAPPING_H
