//===- QuantizeCommand.cpp - mint quantize --------------------------------===//
//
// `mint quantize` imports a float model, runs `mint-quantize` in the chosen
// mode, measures the quantized model against the float one and, when all
// went well, writes the quantized .tflite (to a temporary file renamed into
// place, so a failure leaves no output, whole or partial) and prints what
// it gained:
// sizes, parameter bytes per element type, the ops left computing in float
// and the output SQNR of the quantized model against the float one, both
// compiled and run by Mint on the same samples.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "ModelLoading.h"
#include "ModelRunning.h"
#include "ModelSizes.h"
#include "Output.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Dialect/Mint/Transforms/TargetDescription.h"
#include "mint/Runtime/Calibration.h"
#include "mint/Runtime/QuantizeModel.h"
#include "mint/Target/TFLite/TFLite.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <cmath>
#include <map>

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::driver;

namespace {

/// The name of a mode as `--mode` spells it.
StringRef getModeName(QuantizationMode mode) {
  switch (mode) {
  case QuantizationMode::Float16:
    return "float16";
  case QuantizationMode::DynamicInt8:
    return "dynamic-int8";
  case QuantizationMode::Int8:
    return "int8";
  case QuantizationMode::Int16x8:
    return "int16x8";
  }
  llvm_unreachable("unknown mode");
}

/// How many compute ops (not constants, QUANTIZE or DEQUANTIZE) a module
/// has, how many of them compute on float tensors, and how many of those
/// take int8 weights (TFLite's hybrid kernels).
struct OpCounts {
  int64_t total = 0;
  int64_t inFloat = 0;
  int64_t hybrid = 0;
  /// Why ops stayed float (mint-quantize's mint.float_reason) and which
  /// TFLite ops they are.
  std::map<std::string, std::map<std::string, int64_t>> reasons;
};

OpCounts countOps(ModuleOp module) {
  OpCounts counts;
  auto isQuantized = [](Type type) {
    auto shaped = dyn_cast<ShapedType>(type);
    return shaped && isa<quant::QuantizedType>(shaped.getElementType());
  };
  module.walk([&](Operation *op) {
    // Conversions (QUANTIZE, DEQUANTIZE: of weights, at the model's float
    // inputs and outputs, around float ops; DENSIFY of sparse weights)
    // compute nothing themselves.
    if (!isa<MintDialect>(op->getDialect()) ||
        isa<ConstOp, SparseConstOp, NoValueOp, QuantizeOp, DequantizeOp,
            DensifyOp>(op))
      return;
    ++counts.total;
    if (llvm::any_of(op->getResultTypes(), [](Type type) {
          auto shaped = dyn_cast<ShapedType>(type);
          return shaped && isa<FloatType>(shaped.getElementType());
        })) {
      ++counts.inFloat;
      if (llvm::any_of(op->getOperandTypes(), isQuantized))
        ++counts.hybrid;
      if (auto reason = op->getAttrOfType<StringAttr>(kFloatReasonAttrName)) {
        std::string name = op->getName().stripDialect().upper();
        if (auto custom = dyn_cast<CustomOp>(op))
          name = custom.getCustomCode().str();
        ++counts.reasons[reason.str()][name];
      }
    }
  });
  return counts;
}

} // namespace

