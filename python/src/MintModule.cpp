//===- MintModule.cpp - The mint._mint Python extension -------------------===//
//
// Binds the parts of Mint's C++ library that the Python package `mint`
// builds on: importing a .tflite model (its MLIR text, for compiler
// people), and compiling it for this CPU and running it on numpy arrays
// (CompiledModel). Inputs are read in place when they are C-contiguous
// arrays of the model's type and shape; outputs are new numpy arrays that
// the model writes into directly. Every error raises mint.Error with
// Mint's located message; nothing aborts the interpreter.
//
//===----------------------------------------------------------------------===//

#include "mint/Conversion/Passes.h"
#include "mint/Dialect/Mint/IR/MintDialect.h"
#include "mint/Runtime/CPUPipeline.h"
#include "mint/Runtime/Calibration.h"
#include "mint/Runtime/CompareModels.h"
#include "mint/Runtime/CompiledModel.h"
#include "mint/Runtime/QuantizeModel.h"
#include "mint/Runtime/Refit.h"
#include "mint/Target/TFLite/TFLite.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace nb = nanobind;
using namespace mlir;
using namespace mlir::mint;

namespace {

/// The Python exception every Mint error raises (mint.Error); a strong
/// reference kept for the life of the process.
PyObject *errorType = PyExc_RuntimeError;

[[noreturn]] void raiseError(const std::string &message) {
  PyErr_SetString(errorType, message.c_str());
  throw nb::python_error();
}

/// Where a diagnostic points, as the `mint` driver and compilers print it:
/// "file:line:col" (the file alone for a .tflite, whose locations carry
/// no line), or "<model>" when the location names no file.
std::string describeLocation(Location loc) {
  std::string result = "<model>";
  loc->walk([&](Location part) {
    if (auto file = dyn_cast<FileLineColLoc>(part)) {
      result = file.getFilename().str();
      if (file.getLine())
        result += ":" + std::to_string(file.getLine()) + ":" +
                  std::to_string(file.getColumn());
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return result;
}

/// Collects the diagnostics emitted on a context while it lives, one line
/// each, as the `mint` driver prints them.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(MLIRContext &context) : context(context) {
    context.printOpOnDiagnostic(false);
    handler = context.getDiagEngine().registerHandler([this](Diagnostic &d) {
      std::string line;
      llvm::raw_string_ostream os(line);
      os << describeLocation(d.getLocation()) << ": ";
      if (d.getSeverity() == DiagnosticSeverity::Error)
        os << "error: ";
      else if (d.getSeverity() == DiagnosticSeverity::Warning)
        os << "warning: ";
      os << d.str();
      if (!messages.empty())
        messages += "\n";
      messages += line;
      return success();
    });
  }
  ~DiagnosticCollector() { context.getDiagEngine().eraseHandler(handler); }

  /// Raises mint.Error with what was collected, or `fallback`.
  [[noreturn]] void raise(const std::string &fallback) {
    raiseError(messages.empty() ? fallback : messages);
  }

private:
  MLIRContext &context;
  DiagnosticEngine::HandlerID handler;
  std::string messages;
};

OwningOpRef<ModuleOp> importModel(MLIRContext &context,
                                  DiagnosticCollector &diagnostics,
                                  nb::bytes model, const std::string &name) {
  std::unique_ptr<llvm::MemoryBuffer> buffer = llvm::MemoryBuffer::getMemBuffer(
      llvm::StringRef(static_cast<const char *>(model.data()), model.size()),
      name, /*RequiresNullTerminator=*/false);
  TFLiteImportOptions options;
  options.fileName = name;
  OwningOpRef<ModuleOp> module =
      importTFLiteModel(buffer->getMemBufferRef(), &context, options);
  if (!module)
    diagnostics.raise(name + ": cannot import the model");
  return module;
}

/// numpy's dtype of a model tensor element kind.
nb::dlpack::dtype getDType(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return nb::dtype<float>();
  case ElementKind::F16:
    return {static_cast<uint8_t>(nb::dlpack::dtype_code::Float), 16, 1};
  case ElementKind::I8:
    return nb::dtype<int8_t>();
  case ElementKind::U8:
    return nb::dtype<uint8_t>();
  case ElementKind::I16:
    return nb::dtype<int16_t>();
  case ElementKind::I32:
    return nb::dtype<int32_t>();
  case ElementKind::I64:
    return nb::dtype<int64_t>();
  case ElementKind::Bool:
    return nb::dtype<bool>();
  }
  return nb::dtype<float>();
}

using Details = std::tuple<std::string, std::string, std::vector<int64_t>>;

std::vector<Details> describe(ArrayRef<TensorSpec> specs) {
  std::vector<Details> result;
  for (const TensorSpec &spec : specs)
    result.emplace_back(
        spec.name, getElementKindName(spec.kind).str(),
        std::vector<int64_t>(spec.shape.begin(), spec.shape.end()));
  return result;
}

using InputArray = nb::ndarray<nb::device::cpu>;
using OutputArray = nb::ndarray<nb::numpy>;

/// Raises unless `array` holds a C-contiguous tensor of `spec`'s element
/// type and shape, so that its data can be read in place; `what` names it
/// in the message.
void checkArrayFits(const InputArray &array, const TensorSpec &spec,
                    const std::string &what) {
  bool sameShape = array.ndim() == spec.shape.size();
  for (size_t d = 0; sameShape && d < array.ndim(); ++d)
    sameShape = array.shape(d) == static_cast<size_t>(spec.shape[d]);
  if (array.dtype() != getDType(spec.kind) || !sameShape)
    raiseError(what + " ('" + spec.name + "') must be " +
               describeTensorType(spec.kind, spec.shape));
  // C-contiguous: the strides of a row-major array of this shape.
  int64_t stride = 1;
  for (size_t d = array.ndim(); d-- > 0;) {
    if (array.shape(d) > 1 && array.stride(d) != stride)
      raiseError(what + " ('" + spec.name + "') must be C-contiguous");
    stride *= static_cast<int64_t>(array.shape(d));
  }
}

/// A .tflite model compiled for this CPU.
class Model {
public:
  Model(nb::bytes bytes, const std::string &name, unsigned threads,
        bool paletteLookups) {
    DiagnosticCollector diagnostics(context);
    OwningOpRef<ModuleOp> module =
        importModel(context, diagnostics, bytes, name);
    CompileOptions options;
    options.pipeline.threads = threads == 0 ? 1 : threads;
    options.pipeline.paletteLookups = paletteLookups;
    FailureOr<std::unique_ptr<CompiledModel>> model;
    {
      nb::gil_scoped_release release;
      model = CompiledModel::create(*module, options);
    }
    if (failed(model))
      diagnostics.raise(name + ": cannot compile the model");
    compiled = std::move(*model);
  }

