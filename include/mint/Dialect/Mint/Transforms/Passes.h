//===- Passes.h - Passes over the mint dialect ------------------*- C++ -*-===//
//
// Declares the mint passes (generated from Passes.td), their registration,
// and the pattern sets they drive.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_TRANSFORMS_PASSES_H
#define MINT_DIALECT_MINT_TRANSFORMS_PASSES_H

#include "mint/Dialect/Mint/IR/MintDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace mlir::mint {

/// The quantized forms `mint-quantize` produces (TFLite's post-training
/// quantization modes).
enum class QuantizationMode {
  /// float16 weights read through DEQUANTIZE; float32 compute.
  Float16,
  /// Dynamic range: int8 per-channel weights of the ops TFLite has hybrid
  /// kernels for, float activations quantized on the fly by those kernels.
  DynamicInt8,
  /// Full integer: int8 activations (from calibration statistics),
  /// per-channel int8 weights, int32 biases; float inputs and outputs.
  Int8,
  /// As Int8 with symmetric int16 activations and int64 biases (TFLite's
  /// 16x8 scheme).
  Int16x8,
};

/// The element type of a fully quantized model's inputs and outputs.
enum class QuantizedIOType {
  /// float32, converted by QUANTIZE and DEQUANTIZE inside the model.
  Float,
  /// The activation type itself (int8, or int16 in 16x8).
  Native,
  /// uint8 with the int8 activation's scale and its zero point + 128,
  /// requantized to int8 inside the model (TFLite's older convention).
  UInt8,
};

/// How `mint-quantize` turns calibration statistics into a range.
enum class CalibrationMethod {
  /// The smallest and largest values seen.
  MinMax,
  /// The moving averages of each sample's minimum and maximum.
  MovingAverage,
  /// The values below which `percentile` % and above which
  /// (100 - `percentile`) % of all values fall (from the histogram).
  Percentile,
  /// The range whose quantization (clipping plus rounding) has the least
  /// mean squared error over the histogram.
  Mse,
  /// Per side of zero, the clipping threshold whose quantized histogram is
  /// closest to the original in KL divergence (TensorRT's entropy
  /// calibration).
  Entropy,
};

/// How `mint-cluster` chooses its first centroids.
enum class ClusterInit {
  /// Evenly spaced between the smallest and the largest weight.
  Linear,
  /// Distinct weights drawn at random.
  Random,
  /// Evenly spaced quantiles of the weights.
  Density,
  /// k-means++ seeding (Arthur and Vassilvitskii, 2007).
  KMeansPlusPlus,
};

#define GEN_PASS_DECL
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"

/// Adds patterns that fold standalone RELU, RELU6 and RELU_N1_TO_1 ops into
/// the fused_activation_function of their producers.
void populateFuseActivationsPatterns(RewritePatternSet &patterns);

/// Adds patterns that replace mint.densify of a sparse constant, and a
/// sparse constant that a kernel reads directly, by a dense constant.
void populateDensifyPatterns(RewritePatternSet &patterns);

/// Adds a pattern that replaces mint.dequantize of an f16 constant by an
/// f32 constant.
void populateFoldF16WeightsPatterns(RewritePatternSet &patterns);

/// The float activations of `func` that calibration observes, in op order:
/// each float, statically shaped result of a mint op other than a constant
/// or the DEQUANTIZE of a constant.
SmallVector<Value> getObservedValues(func::FuncOp func,
                                     bool includeQuantized = false);

/// Calibration statistics (#mint.stats) of an op's results (an array, one
/// entry per result) or of a function argument.
inline constexpr StringLiteral kStatsAttrName = "mint.stats";

/// Per-channel means calibration recorded for bias correction (an array of
/// f64 arrays per op result, or one f64 array on a function argument).
inline constexpr StringLiteral kChannelMeansAttrName = "mint.channel_means";

/// Why mint-quantize left an op in float.
inline constexpr StringLiteral kFloatReasonAttrName = "mint.float_reason";

/// Why mint-prune left a layer's weights as they were.
inline constexpr StringLiteral kPruneSkippedAttrName = "mint.prune_skipped";

/// Why mint-cluster left a layer's weights as they were.
inline constexpr StringLiteral kClusterSkippedAttrName = "mint.cluster_skipped";

/// Why mint-palettize-weights left a layer's weights as they were.
inline constexpr StringLiteral kPalettizeSkippedAttrName =
    "mint.palettize_skipped";

/// The attribute mint-insert-observers puts on a function: the index of its
/// first observation result.
inline constexpr StringLiteral kObservedFromAttrName = "mint.observed_from";

/// Where mint-check-target{allow-fallback} places an op: "accelerator" or
/// "cpu"; and, for "cpu", why the target cannot run it.
inline constexpr StringLiteral kPlacementAttrName = "mint.placement";
inline constexpr StringLiteral kPlacementReasonAttrName =
    "mint.placement_reason";

#define GEN_PASS_REGISTRATION
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"

} // namespace mlir::mint

#endif // MINT_DIALECT_MINT_TRANSFORMS_PASSES_H
