//===- EmulateGPULaunches.cpp - GPU kernels as host loops -----------------===//
//
// Implements `mint-emulate-gpu-launches`: runs the CUDA path's kernels on
// the CPU, so that their arithmetic can be checked on machines without a
// GPU. Blocks run one after another; within a block, the threads run one
// after another up to each barrier (barrier fission): a kernel's body is
//
//   prologue (pure, recomputed by every phase)
//   [scf.for { segment; gpu.barrier; segment; gpu.barrier; ... yield }]
//   epilogue
//
// and each segment becomes a loop over all threads of the block. The loop's
// iteration arguments, which each thread carries across barriers, live in
// per-thread arrays; workgroup memory becomes a buffer per block.
// nvvm.dot.accumulate.4way becomes its arithmetic.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::mint {
#define GEN_PASS_DEF_EMULATEGPULAUNCHESPASS
#include "mint/Runtime/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;

static bool containsBarrier(Operation *op) {
  return op->walk([](gpu::BarrierOp) { return WalkResult::interrupt(); })
      .wasInterrupted();
}

/// Replaces a dp4a by its arithmetic: four products of bytes, extended as
/// the operand types say, added to the accumulator.
static void expandDotAccumulate(NVVM::DotAccumulate4WayOp op) {
  ImplicitLocOpBuilder b(op.getLoc(), op);
  Value sum = op.getC();
  for (int64_t lane = 0; lane < 4; ++lane) {
    auto extend = [&](Value vector, NVVM::DotAccumulateType type) -> Value {
      Value byte = vector::ExtractOp::create(b, vector, lane);
      if (type == NVVM::DotAccumulateType::SIGNED)
        return arith::ExtSIOp::create(b, b.getI32Type(), byte);
      return arith::ExtUIOp::create(b, b.getI32Type(), byte);
    };
    Value product = arith::MulIOp::create(b, extend(op.getA(), op.getAType()),
                                          extend(op.getB(), op.getBType()));
    sum = arith::AddIOp::create(b, sum, product);
  }
  op.replaceAllUsesWith(sum);
  op.erase();
}

/// Maps the three values of `dims` to `zyx` (z first, as the loop nests
/// that replace them go).
static void mapDims(IRMapping &mapping, gpu::KernelDim3 dims, Value z, Value y,
                    Value x) {
  mapping.map(dims.z, z);
  mapping.map(dims.y, y);
  mapping.map(dims.x, x);
}

namespace {
/// Emulates one gpu.launch.
class LaunchEmulator {
public:
  LaunchEmulator(gpu::LaunchOp launch) : launch(launch) {}

  LogicalResult run();

private:
  /// Emits loops over the block's threads at the builder's position and
  /// calls `body` inside, with the thread ids and the recomputed prologue
  /// in the mapping and the thread's linear index.
  void forEachThread(OpBuilder &b, const IRMapping &scope,
                     function_ref<void(OpBuilder &, IRMapping &, Value)> body);

  gpu::LaunchOp launch;
  SmallVector<Operation *> prologue;
  scf::ForOp phased;
  /// The segment of each top-level op of the phased loop: 0 before its
  /// first barrier, 1 after it, ...; the yield is in the last one.
  DenseMap<Operation *, unsigned> segmentOf;
};
} // namespace

void LaunchEmulator::forEachThread(
    OpBuilder &b, const IRMapping &scope,
    function_ref<void(OpBuilder &, IRMapping &, Value)> body) {
  Location loc = launch.getLoc();
  gpu::KernelDim3 sizes = launch.getBlockSizeOperandValues();
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  scf::buildLoopNest(
      b, loc, {zero, zero, zero}, {sizes.z, sizes.y, sizes.x}, {one, one, one},
      [&](OpBuilder &nested, Location loc, ValueRange ivs) {
        IRMapping mapping = scope;
        mapDims(mapping, launch.getThreadIds(), ivs[0], ivs[1], ivs[2]);
        Value plane = arith::AddIOp::create(
            nested, loc, arith::MulIOp::create(nested, loc, ivs[0], sizes.y),
            ivs[1]);
        Value linear = arith::AddIOp::create(
            nested, loc, arith::MulIOp::create(nested, loc, plane, sizes.x),
            ivs[2]);
        for (Operation *op : prologue)
          nested.clone(*op, mapping);
        body(nested, mapping, linear);
      });
}

