//===- PlanWorkspace.cpp - Intermediate buffers in one workspace ----------===//
//
// Implements `mint-plan-workspace`: liveness intervals of the top-level
// allocations of each public function, greedy placement by decreasing size
// (the strategy of TFLite's arena planner), and the rewrite of allocations
// into views of a workspace argument.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace mlir::mint {
#define GEN_PASS_DEF_PLANWORKSPACEPASS
#include "mint/Runtime/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {

constexpr int64_t kAlignment = 64;

struct PlannedBuffer {
  memref::AllocOp alloc;
  memref::DeallocOp dealloc;
  int64_t first = 0; // position of the allocation in the block
  int64_t last = 0;  // position of the deallocation
  int64_t bytes = 0;
  int64_t offset = -1;
};

int64_t alignTo(int64_t value) {
  return (value + kAlignment - 1) / kAlignment * kAlignment;
}

/// Bytes of a statically shaped, identity-layout memref whose elements are
/// 1, 2, 4 or 8 bytes, or -1. (LLVM stores other widths, such as the i48
/// accumulators of int16 convolutions, in more bytes than they have bits.)
int64_t getByteSize(MemRefType type) {
  if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
      !type.getElementType().isIntOrFloat() || type.getMemorySpace())
    return -1;
  unsigned bits = type.getElementTypeBitWidth();
  if (bits != 8 && bits != 16 && bits != 32 && bits != 64)
    return -1;
  return type.getNumElements() * (type.getElementTypeBitWidth() / 8);
}

/// Collects the allocations of `block` that the block itself frees.
SmallVector<PlannedBuffer> collectBuffers(Block &block) {
  DenseMap<Operation *, int64_t> positions;
  int64_t position = 0;
  for (Operation &op : block)
    positions[&op] = position++;
  SmallVector<PlannedBuffer> buffers;
  for (Operation &op : block) {
    auto alloc = dyn_cast<memref::AllocOp>(op);
    if (!alloc)
      continue;
    int64_t bytes = getByteSize(alloc.getType());
    if (bytes < 0)
      continue;
    memref::DeallocOp dealloc;
    for (Operation *user : alloc->getUsers())
      if (auto candidate = dyn_cast<memref::DeallocOp>(user))
        if (candidate->getBlock() == &block)
          dealloc = candidate;
    if (!dealloc)
      continue;
    buffers.push_back({alloc, dealloc, positions[alloc], positions[dealloc],
                       std::max<int64_t>(alignTo(bytes), kAlignment)});
  }
  return buffers;
}

/// Greedy by size: each buffer at the lowest offset that does not overlap a
/// placed buffer live at the same time. Returns the workspace size.
int64_t placeBuffers(SmallVectorImpl<PlannedBuffer> &buffers) {
  SmallVector<PlannedBuffer *> order;
  for (PlannedBuffer &buffer : buffers)
    order.push_back(&buffer);
  // Larger first; ties in program order, so the plan is deterministic.
  llvm::sort(order, [](PlannedBuffer *a, PlannedBuffer *b) {
    return a->bytes != b->bytes ? a->bytes > b->bytes : a->first < b->first;
  });
  SmallVector<PlannedBuffer *> placed;
  int64_t total = 0;
  for (PlannedBuffer *buffer : order) {
    // Placed buffers that are live at the same time, by offset.
    SmallVector<PlannedBuffer *> live;
    for (PlannedBuffer *other : placed)
      if (other->first <= buffer->last && buffer->first <= other->last)
        live.push_back(other);
    llvm::sort(live, [](PlannedBuffer *a, PlannedBuffer *b) {
      return a->offset < b->offset;
    });
    int64_t offset = 0;
    for (PlannedBuffer *other : live) {
      if (offset + buffer->bytes <= other->offset)
        break;
      offset = std::max(offset, alignTo(other->offset + other->bytes));
    }
    buffer->offset = offset;
    total = std::max(total, offset + buffer->bytes);
    placed.push_back(buffer);
  }
  return total;
}

struct PlanWorkspacePass
    : mint::impl::PlanWorkspacePassBase<PlanWorkspacePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    int64_t largest = 0;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal() || !func.isPublic())
        continue;
      Block &entry = func.getBody().front();
      SmallVector<PlannedBuffer> buffers = collectBuffers(entry);
      int64_t total = placeBuffers(buffers);
      largest = std::max(largest, total);

      auto workspaceType =
          MemRefType::get({total}, IntegerType::get(&getContext(), 8));
      if (failed(func.insertArgument(func.getNumArguments(), workspaceType, {},
                                     func.getLoc())))
        return signalPassFailure();
      Value workspace = entry.getArguments().back();
      OpBuilder builder(&getContext());
      for (PlannedBuffer &buffer : buffers) {
        builder.setInsertionPoint(buffer.alloc);
        Value offset = arith::ConstantIndexOp::create(
            builder, buffer.alloc.getLoc(), buffer.offset);
        Value view = memref::ViewOp::create(builder, buffer.alloc.getLoc(),
                                            buffer.alloc.getType(), workspace,
                                            offset, ValueRange{});
        buffer.alloc.replaceAllUsesWith(view);
        buffer.dealloc.erase();
        buffer.alloc.erase();
      }
    }
    module->setAttr(
        "mint.workspace_bytes",
        IntegerAttr::get(IntegerType::get(&getContext(), 64), largest));
  }
};

} // namespace
