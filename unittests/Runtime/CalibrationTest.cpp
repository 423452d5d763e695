//===- CalibrationTest.cpp - Tests of calibration statistics --------------===//
//
// TensorStatistics on hand-computed sequences: minimum and maximum, their
// moving averages, the histogram (every value counted once, in the right
// bin, as its range grows in either direction), NaNs ignored; and the
// #mint.stats attribute it produces.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Calibration.h"

#include "mint/Dialect/Mint/IR/MintDialect.h"

#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

#include <cmath>
#include <numeric>
#include <vector>

using namespace mlir;
using namespace mlir::mint;

namespace {

struct CalibrationTest : ::testing::Test {
  CalibrationTest() { context.loadDialect<MintDialect>(); }

  StatsAttr statsOf(const TensorStatistics &statistics) {
    return statistics.toAttr(&context);
  }

  MLIRContext context;
};

int64_t total(StatsAttr stats) {
  ArrayRef<int64_t> counts = stats.getCounts();
  return std::accumulate(counts.begin(), counts.end(), int64_t(0));
}

/// The bin of `value` in `stats`'s histogram.
int64_t binOf(StatsAttr stats, double value) {
  return static_cast<int64_t>(
      std::floor((value - stats.getHistogramMin().convertToDouble()) /
                 stats.getBinWidth().convertToDouble()));
}

TEST_F(CalibrationTest, NothingBeforeTheFirstSample) {
  TensorStatistics statistics;
  EXPECT_FALSE(statsOf(statistics));
}

TEST_F(CalibrationTest, MinMaxAndMovingAverages) {
  TensorStatistics statistics;
  std::vector<float> first = {-1.0f, 0.5f, 3.0f};
  std::vector<float> second = {-3.0f, 1.0f, 2.0f};
  statistics.add(first.data(), first.size());
  statistics.add(second.data(), second.size());
  StatsAttr stats = statsOf(statistics);
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats.getMin().convertToDouble(), -3.0);
  EXPECT_EQ(stats.getMax().convertToDouble(), 3.0);
  // The first sample sets the averages; the second moves them 1% of the
  // way: -1 + 0.01 * (-3 - -1) and 3 + 0.01 * (2 - 3).
  EXPECT_DOUBLE_EQ(stats.getAverageMin().convertToDouble(), -1.02);
  EXPECT_DOUBLE_EQ(stats.getAverageMax().convertToDouble(), 2.99);
  EXPECT_EQ(stats.getSamples(), 2);
}

TEST_F(CalibrationTest, HistogramCountsEveryValueOnce) {
  TensorStatistics statistics;
  std::vector<float> values;
  for (int i = 0; i < 1000; ++i)
    values.push_back(static_cast<float>(i) / 100.0f); // [0, 9.99]
  statistics.add(values.data(), values.size());
  StatsAttr stats = statsOf(statistics);
  EXPECT_EQ(static_cast<int64_t>(stats.getCounts().size()),
            TensorStatistics::kBins);
  EXPECT_EQ(total(stats), 1000);
  EXPECT_EQ(stats.getHistogramMin().convertToDouble(), 0.0);
  // The largest value falls in the last bin, the smallest in the first.
  EXPECT_EQ(stats.getCounts().front(), 1);
  EXPECT_EQ(stats.getCounts().back(), 1);
}

TEST_F(CalibrationTest, HistogramGrowsRightAndLeft) {
  TensorStatistics statistics;
  std::vector<float> first = {0.0f, 0.1f, 1.0f};
  statistics.add(first.data(), first.size());
  double width = statsOf(statistics).getBinWidth().convertToDouble();

  // Up to 3.3: the width doubles twice (the range reaches 4x), the origin
  // stays.
  std::vector<float> right = {3.3f};
  statistics.add(right.data(), right.size());
  StatsAttr grown = statsOf(statistics);
  EXPECT_EQ(grown.getHistogramMin().convertToDouble(), 0.0);
  EXPECT_DOUBLE_EQ(grown.getBinWidth().convertToDouble(), 4 * width);
  EXPECT_EQ(total(grown), 4);
  EXPECT_EQ(grown.getCounts()[binOf(grown, 0.1)], 1);
  EXPECT_EQ(grown.getCounts()[binOf(grown, 3.3)], 1);

  // Down to -0.9: the range extends to the left once more. (Values sit
  // between bin edges: the statistics place them in float.)
  std::vector<float> left = {-0.9f};
  statistics.add(left.data(), left.size());
  StatsAttr both = statsOf(statistics);
  EXPECT_LE(both.getHistogramMin().convertToDouble(), -0.9);
  EXPECT_DOUBLE_EQ(both.getBinWidth().convertToDouble(), 8 * width);
  EXPECT_EQ(total(both), 5);
  EXPECT_EQ(both.getCounts()[binOf(both, -0.9)], 1);
  EXPECT_EQ(both.getCounts()[binOf(both, 0.1)], 1);
  EXPECT_EQ(both.getCounts()[binOf(both, 3.3)], 1);
}

TEST_F(CalibrationTest, NaNsAreIgnored) {
  TensorStatistics statistics;
  std::vector<float> values = {std::nanf(""), 2.0f, -2.0f, std::nanf("")};
  statistics.add(values.data(), values.size());
  StatsAttr stats = statsOf(statistics);
  EXPECT_EQ(stats.getMin().convertToDouble(), -2.0);
  EXPECT_EQ(stats.getMax().convertToDouble(), 2.0);
  EXPECT_EQ(total(stats), 2);
}

TEST_F(CalibrationTest, ConstantTensorGetsARange) {
  TensorStatistics statistics;
  std::vector<float> values(10, 5.0f);
  statistics.add(values.data(), values.size());
  StatsAttr stats = statsOf(statistics);
  EXPECT_GT(stats.getBinWidth().convertToDouble(), 0.0);
  EXPECT_EQ(total(stats), 10);
}

} // namespace

TEST(TensorStatisticsTest, ChannelMeans) {
  // Two samples of [2, 3] (3 channels innermost).
  TensorStatistics statistics;
  const float first[] = {1, 2, 3, 3, 4, 5};
  const float second[] = {-1, 0, 1, 1, 2, 9};
  statistics.addChannelSums(first, 6, 3);
  statistics.addChannelSums(second, 6, 3);
  SmallVector<double> means = statistics.getChannelMeans();
  ASSERT_EQ(means.size(), 3u);
  EXPECT_DOUBLE_EQ(means[0], 1.0);
  EXPECT_DOUBLE_EQ(means[1], 2.0);
  EXPECT_DOUBLE_EQ(means[2], 4.5);
  EXPECT_TRUE(TensorStatistics().getChannelMeans().empty());
}
