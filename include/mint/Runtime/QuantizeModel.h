//===- QuantizeModel.h - The quantization flow of a whole model -*- C++ -*-===//
//
// What `mint quantize` and the Python package's converter share: a float
// model's preparation (dense float32 weights, fused activations, ranges
// from quantization-aware training taken over, optionally cross-layer
// equalization), its calibration on representative samples (Calibrator),
// and the passes that quantize it (mint-quantize, or mint-insert-fake-quant
// for a fake-quantized float model) and encode its sparse weights again.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_QUANTIZEMODEL_H
#define MINT_RUNTIME_QUANTIZEMODEL_H

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlir::mint {

class Calibrator;

/// Options of prepareForQuantization and quantizeModel.
struct QuantizeModelOptions {
  /// The mode and the options of mint-quantize (or, with `fakeQuant`, the
  /// range method of mint-insert-fake-quant).
  QuantizePassOptions pass;
  /// Cross-layer equalization of the weights before calibration
  /// (mint-equalize-weights).
  bool equalize = false;
  /// Writes the float model with int8 quantization simulated by FAKE_QUANT
  /// ops (for fine-tuning) instead of quantizing it.
  bool fakeQuant = false;
  /// Encodes weights that pruning left mostly zero as sparse again.
  bool sparseEncoding = true;
};

/// Whether `mode` calibrates activation ranges on representative samples.
bool calibratesActivations(QuantizationMode mode);

/// Prepares float `module` in place for `options.pass.mode`: dense weights;
/// for the integer modes plain float32 weights; for the calibrating modes
/// also fused activations, ranges from quantization-aware training
/// (FAKE_QUANT, QUANTIZE -> DEQUANTIZE) taken as they are, and
/// `options.equalize`. Errors are emitted on the module's context.
LogicalResult prepareForQuantization(ModuleOp module,
                                     const QuantizeModelOptions &options);

/// Whether `module` (prepared) carries activation ranges learned by
/// quantization-aware training, which stand in for calibration.
bool hasLearnedRanges(ModuleOp module);

/// Quantizes a prepared float module: a copy of it is calibrated when the
/// mode calibrates and `addSamples` is given (it feeds the Calibrator, made
/// for the copy, every representative sample), then quantized (or
/// fake-quantized) and its sparse weights encoded. A calibrating mode
/// without samples needs learned ranges. Errors are emitted on the
/// module's context and the result is then failure.
FailureOr<OwningOpRef<ModuleOp>>
quantizeModel(ModuleOp prepared, const QuantizeModelOptions &options,
              llvm::function_ref<LogicalResult(Calibrator &)> addSamples = {});

} // namespace mlir::mint

#endif // MINT_RUNTIME_QUANTIZEMODEL_H
