//===- mint-import-fuzzer.cpp - libFuzzer target for the TFLite importer --===//
//
// Feeds arbitrary bytes to the TFLite importer and, when they import, the
// module to the exporter. Built with -fsanitize=fuzzer,address,undefined by
// utils/fuzz-import.sh; any crash, hang or sanitizer report is a bug.
// Diagnostics are expected for most inputs and are discarded.
//
//===----------------------------------------------------------------------===//

#include "mint/Target/TFLite/TFLite.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const mlir::DialectRegistry registry = [] {
    mlir::DialectRegistry result;
    mlir::mint::registerTFLiteDialects(result);
    return result;
  }();
  // A fresh context per input keeps memory from growing with the uniqued
  // constants of earlier inputs.
  mlir::MLIRContext context(registry, mlir::MLIRContext::Threading::DISABLED);
  context.printOpOnDiagnostic(false);
  mlir::ScopedDiagnosticHandler discard(
      &context, [](mlir::Diagnostic &) { return mlir::success(); });
  llvm::MemoryBufferRef buffer(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz");
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::mint::importTFLiteModel(buffer, &context);
  if (module) {
    std::string bytes;
    llvm::raw_string_ostream output(bytes);
    (void)mlir::mint::exportTFLiteModel(*module, output);
  }
  return 0;
}