LogicalResult LaunchEmulator::run() {
  Block &body = launch.getBody().front();
  if (!launch.getAsyncDependencies().empty() || launch.getAsyncToken() ||
      launch.getDynamicSharedMemorySize() || launch.hasClusterSize() ||
      !launch.getPrivateAttributions().empty())
    return launch.emitError("mint-emulate-gpu-launches: only synchronous "
                            "launches without clusters, dynamic shared "
                            "memory or private buffers can be emulated");
  // Barriers directly in the body (a kernel whose loop ran once and was
  // folded away): the body becomes a loop of one iteration.
  if (llvm::any_of(body,
                   [](Operation &op) { return isa<gpu::BarrierOp>(op); })) {
    OpBuilder b(body.getTerminator());
    Location loc = launch.getLoc();
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    auto once = scf::ForOp::create(b, loc, zero, one, one);
    Operation *yield = once.getBody()->getTerminator();
    for (Operation &op : llvm::make_early_inc_range(body))
      if (&op != zero.getDefiningOp() && &op != one.getDefiningOp() &&
          &op != once.getOperation() && !op.hasTrait<OpTrait::IsTerminator>())
        op.moveBefore(yield);
  }
  // The body: pure prologue, at most one loop with barriers, epilogue.
  SmallVector<Operation *> epilogue;
  for (Operation &op : body.without_terminator()) {
    if (containsBarrier(&op)) {
      auto loop = dyn_cast<scf::ForOp>(op);
      if (!loop || phased ||
          llvm::any_of(loop.getBody()->without_terminator(), [](Operation &op) {
            return !isa<gpu::BarrierOp>(op) && containsBarrier(&op);
          }))
        return op.emitError("mint-emulate-gpu-launches: barriers must sit "
                            "directly in one loop of the kernel body");
      phased = loop;
      continue;
    }
    if (phased)
      epilogue.push_back(&op);
    else if (isMemoryEffectFree(&op) && op.getNumRegions() == 0)
      prologue.push_back(&op);
    else
      epilogue.push_back(&op);
  }
  unsigned lastSegment = 0;
  if (!phased) {
    // Without barriers every thread runs the whole body in order.
    prologue.clear();
    epilogue.clear();
    for (Operation &op : body.without_terminator())
      epilogue.push_back(&op);
  } else {
    for (Operation &op : body.without_terminator()) {
      if (&op == phased.getOperation())
        break;
      if (!llvm::is_contained(prologue, &op))
        return op.emitError("mint-emulate-gpu-launches: work before the "
                            "barrier loop must be free of memory effects");
    }
    for (Operation &op : *phased.getBody()) {
      if (isa<gpu::BarrierOp>(op))
        ++lastSegment;
      else
        segmentOf[&op] = lastSegment;
    }
  }
  // Values a thread computes in one segment and uses in a later one; they
  // wait in per-thread arrays.
  SetVector<Value> crossing;
  for (Operation &op : phased ? *phased.getBody() : body) {
    if (!segmentOf.contains(&op))
      continue;
    unsigned segment = segmentOf.lookup(&op);
    for (Value result : op.getResults())
      for (Operation *user : result.getUsers()) {
        Operation *top = phased.getBody()->findAncestorOpInBlock(*user);
        if (top && segmentOf.lookup(top) != segment)
          crossing.insert(result);
      }
  }

  OpBuilder b(launch);
  Location loc = launch.getLoc();
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
  gpu::KernelDim3 sizes = launch.getBlockSizeOperandValues();
  // Buffers for one block at a time, allocated once: workgroup memory, and
  // what each thread carries across barriers (the loop's iteration
  // arguments, values used after a barrier), one element per thread.
  IRMapping buffers;
  for (BlockArgument buffer : launch.getWorkgroupAttributions()) {
    auto type = cast<MemRefType>(buffer.getType());
    buffers.map(
        buffer,
        memref::AllocaOp::create(
            b, loc, MemRefType::get(type.getShape(), type.getElementType())));
  }
  Value threads = arith::MulIOp::create(
      b, loc, arith::MulIOp::create(b, loc, sizes.x, sizes.y), sizes.z);
  auto perThread = [&](Type type) -> Value {
    return memref::AllocaOp::create(
        b, loc, MemRefType::get({ShapedType::kDynamic}, type),
        ValueRange{threads});
  };
  SmallVector<Value> carried, spilled;
  if (phased)
    for (Value init : phased.getInitArgs())
      carried.push_back(perThread(init.getType()));
  for (Value value : crossing)
    spilled.push_back(perThread(value.getType()));
  scf::buildLoopNest(
      b, loc, {zero, zero, zero}, {grid.z, grid.y, grid.x}, {one, one, one},
      [&](OpBuilder &bb, Location loc, ValueRange ivs) {
        IRMapping scope = buffers;
        mapDims(scope, launch.getBlockIds(), ivs[0], ivs[1], ivs[2]);
        mapDims(scope, launch.getGridSize(), grid.z, grid.y, grid.x);
        mapDims(scope, launch.getBlockSize(), sizes.z, sizes.y, sizes.x);
        if (!phased) {
          forEachThread(bb, scope, [&](OpBuilder &tb, IRMapping &m, Value) {
            for (Operation *op : epilogue)
              tb.clone(*op, m);
          });
          return;
        }
        forEachThread(bb, scope, [&](OpBuilder &tb, IRMapping &m, Value tid) {
          for (auto [array, init] : llvm::zip(carried, phased.getInitArgs()))
            memref::StoreOp::create(tb, loc, m.lookupOrDefault(init), array,
                                    ValueRange{tid});
        });
        // The loop bounds are the same for every thread: thread 0's.
        IRMapping first = scope;
        mapDims(first, launch.getThreadIds(), zero, zero, zero);
        for (Operation *op : prologue)
          bb.clone(*op, first);
        auto loop = scf::ForOp::create(
            bb, loc, first.lookupOrDefault(phased.getLowerBound()),
            first.lookupOrDefault(phased.getUpperBound()),
            first.lookupOrDefault(phased.getStep()));
        OpBuilder::InsertionGuard guard(bb);
        bb.setInsertionPoint(loop.getBody()->getTerminator());
        for (unsigned segment = 0; segment <= lastSegment; ++segment) {
          forEachThread(bb, scope, [&](OpBuilder &tb, IRMapping &m, Value tid) {
            m.map(phased.getInductionVar(), loop.getInductionVar());
            for (auto [array, arg] :
                 llvm::zip(carried, phased.getRegionIterArgs()))
              m.map(arg,
                    memref::LoadOp::create(tb, loc, array, ValueRange{tid}));
            for (auto [array, value] : llvm::zip(spilled, crossing))
              if (segmentOf.lookup(value.getDefiningOp()) < segment)
                m.map(value,
                      memref::LoadOp::create(tb, loc, array, ValueRange{tid}));
            for (Operation &op : *phased.getBody()) {
              if (isa<gpu::BarrierOp>(op) || segmentOf.lookup(&op) != segment)
                continue;
              if (auto yield = dyn_cast<scf::YieldOp>(op)) {
                for (auto [array, value] :
                     llvm::zip(carried, yield.getOperands()))
                  memref::StoreOp::create(tb, loc, m.lookupOrDefault(value),
                                          array, ValueRange{tid});
                continue;
              }
              tb.clone(op, m);
              for (auto [array, value] : llvm::zip(spilled, crossing))
                if (value.getDefiningOp() == &op)
                  memref::StoreOp::create(tb, loc, m.lookup(value), array,
                                          ValueRange{tid});
            }
          });
        }
        bb.setInsertionPointAfter(loop);
        forEachThread(bb, scope, [&](OpBuilder &tb, IRMapping &m, Value tid) {
          for (auto [array, value] : llvm::zip(carried, phased.getResults()))
            m.map(value,
                  memref::LoadOp::create(tb, loc, array, ValueRange{tid}));
          for (Operation *op : epilogue)
            tb.clone(*op, m);
        });
      });
  return success();
}

namespace {
struct EmulateGPULaunchesPass
    : mint::impl::EmulateGPULaunchesPassBase<EmulateGPULaunchesPass> {
  void runOnOperation() override {
    SmallVector<gpu::LaunchOp> launches;
    getOperation().walk([&](gpu::LaunchOp op) { launches.push_back(op); });
    for (gpu::LaunchOp launch : launches) {
      if (failed(LaunchEmulator(launch).run()))
        return signalPassFailure();
      launch.erase();
    }
    getOperation().walk(
        [](NVVM::DotAccumulate4WayOp op) { expandDotAccumulate(op); });
  }
};
} // namespace
