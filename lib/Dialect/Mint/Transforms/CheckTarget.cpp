//===- CheckTarget.cpp - Check a model against an accelerator target ------===//
//
// mint-check-target: every op against a TargetDescription; errors, or a
// placement per op with `allow-fallback`.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "mint/Dialect/Mint/Transforms/TargetDescription.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::mint {
#define GEN_PASS_DEF_CHECKTARGETPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {
struct CheckTargetPass : mint::impl::CheckTargetPassBase<CheckTargetPass> {
  using CheckTargetPassBase::CheckTargetPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    llvm::Expected<TargetDescription> description =
        loadTargetDescription(target);
    if (!description) {
      func.emitError("mint-check-target: ")
          << llvm::toString(description.takeError());
      return signalPassFailure();
    }
    int64_t acceleratorOps = 0, cpuOps = 0;
    LogicalResult result =
        checkTarget(func, *description, allowFallback, acceleratorOps, cpuOps);
    numAcceleratorOps += acceleratorOps;
    numCPUOps += cpuOps;
    if (failed(result))
      signalPassFailure();
  }
};
} // namespace
