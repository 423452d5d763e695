//===- AheadOfTime.h - Compile a model to an object and header -*- C++ -*-===//
//
// `mint compile --target cpu`: the same CPU pipeline that CompiledModel
// JIT-compiles, written instead as a relocatable object (or assembly, or
// LLVM IR) plus a C header that declares one entry point,
//
//   void <name>_run(const float *input, float *output, void *workspace);
//
// so that an application links the model without MLIR or LLVM at run time.
// The weights are constants inside the object; intermediate results live
// in a workspace the caller provides (<NAME>_WORKSPACE_BYTES, 64-byte
// aligned), so calls with different workspaces may run concurrently.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_AHEADOFTIME_H
#define MINT_RUNTIME_AHEADOFTIME_H

#include "mint/Runtime/CompiledModel.h"

#include <string>

namespace mlir::mint {

/// What compileModelAheadOfTime writes.
enum class ObjectFormat { Object, Assembly, LLVMIR };

/// Options of compileModelAheadOfTime.
struct AheadOfTimeOptions {
  /// The pipeline and LLVM optimization levels; `pipeline.vnni` applies
  /// only when the target CPU has AVX512-VNNI.
  CompileOptions compile;
  /// The C identifier that prefixes the exported symbol (`<name>_run`) and
  /// the header's macros (`<NAME>_WORKSPACE_BYTES`).
  std::string name = "model";
  /// LLVM target triple; empty for the host's.
  std::string triple;
  /// LLVM CPU name; empty or "host" for the host CPU and all its features
  /// (only with the host's triple).
  std::string cpu;
  /// Extra LLVM target features ("+avx2,-avx512f").
  std::string features;
  ObjectFormat format = ObjectFormat::Object;
  /// Named in the header's first comment (the .tflite file's name).
  std::string sourceName;
};

/// A model compiled ahead of time.
struct AheadOfTimeModel {
  /// The object file (or assembly, or LLVM IR) bytes.
  std::string object;
  /// The C header that declares `<name>_run` and the sizes.
  std::string header;
  /// The C declaration of the entry point, as in the header.
  std::string declaration;
  /// The triple and CPU compiled for.
  std::string triple;
  std::string cpu;
  /// External functions the object calls (libm's, the C library's, and
  /// OpenMP's with more than one thread).
  SmallVector<std::string> externalFunctions;
  SmallVector<TensorSpec> inputs;
  SmallVector<TensorSpec> outputs;
  int64_t workspaceBytes = 0;
  int64_t blockSparseConvolutions = 0;
};

/// Compiles the entry function of `module` (mint ops) for `options.triple`
/// and `options.cpu`. Errors are emitted as diagnostics on the module's
/// context (an invalid name, an unknown triple or CPU, a pipeline failure).
FailureOr<AheadOfTimeModel>
compileModelAheadOfTime(ModuleOp module, const AheadOfTimeOptions &options);

/// Whether `name` can be used as AheadOfTimeOptions::name: a C identifier
/// that is not a C keyword.
bool isValidCIdentifier(StringRef name);

/// `text` made into a C identifier: characters other than letters, digits
/// and '_' become '_', and a leading digit gets a '_' before it.
std::string makeCIdentifier(StringRef text);

} // namespace mlir::mint

#endif // MINT_RUNTIME_AHEADOFTIME_H
