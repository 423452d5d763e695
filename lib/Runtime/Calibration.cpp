//===- Calibration.cpp - Record what a float model computes ---------------===//
//
// Implements TensorStatistics and Calibrator (Calibration.h).
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Calibration.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/Parallel.h"

#include <algorithm>
#include <chrono>
#include <cmath>

using namespace mlir;
using namespace mlir::mint;

//===----------------------------------------------------------------------===//
// TensorStatistics
//===----------------------------------------------------------------------===//

void TensorStatistics::cover(double low, double high) {
  if (counts.empty()) {
    // The first sample sets the range; a constant tensor gets a small one
    // around its value.
    double span = high - low;
    if (!(span > 0.0))
      span = std::max(std::abs(low), 1.0) * 1e-6;
    counts.assign(kBins, 0);
    histogramMin = low;
    binWidth = span / kBins;
    // Keep the largest value inside the last bin.
    binWidth = std::nextafter(binWidth, std::numeric_limits<double>::max());
    return;
  }
  while (low < histogramMin || high >= histogramMin + binWidth * kBins) {
    // Extend toward the side that needs it (to the left when both do; the
    // next round extends to the right).
    bool left = low < histogramMin;
    double newMin = left ? histogramMin - binWidth * kBins : histogramMin;
    std::vector<int64_t> merged(kBins, 0);
    int64_t offset = left ? kBins : 0;
    for (int64_t bin = 0; bin < kBins; ++bin)
      merged[(offset + bin) / 2] += counts[bin];
    counts = std::move(merged);
    histogramMin = newMin;
    binWidth *= 2;
  }
}

void TensorStatistics::addChannelSums(const float *values, int64_t count,
                                      int64_t channels) {
  if (channels <= 0)
    return;
  channelSums.resize(channels, 0.0);
  for (int64_t i = 0; i < count; ++i)
    channelSums[i % channels] += values[i];
  channelValues += count / channels;
}

SmallVector<double> TensorStatistics::getChannelMeans() const {
  SmallVector<double> means;
  for (double sum : channelSums)
    means.push_back(sum / static_cast<double>(channelValues));
  return means;
}

void TensorStatistics::add(const float *values, int64_t count) {
  // Comparisons with NaN are false, so NaNs never become the minimum or
  // maximum; the loop vectorizes.
  float low = std::numeric_limits<float>::infinity();
  float high = -std::numeric_limits<float>::infinity();
  for (int64_t i = 0; i < count; ++i) {
    float value = values[i];
    low = value < low ? value : low;
    high = value > high ? value : high;
  }
  if (!(low <= high))
    return;
  min = std::min<double>(min, low);
  max = std::max<double>(max, high);
  if (samples == 0) {
    averageMin = low;
    averageMax = high;
  } else {
    averageMin += kAveragingConstant * (low - averageMin);
    averageMax += kAveragingConstant * (high - averageMax);
  }
  ++samples;
  if (!std::isfinite(low) || !std::isfinite(high))
    return;
  cover(low, high);
  // Bin positions in float: the last-bit error of a bin edge does not
  // matter to the ranges chosen from the histogram.
  float origin = static_cast<float>(histogramMin);
  float inverse = static_cast<float>(1.0 / binWidth);
  // Four interleaved partial histograms, so that runs of equal values do
  // not serialize on one counter.
  constexpr int kLanes = 4;
  static thread_local std::vector<uint32_t> partial;
  partial.assign(kLanes * kBins, 0);
  auto binOf = [&](float value) -> int64_t {
    float position = (value - origin) * inverse;
    if (!(position >= 0.0f)) // Below the range, or NaN.
      return value == value ? 0 : -1;
    return std::min<int64_t>(static_cast<int64_t>(position), kBins - 1);
  };
  int64_t i = 0;
  for (; i + kLanes <= count; i += kLanes)
    for (int lane = 0; lane < kLanes; ++lane)
      if (int64_t bin = binOf(values[i + lane]); bin >= 0)
        ++partial[lane * kBins + bin];
  for (; i < count; ++i)
    if (int64_t bin = binOf(values[i]); bin >= 0)
      ++partial[bin];
  for (int64_t bin = 0; bin < kBins; ++bin)
    for (int lane = 0; lane < kLanes; ++lane)
      counts[bin] += partial[lane * kBins + bin];
}

StatsAttr TensorStatistics::toAttr(MLIRContext *context) const {
  if (samples == 0)
    return {};
  return StatsAttr::get(context, min, max, averageMin, averageMax, samples,
                        histogramMin, binWidth, counts);
}

//===----------------------------------------------------------------------===//
// Calibrator
//===----------------------------------------------------------------------===//

FailureOr<std::unique_ptr<ObservingModel>>
ObservingModel::create(ModuleOp module, const CompileOptions &options,
                       bool includeQuantized) {
  std::unique_ptr<ObservingModel> observing(new ObservingModel());
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal())
      continue;
    if (options.entryPoint.empty() ? func.isPublic()
                                   : func.getSymName() == options.entryPoint) {
      observing->entry = func;
      break;
    }
  }
  if (!observing->entry)
    return emitError(module.getLoc(), "no function to observe");
  observing->observed =
      getObservedValues(observing->entry, includeQuantized);

  OwningOpRef<ModuleOp> copy = module.clone();
  PassManager pm(module.getContext());
  InsertObserversPassOptions passOptions;
  passOptions.quantized = includeQuantized;
  pm.addNestedPass<func::FuncOp>(createInsertObserversPass(passOptions));
  if (failed(pm.run(*copy)))
    return failure();
  CompileOptions compileOptions = options;
  compileOptions.entryPoint = observing->entry.getSymName().str();
  FailureOr<std::unique_ptr<CompiledModel>> model =
      CompiledModel::create(*copy, compileOptions);
  if (failed(model))
    return failure();
  observing->model = std::move(*model);

  // Where each observation comes out: a result of the model already, or
  // one that mint-insert-observers appended (in order, once each).
  auto returnOp =
      cast<func::ReturnOp>(observing->entry.getBody().back().getTerminator());
  llvm::SmallDenseMap<Value, size_t> positions;
  for (auto [index, value] : llvm::enumerate(returnOp.getOperands()))
    positions.try_emplace(value, index);
  size_t next = returnOp.getNumOperands();
  for (Value value : observing->observed) {
    auto [it, inserted] = positions.try_emplace(value, next);
    if (inserted)
      ++next;
    observing->observedOutputs.push_back(it->second);
  }
  for (const TensorSpec &spec : observing->model->getOutputs())
    observing->outputBuffers.emplace_back(spec.getByteSize());
  return observing;
}

