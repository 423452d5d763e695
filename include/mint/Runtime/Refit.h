//===- Refit.h - Least-squares refit of pruned weights ----------*- C++ -*-===//
//
// One-shot accuracy recovery after pruning: for each pruned layer, the
// weights that pruning kept are refitted so that, on the inputs the layer
// sees for representative samples, its output comes as close as it can in
// least squares to the unpruned layer's output. The inputs come from
// running the unpruned float model (compiled for this CPU).
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
/// none: per output channel, w' = argmin over the kept entries of
/// sum ||X w - X w'||^2, with X the layer's input patches over `samples`
/// (one array per model input each), solved from the Gram matrix X^T X
/// damped by `damping` x its mean diagonal. Zeros stay zero.
FailureOr<RefitSummary>
refitPrunedWeights(ModuleOp original, ModuleOp pruned,
                   const std::vector<std::vector<NpyArray>> &samples,
                   double damping = 0.01);

} // namespace mlir::mint

#endif // MINT_RUNTIME_REFIT_H
