//===- ModelLoading.cpp - Read models for the mint driver -----------------===//
//
// Implements model loading and the one-line error format of the driver.
//
//===----------------------------------------------------------------------===//

#include "ModelLoading.h"

#include "mint/Target/TFLite/TFLite.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::mint::driver;

/// Returns the file a location points into, if any.
static std::string getFileName(Location loc) {
  std::string file;
  loc->walk([&](Location part) {
    if (auto fileLoc = dyn_cast<FileLineColLoc>(part)) {
      file = fileLoc.getFilename().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return file;
}

OneLineDiagnostics::OneLineDiagnostics(MLIRContext *context)
    : context(context) {
  context->printOpOnDiagnostic(false);
  handlerID = context->getDiagEngine().registerHandler([](Diagnostic &diag) {
    std::string file = getFileName(diag.getLocation());
    std::string message = diag.str();
    for (char &c : message)
      if (c == '\n')
        c = ' ';
    llvm::errs() << (file.empty() ? "mint" : file) << ": ";
    switch (diag.getSeverity()) {
    case DiagnosticSeverity::Error:
      llvm::errs() << "error: ";
      break;
    case DiagnosticSeverity::Warning:
      llvm::errs() << "warning: ";
      break;
    default:
      break;
    }
    llvm::errs() << message << "\n";
    return success();
  });
}

OneLineDiagnostics::~OneLineDiagnostics() {
  context->getDiagEngine().eraseHandler(handlerID);
}

OwningOpRef<ModuleOp>
mlir::mint::driver::loadTFLiteModel(StringRef path, MLIRContext *context) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (std::error_code error = buffer.getError()) {
    llvm::errs() << path << ": error: cannot read the file: " << error.message()
                 << "\n";
    return nullptr;
  }
  TFLiteImportOptions options;
  options.fileName = path.str();
  return importTFLiteModel((*buffer)->getMemBufferRef(), context, options);
}

LogicalResult mlir::mint::driver::writeFileAtomically(StringRef path,
                                                      StringRef bytes) {
  llvm::Expected<llvm::sys::fs::TempFile> temp =
      llvm::sys::fs::TempFile::create(path + ".tmp-%%%%%%");
  if (!temp) {
    llvm::errs() << path << ": error: cannot write: "
                 << llvm::toString(temp.takeError()) << "\n";
    return failure();
  }
  {
    llvm::raw_fd_ostream out(temp->FD, /*shouldClose=*/false);
    out << bytes;
    out.flush();
    if (out.has_error()) {
      llvm::errs() << path << ": error: cannot write: " << out.error().message()
                   << "\n";
      out.clear_error();
      llvm::consumeError(temp->discard());
      return failure();
    }
  }
  if (llvm::Error error = temp->keep(path)) {
    llvm::errs() << path << ": error: cannot write: "
                 << llvm::toString(std::move(error)) << "\n";
    return failure();
  }
  return success();
}

LogicalResult mlir::mint::driver::writeTFLiteModel(ModuleOp module,
                                                   StringRef path) {
  std::string bytes;
  llvm::raw_string_ostream stream(bytes);
  if (failed(exportTFLiteModel(module, stream)))
    return failure();
  return writeFileAtomically(path, bytes);
}

std::string mlir::mint::driver::getTFLiteTypeName(Type element) {
  if (auto quantized = dyn_cast<quant::QuantizedType>(element)) {
    unsigned width = quantized.getStorageTypeIntegralWidth();
    return (quantized.isSigned() ? "int" : "uint") + std::to_string(width);
  }
  if (element.isF32())
    return "float32";
  if (element.isF16())
    return "float16";
  if (element.isBF16())
    return "bfloat16";
  if (element.isF64())
    return "float64";
  if (element.isInteger(1))
    return "bool";
  if (auto integer = dyn_cast<IntegerType>(element))
    return (integer.isUnsigned() ? "uint" : "int") +
           std::to_string(integer.getWidth());
  std::string text;
  llvm::raw_string_ostream os(text);
  os << element;
  return text;
}

std::optional<mlir::mint::TargetDescription>
mlir::mint::driver::loadTargetOption(StringRef nameOrPath) {
  llvm::Expected<TargetDescription> target = loadTargetDescription(nameOrPath);
  if (!target) {
    llvm::errs() << "mint: error: --target: "
                 << llvm::toString(target.takeError()) << "\n";
    return std::nullopt;
  }
  return std::move(*target);
}

bool mlir::mint::driver::checkCUDAChip(StringRef chip) {
  if (chip.starts_with("sm_"))
    return true;
  llvm::errs() << "mint: error: --chip " << chip
               << " is not a CUDA architecture (sm_80, sm_90, ...)\n";
  return false;
}

bool mlir::mint::driver::parseCUDAPrecision(StringRef precision,
                                            bool &float16) {
  float16 = precision == "float16";
  if (float16 || precision == "float32")
    return true;
  llvm::errs() << "mint: error: --precision must be float32 or float16, not '"
               << precision << "'\n";
  return false;
}
