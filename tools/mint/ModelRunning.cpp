//===- ModelRunning.cpp - Run compiled models for the mint driver ---------===//
//
// Implements the helpers of ModelRunning.h.
//
//===----------------------------------------------------------------------===//

#include "ModelRunning.h"
#include "Output.h"

#include "mint/Runtime/CompareModels.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::mint;

NpyArray mlir::mint::driver::makeRandomInput(const TensorSpec &spec,
                                             std::mt19937 &rng) {
  NpyArray array;
  array.kind = spec.kind;
  array.shape.assign(spec.shape.begin(), spec.shape.end());
  array.data.resize(spec.getByteSize());
  if (spec.kind == ElementKind::F32) {
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    auto *values = reinterpret_cast<float *>(array.data.data());
    for (int64_t i = 0, e = spec.getNumElements(); i < e; ++i)
      values[i] = uniform(rng);
  } else {
    std::uniform_int_distribution<int> bytes(0, 255);
    for (char &byte : array.data)
      byte = static_cast<char>(bytes(rng));
    if (spec.kind == ElementKind::Bool)
      for (char &byte : array.data)
        byte &= 1;
  }
  return array;
}

std::vector<NpyArray>
mlir::mint::driver::makeOutputs(const CompiledModel &model) {
  std::vector<NpyArray> outputs;
  for (const TensorSpec &spec : model.getOutputs()) {
    NpyArray array;
    array.kind = spec.kind;
    array.shape.assign(spec.shape.begin(), spec.shape.end());
    array.data.resize(spec.getByteSize());
    outputs.push_back(std::move(array));
  }
  return outputs;
}

llvm::Error mlir::mint::driver::runOnce(CompiledModel &model,
                                        const std::vector<NpyArray> &inputs,
                                        std::vector<NpyArray> &outputs) {
  SmallVector<const void *> inputData;
  for (const NpyArray &array : inputs)
    inputData.push_back(array.data.data());
  SmallVector<void *> outputData;
  for (NpyArray &array : outputs)
    outputData.push_back(array.data.data());
  return model.run(inputData, outputData);
}

/// The image preprocessing `options` give; nullopt after reporting options
/// that contradict each other.
static std::optional<ImagePreprocessing>
getImagePreprocessing(const driver::ImageInputOptions &options) {
  ImagePreprocessing preprocessing;
  bool meanStd =
      options.mean.getNumOccurrences() || options.std.getNumOccurrences();
  if (meanStd) {
    if (options.scale.getNumOccurrences() ||
        options.offset.getNumOccurrences()) {
      llvm::errs() << "mint: error: give --input-mean and --input-std, or "
                      "--input-scale and --input-offset, not both\n";
      return std::nullopt;
    }
    if (!options.mean.getNumOccurrences() || !options.std.getNumOccurrences() ||
        options.std == 0.0) {
      llvm::errs() << "mint: error: --input-mean needs --input-std, which "
                      "must not be 0\n";
      return std::nullopt;
    }
    preprocessing.scale = 1.0 / options.std;
    preprocessing.offset = -options.mean / options.std;
    return preprocessing;
  }
  preprocessing.scale = options.scale;
  preprocessing.offset = options.offset;
  return preprocessing;
}

/// Reports `error` and returns nullopt.
static std::nullopt_t report(llvm::Error error) {
  llvm::errs() << "mint: error: " << llvm::toString(std::move(error)) << "\n";
  return std::nullopt;
}

/// Splits `batch` ([N, ...], N samples of `spec`) into samples; nullopt
/// after reporting a batch that does not fit.
static std::optional<std::vector<NpyArray>>
splitBatch(const NpyArray &batch, const TensorSpec &spec, StringRef name) {
  size_t sampleBytes = spec.getByteSize();
  int64_t count = batch.shape.empty() ? 0 : batch.shape.front();
  if (batch.kind != spec.kind || count <= 0 ||
      batch.data.size() != count * sampleBytes) {
    llvm::errs() << name << ": error: expected [N, ...] samples of "
                 << spec.getNumElements() << " "
                 << getElementKindName(spec.kind)
                 << " values each (model input '" << spec.name << "')\n";
    return std::nullopt;
  }
  std::vector<NpyArray> samples;
  NpyArray sample;
  sample.kind = spec.kind;
  sample.shape.assign(spec.shape.begin(), spec.shape.end());
  for (int64_t i = 0; i < count; ++i) {
    sample.data.assign(batch.data.begin() + i * sampleBytes,
                       batch.data.begin() + (i + 1) * sampleBytes);
    samples.push_back(sample);
  }
  return samples;
}

