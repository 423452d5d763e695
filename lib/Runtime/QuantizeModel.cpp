//===- QuantizeModel.cpp - The quantization flow of a whole model ---------===//
//
// Implements the flow that `mint quantize` and the Python converter share:
// preparation, calibration and the quantization passes.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/QuantizeModel.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Runtime/Calibration.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;
using namespace mlir::mint;

bool mlir::mint::calibratesActivations(QuantizationMode mode) {
  return mode == QuantizationMode::Int8 || mode == QuantizationMode::Int16x8;
}

LogicalResult
mlir::mint::prepareForQuantization(ModuleOp module,
                                   const QuantizeModelOptions &options) {
  // Every mode starts from dense weights (sparse ones are encoded again
  // after quantization); the integer modes from plain float32 weights; the
  // calibrating ones also from fused activations (no standalone RELU stays
  // between two int8 ops), taking the ranges that quantization-aware
  // training left as they are.
  QuantizationMode mode = options.pass.mode;
  PassManager pm(module.getContext());
  pm.addNestedPass<func::FuncOp>(createDensifyPass());
  if (mode != QuantizationMode::Float16)
    pm.addNestedPass<func::FuncOp>(createFoldF16WeightsPass());
  if (calibratesActivations(mode)) {
    pm.addNestedPass<func::FuncOp>(createFuseActivationsPass());
    pm.addNestedPass<func::FuncOp>(createFoldFakeQuantPass());
    pm.addNestedPass<func::FuncOp>(createFuseActivationsPass());
    if (options.equalize)
      pm.addNestedPass<func::FuncOp>(createEqualizeWeightsPass());
  }
  return pm.run(module);
}

bool mlir::mint::hasLearnedRanges(ModuleOp module) {
  bool learned = false;
  module.walk([&](func::FuncOp func) {
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
      learned |= static_cast<bool>(func.getArgAttr(i, kStatsAttrName));
    func.walk([&](Operation *op) { learned |= op->hasAttr(kStatsAttrName); });
  });
  return learned;
}

FailureOr<OwningOpRef<ModuleOp>> mlir::mint::quantizeModel(
    ModuleOp prepared, const QuantizeModelOptions &options,
    llvm::function_ref<LogicalResult(Calibrator &)> addSamples) {
  bool calibrates = calibratesActivations(options.pass.mode);
  if (calibrates && !addSamples && !hasLearnedRanges(prepared))
    return prepared.emitError("quantizing to ")
           << (options.pass.mode == QuantizationMode::Int8 ? "int8" : "int16x8")
           << " calibrates on representative samples; none were given "
              "and the model has no ranges from quantization-aware "
              "training";
  OwningOpRef<ModuleOp> quantized = prepared.clone();
  if (calibrates && addSamples) {
    FailureOr<std::unique_ptr<Calibrator>> calibrator = Calibrator::create(
        *quantized, {}, /*channelMeans=*/options.pass.biasCorrection);
    if (failed(calibrator) || failed(addSamples(**calibrator)))
      return failure();
    if ((*calibrator)->getNumSamples() == 0)
      return prepared.emitError("calibration needs at least one "
                                "representative sample");
    (*calibrator)->annotate();
  }
  PassManager pm(prepared.getContext());
  if (options.fakeQuant) {
    InsertFakeQuantPassOptions fakeOptions;
    fakeOptions.calibrationMethod = options.pass.calibrationMethod;
    fakeOptions.percentile = options.pass.percentile;
    pm.addNestedPass<func::FuncOp>(createInsertFakeQuantPass(fakeOptions));
  } else {
    pm.addPass(createQuantizePass(options.pass));
  }
  // Pruned weights stay sparse (zeros quantize to zero).
  if (options.sparseEncoding)
    pm.addNestedPass<func::FuncOp>(createEncodeSparseWeightsPass());
  if (failed(pm.run(*quantized)))
    return failure();
  return quantized;
}
