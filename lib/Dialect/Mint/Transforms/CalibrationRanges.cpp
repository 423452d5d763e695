//===- CalibrationRanges.cpp - Ranges from calibration statistics ---------===//
//
// The range methods of `mint-quantize`: minmax and moving-average read the
// extremes; percentile, mse and entropy search the histogram.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/CalibrationRanges.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::mint;

Histogram Histogram::get(StatsAttr stats) {
  return {stats.getCounts(), stats.getHistogramMin().convertToDouble(),
          stats.getBinWidth().convertToDouble()};
}

RealRange mlir::mint::getPercentileRange(const Histogram &histogram,
                                         double percentile) {
  ArrayRef<int64_t> counts = histogram.counts;
  double total = 0.0;
  for (int64_t count : counts)
    total += static_cast<double>(count);
  double end = histogram.origin + counts.size() * histogram.width;
  if (total <= 0.0)
    return {histogram.origin, end};
  double tail = total * (1.0 - percentile / 100.0);
  // Where the cumulative count reaches `target`.
  auto positionOf = [&](double target) {
    double cumulative = 0.0;
    for (size_t bin = 0; bin < counts.size(); ++bin) {
      double next = cumulative + static_cast<double>(counts[bin]);
      if (next >= target && counts[bin] > 0) {
        double fraction = (target - cumulative) / counts[bin];
        return histogram.origin +
               (bin + std::clamp(fraction, 0.0, 1.0)) * histogram.width;
      }
      cumulative = next;
    }
    return end;
  };
  return {positionOf(tail), positionOf(total - tail)};
}

namespace {

/// Prefix sums of a histogram's counts, counts x centers and counts x
/// centers^2, so that the squared clipping error of any run of bins is
/// O(1).
class ClippingError {
public:
  explicit ClippingError(const Histogram &histogram) : histogram(histogram) {
    size_t bins = histogram.counts.size();
    n.assign(bins + 1, 0.0);
    nx.assign(bins + 1, 0.0);
    nxx.assign(bins + 1, 0.0);
    for (size_t i = 0; i < bins; ++i) {
      double count = static_cast<double>(histogram.counts[i]);
      double center = getCenter(i);
      n[i + 1] = n[i] + count;
      nx[i + 1] = nx[i] + count * center;
      nxx[i + 1] = nxx[i] + count * center * center;
    }
  }

  double getCenter(size_t bin) const {
    return histogram.origin + (bin + 0.5) * histogram.width;
  }
  size_t getNumBins() const { return histogram.counts.size(); }

  /// The first bin whose center is at least `value`.
  size_t getFirstBinAtOrAbove(double value) const {
    double position = (value - histogram.origin) / histogram.width - 0.5;
    return static_cast<size_t>(std::clamp<double>(
        std::ceil(position), 0.0, static_cast<double>(getNumBins())));
  }

  /// The squared error of quantizing the histogram to [low, high] with
  /// `levels` steps, where bins [0, lowBin) lie below the range and bins
  /// [highBin, end) above it.
  double getError(double low, double high, size_t lowBin, size_t highBin,
                  double levels) const {
    // sum n (low - x)^2 below, sum n (x - high)^2 above.
    auto sumSquares = [&](size_t from, size_t to, double point) {
      double count = n[to] - n[from];
      double first = nx[to] - nx[from];
      double second = nxx[to] - nxx[from];
      return second - 2.0 * point * first + point * point * count;
    };
    size_t end = getNumBins();
    double step = (high - low) / levels;
    double inside = n[highBin] - n[lowBin];
    return sumSquares(0, lowBin, low) + sumSquares(highBin, end, high) +
           inside * step * step / 12.0;
  }

private:
  const Histogram &histogram;
  std::vector<double> n, nx, nxx;
};

} // namespace

RealRange mlir::mint::getMseRange(const Histogram &histogram, double levels,
                                  bool symmetric) {
  ClippingError error(histogram);
  size_t bins = error.getNumBins();
  double width = histogram.width;
  double origin = histogram.origin;
  // Candidate ends: the bin edges on each side of zero (with the first bin
  // whose center lies at or above each), widest first.
  struct Candidate {
    double value;
    size_t bin;
  };
  SmallVector<Candidate> lows, highs;
  for (size_t edge = 0; edge <= bins; ++edge) {
    double value = origin + edge * width;
    if (value <= 0.0)
      lows.push_back({value, edge});
    if (value >= 0.0)
      highs.push_back({value, edge});
  }
  if (lows.empty())
    lows.push_back({0.0, 0});
  if (highs.empty())
    highs.push_back({0.0, bins});
  std::reverse(highs.begin(), highs.end());
  RealRange best = {lows.front().value, highs.front().value};
  double bestError = std::numeric_limits<double>::infinity();
  auto consider = [&](const Candidate &low, const Candidate &high) {
    if (!(high.value > low.value))
      return;
    double value =
        error.getError(low.value, high.value, low.bin, high.bin, levels);
    // Strictly better only, so that ties keep the wider range seen first.
    if (value < bestError) {
      bestError = value;
      best = {low.value, high.value};
    }
  };
  if (!symmetric) {
    for (const Candidate &low : lows)
      for (const Candidate &high : highs)
        consider(low, high);
    return best;
  }
  SmallVector<double> magnitudes;
  for (const Candidate &low : lows)
    magnitudes.push_back(-low.value);
  for (const Candidate &high : highs)
    magnitudes.push_back(high.value);
  llvm::sort(magnitudes, std::greater<double>());
  for (double magnitude : magnitudes)
    consider({-magnitude, error.getFirstBinAtOrAbove(-magnitude)},
             {magnitude, error.getFirstBinAtOrAbove(magnitude)});
  return best;
}

