//===- mint-translate.cpp - Mint's translation driver ---------------------===//
//
// Registrations only: the upstream translations (MLIR <-> LLVM IR, C++,
// SPIR-V, ...) and Mint's own, each registered by the library that
// implements it; this file holds no translation logic and no options.
//
//===----------------------------------------------------------------------===//

#include "mint/Target/TFLite/TFLite.h"

#include "mlir/InitAllTranslations.h"
#include "mlir/Support/LogicalResult.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mlir::registerAllTranslations();
  mlir::mint::registerTFLiteTranslations();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "Mint translation driver\n"));
}