  std::vector<Details> getInputs() const {
    return describe(compiled->getInputs());
  }
  std::vector<Details> getOutputs() const {
    return describe(compiled->getOutputs());
  }
  double getCompileSeconds() const { return compiled->getCompileSeconds(); }

  /// Runs the model on `inputs`, one C-contiguous array per model input
  /// of its dtype and shape (read in place); returns new output arrays.
  std::vector<OutputArray> run(const std::vector<InputArray> &inputs) {
    ArrayRef<TensorSpec> specs = compiled->getInputs();
    if (inputs.size() != specs.size())
      raiseError("the model takes " + std::to_string(specs.size()) +
                 " inputs, got " + std::to_string(inputs.size()));
    std::vector<const void *> inputData;
    for (auto [index, array] : llvm::enumerate(inputs)) {
      checkArrayFits(array, specs[index], "input " + std::to_string(index));
      inputData.push_back(array.data());
    }

    std::vector<OutputArray> outputs;
    std::vector<void *> outputData;
    for (const TensorSpec &spec : compiled->getOutputs()) {
      char *data = new char[std::max<size_t>(spec.getByteSize(), 1)];
      nb::capsule owner(
          data, [](void *p) noexcept { delete[] static_cast<char *>(p); });
      std::vector<size_t> shape(spec.shape.begin(), spec.shape.end());
      outputs.emplace_back(data, shape.size(), shape.data(), owner,
                           /*strides=*/nullptr, getDType(spec.kind));
      outputData.push_back(data);
    }
    llvm::Error error = llvm::Error::success();
    {
      nb::gil_scoped_release release;
      error = compiled->run(inputData, outputData);
    }
    if (error)
      raiseError(llvm::toString(std::move(error)));
    return outputs;
  }

private:
  MLIRContext context;
  std::unique_ptr<CompiledModel> compiled;
};

/// `module` as MLIR text, with its locations when `debugInfo`.
std::string printModule(ModuleOp module, bool debugInfo) {
  std::string text;
  llvm::raw_string_ostream os(text);
  OpPrintingFlags flags;
  if (debugInfo)
    flags.enableDebugInfo();
  module->print(os, flags);
  return text;
}

/// The MLIR (mint dialect) of a .tflite model, as `mint-translate
/// --import-tflite` prints it.
std::string importToMLIR(nb::bytes bytes, const std::string &name,
                         bool debugInfo) {
  MLIRContext context;
  DiagnosticCollector diagnostics(context);
  OwningOpRef<ModuleOp> module = importModel(context, diagnostics, bytes, name);
  return printModule(*module, debugInfo);
}

/// The enumerator that `value` names among `choices`; raises mint.Error
/// listing the names otherwise.
template <typename Enum>
Enum parseChoice(const std::string &value,
                 std::initializer_list<std::pair<StringRef, Enum>> choices,
                 StringRef what) {
  for (const auto &[name, enumerator] : choices)
    if (name == value)
      return enumerator;
  std::string names;
  for (const auto &choice : choices)
    names += (names.empty() ? "" : ", ") + choice.first.str();
  raiseError("unknown " + what.str() + " '" + value + "' (" + names + ")");
}

/// Options of quantize(), as the Python converter passes them.
struct QuantizeArguments {
  std::string mode = "int8";
  std::string ioType = "float";
  std::string calibrationMethod = "minmax";
  double percentile = 99.99;
  int64_t minWeightElements = 1024;
  bool int8Only = false;
  bool equalize = false;
  bool biasCorrection = false;
  std::vector<std::string> denyOps;
  std::string denyNames;
};

QuantizeModelOptions parseQuantizeArguments(const QuantizeArguments &args) {
  QuantizeModelOptions options;
  QuantizePassOptions &pass = options.pass;
  pass.mode = parseChoice<QuantizationMode>(
      args.mode,
      {{"float16", QuantizationMode::Float16},
       {"dynamic-int8", QuantizationMode::DynamicInt8},
       {"int8", QuantizationMode::Int8},
       {"int16x8", QuantizationMode::Int16x8}},
      "quantization mode");
  bool int16 = pass.mode == QuantizationMode::Int16x8;
  if (args.ioType == "float")
    pass.ioType = QuantizedIOType::Float;
  else if ((args.ioType == "int8" && pass.mode == QuantizationMode::Int8) ||
           (args.ioType == "int16" && int16))
    pass.ioType = QuantizedIOType::Native;
  else if (args.ioType == "uint8" && pass.mode == QuantizationMode::Int8)
    pass.ioType = QuantizedIOType::UInt8;
  else
    raiseError("inputs and outputs of type '" + args.ioType +
               "' do not fit mode '" + args.mode +
               "' (int8: float, int8 or uint8; int16x8: float or int16; "
               "float16 and dynamic-int8 keep float ones)");
  pass.calibrationMethod = parseChoice<CalibrationMethod>(
      args.calibrationMethod,
      {{"minmax", CalibrationMethod::MinMax},
       {"moving-average", CalibrationMethod::MovingAverage},
       {"percentile", CalibrationMethod::Percentile},
       {"mse", CalibrationMethod::Mse},
       {"entropy", CalibrationMethod::Entropy}},
      "calibration method");
  if (!(args.percentile > 50.0 && args.percentile <= 100.0))
    raiseError("the percentile must be in (50, 100], got " +
               std::to_string(args.percentile));
  pass.percentile = args.percentile;
  if (args.minWeightElements < 0)
    raiseError("min_weight_elements must be at least 0");
  pass.minWeightElements = args.minWeightElements;
  if (args.int8Only && pass.mode != QuantizationMode::Int8)
    raiseError("int8_only needs mode int8");
  pass.int8Only = args.int8Only;
  pass.biasCorrection = args.biasCorrection;
  pass.denyOps.assign(args.denyOps.begin(), args.denyOps.end());
  pass.denyNames = args.denyNames;
  options.equalize = args.equalize;
  return options;
}

/// The input specs of `module`'s entry; raises if they cannot be read.
SmallVector<TensorSpec> getInputSpecs(ModuleOp module,
                                      DiagnosticCollector &diagnostics,
                                      const std::string &name) {
  func::FuncOp entry = findModelEntry(module);
  SmallVector<TensorSpec> specs, outputSpecs;
  if (!entry || failed(getModelTensorSpecs(entry, specs, outputSpecs)))
    diagnostics.raise(name + ": cannot read the model's inputs");
  return specs;
}

/// Checks each of `samples` (one array per model input) against the model's
/// input `specs`, before any work; returns their data pointers.
std::vector<std::vector<const void *>>
checkSamples(ArrayRef<TensorSpec> specs,
             const std::vector<std::vector<InputArray>> &samples) {
  std::vector<std::vector<const void *>> sampleData;
  for (auto [index, sample] : llvm::enumerate(samples)) {
    if (sample.size() != specs.size())
      raiseError("representative sample " + std::to_string(index) + " has " +
                 std::to_string(sample.size()) + " arrays; the model takes " +
                 std::to_string(specs.size()) + " inputs");
    std::vector<const void *> data;
    for (auto [input, array] : llvm::enumerate(sample)) {
      checkArrayFits(array, specs[input],
                     "representative sample " + std::to_string(index) +
                         ", input " + std::to_string(input));
      data.push_back(array.data());
    }
    sampleData.push_back(std::move(data));
  }
  return sampleData;
}

/// Quantizes a .tflite model (bytes) as `mint quantize` does, calibrated on
/// `samples` (one list of float32 arrays, one per model input, each);
/// returns the quantized .tflite.
nb::bytes quantize(nb::bytes bytes, const std::string &name,
                   const QuantizeArguments &args,
                   const std::vector<std::vector<InputArray>> &samples) {
  QuantizeModelOptions options = parseQuantizeArguments(args);
  if (options.pass.biasCorrection && samples.empty())
    raiseError("bias correction needs representative samples (the "
               "per-channel means of the calibration samples)");
  MLIRContext context;
  DiagnosticCollector diagnostics(context);
  OwningOpRef<ModuleOp> module = importModel(context, diagnostics, bytes, name);
  if (failed(prepareForQuantization(*module, options)))
    diagnostics.raise(name + ": cannot prepare the model for quantization");

  // Each sample's inputs, checked against the model's before any work.
  std::vector<std::vector<const void *>> sampleData;
  bool calibrates = calibratesActivations(options.pass.mode);
  if (calibrates && !samples.empty())
    sampleData =
        checkSamples(getInputSpecs(*module, diagnostics, name), samples);

  std::string calibrationError;
  auto addSamples = [&](Calibrator &calibrator) -> LogicalResult {
    for (const std::vector<const void *> &inputs : sampleData)
      if (llvm::Error error = calibrator.addSample(inputs)) {
        calibrationError = llvm::toString(std::move(error));
        return failure();
      }
    return success();
  };
  FailureOr<OwningOpRef<ModuleOp>> quantized;
  {
    nb::gil_scoped_release release;
    quantized = quantizeModel(
        *module, options,
        sampleData.empty()
            ? nullptr
            : llvm::function_ref<LogicalResult(Calibrator &)>(addSamples));
  }
  if (!calibrationError.empty())
    raiseError(name + ": calibration failed: " + calibrationError);
  if (failed(quantized))
    diagnostics.raise(name + ": cannot quantize the model");
  std::string result;
  llvm::raw_string_ostream os(result);
  if (failed(exportTFLiteModel(**quantized, os)))
    diagnostics.raise(name + ": cannot write the quantized model");
  return nb::bytes(result.data(), result.size());
}

/// A layer pruning or clustering left alone: its tensor name, its TFLite
/// op and why.
using SkippedLayer = std::tuple<std::string, std::string, std::string>;

/// Runs after the weights changed, with the model before (float32) and
/// after; fails with diagnostics emitted.
using RefineWeights =
    std::function<LogicalResult(ModuleOp original, ModuleOp changed)>;

/// The flow `mint prune` and `mint cluster` share, on model bytes: float32
/// weights, `addPass` (the pass that changes them), `refine` (if given),
/// then palettes (`palettizeMinElements` >= 0) and sparse encoding. Returns
/// the new .tflite and the layers the pass skipped.
std::tuple<nb::bytes, std::vector<SkippedLayer>>
compressWeights(MLIRContext &context, DiagnosticCollector &diagnostics,
                OwningOpRef<ModuleOp> module, const std::string &name,
                llvm::function_ref<void(PassManager &)> addPass,
                StringRef skippedAttrName, int64_t palettizeMinElements,
                bool sparseEncoding, const RefineWeights &refine = nullptr) {
  std::vector<SkippedLayer> skipped;
  {
    nb::gil_scoped_release release;
    PassManager widen(&context);
    widen.addNestedPass<func::FuncOp>(createDensifyPass());
    widen.addNestedPass<func::FuncOp>(createFoldF16WeightsPass());
    PassManager pm(&context);
    addPass(pm);
    bool changed = succeeded(widen.run(*module));
    OwningOpRef<ModuleOp> original;
    if (changed && refine)
      original = module->clone();
    changed = changed && succeeded(pm.run(*module)) &&
              (!refine || succeeded(refine(*original, *module)));
    if (changed) {
      module->walk([&](Operation *op) {
        auto reason = op->getAttrOfType<StringAttr>(skippedAttrName);
        if (!reason)
          return;
        SmallVector<std::string> names =
            getTFLiteTensorNames(op->getLoc(), op->getNumResults());
        skipped.emplace_back(names.empty() ? std::string() : names.front(),
                             op->getName().stripDialect().upper(),
                             reason.str());
        op->removeAttr(skippedAttrName);
      });
      PassManager encode(&context);
      if (palettizeMinElements >= 0) {
        PalettizeWeightsPassOptions palettize;
        palettize.minElements = palettizeMinElements;
        encode.addNestedPass<func::FuncOp>(
            createPalettizeWeightsPass(palettize));
      }
      if (sparseEncoding)
        encode.addNestedPass<func::FuncOp>(createEncodeSparseWeightsPass());
      if (failed(encode.run(*module)))
        module = nullptr;
      else
        module->walk(
            [](Operation *op) { op->removeAttr(kPalettizeSkippedAttrName); });
    } else {
      module = nullptr;
    }
  }
  if (!module)
    diagnostics.raise(name + ": cannot change the model's weights");
  std::string result;
  llvm::raw_string_ostream os(result);
  if (failed(exportTFLiteModel(*module, os)))
    diagnostics.raise(name + ": cannot write the model");
  return {nb::bytes(result.data(), result.size()), std::move(skipped)};
}

/// Prunes as `mint prune` does; with `refit`, refits the kept weights on
/// `samples` (one float32 array per model input each) as --refit does.
std::tuple<nb::bytes, std::vector<SkippedLayer>>
prune(nb::bytes bytes, const std::string &name, double sparsity,
      const std::string &pattern, int64_t minElements, double maxWeightError,
      const std::vector<std::string> &schedule, bool sparseEncoding, bool refit,
      const std::vector<std::vector<InputArray>> &samples) {
  PrunePassOptions options;
  options.sparsity = sparsity;
  options.pattern = pattern;
  options.minElements = minElements;
  options.maxWeightError = maxWeightError;
  options.schedule.assign(schedule.begin(), schedule.end());
  if (refit && samples.empty())
    raiseError("refit needs representative samples (the layers' inputs to "
               "fit on)");
  MLIRContext context;
  DiagnosticCollector diagnostics(context);
  OwningOpRef<ModuleOp> module = importModel(context, diagnostics, bytes, name);
  // The refit reads the samples as arrays of the model's inputs.
  std::vector<std::vector<NpyArray>> refitSamples;
  if (refit) {
    SmallVector<TensorSpec> specs = getInputSpecs(*module, diagnostics, name);
    std::vector<std::vector<const void *>> data = checkSamples(specs, samples);
    for (const std::vector<const void *> &sample : data) {
      std::vector<NpyArray> arrays;
      for (auto [input, pointer] : llvm::enumerate(sample)) {
        NpyArray array;
        array.kind = specs[input].kind;
        array.shape.assign(specs[input].shape.begin(),
                           specs[input].shape.end());
        const char *begin = static_cast<const char *>(pointer);
        array.data.assign(begin, begin + specs[input].getByteSize());
        arrays.push_back(std::move(array));
      }
      refitSamples.push_back(std::move(arrays));
    }
  }
  RefineWeights refine;
  if (refit)
    refine = [&](ModuleOp original, ModuleOp pruned) -> LogicalResult {
      return refitPrunedWeights(original, pruned, refitSamples);
    };
  return compressWeights(
      context, diagnostics, std::move(module), name,
      [&](PassManager &pm) {
        pm.addNestedPass<func::FuncOp>(createPrunePass(options));
      },
      kPruneSkippedAttrName, /*palettizeMinElements=*/-1, sparseEncoding,
      refine);
}

std::tuple<nb::bytes, std::vector<SkippedLayer>>
cluster(nb::bytes bytes, const std::string &name, int64_t clusters,
        const std::string &init, bool perChannel, int64_t minElements,
        uint64_t seed, bool palettize, bool sparseEncoding) {
  ClusterPassOptions options;
  options.clusters = clusters;
  options.init =
      parseChoice<ClusterInit>(init,
                               {{"linear", ClusterInit::Linear},
                                {"random", ClusterInit::Random},
                                {"density", ClusterInit::Density},
                                {"kmeans++", ClusterInit::KMeansPlusPlus}},
                               "initialization");
  options.perChannel = perChannel;
  options.minElements = minElements;
  options.seed = seed;
  MLIRContext context;
  DiagnosticCollector diagnostics(context);
  OwningOpRef<ModuleOp> module = importModel(context, diagnostics, bytes, name);
  return compressWeights(
      context, diagnostics, std::move(module), name,
      [&](PassManager &pm) {
        pm.addNestedPass<func::FuncOp>(createClusterPass(options));
      },
      kClusterSkippedAttrName, palettize ? minElements : -1, sparseEncoding);
}

/// One row of a comparison: name, op, order, SQNR (dB), relative error,
/// largest error.
using ErrorRow =
    std::tuple<std::string, std::string, size_t, double, double, double>;

std::vector<ErrorRow> toRows(const std::vector<TensorError> &errors) {
  std::vector<ErrorRow> rows;
  for (const TensorError &error : errors)
    rows.emplace_back(error.name, error.op, error.order, error.getSqnr(),
                      error.getRelativeError(), error.maxError);
  return rows;
}

/// Compares `candidate` (bytes of a quantized version of `reference`) with
/// `reference` on `samples` (float32 arrays, one per input each), as
/// `mint compare` does: (outputs, layers) rows.
std::tuple<std::vector<ErrorRow>, std::vector<ErrorRow>>
compare(nb::bytes reference, const std::string &referenceName,
        nb::bytes candidate, const std::string &candidateName,
        const std::vector<std::vector<InputArray>> &samples) {
  MLIRContext context;
  DiagnosticCollector diagnostics(context);
  OwningOpRef<ModuleOp> referenceModule =
      importModel(context, diagnostics, reference, referenceName);
  OwningOpRef<ModuleOp> candidateModule =
      importModel(context, diagnostics, candidate, candidateName);
  std::vector<std::vector<NpyArray>> arrays;
  for (const std::vector<InputArray> &sample : samples) {
    std::vector<NpyArray> inputs;
    for (const InputArray &array : sample) {
      if (array.dtype() != nb::dtype<float>())
        raiseError("samples must be float32 arrays");
      NpyArray copy;
      copy.kind = ElementKind::F32;
      for (size_t d = 0; d < array.ndim(); ++d)
        copy.shape.push_back(static_cast<int64_t>(array.shape(d)));
      const char *data = static_cast<const char *>(array.data());
      copy.data.assign(data, data + array.nbytes());
      inputs.push_back(std::move(copy));
    }
    arrays.push_back(std::move(inputs));
  }
  FailureOr<ModelComparison> comparison;
  {
    nb::gil_scoped_release release;
    comparison = compareModels(*referenceModule, *candidateModule, arrays);
  }
  if (failed(comparison))
    diagnostics.raise(candidateName + ": cannot compare the models");
  return {toRows(comparison->outputs), toRows(comparison->layers)};
}

/// Runs the textual pass pipeline `pipeline` (any pass `mint-opt` has) on
/// a model given as .tflite bytes or as MLIR text; returns the MLIR text.
std::string runPasses(nb::bytes model, bool isText, const std::string &name,
                      const std::string &pipeline, bool debugInfo) {
  static bool registered = [] {
    registerAllPasses();
    registerMintPasses();
    registerMintConversionPasses();
    registerCPUPipelines();
    return true;
  }();
  (void)registered;
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<MintDialect>();
  registerCPUPipelineDependencies(registry);
  MLIRContext context(registry);
  DiagnosticCollector diagnostics(context);
  OwningOpRef<ModuleOp> module;
  if (isText) {
    ParserConfig config(&context);
    module = parseSourceString<ModuleOp>(
        llvm::StringRef(static_cast<const char *>(model.data()), model.size()),
        config, name);
    if (!module)
      diagnostics.raise(name + ": cannot parse the MLIR");
  } else {
    module = importModel(context, diagnostics, model, name);
  }
  PassManager pm(&context);
  std::string parseErrors;
  llvm::raw_string_ostream errorStream(parseErrors);
  if (failed(parsePassPipeline(pipeline, pm, errorStream)))
    raiseError("cannot parse the pass pipeline '" + pipeline +
               "': " + parseErrors);
  LogicalResult result = success();
  {
    nb::gil_scoped_release release;
    result = pm.run(*module);
  }
  if (failed(result))
    diagnostics.raise(name + ": the pass pipeline failed");
  return printModule(*module, debugInfo);
}

} // namespace