std::optional<std::vector<std::vector<NpyArray>>>
mlir::mint::driver::loadSamples(StringRef data, ArrayRef<TensorSpec> specs,
                                int randomCount, std::string &description,
                                const ImageInputOptions &imageOptions) {
  std::optional<ImagePreprocessing> images =
      getImagePreprocessing(imageOptions);
  if (!images)
    return std::nullopt;
  std::vector<std::vector<NpyArray>> samples;
  if (data.empty()) {
    std::mt19937 rng(0);
    for (int i = 0; i < randomCount; ++i) {
      samples.emplace_back();
      for (const TensorSpec &spec : specs)
        samples.back().push_back(makeRandomInput(spec, rng));
    }
    description = std::to_string(randomCount) + " random samples";
    return samples;
  }
  if (!llvm::sys::fs::exists(data)) {
    llvm::errs() << data << ": error: no such file or directory\n";
    return std::nullopt;
  }

  // A .npz: one [N, ...] array per input, matched by name, else in order.
  if (llvm::sys::path::extension(data) == ".npz") {
    llvm::Expected<std::vector<std::pair<std::string, NpyArray>>> arrays =
        readNpz(data);
    if (!arrays)
      return report(arrays.takeError());
    if (arrays->size() != specs.size()) {
      llvm::errs() << data << ": error: holds " << arrays->size()
                   << " arrays; the model has " << specs.size() << " inputs\n";
      return std::nullopt;
    }
    bool byName = llvm::all_of(specs, [&](const TensorSpec &spec) {
      return llvm::any_of(
          *arrays, [&](const auto &entry) { return entry.first == spec.name; });
    });
    std::vector<std::vector<NpyArray>> perInput;
    for (size_t index = 0; index < specs.size(); ++index) {
      const TensorSpec &spec = specs[index];
      const auto *entry = &(*arrays)[index];
      if (byName)
        entry = &*llvm::find_if(*arrays, [&](const auto &candidate) {
          return candidate.first == spec.name;
        });
      std::optional<std::vector<NpyArray>> split =
          splitBatch(entry->second, spec, (data + ":" + entry->first).str());
      if (!split)
        return std::nullopt;
      if (!perInput.empty() && split->size() != perInput.front().size()) {
        llvm::errs() << data << ": error: its arrays hold different numbers "
                     << "of samples\n";
        return std::nullopt;
      }
      perInput.push_back(std::move(*split));
    }
    for (size_t i = 0; i < perInput.front().size(); ++i) {
      samples.emplace_back();
      for (std::vector<NpyArray> &input : perInput)
        samples.back().push_back(std::move(input[i]));
    }
    description =
        std::to_string(samples.size()) + " samples from " + data.str();
    return samples;
  }

  if (specs.size() != 1) {
    llvm::errs() << data << ": error: --data gives samples of one "
                 << "input; the model has " << specs.size()
                 << " (give a .npz with one array per input)\n";
    return std::nullopt;
  }
  const TensorSpec &spec = specs.front();
  auto checkSample = [&](const NpyArray &array, StringRef name) {
    if (array.kind == spec.kind && array.shape == ArrayRef(spec.shape))
      return true;
    llvm::errs() << name << ": error: a sample of model input '" << spec.name
                 << "' is " << getElementKindName(spec.kind) << " of "
                 << spec.getNumElements() << " values with shape ["
                 << llvm::join(llvm::map_range(
                                   spec.shape,
                                   [](int64_t d) { return std::to_string(d); }),
                               ",")
                 << "]\n";
    return false;
  };
  auto readFile = [&](StringRef path) -> std::optional<NpyArray> {
    llvm::Expected<NpyArray> array = isImageFile(path)
                                         ? readImageSample(path, spec, *images)
                                         : readNpy(path);
    if (!array)
      return report(array.takeError());
    if (!checkSample(*array, path))
      return std::nullopt;
    return std::move(*array);
  };
  if (llvm::sys::fs::is_directory(data)) {
    std::vector<std::string> paths;
    std::error_code error;
    bool npy = false, image = false;
    for (llvm::sys::fs::directory_iterator it(data, error), end;
         it != end && !error; it.increment(error)) {
      bool isNpy = llvm::sys::path::extension(it->path()) == ".npy";
      bool isImage = isImageFile(it->path());
      npy |= isNpy;
      image |= isImage;
      if (isNpy || isImage)
        paths.push_back(it->path());
    }
    llvm::sort(paths);
    if (error || paths.empty()) {
      llvm::errs() << data << ": error: no .npy samples or images (PNG, "
                   << "JPEG, BMP) in the directory\n";
      return std::nullopt;
    }
    if (npy && image) {
      llvm::errs() << data << ": error: the directory mixes .npy samples "
                   << "and images; give one kind\n";
      return std::nullopt;
    }
    for (const std::string &path : paths) {
      std::optional<NpyArray> array = readFile(path);
      if (!array)
        return std::nullopt;
      samples.push_back({std::move(*array)});
    }
    description = std::to_string(samples.size()) +
                  (image ? " images" : " samples") + " from " + data.str();
    return samples;
  }
  if (isImageFile(data)) {
    std::optional<NpyArray> array = readFile(data);
    if (!array)
      return std::nullopt;
    samples.push_back({std::move(*array)});
    description = "1 image from " + data.str();
    return samples;
  }
  llvm::Expected<NpyArray> batch = readNpy(data);
  if (!batch)
    return report(batch.takeError());
  std::optional<std::vector<NpyArray>> split = splitBatch(*batch, spec, data);
  if (!split)
    return std::nullopt;
  for (NpyArray &sample : *split)
    samples.push_back({std::move(sample)});
  description = std::to_string(samples.size()) + " samples from " + data.str();
  return samples;
}

