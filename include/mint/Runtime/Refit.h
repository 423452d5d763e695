//===- Refit.h - Least-squares refit of pruned weights ----------*- C++ -*-===//
//
// One-shot accuracy recovery after pruning: layer by layer, the weights
// that pruning kept are refitted so that, on representative samples, the
// layer's output in the pruned model comes as close as it can in least
// squares to the unpruned layer's output in the unpruned model. Both models
// run compiled for this CPU (the pruned one recompiled after each layer).
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_REFIT_H
#define MINT_RUNTIME_REFIT_H

#include "mint/Runtime/Npy.h"

#include "mlir/IR/BuiltinOps.h"

#include <vector>

namespace mlir::mint {

/// Statistics of a refit.
struct RefitSummary {
  /// Layers refitted, and left (a transposed convolution, a weight that is
  /// not a float32 constant).
  int64_t refitted = 0, skipped = 0;
};

/// Refits the non-zero weights of every CONV_2D, DEPTHWISE_CONV_2D and
/// FULLY_CONNECTED layer of `pruned` that has zeros where the same layer of
/// `original` (the unpruned float model, op for op the same graph) has
/// none, in op order: per output channel, w' = argmin over the kept
/// entries of ||X w - X' w'||^2 + lambda ||w' - w||^2, with X the layer's
/// input patches in the unpruned model and X' in the pruned model with the
/// layers before it refitted, over `samples` (one array per model input
/// each); lambda is `damping` x the mean diagonal of X'^T X'. Zeros stay
/// zero.
FailureOr<RefitSummary>
refitPrunedWeights(ModuleOp original, ModuleOp pruned,
                   const std::vector<std::vector<NpyArray>> &samples,
                   double damping = 0.01);

} // namespace mlir::mint

#endif // MINT_RUNTIME_REFIT_H