/// TensorRT's entropy threshold for one side of a histogram: `counts`
/// ordered from zero outwards, quantized into `levels` bins. Returns how
/// many of the bins the range keeps.
static size_t getEntropyBins(ArrayRef<double> counts, int64_t levels) {
  size_t bins = counts.size();
  if (bins <= static_cast<size_t>(levels))
    return bins;
  double bestDivergence = std::numeric_limits<double>::infinity();
  size_t best = bins;
  std::vector<double> reference, quantized;
  double total = 0.0;
  for (double count : counts)
    total += count;
  if (total <= 0.0)
    return bins;
  for (size_t kept = levels; kept <= bins; ++kept) {
    // The reference: the first `kept` bins, with the clipped ones added to
    // the last.
    reference.assign(counts.begin(), counts.begin() + kept);
    for (size_t i = kept; i < bins; ++i)
      reference[kept - 1] += counts[i];
    // The candidate: the first `kept` bins (without the clipped mass)
    // merged into `levels` groups, each group's total spread over the bins
    // that are nonzero in the reference.
    quantized.assign(kept, 0.0);
    for (int64_t group = 0; group < levels; ++group) {
      size_t from = group * kept / levels;
      size_t to = (group + 1) * kept / levels;
      double sum = 0.0;
      size_t nonzero = 0;
      for (size_t i = from; i < to; ++i) {
        sum += counts[i];
        nonzero += reference[i] > 0;
      }
      for (size_t i = from; i < to; ++i)
        if (reference[i] > 0)
          quantized[i] = sum / nonzero;
    }
    double referenceTotal = 0.0, quantizedTotal = 0.0;
    for (size_t i = 0; i < kept; ++i) {
      referenceTotal += reference[i];
      quantizedTotal += quantized[i];
    }
    double divergence = 0.0;
    for (size_t i = 0; i < kept; ++i) {
      if (reference[i] <= 0.0)
        continue;
      double p = reference[i] / referenceTotal;
      // A clipped mass in a bin the candidate left empty: smooth it.
      double q = quantized[i] > 0.0 ? quantized[i] / quantizedTotal
                                    : 1e-12;
      divergence += p * std::log(p / q);
    }
    if (divergence < bestDivergence) {
      bestDivergence = divergence;
      best = kept;
    }
  }
  return best;
}

RealRange mlir::mint::getEntropyRange(const Histogram &histogram,
                                      double levels, bool symmetric) {
  ClippingError bins(histogram);
  size_t count = bins.getNumBins();
  size_t zero = bins.getFirstBinAtOrAbove(0.0);
  // Each side ordered from zero outwards (bins by their centers).
  SmallVector<double> positive, negative;
  for (size_t i = zero; i < count; ++i)
    positive.push_back(static_cast<double>(histogram.counts[i]));
  for (size_t i = zero; i-- > 0;)
    negative.push_back(static_cast<double>(histogram.counts[i]));
  double positiveMass = 0.0, negativeMass = 0.0;
  for (double c : positive)
    positiveMass += c;
  for (double c : negative)
    negativeMass += c;
  // Levels per side: all of them for one-sided data, half each otherwise.
  bool twoSided = positiveMass > 0.0 && negativeMass > 0.0;
  int64_t sideLevels =
      static_cast<int64_t>(twoSided || symmetric ? levels / 2 : levels);
  sideLevels = std::max<int64_t>(sideLevels, 1);
  double high = 0.0, low = 0.0;
  if (positiveMass > 0.0)
    high = histogram.origin +
           (zero + getEntropyBins(positive, sideLevels)) * histogram.width;
  if (negativeMass > 0.0)
    low = histogram.origin +
          (zero - getEntropyBins(negative, sideLevels)) * histogram.width;
  if (symmetric) {
    double magnitude = std::max(std::abs(low), std::abs(high));
    return {-magnitude, magnitude};
  }
  return {low, high};
}

