//===- CompileCommand.cpp - mint compile ----------------------------------===//
//
// `mint compile model.tflite --target cpu -o model.o` compiles a model ahead
// of time (AheadOfTime.h) and writes the object file and its C header,
// each through a temporary file renamed into place.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "ModelLoading.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <chrono>

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::driver;

static llvm::json::Array toJSON(ArrayRef<TensorSpec> specs) {
  llvm::json::Array array;
  for (const TensorSpec &spec : specs)
    array.push_back(
        llvm::json::Object{{"name", spec.name},
                           {"dtype", getElementKindName(spec.kind)},
                           {"shape", llvm::json::Array(spec.shape)}});
  return array;
}

int mlir::mint::driver::runCompileCommand(const CompileCommandOptions &options,
                                          llvm::raw_ostream &os) {
  auto start = std::chrono::steady_clock::now();
  if (options.compile.threads == 0) {
    llvm::errs() << "mint: error: --threads must be at least 1\n";
    return 1;
  }
  std::string name = options.name;
  if (name.empty())
    name = makeCIdentifier(llvm::sys::path::stem(options.output));
  if (!isValidCIdentifier(name)) {
    llvm::errs() << "mint: error: '" << name
                 << "' is not a C identifier; give one with --name\n";
    return 1;
  }
  std::string headerPath = options.header;
  if (headerPath.empty()) {
    SmallString<256> path(options.output);
    llvm::sys::path::replace_extension(path, ".h");
    headerPath = std::string(path);
  }
  if (headerPath == options.output) {
    llvm::errs() << "mint: error: the header and the object would both be "
                 << headerPath << "; give --header\n";
    return 1;
  }

  MLIRContext context;
  OneLineDiagnostics diagnostics(&context);
  OwningOpRef<ModuleOp> module =
      loadTFLiteModel(options.compile.model, &context);
  if (!module)
    return 1;
  AheadOfTimeOptions aot;
  aot.compile.pipeline.threads = options.compile.threads;
  aot.compile.pipeline.sparse = options.compile.sparseKernels;
  aot.name = name;
  aot.triple = options.triple;
  aot.cpu = options.cpu;
  aot.features = options.features;
  aot.format = options.emit;
  aot.sourceName = llvm::sys::path::filename(options.compile.model).str();
  FailureOr<AheadOfTimeModel> model = compileModelAheadOfTime(*module, aot);
  if (failed(model))
    return 1;
  if (failed(writeFileAtomically(options.output, model->object)) ||
      failed(writeFileAtomically(headerPath, model->header)))
    return 1;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  if (options.json) {
    llvm::json::Object result{
        {"model", options.compile.model},
        {"target", "cpu"},
        {"triple", model->triple},
        {"cpu", model->cpu},
        {"object", options.output},
        {"object_bytes", static_cast<int64_t>(model->object.size())},
        {"header", headerPath},
        {"entry_point", model->declaration},
        {"workspace_bytes", model->workspaceBytes},
        {"block_sparse_convolutions", model->blockSparseConvolutions},
        {"external_functions", llvm::json::Array(model->externalFunctions)},
        {"inputs", toJSON(model->inputs)},
        {"outputs", toJSON(model->outputs)},
        {"seconds", seconds}};
    os << llvm::formatv("{0:2}", llvm::json::Value(std::move(result))) << "\n";
    return 0;
  }
  os << "mint: compiled " << options.compile.model << " for " << model->triple
     << " (CPU " << model->cpu << ") in " << llvm::formatv("{0:f1}", seconds)
     << " s\n"
     << "  object     " << options.output << " (" << model->object.size()
     << " bytes)\n"
     << "  header     " << headerPath << "\n"
     << "  entry      " << model->declaration << "\n"
     << "  workspace  " << model->workspaceBytes << " bytes, "
     << kWorkspaceAlignment << "-byte aligned\n"
     << "  calls      "
     << (model->externalFunctions.empty()
             ? std::string("nothing outside the object")
             : llvm::join(model->externalFunctions, ", "))
     << "\n";
  return 0;
}
