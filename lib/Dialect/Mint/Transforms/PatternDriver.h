//===- PatternDriver.h - How Mint passes apply patterns ---------*- C++ -*-===//
//
// Mint's rewrite passes do what their patterns say and nothing else. The
// greedy driver also folds every op it visits by default, which would make,
// say, mint-fold-f16-weights dequantize int8 weights into float ones;
// folding is the canonicalizer's job.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_DIALECT_MINT_TRANSFORMS_PATTERNDRIVER_H
#define LIB_DIALECT_MINT_TRANSFORMS_PATTERNDRIVER_H

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mint {

/// Applies `patterns` to the ops nested in `op` until none applies, without
/// folding. Fails if the rewrites do not converge.
inline LogicalResult applyPatternsWithoutFolding(Operation *op,
                                                 RewritePatternSet &&patterns) {
  return applyPatternsGreedily(op, std::move(patterns),
                               GreedyRewriteConfig().enableFolding(false));
}

} // namespace mlir::mint

#endif // LIB_DIALECT_MINT_TRANSFORMS_PATTERNDRIVER_H
