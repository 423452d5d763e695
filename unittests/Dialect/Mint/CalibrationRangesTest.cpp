//===- CalibrationRangesTest.cpp - Range methods on known histograms ------===//

#include "mint/Dialect/Mint/Transforms/CalibrationRanges.h"

#include "gtest/gtest.h"

#include <cmath>
#include <vector>

using namespace mlir::mint;

namespace {

/// A histogram of `bins` bins over [origin, origin + bins * width) filled
/// by `density` at each bin's center, scaled to about `total` values.
std::vector<int64_t> fill(int bins, double origin, double width,
                          double (*density)(double), double total) {
  std::vector<int64_t> counts(bins);
  for (int i = 0; i < bins; ++i)
    counts[i] = std::llround(total * density(origin + (i + 0.5) * width) *
                             width);
  return counts;
}

double gaussian(double x) { return std::exp(-x * x / 2) / std::sqrt(2 * M_PI); }
double uniform(double) { return 1.0; }

TEST(CalibrationRangesTest, PercentileCutsEqualTails) {
  std::vector<int64_t> counts(100, 10);
  Histogram histogram{counts, 0.0, 0.01};
  RealRange range = getPercentileRange(histogram, 99.0);
  EXPECT_NEAR(range.low, 0.01, 1e-9);
  EXPECT_NEAR(range.high, 0.99, 1e-9);
}

TEST(CalibrationRangesTest, MseKeepsAUniformRange) {
  // Nothing to gain from clipping uniform values: the range is all of it.
  std::vector<int64_t> counts = fill(512, 0.0, 1.0 / 512, uniform, 1e6);
  RealRange range = getMseRange({counts, 0.0, 1.0 / 512}, 255, false);
  EXPECT_DOUBLE_EQ(range.low, 0.0);
  EXPECT_NEAR(range.high, 1.0, 1.0 / 512);
}

TEST(CalibrationRangesTest, MseClipsAGaussianTail) {
  // A unit Gaussian over [-8, 8]: clipping the far tails trades a little
  // clipping error for finer steps; the optimum for 255 levels lies well
  // inside the extremes but beyond 2 sigma.
  std::vector<int64_t> counts = fill(2048, -8.0, 16.0 / 2048, gaussian, 1e7);
  RealRange range = getMseRange({counts, -8.0, 16.0 / 2048}, 255, false);
  EXPECT_LT(range.high, 6.0);
  EXPECT_GT(range.high, 2.0);
  EXPECT_NEAR(-range.low, range.high, 0.1);
  // With 65535 levels (int16) rounding is negligible: no clipping pays.
  RealRange wide = getMseRange({counts, -8.0, 16.0 / 2048}, 65535, true);
  EXPECT_GT(wide.high, range.high);
  EXPECT_DOUBLE_EQ(wide.low, -wide.high);
}

TEST(CalibrationRangesTest, EntropyClipsOutliers) {
  // Half a Gaussian (a RELU's output) over [0, 4] and a few outliers near
  // 10: the entropy range keeps the dense part and drops the outliers.
  double width = 10.0 / 2048;
  std::vector<int64_t> counts = fill(2048, 0.0, width, gaussian, 1e7);
  for (int i = 820; i < 2048; ++i)
    counts[i] = 0;
  counts[2040] = 2;
  RealRange range = getEntropyRange({counts, 0.0, width}, 255, false);
  EXPECT_DOUBLE_EQ(range.low, 0.0);
  EXPECT_LT(range.high, 4.5);
  EXPECT_GT(range.high, 2.0);
}

TEST(CalibrationRangesTest, EntropyKeepsAUniformRange) {
  std::vector<int64_t> counts(1024, 50);
  RealRange range = getEntropyRange({counts, -1.0, 2.0 / 1024}, 255, false);
  EXPECT_NEAR(range.low, -1.0, 0.01);
  EXPECT_NEAR(range.high, 1.0, 0.01);
}

} // namespace