LogicalResult mlir::mint::driver::runCalibration(
    Calibrator &calibrator, const std::vector<std::vector<NpyArray>> &samples,
    llvm::function_ref<void(const Calibrator &)> afterEach) {
  Progress progress("calibrating", samples.size());
  for (auto [index, sample] : llvm::enumerate(samples)) {
    SmallVector<const void *> inputs;
    for (const NpyArray &array : sample)
      inputs.push_back(array.data.data());
    if (llvm::Error error = calibrator.addSample(inputs)) {
      llvm::errs() << "mint: error: " << llvm::toString(std::move(error))
                   << "\n";
      return failure();
    }
    if (afterEach)
      afterEach(calibrator);
    progress.update(index + 1);
  }
  progress.finish(llvm::formatv("{0} samples", samples.size()).str());
  return success();
}

namespace {
/// Sums each output's signal and error energy over samples, one sample's
/// reference and candidate outputs at a time.
class OutputSqnrSums {
public:
  OutputSqnrSums(CompiledModel &candidate, ModuleOp candidateModule)
      : candidate(candidate), entry(findModelEntry(candidateModule)),
        signal(candidate.getOutputs().size()),
        noise(candidate.getOutputs().size()),
        isFloat(candidate.getOutputs().size(), false) {}

  /// Runs the candidate on `sample` (quantized for integer inputs, as an
  /// application would) and adds its error against `want`; reports and
  /// fails if the run fails.
  LogicalResult add(const std::vector<NpyArray> &sample,
                    const std::vector<NpyArray> &want) {
    std::vector<NpyArray> got = driver::makeOutputs(candidate);
    std::vector<NpyArray> quantizedSample;
    for (auto [index, array] : llvm::enumerate(sample))
      quantizedSample.push_back(
          quantizeArray(array, entry.getArgumentTypes()[index]));
    if (llvm::Error error = driver::runOnce(candidate, quantizedSample, got)) {
      llvm::errs() << "mint: error: " << llvm::toString(std::move(error))
                   << "\n";
      return failure();
    }
    for (size_t i = 0; i < signal.size() && i < want.size(); ++i) {
      isFloat[i] = want[i].kind == ElementKind::F32;
      std::vector<double> a = readAsDoubles(want[i].data.data(), want[i].kind,
                                            want[i].getNumElements(), Type());
      std::vector<double> b =
          readAsDoubles(got[i].data.data(), got[i].kind,
                        got[i].getNumElements(), entry.getResultTypes()[i]);
      for (size_t j = 0; j < a.size() && j < b.size(); ++j) {
        signal[i] += a[j] * a[j];
        noise[i] += (a[j] - b[j]) * (a[j] - b[j]);
      }
    }
    return success();
  }

