//===- Passes.td - Passes over the mint dialect ------------*- tablegen -*-===//
//
// Every pass of the mint dialect: flag `mint-<verb>-<noun>`, def `...Pass`,
// with its options and statistics. Each pass is a thin driver over the
// pattern sets published in Passes.h.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_TRANSFORMS_PASSES_TD
#define MINT_DIALECT_MINT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Graph clean-up
//===----------------------------------------------------------------------===//

def FuseActivationsPass : Pass<"mint-fuse-activations", "func::FuncOp"> {
  let summary = "Fuse standalone RELU, RELU6 and RELU_N1_TO_1 into producers";
  let description = [{
    Folds a standalone clamping activation into the op that produces its
    input when that op has a `fused_activation_function` (convolutions,
    fully connected, arithmetic, pools, concatenation), the activation is
    its only user and it has no activation yet. TFLite then runs one kernel
    instead of two, and quantization sees one fewer tensor.

    In a quantized graph the producer takes over the activation's result
    type (TFLite requantizes once instead of twice); a same-scale producer
    (pool, concatenation) is left alone when that would change its scale.

    Before:

    ```mlir
    %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>,
           stride_h = 1 : i32, stride_w = 1 : i32}
         : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>)
        -> tensor<1x8x8x4xf32>
    %1 = mint.relu6 %0 : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
    ```

    After:

    ```mlir
    %0 = mint.conv_2d %x, %w, %b {fused_activation_function =
           #mint.activation<relu6>, padding = #mint.padding<same>,
           stride_h = 1 : i32, stride_w = 1 : i32}
         : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>)
        -> tensor<1x8x8x4xf32>
    ```
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
}

def InferShapesPass : Pass<"mint-infer-shapes", "::mlir::ModuleOp"> {
  let summary = "Refine dynamic result shapes with TFLite's shape rules";
  let description = [{
    Walks the mint ops in order and replaces dynamic result dimensions with
    the sizes that TFLite's shape rules infer from the operands (window
    sizes of convolutions and pools, broadcasting, constant shapes, paddings
    and permutations). A result is refined only when all its users are mint
    ops or returns; the result types of functions that nothing calls are
    updated to match their returns.

    Before:

    ```mlir
    func.func @main(%x: tensor<1x8x8x3xf32>) -> tensor<?x?x?x?xf32> {
      %0 = mint.max_pool_2d %x {filter_height = 2 : i32, filter_width = 2 : i32,
             padding = #mint.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32}
           : (tensor<1x8x8x3xf32>) -> tensor<?x?x?x?xf32>
      return %0 : tensor<?x?x?x?xf32>
    }
    ```

    After:

    ```mlir
    func.func @main(%x: tensor<1x8x8x3xf32>) -> tensor<1x4x4x3xf32> {
      %0 = mint.max_pool_2d %x {...} : (tensor<1x8x8x3xf32>) -> tensor<1x4x4x3xf32>
      return %0 : tensor<1x4x4x3xf32>
    }
    ```
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
  let options = [
    Option<"refineFunctionResults", "refine-function-results", "bool",
           /*default=*/"true",
           "Update the result types of functions that nothing calls">
  ];
  let statistics = [
    Statistic<"numRefined", "num-refined", "Number of results refined">
  ];
}

//===----------------------------------------------------------------------===//
// Import clean-up
//===----------------------------------------------------------------------===//

def DensifyPass : Pass<"mint-densify", "func::FuncOp"> {
  let summary = "Replace sparse and palettized constants by dense constants";
  let description = [{
    TFLite stores pruned weights sparsely and expands them at run time with
    DENSIFY. This pass does the expansion at compile time: a `mint.densify`
    of a sparse `mint.const` becomes a plain constant with the same value,
    so later passes see ordinary dense weights. A sparse constant that a
    kernel reads directly (TFLite's sparse FULLY_CONNECTED) becomes a
    dense constant there too. A palettized weight (`mint-palettize-weights`:
    a `mint.gather` of a constant palette by constant indices, through a
    `mint.cast`) becomes the constant it stands for.

    Before:

    ```mlir
    %0 = mint.sparse_const #mint.sparsity<traversal_order = [0, 1],
                                          levels = [dense, sparse_csr]>
         dense<[[0.0, 1.5], [0.0, 0.0]]> : tensor<2x2xf16>
    %1 = mint.densify %0 : (tensor<2x2xf16>) -> tensor<2x2xf16>
    ```

    After:

    ```mlir
    %1 = mint.const dense<[[0.0, 1.5], [0.0, 0.0]]> : tensor<2x2xf16>
    ```
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
}

def FoldF16WeightsPass : Pass<"mint-fold-f16-weights", "func::FuncOp"> {
  let summary = "Fold float16 constants behind DEQUANTIZE into float32";
  let description = [{
    Float16 TFLite models store weights as `f16` constants read through a
    DEQUANTIZE to `f32`. This pass replaces each such `mint.dequantize` by
    an `f32` constant holding the same values (the conversion is exact),
    whatever else uses the `f16` constant, so later passes see plain float
    weights. Sparse constants are not `mint.const`: run `mint-densify`
    first. Nothing else is folded: quantized (int8, int16) weights stay
    quantized.

    Before:

    ```mlir
    %0 = mint.const dense<[1.5, -2.0]> : tensor<2xf16>
    %1 = mint.dequantize %0 : (tensor<2xf16>) -> tensor<2xf32>
    ```

    After:

    ```mlir
    %1 = mint.const dense<[1.5, -2.0]> : tensor<2xf32>
    ```
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
}

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

def InsertObserversPass : Pass<"mint-insert-observers", "func::FuncOp"> {
  let summary = "Return every float activation, for calibration";
  let description = [{
    Appends to a public function's results every float tensor that its mint
    ops compute (not constants, nor the DEQUANTIZE of a constant weight) and
    that it does not return already, in the order the ops appear, so that
    one run of the compiled function gives the values that calibration
    records. The function gets the attribute `mint.observed_from = N`: its
    results from N on are the appended observations (getObservedValues()
    lists every observed value, returned already or not, in op order on the
    unmodified function). Private functions are left alone. With
    `quantized`, quantized activations (int8, int16) are returned too, for
    comparing a quantized model with its float one (`mint compare`).

    Before:

    ```mlir
    func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
      %0 = mint.relu %x : (tensor<4xf32>) -> tensor<4xf32>
      %1 = mint.logistic %0 : (tensor<4xf32>) -> tensor<4xf32>
      return %1 : tensor<4xf32>
    }
    ```

    After:

    ```mlir
    func.func @main(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
        attributes {mint.observed_from = 1 : i64} {
      %0 = mint.relu %x : (tensor<4xf32>) -> tensor<4xf32>
      %1 = mint.logistic %0 : (tensor<4xf32>) -> tensor<4xf32>
      return %1, %0 : tensor<4xf32>, tensor<4xf32>
    }
    ```
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
  let options = [
    Option<"quantized", "quantized", "bool", /*default=*/"false",
           "Also return quantized activations">
  ];
}

def QuantizePass : Pass<"mint-quantize", "::mlir::ModuleOp"> {
  let summary = "Quantize a float model the way TFLite's converter does";
  let description = [{
    Rewrites a float32 model into one of TFLite's post-training quantized
    forms, chosen by `mode`, so that the result runs in TFLite:

    * `float16`: every float32 constant (weights, biases, other constant
      tensors) is stored as float16 and read through a DEQUANTIZE to
      float32, TFLite's float16 quantization: about half the size, compute
      unchanged. Constants with a value outside float16's range (beyond
      65504) stay float32 and are counted (`num-kept-float32`).
    * `dynamic-int8`: TFLite's dynamic-range quantization. The float32
      weights of CONV_2D, DEPTHWISE_CONV_2D (per output channel) and
      FULLY_CONNECTED (per output unit) become symmetric int8 when they hold
      at least `min-weight-elements` values (default 1024, TFLite's
      threshold: smaller ones gain little size and cost a quantization of
      the input);
      biases and activations stay float32. TFLite runs such ops with its
      hybrid kernels, which quantize the float input to int8 on the fly
      (per batch for convolutions, per row for fully connected layers,
      asymmetrically: `asymmetric_quantize_inputs` is set), multiply in
      integers and scale back to float. Dilated convolutions, which
      TFLite's hybrid kernels do not take, stay float.

    * `int8`: full integer quantization from the `mint.stats` that
      calibration attached (`mint calibrate`, or `mint quantize --mode int8
      --data ...`): each float activation gets an asymmetric int8 type
      whose range covers zero (`calibration-method`: the min/max seen,
      their moving averages, a `percentile` of all values from the
      histogram, which leaves rare outliers out, the range of least mean
      squared quantization error (`mse`) or of least KL divergence per side
      (`entropy`), both chosen from the histogram); weights of convolutions are int8 per output
      channel, of fully connected layers per tensor, symmetric; biases
      int32 with scale input scale x weight scale; other constants int8 per
      tensor. Ops that only move or select values (pools, reshapes, pads,
      concatenation, MAXIMUM/MINIMUM, resizes) keep their input's
      parameters, or requantize their inputs to their result's; LOGISTIC,
      TANH, SOFTMAX and LOG_SOFTMAX take the types TFLite fixes. Float
      inputs get a QUANTIZE and float outputs a DEQUANTIZE, so the model's
      interface stays float (`io-type=float`); `io-type=native` gives the
      model int8 (int16x8: int16) inputs and outputs with their calibrated
      parameters, `io-type=uint8` uint8 ones with the same scale and the
      zero point moved by 128, requantized to int8 at the borders.
      `deny-ops` (TFLite op names) and `deny-names` (a regular expression
      searched in the ops' tensor names) keep chosen ops in float between
      DEQUANTIZE and QUANTIZE (and, with `dynamic-int8`, their weights
      float). Each op left in float says why in `mint.float_reason`:
      "custom op", "no int16 kernel in TFLite", "deny-ops", "deny-names". Ops Mint cannot give an integer form (custom
      ops) stay float between DEQUANTIZE and QUANTIZE, and are counted
      (`num-kept-float`).
    * `int16x8`: as `int8`, with symmetric int16 activations (zero point 0,
      the larger magnitude at 32767) and int64 biases, TFLite's 16x8
      scheme; ADD and SUB use TFLite's general-scale int16 path; ops TFLite
      has no int16 kernel for (DIV, HARD_SWISH, LOG_SOFTMAX,
      DEPTH_TO_SPACE) stay float.

    Before:

    ```mlir
    %w = mint.const dense<[[[[0.5, -1.25]]]]> : tensor<1x1x1x2xf32>
    %0 = mint.conv_2d %x, %w, %b {...}
         : (tensor<1x8x8x2xf32>, tensor<1x1x1x2xf32>, tensor<1xf32>)
        -> tensor<1x8x8x1xf32>
    ```

    After (`mode=float16`):

    ```mlir
    %0 = mint.const dense<[[[[0.5, -1.25]]]]> : tensor<1x1x1x2xf16>
    %w = mint.dequantize %0 : (tensor<1x1x1x2xf16>) -> tensor<1x1x1x2xf32>
    %1 = mint.conv_2d %x, %w, %b {...} : ...
    ```
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
  let options = [
    Option<"mode", "mode", "::mlir::mint::QuantizationMode",
           /*default=*/"::mlir::mint::QuantizationMode::Float16",
           "The quantized form to produce",
           [{::llvm::cl::values(
               clEnumValN(::mlir::mint::QuantizationMode::Float16, "float16",
                          "float16 weights behind DEQUANTIZE"),
               clEnumValN(::mlir::mint::QuantizationMode::DynamicInt8,
                          "dynamic-int8",
                          "int8 weights for TFLite's hybrid kernels"),
               clEnumValN(::mlir::mint::QuantizationMode::Int8, "int8",
                          "full integer int8 from calibration statistics"),
               clEnumValN(::mlir::mint::QuantizationMode::Int16x8, "int16x8",
                          "int16 activations, int8 weights"))}]>,
    Option<"calibrationMethod", "calibration-method",
           "::mlir::mint::CalibrationMethod",
           /*default=*/"::mlir::mint::CalibrationMethod::MinMax",
           "How a range follows from the statistics",
           [{::llvm::cl::values(
               clEnumValN(::mlir::mint::CalibrationMethod::MinMax, "minmax",
                          "the smallest and largest values seen"),
               clEnumValN(::mlir::mint::CalibrationMethod::MovingAverage,
                          "moving-average",
                          "moving averages of each sample's extremes"),
               clEnumValN(::mlir::mint::CalibrationMethod::Percentile,
                          "percentile",
                          "the given percentile of all values, each side"),
               clEnumValN(::mlir::mint::CalibrationMethod::Mse, "mse",
                          "the least mean squared quantization error"),
               clEnumValN(::mlir::mint::CalibrationMethod::Entropy,
                          "entropy",
                          "the least KL divergence, each side"))}]>,
    Option<"ioType", "io-type", "::mlir::mint::QuantizedIOType",
           /*default=*/"::mlir::mint::QuantizedIOType::Float",
           "With mode=int8 or int16x8: the element type of the model's "
           "inputs and outputs",
           [{::llvm::cl::values(
               clEnumValN(::mlir::mint::QuantizedIOType::Float, "float",
                          "float32, with QUANTIZE and DEQUANTIZE inside"),
               clEnumValN(::mlir::mint::QuantizedIOType::Native, "native",
                          "the activation type (int8; int16 in int16x8)"),
               clEnumValN(::mlir::mint::QuantizedIOType::UInt8, "uint8",
                          "uint8 (int8 mode), requantized inside"))}]>,
    Option<"biasCorrection", "bias-correction", "bool", /*default=*/"false",
           "Integer modes: subtract from each bias the mean shift that "
           "quantizing the weights causes, from the per-channel means "
           "calibration recorded (mint.channel_means)">,
    Option<"int8Only", "int8-only", "bool", /*default=*/"false",
           "With mode=int8: fail, with one located error per op, if any op "
           "would stay float (for integer-only accelerators)">,
    ListOption<"denyOps", "deny-ops", "std::string",
               "Integer modes: TFLite op names (CONV_2D, ...) to keep in float">,
    Option<"denyNames", "deny-names", "std::string", /*default=*/"",
           "Integer modes: keep in float the ops with a tensor name in "
           "which this regular expression finds a match">,
    Option<"minWeightElements", "min-weight-elements", "int64_t",
           /*default=*/"1024",
           "With mode=dynamic-int8: the fewest values a weight needs to be "
           "quantized (TFLite's converter: 1024)">,
    Option<"percentile", "percentile", "double", /*default=*/"99.99",
           "With calibration-method=percentile: the share of values (in %) "
           "the range keeps below its top, and above its bottom">
  ];
  let statistics = [
    Statistic<"numConverted", "num-converted",
              "Number of float32 constants stored as float16 (or int8 by "
              "dynamic-int8)">,
    Statistic<"numKeptFloat32", "num-kept-float32",
              "Number of float32 constants outside float16's range">,
    Statistic<"numKeptFloat", "num-kept-float",
              "Number of ops left in float by integer quantization">
  ];
}


def InsertFakeQuantPass : Pass<"mint-insert-fake-quant", "func::FuncOp"> {
  let summary = "Fake-quantize a calibrated float model for quantization-aware "
                "training";
  let description = [{
    Writes into a calibrated float model (`mint.stats`, from `mint
    calibrate`) what int8 quantization would do, in float, so that a
    training framework can fine-tune it: after each float activation with
    statistics (and each float argument) a FAKE_QUANT over the range
    `calibration-method` chooses (widened to contain zero, as the int8 type
    is); the weights of CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV and
    FULLY_CONNECTED rounded to the symmetric int8 grid `mint-quantize`
    gives them (per output channel; fully connected per tensor), kept as
    float constants. `mint-fold-fake-quant` turns the result back into
    ranges; quantizing it gives the model `mint-quantize` gives the
    calibrated one.

    Before (calibrated on [-1, 1]):

    ```mlir
    %0 = mint.relu %x {mint.stats = [#mint.stats<min = 0.0, max = 1.0, ...>]}
    ```

    After:

    ```mlir
    %0 = mint.relu %x
    %1 = mint.fake_quant %0 {min = array<f32: 0.0>, max = array<f32: 1.0>,
                             num_bits = 8 : i32}
    ```
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
  let options = [
    Option<"calibrationMethod", "calibration-method",
           "::mlir::mint::CalibrationMethod",
           /*default=*/"::mlir::mint::CalibrationMethod::MinMax",
           "How a range follows from the statistics (as mint-quantize)",
           [{::llvm::cl::values(
               clEnumValN(::mlir::mint::CalibrationMethod::MinMax, "minmax",
                          "the smallest and largest values seen"),
               clEnumValN(::mlir::mint::CalibrationMethod::MovingAverage,
                          "moving-average", "their moving averages"),
               clEnumValN(::mlir::mint::CalibrationMethod::Percentile,
                          "percentile", "a percentile of all values"),
               clEnumValN(::mlir::mint::CalibrationMethod::Mse, "mse",
                          "the least mean squared error"),
               clEnumValN(::mlir::mint::CalibrationMethod::Entropy,
                          "entropy", "the least KL divergence"))}]>,
    Option<"percentile", "percentile", "double", /*default=*/"99.99",
           "With calibration-method=percentile: the percentile">
  ];
  let statistics = [
    Statistic<"numFakeQuants", "num-fake-quants",
              "Number of FAKE_QUANT ops inserted">,
    Statistic<"numWeights", "num-weights",
              "Number of weights rounded to the int8 grid">
  ];
}

def FoldFakeQuantPass : Pass<"mint-fold-fake-quant", "func::FuncOp"> {
  let summary = "Turn fake quantization (QAT) into ranges for mint-quantize";
  let description = [{
    Models from quantization-aware training carry their learned ranges as
    FAKE_QUANT ops, or as QUANTIZE -> DEQUANTIZE pairs on float tensors,
    and their weights as int8 constants behind DEQUANTIZE. This pass moves
    each range onto the tensor it quantizes as a `mint.stats` without a
    histogram (min and max only, which every range method then takes as
    is) and removes the fake quantization; FAKE_QUANT on constants,
    DEQUANTIZE of int8 constants and QUANTIZE -> DEQUANTIZE of float
    constants (TensorFlow's converter exports a TF-MOT model's weights so:
    uint8, per channel) fold into float constants (the values the model
    computes with). `mint-quantize` then gives the integer model
    without calibration data; tensors the training left without a range
    need calibration (which keeps the learned ranges).

    Before:

    ```mlir
    %0 = mint.conv_2d %x, %w, %b {...}
    %1 = mint.fake_quant %0 {min = array<f32: -2.0>, max = array<f32: 6.0>}
    ```

    After:

    ```mlir
    %0 = mint.conv_2d %x, %w, %b {..., mint.stats = [#mint.stats<min = -2.0,
         max = 6.0, average_min = -2.0, average_max = 6.0, samples = 0,
         histogram_min = -2.0, bin_width = 0.0, counts = []>]}
    ```
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
  let statistics = [
    Statistic<"numRanges", "num-ranges",
              "Number of ranges taken from fake quantization">,
    Statistic<"numWeights", "num-weights",
              "Number of fake-quantized weights folded into float constants">
  ];
}


def EqualizeWeightsPass : Pass<"mint-equalize-weights", "func::FuncOp"> {
  let summary = "Cross-layer equalization of consecutive convolutions";
  let description = [{
    Data-free quantization's cross-layer equalization (Nagel et al., 2019):
    for a CONV_2D or DEPTHWISE_CONV_2D (multiplier 1) whose result only
    another such op reads, through nothing or a fused RELU (which commute
    with positive scaling; RELU6 does not), output channel c of the first
    is scaled by 1 / s_c (weights and bias) and input channel c of the
    second by s_c, with s_c = sqrt(r1_c / r2_c) from the largest weight
    magnitudes of channel c in each. The float model computes the same
    (up to rounding); each channel's weights then span the same range in
    both layers, which per-channel int8 weights and per-tensor activations
    share better. `sweeps` passes over all pairs let chains settle.

    Before: a depthwise channel with weights up to 8 feeding a 1x1
    convolution whose weights for it are up to 0.5; after: both up to 2.
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
  let options = [
    Option<"sweeps", "sweeps", "unsigned", /*default=*/"4",
           "Passes over all pairs">
  ];
  let statistics = [
    Statistic<"numPairs", "num-pairs", "Number of pairs equalized">
  ];
}

//===----------------------------------------------------------------------===//
// Pruning, clustering and sparse encoding
//===----------------------------------------------------------------------===//

def PrunePass : Pass<"mint-prune", "func::FuncOp"> {
  let summary = "Magnitude-prune the weights of convolutions and fully "
                "connected layers";
  let description = [{
    Sets the smallest-magnitude weights of CONV_2D, DEPTHWISE_CONV_2D,
    FULLY_CONNECTED and TRANSPOSE_CONV to zero, per layer, in one of three
    patterns:

    * `unstructured`: the `sparsity` fraction of each weight tensor with
      the smallest magnitudes;
    * `block:RxC`: blocks of R output channels (dimension 0) by C
      consecutive elements of the innermost dimension, the `sparsity`
      fraction of blocks with the smallest L2 norm (TFLite's block-sparse
      kernels read 1x4 and 1x16 blocks);
    * `N:M` (e.g. `2:4`): in every group of M consecutive weights along
      the flattened reduction dimensions of an output channel, all but the
      N largest; `sparsity` does not apply (it is 1 - N/M).

    The weight stays a dense `mint.const` holding zeros; how it is stored
    is decided later (`mint-encode-sparse-weights`). A layer is skipped,
    with its reason in a `mint.prune_skipped` attribute, when its weight is
    not a float32 constant, has fewer than `min-elements` values, does not
    fit the pattern (dimensions not divisible by the block or group), or
    is too sensitive: pruning would change its weights by more than
    `max-weight-error` in relative L2 norm (||W - W'|| / ||W||). The
    `schedule` entries `REGEX=SPARSITY` set the sparsity of the layers
    whose tensor name the first matching regex finds (0 skips them).

    Before (50% unstructured): `dense<[[0.1, -2.0, 0.3, 4.0]]>`;
    after: `dense<[[0.0, -2.0, 0.0, 4.0]]>`.
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
  let options = [
    Option<"sparsity", "sparsity", "double", /*default=*/"0.5",
           "Fraction of weights (blocks) to zero per layer">,
    Option<"pattern", "pattern", "std::string",
           /*default=*/"\"unstructured\"",
           "unstructured, block:RxC or N:M (e.g. 2:4)">,
    Option<"minElements", "min-elements", "int64_t", /*default=*/"1024",
           "Skip weights with fewer values than this">,
    Option<"maxWeightError", "max-weight-error", "double",
           /*default=*/"0.5",
           "Skip layers whose weights pruning changes by more than this "
           "(relative L2)">,
    ListOption<"schedule", "schedule", "std::string",
               "Per-layer sparsity: REGEX=SPARSITY entries, first match "
               "wins">
  ];
  let statistics = [
    Statistic<"numPruned", "num-pruned", "Number of layers pruned">,
    Statistic<"numSkipped", "num-skipped", "Number of layers skipped">,
    Statistic<"numZeroed", "num-zeroed", "Number of weights set to zero">
  ];
}

def ClusterPass : Pass<"mint-cluster", "func::FuncOp"> {
  let summary = "Cluster the weights of convolutions and fully connected "
                "layers by k-means";
  let description = [{
    Replaces each weight of CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and
    TRANSPOSE_CONV by the nearest of `clusters` centroids found by k-means
    (Lloyd's iterations) over the layer's weights, or over each output
    channel's weights with `per-channel`. Initialization: `linear`
    (centroids evenly spaced between the smallest and largest weight),
    `random` (distinct weights drawn at random), `density` (evenly spaced
    quantiles of the weights' distribution) or `kmeans++` (each next
    centroid drawn with probability proportional to its squared distance
    from the nearest one chosen). Random choices come from `seed`, so the
    result is deterministic.

    Exact zeros stay zero (a pruned weight keeps its sparsity: zero is a
    centroid of its own, not counted in `clusters`). The weight stays a
    dense `mint.const` with at most `clusters` (+1 for zero) distinct
    values per layer or channel, which general-purpose compression then
    shrinks. Layers whose weight is not a float32 constant or has fewer
    than `min-elements` values are skipped, with the reason in a
    `mint.cluster_skipped` attribute.

    Before (2 clusters): `dense<[0.9, 1.1, -2.1, -1.9]>`;
    after: `dense<[1.0, 1.0, -2.0, -2.0]>`.
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
  let options = [
    Option<"clusters", "clusters", "int64_t", /*default=*/"16",
           "Number of centroids per layer (or channel)">,
    Option<"init", "init", "::mlir::mint::ClusterInit",
           /*default=*/"::mlir::mint::ClusterInit::KMeansPlusPlus",
           "Centroid initialization", [{::llvm::cl::values(
             clEnumValN(::mlir::mint::ClusterInit::Linear, "linear",
                        "evenly spaced between min and max"),
             clEnumValN(::mlir::mint::ClusterInit::Random, "random",
                        "distinct weights at random"),
             clEnumValN(::mlir::mint::ClusterInit::Density, "density",
                        "evenly spaced quantiles"),
             clEnumValN(::mlir::mint::ClusterInit::KMeansPlusPlus,
                        "kmeans++", "k-means++ seeding"))}]>,
    Option<"perChannel", "per-channel", "bool", /*default=*/"false",
           "Cluster each output channel on its own">,
    Option<"minElements", "min-elements", "int64_t", /*default=*/"1024",
           "Skip weights with fewer values than this">,
    Option<"iterations", "iterations", "int64_t", /*default=*/"30",
           "Most Lloyd iterations">,
    Option<"seed", "seed", "uint64_t", /*default=*/"0",
           "Seed of the random and kmeans++ initializations">
  ];
  let statistics = [
    Statistic<"numClustered", "num-clustered", "Number of layers clustered">,
    Statistic<"numSkipped", "num-skipped", "Number of layers skipped">
  ];
}

def PalettizeWeightsPass
    : Pass<"mint-palettize-weights", "func::FuncOp"> {
  let summary = "Store weights with few distinct values as a palette and "
                "byte indices";
  let description = [{
    Rewrites the float32 constant weight of a CONV_2D, DEPTHWISE_CONV_2D,
    FULLY_CONNECTED or TRANSPOSE_CONV that holds at most `max-values`
    distinct values (a clustered weight, `mint-cluster`) as its palette (the
    sorted distinct values, `tensor<Kxf32>`) and one `ui8` index per value,
    expanded by TFLite ops every runtime has: CAST of the indices to int32,
    then GATHER from the palette. A weight with more distinct values whose
    every output channel (dimension 0; not depthwise weights) has at most
    `max-values` (`mint-cluster{per-channel}`) gets one palette per output
    channel instead, `tensor<OxKxf32>` (shorter palettes padded with their
    last value), gathered with `axis = 1, batch_dims = 1` (GATHER version
    5). The file stores 1 byte per weight instead
    of 4 (and the indices of few clusters compress well); the values are
    exactly the old ones. Mint's own pipeline expands the palette at compile
    time (`mint-densify`); TFLite expands it when it runs the model, and runs
    the layer on its built-in kernel (XNNPACK's float kernels need constant
    weights). Layers left alone get the reason in `mint.palettize_skipped`:
    more distinct values than `max-values` (in the layer and in an output
    channel), fewer than `min-elements` values, a shared or non-float32
    weight.

    Before:

    ```mlir
    %w = mint.const dense<[[0.5, -0.25], [-0.25, 0.5]]> : tensor<2x2xf32>
    %0 = mint.fully_connected %x, %w, %b : ...
    ```

    After:

    ```mlir
    %palette = mint.const dense<[-0.25, 0.5]> : tensor<2xf32>
    %indices = mint.const dense<[[1, 0], [0, 1]]> : tensor<2x2xui8>
    %i32 = mint.cast %indices {in_data_type = "UINT8",
                               out_data_type = "INT32"}
        : (tensor<2x2xui8>) -> tensor<2x2xi32>
    %w = mint.gather %palette, %i32
        : (tensor<2xf32>, tensor<2x2xi32>) -> tensor<2x2xf32>
    %0 = mint.fully_connected %x, %w, %b : ...
    ```
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
  let options = [
    Option<"maxValues", "max-values", "int64_t", /*default=*/"256",
           "Palettize weights with at most this many distinct values "
           "(1 to 256: one byte per index)">,
    Option<"minElements", "min-elements", "int64_t", /*default=*/"1024",
           "Leave weights with fewer values as they are">,
  ];
  let statistics = [
    Statistic<"numPalettized", "num-palettized", "Number of weights palettized">,
    Statistic<"numSkipped", "num-skipped", "Number of layers skipped">
  ];
}

def EncodeSparseWeightsPass
    : Pass<"mint-encode-sparse-weights", "func::FuncOp"> {
  let summary = "Store weights that hold many zeros in TFLite's sparse "
                "format";
  let description = [{
    The inverse of `mint-densify`: rewrites the constant weight of a
    CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED or TRANSPOSE_CONV (or the
    constant behind the DEQUANTIZE of a float16 weight) whose values are at
    least `min-sparsity` zeros as a `mint.sparse_const` in the smallest of
    TFLite's encodings that stores it exactly: CSR along the innermost
    dimension, or along 1x4 or 1x16 blocks of it. A float32
    FULLY_CONNECTED reads the sparse weight directly when TFLite's sparse
    kernel takes the encoding (CSR, or 1x4 blocks); every other consumer
    reads it through a `mint.densify`, which TFLite expands once when it
    prepares the model. A weight whose encoding would not be smaller than
    its dense form stays dense, and so does the int8 weight of a hybrid
    (dynamic-range) op: TFLite's hybrid kernels need constant weights.

    Before: `%w = mint.const dense<...> : tensor<16x64xf32>` (75% zeros)
    read by a CONV_2D; after: `%s = mint.sparse_const #mint.sparsity<...>`
    and `%w = mint.densify %s`.
  }];
  let dependentDialects = ["::mlir::mint::MintDialect"];
  let options = [
    Option<"minSparsity", "min-sparsity", "double", /*default=*/"0.3",
           "Encode weights with at least this fraction of zeros">
  ];
  let statistics = [
    Statistic<"numEncoded", "num-encoded", "Number of weights encoded">,
    Statistic<"numSavedBytes", "num-saved-bytes",
              "Bytes saved against the dense weights (values and indices)">
  ];
}

//===----------------------------------------------------------------------===//
// Accelerator targets
//===----------------------------------------------------------------------===//

def CheckTargetPass : Pass<"mint-check-target", "func::FuncOp"> {
  let summary = "Check that an accelerator target runs every op, or place "
                "the others on the CPU";
  let description = [{
    Reads a target description (`target`: a name built into Mint, such as
    `tosa-int` or `edgetpu-like`, or the path of a JSON file; see
    `targets/` and docs/Targets.md) and checks every op of the function
    against it: the TFLite operator, the element types of its tensors
    (quantized ones by their storage type), per-channel weights, ranks,
    dimensions, kernel sizes and strides.

    Without `allow-fallback`, each op the target cannot run is an error at
    the op's location that names the operator, its tensor and every
    reason, and the pass fails. With it, every op gets a
    `mint.placement` attribute, `"accelerator"` or `"cpu"`, and an op on
    the CPU a `mint.placement_reason`; the statistics count both.

    ```mlir
    // mint-opt --mint-check-target=target=edgetpu-like
    %0 = mint.hard_swish %x : (...) -> ...
    // error: edgetpu-like cannot run HARD_SWISH 'x1': the target has no
    //        HARD_SWISH
    ```
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"tosa-int\"",
           "The target: a built-in name (tosa-int, edgetpu-like) or the "
           "path of a JSON target description">,
    Option<"allowFallback", "allow-fallback", "bool", /*default=*/"false",
           "Place the ops the target cannot run on the CPU instead of "
           "failing">
  ];
  let statistics = [
    Statistic<"numAcceleratorOps", "num-accelerator-ops",
              "Ops the target runs">,
    Statistic<"numCPUOps", "num-cpu-ops", "Ops left to the CPU">
  ];
}

#endif // MINT_DIALECT_MINT_TRANSFORMS_PASSES_TD
