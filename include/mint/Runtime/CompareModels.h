//===- CompareModels.h - A model against its quantized version -*- C++ -*-===//
//
// The numerics debugger's core (`mint compare`, mint.compare in Python):
// both models compiled with every activation returned (ObservingModel; the
// candidate's integer activations too), run on the same samples, the
// tensors that carry the same name in both paired (Mint's quantizer keeps
// the float model's tensor names), and for each pair and each model
// output the SQNR, the largest error relative to the reference tensor's
// largest magnitude, and the largest error.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_COMPAREMODELS_H
#define MINT_RUNTIME_COMPAREMODELS_H

#include "mint/Runtime/CompiledModel.h"
#include "mint/Runtime/Npy.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace mlir::mint {

/// `count` values of `kind` at `data` as doubles: float32 as is, stored
/// integers dequantized with tensor type `type`'s quantized element type;
/// empty for anything else.
std::vector<double> readAsDoubles(const void *data, ElementKind kind,
                                  int64_t count, Type type);

/// `array` (float32) quantized to tensor type `type` when that is
/// quantized (x / scale rounded halves away from zero, plus the zero
/// point, saturated), as an application feeds a model with integer inputs;
/// otherwise `array` itself.
NpyArray quantizeArray(const NpyArray &array, Type type);

/// The error of one tensor of a candidate model against the reference's.
struct TensorError {
  std::string name;
  /// The TFLite op that computes it in the reference model.
  std::string op;
  /// Its position among the reference's observed tensors (a layer) or
  /// outputs (an output).
  size_t order = 0;
  double signal = 0.0, noise = 0.0, maxError = 0.0, maxMagnitude = 0.0;

  void add(ArrayRef<double> reference, ArrayRef<double> candidate);
  /// In dB; infinity when the tensors are equal.
  double getSqnr() const;
  /// The largest error over the reference's largest magnitude.
  double getRelativeError() const;
};

/// What compareModels found.
struct ModelComparison {
  /// One per output of the models, in order.
  std::vector<TensorError> outputs;
  /// One per paired tensor, in the reference's op order.
  std::vector<TensorError> layers;
};

/// Compares `candidate` (a quantized version of `reference`: the same
/// inputs and outputs) with `reference` on `samples` (float32 arrays, one
/// per input each; quantized for a candidate's integer inputs). Errors are
/// emitted on the modules' context and the result is then failure.
FailureOr<ModelComparison>
compareModels(ModuleOp reference, ModuleOp candidate,
              const std::vector<std::vector<NpyArray>> &samples);

} // namespace mlir::mint

#endif // MINT_RUNTIME_COMPAREMODELS_H
