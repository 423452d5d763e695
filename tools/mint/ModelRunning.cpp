//===- ModelRunning.cpp - Run compiled models for the mint driver ---------===//
//
// Implements the helpers of ModelRunning.h.
//
//===----------------------------------------------------------------------===//

#include "ModelRunning.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

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

std::optional<std::vector<std::vector<NpyArray>>>
mlir::mint::driver::loadSamples(StringRef data, ArrayRef<TensorSpec> specs,
                                int randomCount, std::string &description) {
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
  if (specs.size() != 1) {
    llvm::errs() << data << ": error: --data gives samples of one "
                 << "input; the model has " << specs.size() << "\n";
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
  if (llvm::sys::fs::is_directory(data)) {
    std::vector<std::string> paths;
    std::error_code error;
    for (llvm::sys::fs::directory_iterator it(data, error), end;
         it != end && !error; it.increment(error))
      if (llvm::sys::path::extension(it->path()) == ".npy")
        paths.push_back(it->path());
    llvm::sort(paths);
    if (error || paths.empty()) {
      llvm::errs() << data << ": error: no .npy samples in the "
                   << "directory\n";
      return std::nullopt;
    }
    for (const std::string &path : paths) {
      llvm::Expected<NpyArray> array = readNpy(path);
      if (!array) {
        llvm::errs() << "mint: error: " << llvm::toString(array.takeError())
                     << "\n";
        return std::nullopt;
      }
      if (!checkSample(*array, path))
        return std::nullopt;
      samples.push_back({std::move(*array)});
    }
    description =
        std::to_string(samples.size()) + " samples from " + data.str();
    return samples;
  }
  llvm::Expected<NpyArray> batch = readNpy(data);
  if (!batch) {
    llvm::errs() << "mint: error: " << llvm::toString(batch.takeError())
                 << "\n";
    return std::nullopt;
  }
  // [N, ...] where each of the N slices holds one sample of the input.
  size_t sampleBytes = spec.getByteSize();
  int64_t count = batch->shape.empty() ? 0 : batch->shape.front();
  if (batch->kind != spec.kind || count <= 0 ||
      batch->data.size() != count * sampleBytes) {
    llvm::errs() << data << ": error: expected [N, ...] samples of "
                 << spec.getNumElements() << " "
                 << getElementKindName(spec.kind)
                 << " values each (model input '" << spec.name << "')\n";
    return std::nullopt;
  }
  NpyArray sample;
  sample.kind = spec.kind;
  sample.shape.assign(spec.shape.begin(), spec.shape.end());
  for (int64_t i = 0; i < count; ++i) {
    sample.data.assign(batch->data.begin() + i * sampleBytes,
                       batch->data.begin() + (i + 1) * sampleBytes);
    samples.push_back({sample});
  }
  description = std::to_string(count) + " samples from " + data.str();
  return samples;
}

LogicalResult mlir::mint::driver::runCalibration(
    Calibrator &calibrator, const std::vector<std::vector<NpyArray>> &samples) {
  bool progress = llvm::errs().is_displayed();
  for (auto [index, sample] : llvm::enumerate(samples)) {
    SmallVector<const void *> inputs;
    for (const NpyArray &array : sample)
      inputs.push_back(array.data.data());
    if (llvm::Error error = calibrator.addSample(inputs)) {
      llvm::errs() << "mint: error: " << llvm::toString(std::move(error))
                   << "\n";
      return failure();
    }
    if (progress)
      llvm::errs() << llvm::formatv("\rcalibrating {0}/{1}", index + 1,
                                    samples.size());
  }
  if (progress)
    llvm::errs() << "\n";
  return success();
}

/// The quantized element type of tensor type `type`, if any.
static quant::UniformQuantizedType getUniformType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor ? dyn_cast<quant::UniformQuantizedType>(tensor.getElementType())
                : quant::UniformQuantizedType();
}

std::vector<double> mlir::mint::driver::readAsDoubles(const void *data,
                                                      ElementKind kind,
                                                      int64_t count,
                                                      Type type) {
  std::vector<double> values;
  values.reserve(count);
  if (kind == ElementKind::F32) {
    const auto *floats = static_cast<const float *>(data);
    values.assign(floats, floats + count);
    return values;
  }
  quant::UniformQuantizedType quantized = getUniformType(type);
  if (!quantized)
    return {};
  for (int64_t i = 0; i < count; ++i) {
    int64_t stored;
    if (kind == ElementKind::I8)
      stored = static_cast<const int8_t *>(data)[i];
    else if (kind == ElementKind::U8)
      stored = static_cast<const uint8_t *>(data)[i];
    else if (kind == ElementKind::I16)
      stored = static_cast<const int16_t *>(data)[i];
    else
      return {};
    values.push_back((stored - quantized.getZeroPoint()) *
                     quantized.getScale());
  }
  return values;
}

NpyArray mlir::mint::driver::quantizeArray(const NpyArray &array, Type type) {
  quant::UniformQuantizedType quantized = getUniformType(type);
  if (!quantized || array.kind != ElementKind::F32)
    return array;
  NpyArray result;
  result.shape = array.shape;
  unsigned width = quantized.getStorageTypeIntegralWidth();
  result.kind = width == 16              ? ElementKind::I16
                : quantized.isSigned() ? ElementKind::I8
                                       : ElementKind::U8;
  int64_t count = array.getNumElements();
  result.data.resize(count * getElementKindSize(result.kind));
  const auto *in = reinterpret_cast<const float *>(array.data.data());
  for (int64_t i = 0; i < count; ++i) {
    int64_t stored = std::clamp<int64_t>(
        std::llround(in[i] / quantized.getScale()) +
            quantized.getZeroPoint(),
        quantized.getStorageTypeMin(), quantized.getStorageTypeMax());
    if (result.kind == ElementKind::I16)
      reinterpret_cast<int16_t *>(result.data.data())[i] = stored;
    else if (result.kind == ElementKind::I8)
      reinterpret_cast<int8_t *>(result.data.data())[i] = stored;
    else
      reinterpret_cast<uint8_t *>(result.data.data())[i] = stored;
  }
  return result;
}
