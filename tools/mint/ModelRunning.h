//===- ModelRunning.h - Run compiled models for the mint driver -*- C++ -*-===//
//
// What the driver's commands share to run a CompiledModel on .npy arrays:
// random inputs, output arrays, one run.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_TOOLS_MINT_MODELRUNNING_H
#define MINT_TOOLS_MINT_MODELRUNNING_H

#include "mint/Runtime/CompiledModel.h"
#include "mint/Runtime/Npy.h"

#include <random>
#include <vector>

namespace mlir::mint::driver {

/// An array for `spec` with uniform values in [-1, 1] (floats) or over the
/// full range (integers).
NpyArray makeRandomInput(const TensorSpec &spec, std::mt19937 &rng);

/// Allocates the output arrays of `model`.
std::vector<NpyArray> makeOutputs(const CompiledModel &model);

/// Runs `model` once on `inputs` into `outputs`.
llvm::Error runOnce(CompiledModel &model, const std::vector<NpyArray> &inputs,
                    std::vector<NpyArray> &outputs);

} // namespace mlir::mint::driver

#endif // MINT_TOOLS_MINT_MODELRUNNING_H
