//===- CompileCommand.cpp - mint compile ----------------------------------===//
//
// `mint compile model.tflite --target cpu -o model.o` compiles a model ahead
// of time (AheadOfTime.h) and writes the object file and its C header;
// `--target tosa-int -o model.mlir` compiles it for an accelerator target
// (Accelerator.h) and writes TOSA. Every file goes through a temporary file
// renamed into place.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "ModelLoading.h"
#include "Output.h"

#include "mint/Runtime/Accelerator.h"
#include "mint/Runtime/CUDA.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <chrono>
#include <optional>

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

/// Writes `module` to `path`: MLIR bytecode for a .mlirbc path, else text
/// (with locations, so tensor names survive).
static LogicalResult writeModule(ModuleOp module, StringRef path) {
  std::string bytes;
  llvm::raw_string_ostream stream(bytes);
  if (path.ends_with(".mlirbc")) {
    if (failed(writeBytecodeToFile(module, stream)))
      return module.emitError("cannot write MLIR bytecode");
  } else {
    module->print(stream, OpPrintingFlags().enableDebugInfo());
  }
  return writeFileAtomically(path, bytes);
}

/// Reports the first of `inapplicable` given on the command line, which
/// `--target <target>` does not take; true if there is one.
static bool
rejectInapplicable(std::initializer_list<const llvm::cl::Option *> inapplicable,
                   StringRef target) {
  for (const llvm::cl::Option *option : inapplicable)
    if (option->getNumOccurrences()) {
      llvm::errs() << "mint: error: --" << option->ArgStr
                   << " does not apply to --target " << target << "\n";
      return true;
    }
  return false;
}

/// The C identifier that names the compiled model: --name, else the -o
/// file's stem; nullopt after reporting one that is not an identifier.
static std::optional<std::string>
getModelName(const CompileCommandOptions &options) {
  std::string name = options.name;
  if (name.empty())
    name = makeCIdentifier(llvm::sys::path::stem(options.output));
  if (!isValidCIdentifier(name)) {
    llvm::errs() << "mint: error: '" << name
                 << "' is not a C identifier; give one with --name\n";
    return std::nullopt;
  }
  return name;
}

/// `mint compile --target <accelerator>`.
static int compileForAcceleratorTarget(const CompileCommandOptions &options,
                                       llvm::raw_ostream &os) {
  auto start = std::chrono::steady_clock::now();
  if (rejectInapplicable({&options.header, &options.name, &options.triple,
                          &options.cpu, &options.features, &options.emit,
                          &options.compile.threads, &options.chip,
                          &options.precision},
                         options.target))
    return 1;
  std::optional<TargetDescription> target = loadTargetOption(options.target);
  if (!target)
    return 1;
  MLIRContext context;
  OneLineDiagnostics diagnostics(&context);
  OwningOpRef<ModuleOp> module =
      loadTFLiteModel(options.compile.model, &context);
  if (!module)
    return 1;
  FailureOr<AcceleratorModule> compiled =
      compileForAccelerator(*module, *target, options.allowFallback);
  if (failed(compiled)) {
    llvm::errs() << "mint: error: " << options.compile.model
                 << " does not compile for " << target->name
                 << (options.allowFallback
                         ? ""
                         : " (--allow-fallback leaves what it cannot run to "
                           "the CPU)")
                 << "\n";
    return 1;
  }
  std::string hostPath;
  if (compiled->host) {
    SmallString<256> path(options.output);
    llvm::sys::path::replace_extension(path, "");
    hostPath = (path + ".host.mlir").str();
  }
  if (failed(writeModule(*compiled->tosa, options.output)) ||
      (compiled->host && failed(writeModule(*compiled->host, hostPath))))
    return 1;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const PlacementSummary &summary = compiled->summary;
  int64_t totalMACs = summary.acceleratorMACs + summary.cpuMACs;
  auto percent = [&](int64_t part) {
    return totalMACs ? 100.0 * static_cast<double>(part) /
                           static_cast<double>(totalMACs)
                     : 0.0;
  };
  if (options.json) {
    llvm::json::Object result{
        {"model", options.compile.model},
        {"target", target->name},
        {"tosa", options.output},
        {"host", hostPath.empty() ? llvm::json::Value(nullptr)
                                  : llvm::json::Value(hostPath)},
        {"segments", summary.segments},
        {"accelerator_ops", summary.acceleratorOps},
        {"cpu_ops", summary.cpuOps},
        {"accelerator_macs", summary.acceleratorMACs},
        {"cpu_macs", summary.cpuMACs},
        {"cpu_op_reasons", llvm::json::Array(summary.cpuOpReasons)},
        {"seconds", seconds}};
    os << llvm::formatv("{0:2}", llvm::json::Value(std::move(result))) << "\n";
    return 0;
  }
  os << "mint: compiled " << options.compile.model << " for " << target->name
     << " in " << llvm::formatv("{0:f1}", seconds) << " s; the TOSA passes "
     << "tosa-validate (profiles " << llvm::join(target->tosaProfiles, ",")
     << ", extensions "
     << (target->tosaExtensions.empty()
             ? std::string("none")
             : llvm::join(target->tosaExtensions, ","))
     << ", level " << target->tosaLevel << ")\n"
     << "  tosa         " << options.output << " (" << summary.segments
     << (summary.segments == 1 ? " function" : " segment functions") << ")\n";
  if (!hostPath.empty())
    os << "  host         " << hostPath << " (mint ops; calls the segments)\n";
  os << llvm::formatv("  accelerator  {0} ops, {1} MACs ({2:f1}%)\n",
                      summary.acceleratorOps, summary.acceleratorMACs,
                      percent(summary.acceleratorMACs))
     << llvm::formatv("  cpu          {0} ops, {1} MACs ({2:f1}%)\n",
                      summary.cpuOps, summary.cpuMACs,
                      percent(summary.cpuMACs));
  for (const std::string &reason : summary.cpuOpReasons)
    os << "    " << reason << "\n";
  return 0;
}

