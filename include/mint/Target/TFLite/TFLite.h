//===- TFLite.h - TFLite flatbuffer import and export -----------*- C++ -*-===//
//
// Translation between TensorFlow Lite models (.tflite flatbuffers, schema
// version 3) and MLIR modules of mint ops. Each subgraph becomes a
// func.func, each operator a mint op (or mint.custom for operators Mint
// does not model), each constant buffer a mint.const; tensor names become
// NameLocs. Export writes the same structure back, deterministically.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_TARGET_TFLITE_TFLITE_H
#define MINT_TARGET_TFLITE_TFLITE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/MemoryBufferRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace mlir::mint {

/// Module and function attributes that carry model-level facts.
namespace tflite_attrs {
/// Module: the model's description string.
inline constexpr llvm::StringLiteral kDescription = "mint.tflite.description";
/// Module: metadata entries, a dictionary of name -> bytes (string).
inline constexpr llvm::StringLiteral kMetadata = "mint.tflite.metadata";
/// Module: the deprecated metadata_buffer list of buffer indices.
inline constexpr llvm::StringLiteral kMetadataBuffer =
    "mint.tflite.metadata_buffer";
/// Function: signature defs of the subgraph, an array of dictionaries
/// {key, inputs = {name = arg index}, outputs = {name = result index}}.
inline constexpr llvm::StringLiteral kSignatures = "mint.tflite.signatures";
/// Op or argument: facts of a tensor that types do not carry, as a
/// dictionary (min/max calibration ranges, quantization parameters of
/// tensors whose type cannot hold them).
inline constexpr llvm::StringLiteral kTensorInfo = "mint.tflite.tensor";
} // namespace tflite_attrs

/// Returns the TFLite tensor names that `loc` gives the `numResults`
/// results of an op (or one block argument): the name of a NameLoc, or the
/// names of a FusedLoc's NameLoc parts in result order, as import writes
/// them. Empty unless there is exactly one name per result.
SmallVector<std::string> getTFLiteTensorNames(Location loc,
                                              unsigned numResults);

/// Options of importTFLiteModel.
struct TFLiteImportOptions {
  /// Name of the file the model came from, used in locations and messages.
  std::string fileName = "<model>";
};

/// Imports a .tflite model. Returns null after emitting located errors
/// (naming the file, the subgraph, the operator or tensor, and what is
/// wrong) when the file is not a valid model or holds something Mint cannot
/// represent.
OwningOpRef<ModuleOp>
importTFLiteModel(llvm::MemoryBufferRef model, MLIRContext *context,
                  const TFLiteImportOptions &options = {});

/// Options of exportTFLiteModel.
struct TFLiteExportOptions {
  /// When the constant data exceeds this many bytes, buffers are written
  /// after the flatbuffer and referenced by offset (the format for models
  /// over 2 GB). The default keeps the flatbuffer under its 2 GB limit.
  uint64_t externalBufferThreshold = (uint64_t(1) << 31) - (uint64_t(1) << 26);
};

/// Checks that `module` can be written as a TFLite model; emits a located
/// error for every op, type or attribute that cannot be.
LogicalResult verifyTFLiteExportable(ModuleOp module);

/// Writes `module` as a .tflite model to `output`. Fails, after emitting
/// located errors and without writing anything, if the module is not
/// exportable. The same module always gives the same bytes.
LogicalResult exportTFLiteModel(ModuleOp module, llvm::raw_ostream &output,
                                const TFLiteExportOptions &options = {});

/// Registers the dialects an imported model uses.
void registerTFLiteDialects(DialectRegistry &registry);

/// Registers `--import-tflite` and `--export-tflite` with mlir-translate.
void registerTFLiteTranslations();

} // namespace mlir::mint

#endif // MINT_TARGET_TFLITE_TFLITE_H
