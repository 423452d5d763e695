//===- translate-bench.cpp - Time TFLite import and export ----------------===//
//
// Imports and exports .tflite models in-process, many times, and prints the
// median times with, as the baseline measured in the same run, the time
// flatbuffers takes just to verify the same file (the least any reader of
// an untrusted model must do).
//
//   mint-translate-bench [--runs N] model.tflite...
//
//===----------------------------------------------------------------------===//

#include "mint/Target/TFLite/TFLite.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "tflite_generated.h"

#include <algorithm>
#include <chrono>
#include <vector>

using namespace mlir;

namespace {
struct BenchOptions {
  llvm::cl::list<std::string> models{llvm::cl::Positional, llvm::cl::OneOrMore,
                                     llvm::cl::desc("<model.tflite>...")};
  llvm::cl::opt<unsigned> runs{"runs", llvm::cl::desc("Repetitions"),
                               llvm::cl::init(20)};
};

template <typename Fn> double medianSeconds(unsigned runs, Fn &&fn) {
  std::vector<double> times;
  for (unsigned run = 0; run < runs; ++run) {
    auto start = std::chrono::steady_clock::now();
    fn();
    times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  BenchOptions options;
  llvm::cl::ParseCommandLineOptions(argc, argv,
                                    "Time Mint's TFLite import and export\n");
  DialectRegistry registry;
  mint::registerTFLiteDialects(registry);
  llvm::outs() << llvm::formatv("{0,-40} {1,10} {2,10} {3,10} {4,10} {5,9}\n",
                                "model", "MB", "verify ms", "import ms",
                                "export ms", "x verify");
  for (const std::string &file : options.models) {
    auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!buffer) {
      llvm::errs() << file << ": error: cannot read the file\n";
      return 1;
    }
    llvm::MemoryBufferRef model = (*buffer)->getMemBufferRef();
    double verify = medianSeconds(options.runs, [&] {
      flatbuffers::Verifier verifier(
          reinterpret_cast<const uint8_t *>(model.getBufferStart()),
          model.getBufferSize());
      volatile bool ok = ::mint_tflite::VerifyModelBuffer(verifier);
      (void)ok;
    });
    double import = 0, exportTime = 0;
    bool failed = false;
    import = medianSeconds(options.runs, [&] {
      MLIRContext context(registry, MLIRContext::Threading::DISABLED);
      mint::TFLiteImportOptions importOptions;
      importOptions.fileName = file;
      OwningOpRef<ModuleOp> module =
          mint::importTFLiteModel(model, &context, importOptions);
      failed |= !module;
    });
    MLIRContext context(registry, MLIRContext::Threading::DISABLED);
    OwningOpRef<ModuleOp> module = mint::importTFLiteModel(model, &context);
    if (failed || !module) {
      llvm::errs() << file << ": error: the import failed\n";
      return 1;
    }
    exportTime = medianSeconds(options.runs, [&] {
      std::string bytes;
      llvm::raw_string_ostream output(bytes);
      failed |= mlir::failed(mint::exportTFLiteModel(*module, output));
    });
    if (failed) {
      llvm::errs() << file << ": error: the export failed\n";
      return 1;
    }
    llvm::outs() << llvm::formatv(
        "{0,-40} {1,10:f2} {2,10:f3} {3,10:f2} {4,10:f2} {5,9:f0}\n",
        llvm::sys::path::filename(file), model.getBufferSize() / 1e6,
        verify * 1e3, import * 1e3, exportTime * 1e3,
        (import + exportTime) / verify);
  }
  return 0;
}