/// `mint compile --target cuda`.
static int compileForCUDATarget(const CompileCommandOptions &options,
                                llvm::raw_ostream &os) {
  auto start = std::chrono::steady_clock::now();
  if (rejectInapplicable({&options.header, &options.triple, &options.cpu,
                          &options.features, &options.emit,
                          &options.compile.threads, &options.allowFallback},
                         "cuda"))
    return 1;
  bool float16 = false;
  if (!checkCUDAChip(options.chip) ||
      !parseCUDAPrecision(options.precision, float16))
    return 1;
  std::optional<std::string> name = getModelName(options);
  if (!name)
    return 1;
  MLIRContext context;
  OneLineDiagnostics diagnostics(&context);
  OwningOpRef<ModuleOp> module =
      loadTFLiteModel(options.compile.model, &context);
  if (!module)
    return 1;
  CUDAOptions cuda;
  cuda.chip = options.chip;
  cuda.name = *name;
  cuda.float16 = float16;
  FailureOr<CUDAModel> compiled = compileModelForCUDA(*module, cuda);
  if (failed(compiled))
    return 1;
  SmallString<256> hostPath(options.output);
  llvm::sys::path::replace_extension(hostPath, ".host.mlir");
  // A .cubin is the PTX assembled by the CUDA toolkit's ptxas.
  bool cubin = StringRef(options.output).ends_with(".cubin");
  std::string contents = compiled->ptx;
  if (cubin) {
    llvm::Expected<std::string> binary =
        assembleCUDABinary(compiled->ptx, options.chip);
    if (!binary) {
      llvm::errs() << "mint: error: " << llvm::toString(binary.takeError())
                   << "\n";
      return 1;
    }
    contents = std::move(*binary);
  }
  if (failed(writeFileAtomically(options.output, contents)) ||
      failed(writeModule(*compiled->host, hostPath)))
    return 1;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (options.json) {
    llvm::json::Object result{
        {"model", options.compile.model},
        {"target", "cuda"},
        {"chip", options.chip},
        {"precision", options.precision},
        {"ptx", options.output},
        {"ptx_bytes", static_cast<int64_t>(compiled->ptx.size())},
        {"format", cubin ? "cubin" : "ptx"},
        {"host", std::string(hostPath)},
        {"kernels", compiled->kernels},
        {"launches", compiled->launches},
        {"seconds", seconds}};
    os << llvm::formatv("{0:2}", llvm::json::Value(std::move(result))) << "\n";
    return 0;
  }
  os << "mint: compiled " << options.compile.model << " for CUDA "
     << options.chip << (float16 ? " in float16" : "") << " in "
     << llvm::formatv("{0:f1}", seconds) << " s\n"
     << (cubin ? "  cubin    " : "  ptx      ") << options.output << " ("
     << contents.size() << " bytes, " << compiled->kernels << " kernels)\n"
     << "  host     " << hostPath << " (" << compiled->launches
     << " launches, in order)\n";
  return 0;
}

int mlir::mint::driver::runCompileCommand(const CompileCommandOptions &options,
                                          llvm::raw_ostream &os) {
  if (options.target == "cuda")
    return compileForCUDATarget(options, os);
  if (options.target != "cpu")
    return compileForAcceleratorTarget(options, os);
  auto start = std::chrono::steady_clock::now();
  if (options.compile.threads == 0) {
    llvm::errs() << "mint: error: --threads must be at least 1\n";
    return 1;
  }
  if (rejectInapplicable(
          {&options.chip, &options.allowFallback, &options.precision}, "cpu"))
    return 1;
  std::optional<std::string> name = getModelName(options);
  if (!name)
    return 1;
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
  aot.compile.pipeline.paletteLookups = options.compile.paletteLookups;
  aot.name = *name;
  aot.triple = options.triple;
  aot.cpu = options.cpu;
  aot.features = options.features;
  aot.format = options.emit;
  aot.sourceName = llvm::sys::path::filename(options.compile.model).str();
  std::optional<Progress> compiling;
  compiling.emplace("compiling " + options.compile.model.getValue());
  FailureOr<AheadOfTimeModel> model = compileModelAheadOfTime(*module, aot);
  compiling.reset();
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