int mlir::mint::driver::runQuantizeCommand(const QuantizeOptions &options,
                                           llvm::raw_ostream &os) {
  MLIRContext context;
  OneLineDiagnostics diagnostics(&context);
  OwningOpRef<ModuleOp> floatModule = loadTFLiteModel(options.model, &context);
  if (!floatModule)
    return 1;
  CalibrationMethod method = CalibrationMethod::MinMax;
  double percentile = 99.99;
  StringRef methodName = options.calibrationMethod;
  if (methodName == "moving-average") {
    method = CalibrationMethod::MovingAverage;
  } else if (methodName == "percentile" ||
             methodName.starts_with("percentile=")) {
    method = CalibrationMethod::Percentile;
    if (methodName.consume_front("percentile=") &&
        (methodName.getAsDouble(percentile) || percentile <= 50.0 ||
         percentile > 100.0)) {
      llvm::errs() << "mint: error: --calibration-method percentile=P needs "
                      "50 < P <= 100, got '"
                   << methodName << "'\n";
      return 1;
    }
  } else if (methodName == "mse") {
    method = CalibrationMethod::Mse;
  } else if (methodName == "entropy") {
    method = CalibrationMethod::Entropy;
  } else if (methodName != "minmax") {
    llvm::errs() << "mint: error: unknown --calibration-method '" << methodName
                 << "' (minmax, moving-average, percentile, percentile=P, mse, "
                    "entropy)\n";
    return 1;
  }
  // An accelerator target: what it takes decides the defaults.
  std::optional<TargetDescription> target;
  if (!options.target.empty()) {
    target = loadTargetOption(options.target);
    if (!target)
      return 1;
    bool int16 = options.mode == QuantizationMode::Int16x8;
    if (options.mode != QuantizationMode::Int8 && !int16) {
      llvm::errs() << "mint: error: --target needs --mode int8 or int16x8\n";
      return 1;
    }
    StringRef activations = int16 ? "i16" : "i8";
    if (!llvm::is_contained(target->elementTypes, activations)) {
      llvm::errs() << "mint: error: " << target->name << " takes no "
                   << activations << " tensors; quantize with the other "
                   << "mode\n";
      return 1;
    }
    if (!target->perChannel) {
      llvm::errs() << "mint: error: " << target->name
                   << " takes one scale per weight tensor; Mint quantizes "
                      "weights per output channel only\n";
      return 1;
    }
  }
  QuantizedIOType ioType = QuantizedIOType::Float;
  std::string ioName = options.ioType;
  if (target && target->isIntegerOnly() && !options.ioType.getNumOccurrences())
    ioName = options.mode == QuantizationMode::Int16x8 ? "int16" : "int8";
  if (ioName == "uint8" && options.mode == QuantizationMode::Int8) {
    ioType = QuantizedIOType::UInt8;
  } else if ((ioName == "int8" && options.mode == QuantizationMode::Int8) ||
             (ioName == "int16" && options.mode == QuantizationMode::Int16x8)) {
    ioType = QuantizedIOType::Native;
  } else if (ioName != "float") {
    llvm::errs() << "mint: error: --io-type " << ioName
                 << " does not fit --mode " << getModeName(options.mode)
                 << " (int8: float, int8 or uint8; int16x8: float or int16; "
                    "float16 and dynamic-int8 keep float inputs and outputs)\n";
    return 1;
  }
  if (options.int8Only && options.mode != QuantizationMode::Int8) {
    llvm::errs() << "mint: error: --int8-only needs --mode int8\n";
    return 1;
  }
  if (options.biasCorrection && options.data.empty()) {
    llvm::errs() << "mint: error: --bias-correction needs --data (the "
                    "per-channel means of the calibration samples)\n";
    return 1;
  }
  if (options.fakeQuant &&
      (options.mode != QuantizationMode::Int8 || options.data.empty())) {
    llvm::errs() << "mint: error: --fake-quant needs --mode int8 and --data "
                    "(it writes the calibrated ranges as FAKE_QUANT ops)\n";
    return 1;
  }
  QuantizeModelOptions quantizeOptions;
  QuantizePassOptions &passOptions = quantizeOptions.pass;
  passOptions.mode = options.mode;
  passOptions.calibrationMethod = method;
  passOptions.percentile = percentile;
  passOptions.minWeightElements = options.minWeightElements;
  passOptions.ioType = ioType;
  passOptions.int8Only = options.int8Only;
  passOptions.biasCorrection = options.biasCorrection;
  passOptions.denyOps = llvm::to_vector(options.denyOps);
  passOptions.denyNames = options.denyNames;
  quantizeOptions.equalize = options.equalize;
  quantizeOptions.fakeQuant = options.fakeQuant;
  quantizeOptions.sparseEncoding = options.sparseEncoding;
  if (failed(prepareForQuantization(*floatModule, quantizeOptions)))
    return 1;
  // Ranges learned by quantization-aware training stand in for calibration.
  bool calibrates = calibratesActivations(options.mode);
  if (calibrates && options.data.empty() && !hasLearnedRanges(*floatModule)) {
    llvm::errs() << "mint: error: --mode " << getModeName(options.mode)
                 << " calibrates on representative samples; give --data "
                    "(or a model with ranges from quantization-aware "
                    "training)\n";
    return 1;
  }
  func::FuncOp floatEntry = findModelEntry(*floatModule);
  SmallVector<TensorSpec> inputSpecs, outputs;
  if (!floatEntry ||
      failed(getModelTensorSpecs(floatEntry, inputSpecs, outputs)))
    return 1;
  std::string samplesDescription;
  std::optional<std::vector<std::vector<NpyArray>>> samples =
      loadSamples(options.data, inputSpecs, /*randomCount=*/8,
                  samplesDescription, options.images);
  if (!samples)
    return 1;

  // The float model's outputs on the samples, for the output SQNR: the
  // calibrator runs the float model on every sample, so they are recorded
  // as it goes instead of compiling the float model once more.
  bool calibrating = calibrates && !options.data.empty();
  std::vector<std::vector<NpyArray>> floatOutputs;
  auto recordOutputs = [&](const Calibrator &calibrator) {
    std::vector<NpyArray> arrays;
    for (size_t i = 0; i < outputs.size(); ++i) {
      const TensorSpec &spec = calibrator.getOutputSpec(i);
      NpyArray array;
      array.kind = spec.kind;
      array.shape = spec.shape;
      const char *data = static_cast<const char *>(calibrator.getOutputData(i));
      array.data.assign(data, data + spec.getByteSize());
      arrays.push_back(std::move(array));
    }
    floatOutputs.push_back(std::move(arrays));
  };
  // quantizeModel compiles the float model before it calibrates.
  std::optional<Progress> compiling;
  if (calibrating)
    compiling.emplace("compiling the float model to calibrate");
  auto calibrate = [&](Calibrator &calibrator) {
    compiling.reset();
    return runCalibration(calibrator, *samples, recordOutputs);
  };
  FailureOr<OwningOpRef<ModuleOp>> quantizedOr = quantizeModel(
      *floatModule, quantizeOptions,
      calibrating ? llvm::function_ref<LogicalResult(Calibrator &)>(calibrate)
                  : nullptr);
  compiling.reset();
  if (failed(quantizedOr))
    return 1;
  OwningOpRef<ModuleOp> quantized = std::move(*quantizedOr);

  // Output SQNR of the quantized model against the float one, both run by
  // Mint on the same samples.
  FailureOr<std::unique_ptr<CompiledModel>> quantizedModel =
      compileModel(*quantized, "the quantized model");
  if (failed(quantizedModel))
    return 1;
  std::optional<std::vector<std::optional<double>>> sqnr;
  if (calibrating) {
    sqnr =
        measureOutputSqnr(floatOutputs, **quantizedModel, *quantized, *samples);
  } else {
    FailureOr<std::unique_ptr<CompiledModel>> floatModel =
        compileModel(*floatModule, "the float model");
    if (failed(floatModel))
      return 1;
    sqnr =
        measureOutputSqnr(**floatModel, **quantizedModel, *quantized, *samples);
  }
  if (!sqnr)
    return 1;

  // The reasons have been counted; they are not part of the model.
  OpCounts ops = countOps(*quantized);
  quantized->walk([](Operation *op) { op->removeAttr(kFloatReasonAttrName); });

  // What the target cannot run of the result (mint compile --target
  // --allow-fallback leaves it to the CPU).
  SmallVector<std::string> targetMisfits;
  int64_t targetOps = 0;
  if (func::FuncOp entry = target ? findModelEntry(*quantized) : nullptr)
    forEachTargetOp(entry, *target,
                    [&](Operation *op, ArrayRef<std::string> reasons) {
                      ++targetOps;
                      if (!reasons.empty())
                        targetMisfits.push_back(describeOpForTarget(op) + ": " +
                                                llvm::join(reasons, "; "));
                    });

  // Written last, so that a failure anywhere leaves no output file.
  if (failed(writeTFLiteModel(*quantized, options.output)))
    return 1;
  uint64_t inputSize = 0, outputSize = 0;
  llvm::sys::fs::file_size(options.model, inputSize);
  llvm::sys::fs::file_size(options.output, outputSize);
  std::map<std::string, int64_t> before = countParameterBytes(*floatModule);
  std::map<std::string, int64_t> after = countParameterBytes(*quantized);
  if (options.json) {
    os << "{\"mode\": \"" << getModeName(options.mode)
       << (options.fakeQuant ? "-fake-quant" : "") << "\", "
       << "\"input_bytes\": " << inputSize
       << ", \"output_bytes\": " << outputSize
       << ", \"parameter_bytes_before\": {"
       << formatParameterBytes(before, true)
       << "}, \"parameter_bytes_after\": {" << formatParameterBytes(after, true)
       << "}, \"ops\": " << ops.total << ", \"float_ops\": " << ops.inFloat
       << ", \"hybrid_ops\": " << ops.hybrid << ", \"float_reasons\": {";
    for (auto [index, entry] : llvm::enumerate(ops.reasons)) {
      os << (index ? ", " : "") << "\"" << entry.first << "\": {";
      for (auto [inner, op] : llvm::enumerate(entry.second))
        os << (inner ? ", " : "") << "\"" << op.first << "\": " << op.second;
      os << "}";
    }
    os << "}";
    if (target) {
      os << ", \"target\": " << llvm::json::Value(target->name)
         << ", \"target_misfits\": [";
      for (auto [index, line] : llvm::enumerate(targetMisfits))
        os << (index ? ", " : "") << llvm::json::Value(line);
      os << "]";
    }
    os << ", \"samples\": " << samples->size() << ", \"sqnr_db\": [";
    for (size_t i = 0; i < outputs.size(); ++i)
      os << (i ? ", " : "") << formatOutputSqnr((*sqnr)[i], true);
    os << "]}\n";
    return 0;
  }
  os << llvm::formatv("mode        {0}{1}\n", getModeName(options.mode),
                      options.fakeQuant ? ", fake-quantized float model for "
                                          "quantization-aware training"
                                        : "")
     << llvm::formatv("size        {0} B -> {1} B ({2:f1}%)\n", inputSize,
                      outputSize,
                      inputSize ? 100.0 * outputSize / inputSize : 0.0)
     << "parameters  " << formatParameterBytes(before, false) << " -> "
     << formatParameterBytes(after, false) << "\n"
     << llvm::formatv("float ops   {0} of {1}", ops.inFloat, ops.total);
  if (options.mode == QuantizationMode::Float16)
    os << " (float16 stores weights in half precision; compute stays "
          "float32)";
  else if (options.mode == QuantizationMode::DynamicInt8)
    os << llvm::formatv(" (activations stay float; {0} take int8 weights "
                        "and run TFLite's hybrid kernels, the rest have "
                        "no hybrid kernel or weights under {1} values)",
                        ops.hybrid, options.minWeightElements);
  if (!ops.reasons.empty()) {
    os << "; left in float:";
    for (auto [index, entry] : llvm::enumerate(ops.reasons)) {
      os << (index ? ";" : "") << " " << entry.first << " (";
      for (auto [inner, op] : llvm::enumerate(entry.second))
        os << (inner ? ", " : "") << op.second << " " << op.first;
      os << ")";
    }
  }
  os << "\n";
  if (target) {
    if (targetMisfits.empty())
      os << "target      " << target->name << " runs all " << targetOps
         << " ops\n";
    else
      os << "target      " << target->name << " cannot run "
         << targetMisfits.size() << " of " << targetOps
         << " ops (mint compile --allow-fallback leaves them to the CPU):\n";
    for (const std::string &line : targetMisfits)
      os << "              " << line << "\n";
  }
  os << "output SQNR over " << samplesDescription << ":\n";
  for (size_t i = 0; i < outputs.size(); ++i)
    os << "  " << outputs[i].name << "  " << formatOutputSqnr((*sqnr)[i], false)
       << "\n";
  os << "wrote       " << options.output << "\n";
  return 0;
}