llvm::Error ObservingModel::run(ArrayRef<const void *> inputs) {
  SmallVector<void *> outputs;
  for (std::vector<char> &buffer : outputBuffers)
    outputs.push_back(buffer.data());
  return model->run(inputs, outputs);
}

FailureOr<std::unique_ptr<Calibrator>>
Calibrator::create(ModuleOp module, const CompileOptions &options,
                   bool channelMeans) {
  std::unique_ptr<Calibrator> calibrator(new Calibrator());
  calibrator->channelMeans = channelMeans;
  FailureOr<std::unique_ptr<ObservingModel>> model =
      ObservingModel::create(module, options);
  if (failed(model))
    return failure();
  calibrator->model = std::move(*model);
  for (auto [index, spec] :
       llvm::enumerate(calibrator->model->getModel().getInputs()))
    if (spec.kind == ElementKind::F32)
      calibrator->floatInputs.push_back(index);
  calibrator->inputStatistics.resize(calibrator->floatInputs.size());
  calibrator->activationStatistics.resize(
      calibrator->model->getObserved().size());
  return calibrator;
}

llvm::Error Calibrator::addSample(ArrayRef<const void *> inputs) {
  auto start = std::chrono::steady_clock::now();
  if (llvm::Error error = model->run(inputs))
    return error;
  auto ran = std::chrono::steady_clock::now();

  ArrayRef<TensorSpec> inputSpecs = model->getModel().getInputs();
  auto innermost = [](const TensorSpec &spec) -> int64_t {
    return spec.shape.empty() ? 1 : spec.shape.back();
  };
  for (auto [slot, index] : llvm::enumerate(floatInputs)) {
    const auto *values = static_cast<const float *>(inputs[index]);
    int64_t count = inputSpecs[index].getNumElements();
    inputStatistics[slot].add(values, count);
    if (channelMeans)
      inputStatistics[slot].addChannelSums(values, count,
                                           innermost(inputSpecs[index]));
  }
  // Tensors are independent: their statistics update on all cores.
  llvm::parallelFor(0, activationStatistics.size(), [&](size_t i) {
    const TensorSpec &spec = model->getObservedSpec(i);
    // float16 activations (a model computing in f16) are not observed.
    if (spec.kind != ElementKind::F32)
      return;
    const auto *values = static_cast<const float *>(model->getObservedData(i));
    activationStatistics[i].add(values, spec.getNumElements());
    if (channelMeans)
      activationStatistics[i].addChannelSums(values, spec.getNumElements(),
                                             innermost(spec));
  });
  auto done = std::chrono::steady_clock::now();
  runSeconds += std::chrono::duration<double>(ran - start).count();
  statisticsSeconds += std::chrono::duration<double>(done - ran).count();
  ++numSamples;
  return llvm::Error::success();
}

void Calibrator::annotate() {
  func::FuncOp entry = model->getEntry();
  MLIRContext *context = entry.getContext();
  StringAttr name = StringAttr::get(context, kStatsAttrName);
  StringAttr meansName = StringAttr::get(context, kChannelMeansAttrName);
  for (auto [slot, index] : llvm::enumerate(floatInputs)) {
    if (StatsAttr stats = inputStatistics[slot].toAttr(context))
      if (!entry.getArgAttr(index, name))
        entry.setArgAttr(index, name, stats);
    SmallVector<double> means = inputStatistics[slot].getChannelMeans();
    if (!means.empty())
      entry.setArgAttr(index, meansName,
                       DenseF64ArrayAttr::get(context, means));
  }
  for (auto [value, statistics] :
       llvm::zip_equal(model->getObserved(), activationStatistics)) {
    StatsAttr stats = statistics.toAttr(context);
    if (!stats)
      continue;
    Operation *op = value.getDefiningOp();
    SmallVector<double> means = statistics.getChannelMeans();
    if (!means.empty()) {
      SmallVector<Attribute> perResult;
      if (auto existing = op->getAttrOfType<ArrayAttr>(meansName))
        perResult.assign(existing.begin(), existing.end());
      perResult.resize(op->getNumResults(), UnitAttr::get(context));
      perResult[cast<OpResult>(value).getResultNumber()] =
          DenseF64ArrayAttr::get(context, means);
      op->setAttr(meansName, ArrayAttr::get(context, perResult));
    }
    SmallVector<Attribute> perResult;
    if (auto existing = op->getAttrOfType<ArrayAttr>(name))
      perResult.assign(existing.begin(), existing.end());
    perResult.resize(op->getNumResults(), UnitAttr::get(context));
    unsigned index = cast<OpResult>(value).getResultNumber();
    // Ranges already there (learned by quantization-aware training) stay.
    if (isa<StatsAttr>(perResult[index]))
      continue;
    perResult[index] = stats;
    op->setAttr(name, ArrayAttr::get(context, perResult));
  }
}
