//===- WrapSequentialWorkForGPU.cpp - Kernels for sequential work ---------===//
//
// Implements `mint-wrap-sequential-work-for-gpu`.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::mint {
#define GEN_PASS_DEF_WRAPSEQUENTIALWORKFORGPUPASS
#include "mint/Runtime/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;

/// Whether `op`, a top-level op of a function, is work a kernel must do:
/// it reads or writes memory, itself or in its regions, and holds no
/// parallel loop (those become kernels of their own).
static bool isSequentialWork(Operation *op) {
  if (op->hasTrait<OpTrait::IsTerminator>() ||
      isa<scf::ParallelOp, gpu::LaunchOp, memref::AllocOp, memref::AllocaOp,
          memref::DeallocOp, memref::GetGlobalOp, ViewLikeOpInterface>(op))
    return false;
  bool touchesMemory = false;
  WalkResult walk = op->walk([&](Operation *nested) {
    if (isa<scf::ParallelOp>(nested))
      return WalkResult::interrupt();
    if (!isMemoryEffectFree(nested))
      touchesMemory = true;
    return WalkResult::advance();
  });
  return touchesMemory && !walk.wasInterrupted();
}

/// Whether `op` may sit between two pieces of sequential work in one
/// kernel: it computes without touching memory.
static bool isPureComputation(Operation *op) {
  return op->getNumRegions() == 0 && isPure(op) &&
         !op->hasTrait<OpTrait::IsTerminator>();
}

namespace {
struct WrapSequentialWorkForGPUPass
    : mint::impl::WrapSequentialWorkForGPUPassBase<
          WrapSequentialWorkForGPUPass> {
  void runOnOperation() override {
    for (Region &region : getOperation()->getRegions())
      for (Block &block : region)
        if (failed(wrapRuns(block)))
          return signalPassFailure();
  }

  LogicalResult wrapRuns(Block &block) {
    SmallVector<SmallVector<Operation *>> runs;
    SmallVector<Operation *> run;
    auto close = [&] {
      // Pure ops at the end belong to what follows, not to this run.
      while (!run.empty() && !isSequentialWork(run.back()))
        run.pop_back();
      if (!run.empty())
        runs.push_back(std::move(run));
      run.clear();
    };
    for (Operation &op : block) {
      if (isSequentialWork(&op))
        run.push_back(&op);
      else if (!run.empty() && isPureComputation(&op))
        run.push_back(&op);
      else
        close();
    }
    close();

    OpBuilder builder(&getContext());
    for (SmallVector<Operation *> &ops : runs) {
      llvm::SmallPtrSet<Operation *, 16> inRun(ops.begin(), ops.end());
      auto usedAfter = [&](Operation *op) {
        return llvm::any_of(op->getUsers(), [&](Operation *user) {
          return !inRun.contains(block.findAncestorOpInBlock(*user));
        });
      };
      auto definedInRun = [&](Value value) {
        Operation *producer = value.getDefiningOp();
        return producer && inRun.contains(producer);
      };
      // A pure op (a view, an index computation) whose result is also used
      // after the run moves before it if its operands allow.
      for (Operation *op : ops) {
        if (!usedAfter(op))
          continue;
        if (isSequentialWork(op) ||
            llvm::any_of(op->getOperands(), definedInRun))
          return op->emitError("mint-wrap-sequential-work-for-gpu: a value "
                               "this work computes is used after it");
        op->moveBefore(ops.front());
        inRun.erase(op);
      }
      llvm::erase_if(ops, [&](Operation *op) { return !inRun.contains(op); });
      Location loc = ops.front()->getLoc();
      builder.setInsertionPoint(ops.front());
      Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
      Value one = arith::ConstantIndexOp::create(builder, loc, 1);
      auto loop = scf::ParallelOp::create(builder, loc, ValueRange{zero},
                                          ValueRange{one}, ValueRange{one});
      Operation *terminator = loop.getBody()->getTerminator();
      for (Operation *op : ops)
        op->moveBefore(terminator);
    }
    return success();
  }
};
} // namespace
