//===- Schema.h - Generated TFLite schema and shared helpers ----*- C++ -*-===//
//
// Includes the flatc-generated API of lib/Target/TFLite/schema/tflite.fbs
// and declares the small helpers that import and export share: operator
// code resolution, the embedded reflection schema, and the table of mint
// ops that map to TFLite builtin operators.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_TARGET_TFLITE_SCHEMA_H
#define LIB_TARGET_TFLITE_SCHEMA_H

#include "tflite_bfbs_generated.h"
#include "tflite_generated.h"

#include "flatbuffers/reflection.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Endian.h"

#include <optional>

namespace mlir::mint {

namespace schema = ::mint_tflite;

/// Returns a flatbuffer string as a StringRef (empty for null).
inline llvm::StringRef toStringRef(const flatbuffers::String *text) {
  return text ? llvm::StringRef(text->c_str(), text->size())
              : llvm::StringRef();
}

/// Returns the elements of a flatbuffer vector of scalars (empty for null).
/// The verifier checks only that a vector's length is 4-byte aligned, so the
/// elements of a vector of 8-byte scalars in a crafted file may be
/// misaligned: every element is read as an unaligned little-endian value.
template <typename T>
llvm::SmallVector<T> readScalars(const flatbuffers::Vector<T> *values) {
  llvm::SmallVector<T> result;
  if (!values)
    return result;
  result.reserve(values->size());
  const uint8_t *data = values->Data();
  for (size_t i = 0, e = values->size(); i < e; ++i)
    result.push_back(llvm::support::endian::read<T, llvm::support::unaligned>(
        data + i * sizeof(T), llvm::endianness::little));
  return result;
}

/// The schema version Mint reads and writes.
inline constexpr uint32_t kTFLiteSchemaVersion = 3;

/// Returns the builtin operator of an operator code: TFLite keeps codes
/// below 127 in deprecated_builtin_code and newer ones in builtin_code, and
/// the larger of the two is the code.
int32_t getBuiltinCode(const schema::OperatorCode &code);

/// Returns the name of a builtin operator code, or an empty string if the
/// code is outside the schema.
llvm::StringRef getBuiltinName(int32_t code);

/// Returns the reflection schema embedded in the binary.
const reflection::Schema &getReflectionSchema();

/// How a mint op maps onto a TFLite builtin operator.
struct BuiltinMapping {
  /// The mint op, without the dialect prefix ("conv_2d").
  llvm::StringRef mnemonic;
  schema::BuiltinOperator code;
  /// The options table written for the op (NONE: no table).
  schema::BuiltinOptions options;
};

/// Returns the mapping of the mint op `mnemonic`, if it is a builtin.
std::optional<BuiltinMapping> lookupBuiltinByMnemonic(llvm::StringRef mnemonic);

/// Returns the mapping of builtin operator `code`, if a mint op models it.
std::optional<BuiltinMapping> lookupBuiltinByCode(int32_t code);

/// Returns every mapping (for tests).
llvm::ArrayRef<BuiltinMapping> getBuiltinMappings();

} // namespace mlir::mint

#endif // LIB_TARGET_TFLITE_SCHEMA_H
