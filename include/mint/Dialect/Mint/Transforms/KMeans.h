//===- KMeans.h - One-dimensional k-means for weight clustering -*- C++ -*-===//
//
// Clusters a set of scalars (a layer's or a channel's weights) into at
// most k centroids with Lloyd's algorithm. In one dimension the clusters
// are ranges of the sorted values, so each iteration costs O(k log n) with
// prefix sums, whatever the number of weights. Deterministic for a seed.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_TRANSFORMS_KMEANS_H
#define MINT_DIALECT_MINT_TRANSFORMS_KMEANS_H

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::mint {

/// The outcome of clustering.
struct KMeansResult {
  /// Distinct centroids in ascending order (fewer than k when the values
  /// have fewer distinct values or clusters emptied).
  SmallVector<float> centroids;
  /// For each input value, the index of its (nearest) centroid.
  SmallVector<int32_t> assignments;
  /// Sum of squared distances from each value to its centroid.
  double inertia = 0.0;
  /// Lloyd iterations run.
  int64_t iterations = 0;
};

/// Clusters `values` into at most `k` centroids, starting from `init`
/// (random choices drawn from `seed`), with at most `maxIterations` Lloyd
/// iterations (stopping early when no centroid moves).
KMeansResult clusterValues(ArrayRef<float> values, int64_t k, ClusterInit init,
                           uint64_t seed, int64_t maxIterations);

} // namespace mlir::mint

#endif // MINT_DIALECT_MINT_TRANSFORMS_KMEANS_H
