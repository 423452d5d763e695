//===- TranslateRegistration.cpp - TFLite translations for mint-translate -===//
//
// Registers `--import-tflite` (.tflite -> MLIR) and `--export-tflite`
// (MLIR -> .tflite) with mlir-translate. The export option lives in one
// struct, created with the registration.
//
//===----------------------------------------------------------------------===//

#include "mint/Target/TFLite/TFLite.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
using namespace mlir::mint;

namespace {
/// Command-line options of the TFLite translations.
struct TFLiteTranslateOptions {
  llvm::cl::opt<uint64_t> externalBufferThreshold{
      "tflite-external-buffers-above",
      llvm::cl::desc("Write constant buffers after the flatbuffer when they "
                     "total more than this many bytes (the format for models "
                     "over 2 GB)"),
      llvm::cl::init(TFLiteExportOptions().externalBufferThreshold)};
};
} // namespace

void mlir::mint::registerTFLiteTranslations() {
  static TFLiteTranslateOptions translateOptions;
  static TranslateToMLIRRegistration importRegistration(
      "import-tflite", "Import a TFLite model (.tflite) as mint ops",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        TFLiteImportOptions options;
        options.fileName = buffer->getBufferIdentifier().str();
        return importTFLiteModel(buffer->getMemBufferRef(), context, options);
      },
      registerTFLiteDialects);
  static TranslateFromMLIRRegistration exportRegistration(
      "export-tflite", "Export mint ops as a TFLite model (.tflite)",
      [](Operation *op, llvm::raw_ostream &output) -> LogicalResult {
        auto module = dyn_cast<ModuleOp>(op);
        if (!module)
          return op->emitError("expects a module to export");
        TFLiteExportOptions options;
        options.externalBufferThreshold =
            translateOptions.externalBufferThreshold;
        return exportTFLiteModel(module, output, options);
      },
      registerTFLiteDialects);
}
