//===- CompareModels.cpp - A model against its quantized version ---------===//
//
// Implements the numerics debugger's core and the conversions between
// float samples and a quantized model's stored integers.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/CompareModels.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Runtime/Calibration.h"
#include "mint/Target/TFLite/TFLite.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/StringMap.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::mint;

/// The quantized element type of tensor type `type`, if any.
static quant::UniformQuantizedType getUniformType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor ? dyn_cast<quant::UniformQuantizedType>(tensor.getElementType())
                : quant::UniformQuantizedType();
}

std::vector<double> mlir::mint::readAsDoubles(const void *data,
                                              ElementKind kind, int64_t count,
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

NpyArray mlir::mint::quantizeArray(const NpyArray &array, Type type) {
  quant::UniformQuantizedType quantized = getUniformType(type);
  if (!quantized || array.kind != ElementKind::F32)
    return array;
  NpyArray result;
  result.shape = array.shape;
  unsigned width = quantized.getStorageTypeIntegralWidth();
  result.kind = width == 16            ? ElementKind::I16
                : quantized.isSigned() ? ElementKind::I8
                                       : ElementKind::U8;
  int64_t count = array.getNumElements();
  result.data.resize(count * getElementKindSize(result.kind));
  const auto *in = reinterpret_cast<const float *>(array.data.data());
  for (int64_t i = 0; i < count; ++i) {
    int64_t stored = std::clamp<int64_t>(
        std::llround(in[i] / quantized.getScale()) + quantized.getZeroPoint(),
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

void TensorError::add(ArrayRef<double> reference, ArrayRef<double> candidate) {
  for (auto [want, got] : llvm::zip_equal(reference, candidate)) {
    double error = got - want;
    signal += want * want;
    noise += error * error;
    maxError = std::max(maxError, std::abs(error));
    maxMagnitude = std::max(maxMagnitude, std::abs(want));
  }
}

double TensorError::getSqnr() const {
  if (noise == 0.0)
    return std::numeric_limits<double>::infinity();
  return 10.0 * std::log10(signal / noise);
}

double TensorError::getRelativeError() const {
  return maxMagnitude > 0.0 ? maxError / maxMagnitude : maxError;
}

namespace {

/// The tensor name of `value` as the TFLite export gives it, or empty.
std::string getTensorName(Value value) {
  Operation *op = value.getDefiningOp();
  if (!op)
    return {};
  SmallVector<std::string> names =
      getTFLiteTensorNames(op->getLoc(), op->getNumResults());
  if (names.empty())
    return {};
  return names[cast<OpResult>(value).getResultNumber()];
}

/// The TFLite name of the op that computes `value`.
std::string getOpName(Value value) {
  Operation *op = value.getDefiningOp();
  if (auto custom = dyn_cast<CustomOp>(op))
    return custom.getCustomCode().str();
  return op->getName().stripDialect().upper();
}

/// The observed values of both models that carry the same tensor name:
/// (reference index, candidate index). The candidate's last value of a name
/// counts (a QUANTIZE after a float op carries the op's name).
SmallVector<std::pair<size_t, size_t>>
pairTensors(const ObservingModel &reference, const ObservingModel &candidate) {
  llvm::StringMap<size_t> candidates;
  for (auto [index, value] : llvm::enumerate(candidate.getObserved())) {
    std::string name = getTensorName(value);
    if (!name.empty())
      candidates[name] = index;
  }
  SmallVector<std::pair<size_t, size_t>> pairs;
  for (auto [index, value] : llvm::enumerate(reference.getObserved())) {
    std::string name = getTensorName(value);
    auto it = name.empty() ? candidates.end() : candidates.find(name);
    if (it != candidates.end())
      pairs.emplace_back(index, it->second);
  }
  return pairs;
}

} // namespace

FailureOr<ModelComparison>
mlir::mint::compareModels(ModuleOp referenceModule, ModuleOp candidateModule,
                          const std::vector<std::vector<NpyArray>> &samples) {
  FailureOr<std::unique_ptr<ObservingModel>> reference =
      ObservingModel::create(referenceModule);
  if (failed(reference))
    return failure();
  FailureOr<std::unique_ptr<ObservingModel>> candidate =
      ObservingModel::create(candidateModule, {}, /*includeQuantized=*/true);
  if (failed(candidate))
    return failure();
  const CompiledModel &referenceModel = (*reference)->getModel();
  const CompiledModel &candidateModel = (*candidate)->getModel();
  func::FuncOp referenceEntry = (*reference)->getEntry();
  func::FuncOp candidateEntry = (*candidate)->getEntry();
  if (referenceEntry.getNumArguments() != candidateEntry.getNumArguments() ||
      referenceEntry.getNumResults() != candidateEntry.getNumResults())
    return candidateModule.emitError("the model has ")
           << candidateEntry.getNumArguments() << " inputs and "
           << candidateEntry.getNumResults() << " outputs, the reference model "
           << referenceEntry.getNumArguments() << " and "
           << referenceEntry.getNumResults()
           << "; compare a model with its own quantized version";

  SmallVector<std::pair<size_t, size_t>> pairs =
      pairTensors(**reference, **candidate);
  ModelComparison result;
  result.layers.resize(pairs.size());
  for (auto [error, pair] : llvm::zip_equal(result.layers, pairs)) {
    Value value = (*reference)->getObserved()[pair.first];
    error.name = getTensorName(value);
    error.op = getOpName(value);
    error.order = pair.first;
  }
  result.outputs.resize(referenceEntry.getNumResults());
  for (auto [index, error] : llvm::enumerate(result.outputs)) {
    error.name = referenceModel.getOutputs()[index].name;
    error.order = index;
  }

  for (auto [number, sample] : llvm::enumerate(samples)) {
    ArrayRef<TensorSpec> specs = referenceModel.getInputs();
    if (sample.size() != specs.size())
      return referenceModule.emitError("sample ")
             << number << " has " << sample.size()
             << " arrays; the model takes " << specs.size() << " inputs";
    SmallVector<const void *> referenceInputs;
    for (auto [index, array] : llvm::enumerate(sample)) {
      if (array.kind != specs[index].kind ||
          ArrayRef(array.shape) != ArrayRef(specs[index].shape))
        return referenceModule.emitError("sample ")
               << number << ", input " << index << " ('" << specs[index].name
               << "') must be "
               << describeTensorType(specs[index].kind, specs[index].shape);
      referenceInputs.push_back(array.data.data());
    }
    // Integer inputs take the samples quantized.
    std::vector<NpyArray> quantizedSample;
    SmallVector<const void *> candidateInputs;
    for (auto [index, array] : llvm::enumerate(sample))
      quantizedSample.push_back(
          quantizeArray(array, candidateEntry.getArgumentTypes()[index]));
    for (const NpyArray &array : quantizedSample)
      candidateInputs.push_back(array.data.data());
    for (auto [model, inputs, module] :
         {std::tuple(reference->get(), &referenceInputs, referenceModule),
          std::tuple(candidate->get(), &candidateInputs, candidateModule)}) {
      if (llvm::Error error = model->run(*inputs))
        return module.emitError("cannot run the model: ")
               << llvm::toString(std::move(error));
    }
    auto read = [](const ObservingModel &model, size_t index) {
      const TensorSpec &spec = model.getObservedSpec(index);
      return readAsDoubles(model.getObservedData(index), spec.kind,
                           spec.getNumElements(),
                           model.getObserved()[index].getType());
    };
    for (auto [error, pair] : llvm::zip_equal(result.layers, pairs)) {
      std::vector<double> want = read(**reference, pair.first);
      std::vector<double> got = read(**candidate, pair.second);
      if (want.size() == got.size())
        error.add(want, got);
    }
    for (auto [index, error] : llvm::enumerate(result.outputs)) {
      const TensorSpec &wantSpec = referenceModel.getOutputs()[index];
      const TensorSpec &gotSpec = candidateModel.getOutputs()[index];
      std::vector<double> want = readAsDoubles(
          (*reference)->getOutputData(index), wantSpec.kind,
          wantSpec.getNumElements(), referenceEntry.getResultTypes()[index]);
      std::vector<double> got = readAsDoubles(
          (*candidate)->getOutputData(index), gotSpec.kind,
          gotSpec.getNumElements(), candidateEntry.getResultTypes()[index]);
      if (want.size() == got.size())
        error.add(want, got);
    }
  }
  return result;
}
