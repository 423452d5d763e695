//===- ModelLoading.h - Read models for the mint driver ---------*- C++ -*-===//
//
// Loads a .tflite file into a module of mint ops for the driver's
// commands, reporting every problem as one line on stderr
// ("<file>: error: <what is wrong>").
//
//===----------------------------------------------------------------------===//

#ifndef MINT_TOOLS_MINT_MODELLOADING_H
#define MINT_TOOLS_MINT_MODELLOADING_H

#include "mint/Dialect/Mint/Transforms/TargetDescription.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <optional>

namespace mlir::mint::driver {

/// Installs, for its lifetime, a diagnostic handler that prints each error
/// as one line, naming the file its location points into.
class OneLineDiagnostics {
public:
  explicit OneLineDiagnostics(MLIRContext *context);
  ~OneLineDiagnostics();

private:
  MLIRContext *context;
  uint64_t handlerID;
};

/// The accelerator target given with --target (a built-in name or a JSON
/// file); nullopt after reporting why it cannot be loaded.
std::optional<TargetDescription> loadTargetOption(StringRef nameOrPath);

/// Reads and imports the model at `path`; null after reporting an error.
OwningOpRef<ModuleOp> loadTFLiteModel(StringRef path, MLIRContext *context);

/// Whether `chip` names a CUDA architecture (sm_80, ...); reports it if
/// not.
bool checkCUDAChip(StringRef chip);

/// Reads --precision (float32 or float16) into `float16`; reports anything
/// else and returns false.
bool parseCUDAPrecision(StringRef precision, bool &float16);

/// TFLite's name for an element type ("float32", "int8", "uint8" for a
/// quantized type stored unsigned).
std::string getTFLiteTypeName(Type element);

/// Writes `bytes` to `path` through a temporary file in the same directory
/// renamed into place, so that `path` never holds a partial file; reports
/// failures as one line.
LogicalResult writeFileAtomically(StringRef path, StringRef bytes);

/// Exports `module` as a .tflite to `path` (atomically, as
/// writeFileAtomically); nothing is left at `path` on failure.
LogicalResult writeTFLiteModel(ModuleOp module, StringRef path);

} // namespace mlir::mint::driver

#endif // MINT_TOOLS_MINT_MODELLOADING_H
