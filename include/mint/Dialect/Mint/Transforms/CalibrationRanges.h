//===- CalibrationRanges.h - Ranges from calibration statistics -*- C++ -*-===//
//
// How `mint-quantize` turns a tensor's calibration statistics (#mint.stats:
// extremes, their moving averages and a histogram) into the real range its
// quantized type covers, and the quantized types TFLite derives from
// ranges and weights.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_TRANSFORMS_CALIBRATIONRANGES_H
#define MINT_DIALECT_MINT_TRANSFORMS_CALIBRATIONRANGES_H

#include "mint/Dialect/Mint/IR/MintDialect.h"
#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/ArrayRef.h"

namespace mlir::mint {

/// A real range [low, high].
struct RealRange {
  double low = 0.0;
  double high = 0.0;
};

/// A histogram of values: `counts[i]` values fell in
/// [origin + i * width, origin + (i + 1) * width).
struct Histogram {
  llvm::ArrayRef<int64_t> counts;
  double origin = 0.0;
  double width = 1.0;

  static Histogram get(StatsAttr stats);
};

/// The values below which `percentile` % and above which `percentile` % of
/// the histogram's values lie (interpolated within a bin).
RealRange getPercentileRange(const Histogram &histogram, double percentile);

/// The range [low, high] (low <= 0 <= high, on bin edges) whose uniform
/// quantization into `levels` steps has the least mean squared error over
/// the histogram: values outside are clipped (error: their distance to the
/// range), values inside round (error: step^2 / 12). `symmetric` ranges are
/// [-m, m].
RealRange getMseRange(const Histogram &histogram, double levels,
                      bool symmetric);

/// Per side of zero, the clipping threshold whose histogram, quantized into
/// that side's share of `levels` bins, is closest to the clipped original
/// in KL divergence (TensorRT's entropy calibration, applied to each side
/// of an asymmetric range). `symmetric` ranges take the larger magnitude.
RealRange getEntropyRange(const Histogram &histogram, double levels,
                          bool symmetric);

/// The range `method` chooses from `stats` for a type of `bits` bits
/// (8: asymmetric, 16: symmetric), kept inside the observed extremes.
RealRange selectRange(StatsAttr stats, CalibrationMethod method,
                      double percentile, unsigned bits);

/// TFLite's asymmetric int8 type for the real range [low, high], widened
/// to contain zero, with the zero point nudged onto an integer.
quant::UniformQuantizedType getActivationType(MLIRContext *context,
                                              double low, double high);

/// TFLite's symmetric int16 type for the real range [low, high]: zero
/// point 0, the larger magnitude at 32767.
quant::UniformQuantizedType getInt16ActivationType(MLIRContext *context,
                                                   double low, double high);

/// A symmetric int8 weight type for `values`: per slice along `axis`, or
/// per tensor when `axis` is negative (scale: the largest magnitude / 127).
quant::QuantizedType getWeightType(DenseFPElementsAttr values, int64_t axis);

} // namespace mlir::mint

#endif // MINT_DIALECT_MINT_TRANSFORMS_CALIBRATIONRANGES_H
