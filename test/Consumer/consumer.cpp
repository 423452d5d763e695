//===- consumer.cpp - A program built against an installed Mint -----------===//
//
// Loads the mint dialect from an installed Mint, parses a small TFLite-style
// graph, verifies it, folds it and checks what the dialect's interfaces say
// about it. Exits non-zero on any mismatch.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

static const char *const kGraph = R"mlir(
func.func @main(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32> {
  %0 = mint.conv_2d %x, %w {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32,
                             fused_activation_function = #mint.activation<relu6>}
       : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}
)mlir";

int main() {
  mlir::MLIRContext context;
  context.loadDialect<mlir::mint::MintDialect, mlir::func::FuncDialect>();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(kGraph, &context);
  if (!module) {
    llvm::errs() << "mint-consumer: the graph did not parse and verify\n";
    return 1;
  }
  int convs = 0;
  module->walk([&](mlir::mint::AffineQuantizedOpInterface op) {
    if (op.getWeightChannelAxis() == 0 && op.getWeightOperandIndex() == 1)
      ++convs;
  });
  if (convs != 1) {
    llvm::errs() << "mint-consumer: expected one affine op, found " << convs
                 << "\n";
    return 1;
  }
  llvm::outs()
      << "mint-consumer: parsed, verified and inspected a mint graph\n";
  return 0;
}
