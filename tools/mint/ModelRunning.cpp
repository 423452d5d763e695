//===- ModelRunning.cpp - Run compiled models for the mint driver ---------===//
//
// Implements the helpers of ModelRunning.h.
//
//===----------------------------------------------------------------------===//

#include "ModelRunning.h"

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
