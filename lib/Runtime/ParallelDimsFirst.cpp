//===- ParallelDimsFirst.cpp - Parallel loops outermost -------------------===//
//
// Implements `mint-parallel-dims-first`.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::mint {
#define GEN_PASS_DEF_PARALLELDIMSFIRSTPASS
#include "mint/Runtime/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;

namespace {
struct ParallelDimsFirstPass
    : mint::impl::ParallelDimsFirstPassBase<ParallelDimsFirstPass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) { ops.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      // The old loop of each new one: parallel loops, then the others.
      SmallVector<unsigned> order;
      SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
      for (auto [dim, iterator] : llvm::enumerate(iterators))
        if (iterator == utils::IteratorType::parallel)
          order.push_back(dim);
      for (auto [dim, iterator] : llvm::enumerate(iterators))
        if (iterator != utils::IteratorType::parallel)
          order.push_back(dim);
      if (llvm::equal(order, llvm::seq<unsigned>(0, order.size())))
        continue;
      rewriter.setInsertionPoint(op);
      auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
      if (!generic) {
        FailureOr<linalg::GenericOp> generalized =
            linalg::generalizeNamedOp(rewriter, op);
        if (failed(generalized)) {
          op.emitError("mint-parallel-dims-first: cannot generalize");
          return signalPassFailure();
        }
        generic = *generalized;
      }
      if (failed(linalg::interchangeGenericOp(rewriter, generic, order))) {
        generic.emitError("mint-parallel-dims-first: cannot interchange");
        return signalPassFailure();
      }
    }
  }
};
} // namespace
