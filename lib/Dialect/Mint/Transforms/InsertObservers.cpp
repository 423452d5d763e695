//===- InsertObservers.cpp - Expose activations for calibration -----------===//
//
// Implements `mint-insert-observers` and getObservedValues(): the values a
// calibration run records, returned from the function so that one compiled
// run yields them all.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::mint {
#define GEN_PASS_DEF_INSERTOBSERVERSPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

/// True if `op` produces a weight rather than an activation.
static bool isWeight(Operation *op) {
  if (isa<ConstOp, SparseConstOp, NoValueOp>(op))
    return true;
  auto dequantize = dyn_cast<DequantizeOp>(op);
  return dequantize && isa_and_nonnull<ConstOp, SparseConstOp>(
                           dequantize.getInput().getDefiningOp());
}

SmallVector<Value> mlir::mint::getObservedValues(func::FuncOp func,
                                                 bool includeQuantized) {
  SmallVector<Value> values;
  func.walk([&](Operation *op) {
    if (!isa<MintDialect>(op->getDialect()) || isWeight(op))
      return;
    for (Value result : op->getResults()) {
      // Dynamic dimensions are fine: the runtime specializes them
      // (cloneForRunning) before it compiles.
      auto type = dyn_cast<RankedTensorType>(result.getType());
      if (type && (isa<FloatType>(type.getElementType()) ||
                   (includeQuantized &&
                    isa<quant::QuantizedType>(type.getElementType()))))
        values.push_back(result);
    }
  });
  return values;
}

namespace {
struct InsertObserversPass
    : mint::impl::InsertObserversPassBase<InsertObserversPass> {
  using InsertObserversPassBase::InsertObserversPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (!func.isPublic() || func.isExternal())
      return;
    SmallVector<Value> observed = getObservedValues(func, quantized);
    auto returnOp = cast<func::ReturnOp>(func.getBody().back().getTerminator());
    int64_t first = returnOp.getNumOperands();
    // A value returned twice breaks bufferization; observations that are
    // results already are read from there.
    SmallVector<Value> results(returnOp.getOperands());
    llvm::SmallDenseSet<Value> returned(results.begin(), results.end());
    for (Value value : observed)
      if (returned.insert(value).second)
        results.push_back(value);
    OpBuilder builder(returnOp);
    func::ReturnOp::create(builder, returnOp.getLoc(), results);
    returnOp.erase();
    func.setType(builder.getFunctionType(func.getArgumentTypes(),
                                         ValueRange(results).getTypes()));
    func->setAttr(kObservedFromAttrName, builder.getI64IntegerAttr(first));
  }
};
} // namespace
