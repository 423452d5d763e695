//===- mint-opt.cpp - Mint's opt-style driver -----------------------------===//
//
// Runs any pass or pipeline over MLIR text or bytecode, like mlir-opt, with
// the mint dialect and passes registered beside all upstream dialects,
// extensions and passes (func, arith, tensor, tosa, linalg, quant,
// sparse_tensor, transform, ...), so compiler engineers can chain Mint's
// passes with upstream ones and test them with lit.
//
//===----------------------------------------------------------------------===//

#include "mint/Conversion/Passes.h"
#include "mint/Dialect/Mint/IR/MintDialect.h"
#include "mint/Dialect/Mint/Transforms/Passes.h"
#include "mint/Runtime/CPUPipeline.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::mint::registerMintPasses();
  mlir::mint::registerMintConversionPasses();
  mlir::mint::registerCPUPipelines();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::mint::MintDialect>();

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Mint optimizer driver\n", registry));
}