RealRange mlir::mint::selectRange(StatsAttr stats, CalibrationMethod method,
                                  double percentile, unsigned bits) {
  RealRange observed = {stats.getMin().convertToDouble(),
                        stats.getMax().convertToDouble()};
  Histogram histogram = Histogram::get(stats);
  bool symmetric = bits == 16;
  double levels = symmetric ? 65535.0 : 255.0;
  RealRange range;
  switch (method) {
  case CalibrationMethod::MinMax:
    return observed;
  case CalibrationMethod::MovingAverage:
    return {stats.getAverageMin().convertToDouble(),
            stats.getAverageMax().convertToDouble()};
  case CalibrationMethod::Percentile:
    range = getPercentileRange(histogram, percentile);
    break;
  case CalibrationMethod::Mse:
    range = getMseRange(histogram, levels, symmetric);
    break;
  case CalibrationMethod::Entropy:
    range = getEntropyRange(histogram, levels, symmetric);
    break;
  }
  // Never wider than what was seen (the histogram's edges round outwards);
  // an empty histogram keeps the extremes.
  if (histogram.counts.empty())
    return observed;
  range.low = std::max(range.low, std::min(observed.low, 0.0));
  range.high = std::min(range.high, std::max(observed.high, 0.0));
  if (!(range.low < range.high))
    return observed;
  return range;
}

//===----------------------------------------------------------------------===//
// Quantized types
//===----------------------------------------------------------------------===//

/// `value` rounded to float, as TFLite stores scales.
static double toFloatPrecision(double value) {
  return static_cast<double>(static_cast<float>(value));
}

/// TFLite's symmetric int16 type for the real range [low, high]: zero
/// point 0, the larger magnitude at 32767.
quant::UniformQuantizedType mlir::mint::getInt16ActivationType(MLIRContext *context,
                                                   double low, double high) {
  double magnitude = std::max(std::abs(low), std::abs(high));
  double scale = toFloatPrecision(magnitude / 32767.0);
  if (!(scale > 0.0))
    scale = 1.0;
  return quant::UniformQuantizedType::get(
      quant::QuantizationFlags::Signed, IntegerType::get(context, 16),
      Float32Type::get(context), scale, 0, -32768, 32767);
}

/// TFLite's asymmetric int8 type for the real range [low, high], widened
/// to contain zero, with the zero point nudged onto an integer.
quant::UniformQuantizedType mlir::mint::getActivationType(MLIRContext *context, double low,
                                              double high) {
  constexpr double kMin = -128.0, kMax = 127.0;
  low = std::min(low, 0.0);
  high = std::max(high, 0.0);
  double scale = toFloatPrecision((high - low) / (kMax - kMin));
  if (!(scale > 0.0))
    scale = 1.0; // A tensor that is zero on every sample.
  double zeroFromMin = kMin - low / scale;
  int64_t zeroPoint = zeroFromMin <= kMin   ? -128
                      : zeroFromMin >= kMax ? 127
                                            : std::lround(zeroFromMin);
  return quant::UniformQuantizedType::get(
      quant::QuantizationFlags::Signed, IntegerType::get(context, 8),
      Float32Type::get(context), scale, zeroPoint, -128, 127);
}

/// The largest magnitude per slice along `axis` (all of `values` when
/// `axis` is negative).
static SmallVector<double> getMaxMagnitudes(DenseFPElementsAttr values,
                                            int64_t axis) {
  auto type = cast<ShapedType>(values.getType());
  int64_t slices = axis < 0 ? 1 : type.getDimSize(axis);
  int64_t stride = 1;
  if (axis >= 0)
    for (int64_t dim = axis + 1; dim < type.getRank(); ++dim)
      stride *= type.getDimSize(dim);
  SmallVector<double> magnitudes(slices, 0.0);
  int64_t index = 0;
  for (const APFloat &value : values.getValues<APFloat>()) {
    int64_t slice = axis < 0 ? 0 : (index / stride) % slices;
    magnitudes[slice] =
        std::max(magnitudes[slice], std::abs(value.convertToDouble()));
    ++index;
  }
  return magnitudes;
}

/// A symmetric int8 weight type: per slice along `axis`, or per tensor.
quant::QuantizedType mlir::mint::getWeightType(DenseFPElementsAttr values,
                                               int64_t axis) {
  MLIRContext *context = values.getContext();
  SmallVector<double> scales;
  for (double magnitude : getMaxMagnitudes(values, axis))
    scales.push_back(magnitude > 0.0 ? toFloatPrecision(magnitude / 127.0)
                                     : 1.0);
  Type i8 = IntegerType::get(context, 8);
  Type f32 = Float32Type::get(context);
  if (axis < 0)
    return quant::UniformQuantizedType::get(quant::QuantizationFlags::Signed,
                                            i8, f32, scales.front(), 0, -128,
                                            127);
  return quant::UniformQuantizedPerAxisType::get(
      quant::QuantizationFlags::Signed, i8, f32, scales,
      SmallVector<int64_t>(scales.size(), 0), axis, -128, 127);
}

