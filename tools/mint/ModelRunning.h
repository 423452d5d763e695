//===- ModelRunning.h - Run compiled models for the mint driver -*- C++ -*-===//
//
// What the driver's commands share to run a CompiledModel on .npy arrays:
// random inputs, output arrays, one run.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_TOOLS_MINT_MODELRUNNING_H
#define MINT_TOOLS_MINT_MODELRUNNING_H

#include "Commands.h"

#include "mint/Runtime/Calibration.h"
#include "mint/Runtime/CompiledModel.h"
#include "mint/Runtime/Images.h"
#include "mint/Runtime/Npy.h"

#include <optional>
#include <random>
#include <string>
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

/// Samples of the model inputs `specs` from `data`: a .npy whose first
/// dimension counts samples of a single-input model; a .npz of such arrays,
/// one per input (matched by name, else in order); a directory of .npy
/// files, one sample each, or of image files (PNG, JPEG, BMP) resized and
/// mapped as `images` says; a single image file. `randomCount` random ones when
/// `data` is empty. Sets `description` ("8 random samples", "100 samples
/// from DIR"); nullopt after reporting what is wrong (options that
/// contradict each other included).
std::optional<std::vector<std::vector<NpyArray>>>
loadSamples(llvm::StringRef data, llvm::ArrayRef<TensorSpec> specs,
            int randomCount, std::string &description,
            const ImageInputOptions &images);

/// Adds every sample to `calibrator`'s statistics, counting them on a
/// terminal (quiet in a pipe); reports the error and fails if a run fails.
/// `afterEach` (if given) runs after each sample, when the calibrator's
/// outputs hold the model's results on it.
LogicalResult runCalibration(
    Calibrator &calibrator, const std::vector<std::vector<NpyArray>> &samples,
    llvm::function_ref<void(const Calibrator &)> afterEach = nullptr);

/// Compiles `module` for this CPU (or as `options` say), showing "compiling
/// `what`" as progress and, with --verbose, noting how long it took.
FailureOr<std::unique_ptr<CompiledModel>>
compileModel(ModuleOp module, llvm::StringRef what,
             const CompileOptions &options = {});

/// The SQNR in dB of each output of `candidate` (compiled from
/// `candidateModule`) against the same output of `reference`, both run on
/// every sample (quantized for integer inputs): nullopt for outputs that
/// are not float, infinity when identical. Reports and returns nullopt
/// when a run fails.
std::optional<std::vector<std::optional<double>>>
measureOutputSqnr(CompiledModel &reference, CompiledModel &candidate,
                  ModuleOp candidateModule,
                  const std::vector<std::vector<NpyArray>> &samples);

/// The same against reference outputs computed already: `references[s]`
/// holds the reference model's outputs on `samples[s]`.
std::optional<std::vector<std::optional<double>>>
measureOutputSqnr(const std::vector<std::vector<NpyArray>> &references,
                  CompiledModel &candidate, ModuleOp candidateModule,
                  const std::vector<std::vector<NpyArray>> &samples);

/// An SQNR as text ("12.34 dB", "inf (identical)", "n/a (not float)") or
/// as a JSON value.
std::string formatOutputSqnr(std::optional<double> value, bool json);

} // namespace mlir::mint::driver

#endif // MINT_TOOLS_MINT_MODELRUNNING_H