  std::vector<std::optional<double>> getSqnr() const {
    std::vector<std::optional<double>> sqnr;
    for (size_t i = 0; i < signal.size(); ++i) {
      if (!isFloat[i])
        sqnr.push_back(std::nullopt);
      else if (noise[i] == 0.0)
        sqnr.push_back(std::numeric_limits<double>::infinity());
      else
        sqnr.push_back(10.0 * std::log10(signal[i] / noise[i]));
    }
    return sqnr;
  }

private:
  CompiledModel &candidate;
  func::FuncOp entry;
  std::vector<double> signal, noise;
  std::vector<bool> isFloat;
};
} // namespace

std::optional<std::vector<std::optional<double>>>
mlir::mint::driver::measureOutputSqnr(
    CompiledModel &reference, CompiledModel &candidate,
    ModuleOp candidateModule,
    const std::vector<std::vector<NpyArray>> &samples) {
  // One sample's reference outputs at a time.
  OutputSqnrSums sums(candidate, candidateModule);
  Progress progress("measuring the output SQNR", samples.size());
  for (auto [index, sample] : llvm::enumerate(samples)) {
    progress.update(index);
    std::vector<NpyArray> want = makeOutputs(reference);
    if (llvm::Error error = runOnce(reference, sample, want)) {
      llvm::errs() << "mint: error: " << llvm::toString(std::move(error))
                   << "\n";
      return std::nullopt;
    }
    if (failed(sums.add(sample, want)))
      return std::nullopt;
  }
  return sums.getSqnr();
}

std::optional<std::vector<std::optional<double>>>
mlir::mint::driver::measureOutputSqnr(
    const std::vector<std::vector<NpyArray>> &references,
    CompiledModel &candidate, ModuleOp candidateModule,
    const std::vector<std::vector<NpyArray>> &samples) {
  OutputSqnrSums sums(candidate, candidateModule);
  Progress progress("measuring the output SQNR", samples.size());
  for (auto [index, pair] :
       llvm::enumerate(llvm::zip_equal(samples, references))) {
    progress.update(index);
    if (failed(sums.add(std::get<0>(pair), std::get<1>(pair))))
      return std::nullopt;
  }
  return sums.getSqnr();
}

FailureOr<std::unique_ptr<CompiledModel>>
mlir::mint::driver::compileModel(ModuleOp module, llvm::StringRef what,
                                 const CompileOptions &options) {
  Progress progress(("compiling " + what).str());
  FailureOr<std::unique_ptr<CompiledModel>> model =
      CompiledModel::create(module, options);
  if (succeeded(model))
    progress.finish(llvm::formatv("{0:f2} s MLIR pipeline, {1:f2} s LLVM",
                                  (*model)->getPipelineSeconds(),
                                  (*model)->getCompileSeconds() -
                                      (*model)->getPipelineSeconds())
                        .str());
  return model;
}

std::string mlir::mint::driver::formatOutputSqnr(std::optional<double> value,
                                                 bool json) {
  if (!value)
    return json ? "null" : "n/a (not float)";
  if (std::isinf(*value))
    return json ? "\"inf\"" : "inf (identical)";
  return llvm::formatv(json ? "{0:f2}" : "{0:f2} dB", *value).str();
}