NB_MODULE(_mint, m) {
  m.doc() = "Mint's C++ library: import and run .tflite models";
  m.def(
      "set_error_type",
      [](nb::handle type) {
        Py_INCREF(type.ptr());
        errorType = type.ptr();
      },
      "Sets the exception class Mint's errors raise (mint.Error).");
  m.def("import_tflite", &importToMLIR, nb::arg("model"),
        nb::arg("name") = "<model>", nb::arg("debug_info") = false,
        "The MLIR (mint dialect) of a .tflite model given as bytes.");
  nb::class_<QuantizeArguments>(m, "QuantizeArguments")
      .def(nb::init<>())
      .def_rw("mode", &QuantizeArguments::mode)
      .def_rw("io_type", &QuantizeArguments::ioType)
      .def_rw("calibration_method", &QuantizeArguments::calibrationMethod)
      .def_rw("percentile", &QuantizeArguments::percentile)
      .def_rw("min_weight_elements", &QuantizeArguments::minWeightElements)
      .def_rw("int8_only", &QuantizeArguments::int8Only)
      .def_rw("equalize", &QuantizeArguments::equalize)
      .def_rw("bias_correction", &QuantizeArguments::biasCorrection)
      .def_rw("deny_ops", &QuantizeArguments::denyOps)
      .def_rw("deny_names", &QuantizeArguments::denyNames);
  m.def("quantize", &quantize, nb::arg("model"), nb::arg("name"),
        nb::arg("arguments"), nb::arg("samples"),
        "Quantizes a .tflite model (bytes) as `mint quantize` does; returns "
        "the quantized .tflite.");
  m.def("prune", &prune, nb::arg("model"), nb::arg("name"), nb::arg("sparsity"),
        nb::arg("pattern"), nb::arg("min_elements"),
        nb::arg("max_weight_error"), nb::arg("schedule"),
        nb::arg("sparse_encoding"), nb::arg("refit"), nb::arg("samples"),
        "Prunes a .tflite model's weights as `mint prune` does (with "
        "`refit`, refitted on `samples` as --refit does); returns the "
        "new .tflite and the layers left alone (name, op, why).");
  m.def("cluster", &cluster, nb::arg("model"), nb::arg("name"),
        nb::arg("clusters"), nb::arg("init"), nb::arg("per_channel"),
        nb::arg("min_elements"), nb::arg("seed"), nb::arg("palettize"),
        nb::arg("sparse_encoding"),
        "Clusters a .tflite model's weights as `mint cluster` does; returns "
        "the new .tflite and the layers left alone (name, op, why).");
  m.def("compare", &compare, nb::arg("reference"), nb::arg("reference_name"),
        nb::arg("candidate"), nb::arg("candidate_name"), nb::arg("samples"),
        "Compares a quantized model with its float reference as `mint "
        "compare` does; returns (outputs, layers) rows.");
  m.def("run_passes", &runPasses, nb::arg("model"), nb::arg("is_text"),
        nb::arg("name"), nb::arg("pipeline"), nb::arg("debug_info"),
        "Runs a textual pass pipeline on a model (.tflite bytes or MLIR "
        "text); returns the MLIR text.");
  nb::class_<Model>(m, "Model")
      .def(nb::init<nb::bytes, const std::string &, unsigned, bool>(),
           nb::arg("model"), nb::arg("name") = "<model>",
           nb::arg("threads") = 1, nb::arg("palette_lookups") = false)
      .def_prop_ro("inputs", &Model::getInputs)
      .def_prop_ro("outputs", &Model::getOutputs)
      .def_prop_ro("compile_seconds", &Model::getCompileSeconds)
      .def("run", &Model::run, nb::arg("inputs"));
}
