//===- KMeans.cpp - One-dimensional k-means for weight clustering ---------===//
//
// Implements clusterValues: initialization (linear, random, density,
// k-means++) and Lloyd's iterations over the sorted values, where each
// cluster is a contiguous range found by binary search at the midpoints
// between neighbouring centroids, and its mean comes from prefix sums.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/KMeans.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::mint;

namespace {

/// A small deterministic generator (splitmix64): the same sequence for a
/// seed on every platform, unlike the standard library's distributions.
class Random {
public:
  explicit Random(uint64_t seed) : state(seed) {}

  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform in [0, n).
  uint64_t below(uint64_t n) { return next() % n; }

private:
  uint64_t state;
};

/// The sorted values with prefix sums, from which the mean of any range
/// follows in O(1).
struct SortedValues {
  SmallVector<double> values, sums;

  explicit SortedValues(ArrayRef<float> input) {
    values.assign(input.begin(), input.end());
    llvm::sort(values);
    sums.assign(values.size() + 1, 0.0);
    for (size_t i = 0; i < values.size(); ++i) {
      sums[i + 1] = sums[i] + values[i];
    }
  }

  size_t size() const { return values.size(); }

  /// The first index whose value is at least `bound`.
  size_t lowerBound(double bound) const {
    return std::lower_bound(values.begin(), values.end(), bound) -
           values.begin();
  }
};

/// The range of sorted values nearest each of the sorted `centroids`: a
/// value at a midpoint goes to the upper centroid.
SmallVector<size_t> getBoundaries(const SortedValues &sorted,
                                  ArrayRef<double> centroids) {
  SmallVector<size_t> bounds{0};
  for (size_t j = 0; j + 1 < centroids.size(); ++j)
    bounds.push_back(
        sorted.lowerBound(0.5 * (centroids[j] + centroids[j + 1])));
  bounds.push_back(sorted.size());
  return bounds;
}

SmallVector<double> initialize(const SortedValues &sorted,
                               ArrayRef<double> distinct, int64_t k,
                               ClusterInit init, Random &random) {
  SmallVector<double> centroids;
  double low = sorted.values.front(), high = sorted.values.back();
  switch (init) {
  case ClusterInit::Linear:
    for (int64_t i = 0; i < k; ++i)
      centroids.push_back(low + (high - low) * static_cast<double>(i) /
                                    static_cast<double>(k - 1));
    break;
  case ClusterInit::Random: {
    // A partial Fisher-Yates shuffle of the distinct values.
    SmallVector<double> pool(distinct.begin(), distinct.end());
    for (int64_t i = 0; i < k; ++i) {
      size_t pick = i + random.below(pool.size() - i);
      std::swap(pool[i], pool[pick]);
      centroids.push_back(pool[i]);
    }
    break;
  }
  case ClusterInit::Density:
    // Evenly spaced points of the empirical distribution function.
    for (int64_t i = 0; i < k; ++i) {
      size_t index = static_cast<size_t>((static_cast<double>(i) + 0.5) /
                                         static_cast<double>(k) *
                                         static_cast<double>(sorted.size()));
      centroids.push_back(sorted.values[std::min(index, sorted.size() - 1)]);
    }
    break;
  case ClusterInit::KMeansPlusPlus: {
    // Over the distinct values weighted by their counts: the first centroid
    // uniformly, each next one with probability proportional to the squared
    // distance to the nearest chosen so far.
    SmallVector<double> weights;
    for (double value : distinct)
      weights.push_back(static_cast<double>(sorted.lowerBound(
                            std::nextafter(value, HUGE_VAL))) -
                        static_cast<double>(sorted.lowerBound(value)));
    SmallVector<double> nearest(distinct.size(), HUGE_VAL);
    centroids.push_back(sorted.values[random.below(sorted.size())]);
    while (static_cast<int64_t>(centroids.size()) < k) {
      double total = 0.0;
      for (size_t i = 0; i < distinct.size(); ++i) {
        double d = distinct[i] - centroids.back();
        nearest[i] = std::min(nearest[i], d * d);
        total += weights[i] * nearest[i];
      }
      if (total <= 0.0)
        break;
      double target = random.uniform() * total;
      size_t pick = distinct.size() - 1;
      for (size_t i = 0; i < distinct.size(); ++i) {
        target -= weights[i] * nearest[i];
        if (target < 0.0) {
          pick = i;
          break;
        }
      }
      centroids.push_back(distinct[pick]);
    }
    break;
  }
  }
  llvm::sort(centroids);
  centroids.erase(std::unique(centroids.begin(), centroids.end()),
                  centroids.end());
  return centroids;
}

} // namespace

KMeansResult mlir::mint::clusterValues(ArrayRef<float> values, int64_t k,
                                       ClusterInit init, uint64_t seed,
                                       int64_t maxIterations) {
  KMeansResult result;
  if (values.empty() || k < 1)
    return result;
  SortedValues sorted(values);
  SmallVector<double> distinct(sorted.values);
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());

  SmallVector<double> centroids;
  if (static_cast<int64_t>(distinct.size()) <= k) {
    // Each distinct value is its own cluster: exact.
    centroids = distinct;
  } else if (k == 1) {
    centroids.push_back(sorted.sums.back() / sorted.size());
  } else {
    Random random(seed);
    centroids = initialize(sorted, distinct, k, init, random);
    for (; result.iterations < maxIterations; ++result.iterations) {
      SmallVector<size_t> bounds = getBoundaries(sorted, centroids);
      SmallVector<double> next;
      for (size_t j = 0; j < centroids.size(); ++j) {
        size_t begin = bounds[j], end = bounds[j + 1];
        // An empty cluster is dropped.
        if (begin < end)
          next.push_back((sorted.sums[end] - sorted.sums[begin]) /
                         static_cast<double>(end - begin));
      }
      llvm::sort(next);
      next.erase(std::unique(next.begin(), next.end()), next.end());
      bool moved = next != centroids;
      centroids = std::move(next);
      if (!moved)
        break;
    }
  }

  // Centroids are stored as float; assign against the rounded values so
  // that each value maps to the float centroid nearest it.
  for (double centroid : centroids)
    result.centroids.push_back(static_cast<float>(centroid));
  result.centroids.erase(
      std::unique(result.centroids.begin(), result.centroids.end()),
      result.centroids.end());
  SmallVector<double> rounded(result.centroids.begin(), result.centroids.end());
  SmallVector<double> midpoints;
  for (size_t j = 0; j + 1 < rounded.size(); ++j)
    midpoints.push_back(0.5 * (rounded[j] + rounded[j + 1]));
  result.assignments.reserve(values.size());
  for (float value : values) {
    int32_t index = std::upper_bound(midpoints.begin(), midpoints.end(),
                                     static_cast<double>(value)) -
                    midpoints.begin();
    // At a midpoint exactly, upper_bound picks the upper centroid, as the
    // iterations did.
    result.assignments.push_back(index);
    double d = static_cast<double>(value) - rounded[index];
    result.inertia += d * d;
  }
  return result;
}
