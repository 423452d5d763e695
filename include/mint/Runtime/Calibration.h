//===- Calibration.h - Record what a float model computes -------*- C++ -*-===//
//
// Calibration runs a float model over representative samples and records,
// for each input and each float activation, the statistics from which
// quantization chooses ranges (#mint.stats): min/max, their moving
// averages, and a streaming histogram whose memory stays fixed however many
// samples run. The model runs compiled (CompiledModel) with every
// activation returned (mint-insert-observers).
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_CALIBRATION_H
#define MINT_RUNTIME_CALIBRATION_H

#include "mint/Dialect/Mint/IR/MintDialect.h"
#include "mint/Runtime/CompiledModel.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <limits>
#include <vector>

namespace mlir::mint {

/// Statistics of one float tensor over calibration samples.
class TensorStatistics {
public:
  /// Bins of the histogram.
  static constexpr int64_t kBins = 2048;
  /// How far each sample moves the moving averages toward its own minimum
  /// and maximum (the exponential average of quantization-aware training).
  static constexpr double kAveragingConstant = 0.01;

  /// Adds one sample's values (NaNs are ignored).
  void add(const float *values, int64_t count);

  /// Adds one sample's values to the per-channel sums (channels: the
  /// innermost dimension, of size `channels`).
  void addChannelSums(const float *values, int64_t count, int64_t channels);

  /// The mean of each channel over all values added to the channel sums;
  /// empty if none were.
  SmallVector<double> getChannelMeans() const;

  /// The statistics as an attribute; null before the first sample.
  StatsAttr toAttr(MLIRContext *context) const;

  int64_t getNumSamples() const { return samples; }
  double getMin() const { return min; }
  double getMax() const { return max; }

private:
  /// Doubles the bin width (merging bins pairwise) until [low, high] fits,
  /// extending the range on the side that needs it.
  void cover(double low, double high);

  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  double averageMin = 0.0;
  double averageMax = 0.0;
  int64_t samples = 0;
  std::vector<double> channelSums;
  int64_t channelValues = 0;
  double histogramMin = 0.0;
  double binWidth = 0.0;
  std::vector<int64_t> counts;
};

/// A model compiled with the activations of its entry function returned as
/// extra outputs (mint-insert-observers), so that one run yields them all.
class ObservingModel {
public:
  /// Compiles `module` (mint ops), which is not modified, observing its
  /// float activations, and with `includeQuantized` its quantized ones.
  static FailureOr<std::unique_ptr<ObservingModel>>
  create(ModuleOp module, const CompileOptions &options = {},
         bool includeQuantized = false);

  /// The entry function of the module given to create().
  func::FuncOp getEntry() const { return entry; }
  /// The observed values of the entry function, in op order.
  ArrayRef<Value> getObserved() const { return observed; }
  /// The compiled model (its outputs: the entry's results, then the
  /// observations it does not return already).
  const CompiledModel &getModel() const { return *model; }

  /// Runs one sample (one buffer per input, see CompiledModel::run) into
  /// the model's own output buffers.
  llvm::Error run(ArrayRef<const void *> inputs);

  /// What observed value `index` held after the last run.
  const TensorSpec &getObservedSpec(size_t index) const {
    return model->getOutputs()[observedOutputs[index]];
  }
  const void *getObservedData(size_t index) const {
    return outputBuffers[observedOutputs[index]].data();
  }
  /// What output `index` of the entry function held after the last run.
  const void *getOutputData(size_t index) const {
    return outputBuffers[index].data();
  }

private:
  ObservingModel() = default;

  std::unique_ptr<CompiledModel> model;
  func::FuncOp entry;
  SmallVector<Value> observed;
  /// The model output that carries each observed value.
  SmallVector<size_t> observedOutputs;
  std::vector<std::vector<char>> outputBuffers;
};

/// Runs a float model on samples and annotates it with what it saw.
class Calibrator {
public:
  /// Compiles `module` (mint ops) with every float activation of its entry
  /// function as an extra output. `module` is not modified and must
  /// outlive the calibrator; annotate() writes to it.
  /// With `channelMeans`, it also records each activation's mean per
  /// channel (the innermost dimension), for bias correction.
  static FailureOr<std::unique_ptr<Calibrator>>
  create(ModuleOp module, const CompileOptions &options = {},
         bool channelMeans = false);

  /// The model's inputs, which each sample provides.
  ArrayRef<TensorSpec> getInputs() const {
    return model->getModel().getInputs();
  }

  /// Runs one sample (one buffer per input, see CompiledModel::run) and
  /// adds what it computed to the statistics.
  llvm::Error addSample(ArrayRef<const void *> inputs);

  int64_t getNumSamples() const { return numSamples; }

  /// Number of tensors observed (inputs and activations).
  size_t getNumObserved() const {
    return inputStatistics.size() + activationStatistics.size();
  }

  /// Seconds spent running the model, and adding to the statistics.
  double getRunSeconds() const { return runSeconds; }

  /// What output `index` of the model (its entry function's result, as
  /// CompiledModel would compute it) held after the last addSample, and
  /// its spec: callers that need the float model's outputs on the samples
  /// read them here instead of compiling the model a second time.
  const TensorSpec &getOutputSpec(size_t index) const {
    return model->getModel().getOutputs()[index];
  }
  const void *getOutputData(size_t index) const {
    return model->getOutputData(index);
  }
  double getStatisticsSeconds() const { return statisticsSeconds; }

  /// Writes the statistics into the module given to create(): a `mint.stats`
  /// attribute on the entry function's float arguments, and on each observed
  /// op a `mint.stats` array with one entry per result (a #mint.stats, or a
  /// unit attribute for results not observed). Statistics already there
  /// (ranges from quantization-aware training) are kept. With channel
  /// means, `mint.channel_means` likewise (one array of f64 per result).
  void annotate();

private:
  Calibrator() = default;

  std::unique_ptr<ObservingModel> model;
  SmallVector<unsigned> floatInputs;
  bool channelMeans = false;
  std::vector<TensorStatistics> inputStatistics;
  std::vector<TensorStatistics> activationStatistics;
  int64_t numSamples = 0;
  double runSeconds = 0.0;
  double statisticsSeconds = 0.0;
};

} // namespace mlir::mint

#endif // MINT_RUNTIME_CALIBRATION_H
