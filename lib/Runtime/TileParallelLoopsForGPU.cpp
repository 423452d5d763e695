//===- TileParallelLoopsForGPU.cpp - One thread per element ---------------===//
//
// mint-tile-parallel-loops-for-gpu: collapses every outermost scf.parallel
// into one dimension and tiles it by the block size, for
// gpu-map-parallel-loops.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::mint {
#define GEN_PASS_DEF_TILEPARALLELLOOPSFORGPUPASS
#include "mint/Runtime/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;

namespace {
struct TileParallelLoopsForGPUPass
    : mint::impl::TileParallelLoopsForGPUPassBase<TileParallelLoopsForGPUPass> {
  using TileParallelLoopsForGPUPassBase::TileParallelLoopsForGPUPassBase;

  void runOnOperation() override {
    if (threads < 1) {
      getOperation().emitError("mint-tile-parallel-loops-for-gpu: threads "
                               "must be positive");
      return signalPassFailure();
    }
    SmallVector<scf::ParallelOp> outermost;
    getOperation().walk([&](scf::ParallelOp loop) {
      if (!loop->getParentOfType<scf::ParallelOp>())
        outermost.push_back(loop);
    });
    IRRewriter rewriter(&getContext());
    for (scf::ParallelOp loop : outermost) {
      unsigned rank = loop.getNumLoops();
      if (rank > 1) {
        std::vector<unsigned> all(rank);
        for (unsigned dim = 0; dim < rank; ++dim)
          all[dim] = dim;
        rewriter.setInsertionPoint(loop);
        collapseParallelLoops(rewriter, loop, {all});
      }
    }
    // Collapsing replaced the loops; tile the new outermost ones.
    outermost.clear();
    getOperation().walk([&](scf::ParallelOp loop) {
      if (!loop->getParentOfType<scf::ParallelOp>())
        outermost.push_back(loop);
    });
    for (scf::ParallelOp loop : outermost)
      scf::tileParallelLoop(loop, {threads}, /*noMinMaxBounds=*/false);
  }
};
} // namespace
