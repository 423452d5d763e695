//===- consumer.cpp - A program built against an installed Mint -----------===//
//
// Loads the mint dialect from an installed Mint, parses a small TFLite-style
// graph, verifies it, checks what the dialect's interfaces say about it, and
// writes it as a .tflite and reads it back. Exits non-zero on any mismatch.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Target/TFLite/TFLite.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

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

  std::string bytes;
  llvm::raw_string_ostream stream(bytes);
  if (mlir::failed(mlir::mint::exportTFLiteModel(*module, stream))) {
    llvm::errs() << "mint-consumer: the graph did not export\n";
    return 1;
  }
  mlir::OwningOpRef<mlir::ModuleOp> reimported = mlir::mint::importTFLiteModel(
      llvm::MemoryBufferRef(bytes, "consumer"), &context);
  int reimportedConvs = 0;
  if (reimported)
    reimported->walk([&](mlir::mint::Conv2DOp) { ++reimportedConvs; });
  if (reimportedConvs != 1) {
    llvm::errs() << "mint-consumer: the exported model did not import back "
                    "with its convolution\n";
    return 1;
  }
  llvm::outs() << "mint-consumer: parsed, verified and inspected a mint "
               << "graph; exported it (" << bytes.size()
               << " bytes of .tflite) and imported it back\n";
  return 0;
}
