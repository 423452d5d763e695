//===- KMeansTest.cpp - One-dimensional k-means on known data -------------===//

#include "mint/Dialect/Mint/Transforms/KMeans.h"

#include "gtest/gtest.h"

#include <cmath>
#include <vector>

using namespace mlir::mint;

namespace {

constexpr ClusterInit kInits[] = {ClusterInit::Linear, ClusterInit::Random,
                                  ClusterInit::Density,
                                  ClusterInit::KMeansPlusPlus};

/// Three tight groups around -5, 0.5 and 6 (a fixed spread pattern), and
/// the mean of each group computed here.
std::vector<float> makeGroups(std::vector<double> &means) {
  std::vector<float> values;
  const double centers[] = {-5.0, 0.5, 6.0};
  const int counts[] = {40, 100, 25};
  means.clear();
  for (int g = 0; g < 3; ++g) {
    double sum = 0.0;
    for (int i = 0; i < counts[g]; ++i) {
      float value = static_cast<float>(centers[g] + 0.3 * std::sin(i * 1.7));
      values.push_back(value);
      sum += value;
    }
    means.push_back(sum / counts[g]);
  }
  // Interleave the groups so that order carries no hint.
  std::vector<float> shuffled;
  for (size_t i = 0; i < values.size(); ++i)
    shuffled.push_back(values[(i * 37) % values.size()]);
  return shuffled;
}

TEST(KMeansTest, FindsSeparatedGroupsFromEveryInitialization) {
  std::vector<double> means;
  std::vector<float> values = makeGroups(means);
  for (ClusterInit init : kInits) {
    KMeansResult result = clusterValues(values, 3, init, /*seed=*/1, 100);
    ASSERT_EQ(result.centroids.size(), 3u) << static_cast<int>(init);
    for (int g = 0; g < 3; ++g)
      EXPECT_NEAR(result.centroids[g], means[g], 1e-5)
          << "init " << static_cast<int>(init) << " group " << g;
  }
}

TEST(KMeansTest, ResultIsALloydFixedPoint) {
  // A skewed set: every value goes to its nearest centroid and every
  // centroid is the mean of its values once the iterations converge.
  std::vector<float> values;
  for (int i = 0; i < 2000; ++i)
    values.push_back(static_cast<float>(std::exp(std::sin(i * 0.37) * 2.0) *
                                        ((i % 3) ? 1.0 : -0.5)));
  for (ClusterInit init : kInits) {
    KMeansResult result = clusterValues(values, 8, init, /*seed=*/3, 300);
    ASSERT_LT(result.iterations, 300) << "did not converge";
    ASSERT_EQ(result.assignments.size(), values.size());
    std::vector<double> sums(result.centroids.size()), counts(sums.size());
    double inertia = 0.0;
    for (size_t i = 0; i < values.size(); ++i) {
      int32_t assigned = result.assignments[i];
      double own = std::abs(values[i] - result.centroids[assigned]);
      for (float centroid : result.centroids)
        EXPECT_LE(own, std::abs(values[i] - centroid) + 1e-6);
      sums[assigned] += values[i];
      counts[assigned] += 1;
      inertia += own * own;
    }
    for (size_t j = 0; j < sums.size(); ++j) {
      ASSERT_GT(counts[j], 0) << "empty cluster " << j;
      EXPECT_NEAR(result.centroids[j], sums[j] / counts[j],
                  1e-5 * (1 + std::abs(result.centroids[j])));
    }
    EXPECT_NEAR(result.inertia, inertia, 1e-6 * (1 + inertia));
  }
}

TEST(KMeansTest, DeterministicForASeed) {
  std::vector<float> values;
  for (int i = 0; i < 500; ++i)
    values.push_back(
        static_cast<float>(std::sin(i * 12.9898) * 43758.5453 -
                           std::floor(std::sin(i * 12.9898) * 43758.5453)));
  for (ClusterInit init : {ClusterInit::Random, ClusterInit::KMeansPlusPlus}) {
    KMeansResult a = clusterValues(values, 16, init, /*seed=*/42, 5);
    KMeansResult b = clusterValues(values, 16, init, /*seed=*/42, 5);
    EXPECT_EQ(a.centroids, b.centroids);
    EXPECT_EQ(a.assignments, b.assignments);
  }
}

TEST(KMeansTest, FewDistinctValuesAreExact) {
  std::vector<float> values = {2.0f, -1.0f, 2.0f, 0.25f, -1.0f};
  KMeansResult result =
      clusterValues(values, 4, ClusterInit::KMeansPlusPlus, 0, 10);
  EXPECT_EQ(result.centroids, (llvm::SmallVector<float>{-1.0f, 0.25f, 2.0f}));
  EXPECT_EQ(result.inertia, 0.0);
  for (size_t i = 0; i < values.size(); ++i)
    EXPECT_EQ(result.centroids[result.assignments[i]], values[i]);
}

TEST(KMeansTest, OneClusterIsTheMean) {
  std::vector<float> values = {1.0f, 2.0f, 6.0f};
  KMeansResult result = clusterValues(values, 1, ClusterInit::Linear, 0, 10);
  ASSERT_EQ(result.centroids.size(), 1u);
  EXPECT_FLOAT_EQ(result.centroids[0], 3.0f);
}

} // namespace
