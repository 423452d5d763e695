//===- CompareCommand.cpp - mint compare ----------------------------------===//
//
// `mint compare float.tflite quantized.tflite --data ...` is the numerics
// debugger: it compiles both models with every activation returned
// (ObservingModel; the quantized model's integer activations too), runs
// them on the same samples, pairs the tensors that carry the same name in
// both (Mint's quantizer keeps the float model's tensor names), and
// reports for each pair and for each model output the SQNR, the largest
// error relative to the float tensor's largest magnitude, and the largest
// error, worst first. `--report` writes it all as JSON, `--plot` a PNG bar
// chart of each layer's SQNR in model order.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "ModelLoading.h"
#include "ModelRunning.h"
#include "Plot.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Runtime/Calibration.h"
#include "mint/Target/TFLite/TFLite.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::driver;

namespace {

/// The error of one tensor of the quantized model against the float one.
struct TensorError {
  std::string name;
  /// The TFLite op that computes it in the float model.
  std::string op;
  /// Its position among the float model's observed tensors.
  size_t order = 0;
  double signal = 0.0, noise = 0.0, maxError = 0.0, maxMagnitude = 0.0;

  void add(ArrayRef<double> reference, ArrayRef<double> candidate) {
    for (auto [want, got] : llvm::zip_equal(reference, candidate)) {
      double error = got - want;
      signal += want * want;
      noise += error * error;
      maxError = std::max(maxError, std::abs(error));
      maxMagnitude = std::max(maxMagnitude, std::abs(want));
    }
  }
  double getSqnr() const {
    if (noise == 0.0)
      return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(signal / noise);
  }
  double getRelativeError() const {
    return maxMagnitude > 0.0 ? maxError / maxMagnitude : maxError;
  }
};

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

std::string formatSqnr(double sqnr, bool json) {
  if (std::isinf(sqnr))
    return json ? "\"inf\"" : "inf";
  return llvm::formatv("{0:f2}", sqnr).str();
}

void writeJsonEntry(llvm::raw_ostream &os, const TensorError &error) {
  os << "{\"name\": " << llvm::json::Value(error.name) << ", \"op\": \""
     << error.op << "\", \"order\": " << error.order
     << ", \"sqnr_db\": " << formatSqnr(error.getSqnr(), true)
     << llvm::formatv(", \"relative_error\": {0:e}, \"max_error\": {1:e}}",
                      error.getRelativeError(), error.maxError);
}

void writeJson(llvm::raw_ostream &os, size_t samples,
               ArrayRef<TensorError> outputs, ArrayRef<TensorError> layers) {
  os << "{\"samples\": " << samples << ", \"outputs\": [";
  for (auto [index, error] : llvm::enumerate(outputs)) {
    os << (index ? ", " : "");
    writeJsonEntry(os, error);
  }
  os << "], \"layers\": [";
  for (auto [index, error] : llvm::enumerate(layers)) {
    os << (index ? ", " : "");
    writeJsonEntry(os, error);
  }
  os << "]}\n";
}

} // namespace

int mlir::mint::driver::runCompareCommand(const CompareOptions &options,
                                          llvm::raw_ostream &os) {
  MLIRContext context;
  OneLineDiagnostics diagnostics(&context);
  OwningOpRef<ModuleOp> referenceModule =
      loadTFLiteModel(options.reference, &context);
  if (!referenceModule)
    return 1;
  OwningOpRef<ModuleOp> candidateModule =
      loadTFLiteModel(options.candidate, &context);
  if (!candidateModule)
    return 1;
  FailureOr<std::unique_ptr<ObservingModel>> reference =
      ObservingModel::create(*referenceModule);
  if (failed(reference))
    return 1;
  FailureOr<std::unique_ptr<ObservingModel>> candidate =
      ObservingModel::create(*candidateModule, {}, /*includeQuantized=*/true);
  if (failed(candidate))
    return 1;

  const CompiledModel &referenceModel = (*reference)->getModel();
  const CompiledModel &candidateModel = (*candidate)->getModel();
  func::FuncOp referenceEntry = (*reference)->getEntry();
  func::FuncOp candidateEntry = (*candidate)->getEntry();
  if (referenceEntry.getNumArguments() != candidateEntry.getNumArguments() ||
      referenceEntry.getNumResults() != candidateEntry.getNumResults()) {
    llvm::errs() << "mint: error: " << options.candidate << " has "
                 << candidateEntry.getNumArguments() << " inputs and "
                 << candidateEntry.getNumResults() << " outputs, "
                 << options.reference << " "
                 << referenceEntry.getNumArguments() << " and "
                 << referenceEntry.getNumResults()
                 << "; compare a model with its own quantized version\n";
    return 1;
  }
  std::string description;
  std::optional<std::vector<std::vector<NpyArray>>> samples =
      loadSamples(options.data, referenceModel.getInputs(),
                  /*randomCount=*/8, description, options.images);
  if (!samples)
    return 1;

  SmallVector<std::pair<size_t, size_t>> pairs =
      pairTensors(**reference, **candidate);
  std::vector<TensorError> layers(pairs.size());
  for (auto [error, pair] : llvm::zip_equal(layers, pairs)) {
    Value value = (*reference)->getObserved()[pair.first];
    error.name = getTensorName(value);
    error.op = getOpName(value);
    error.order = pair.first;
  }
  std::vector<TensorError> outputs(referenceEntry.getNumResults());
  for (auto [index, error] : llvm::enumerate(outputs)) {
    error.name = referenceModel.getOutputs()[index].name;
    error.order = index;
  }

  for (const std::vector<NpyArray> &sample : *samples) {
    SmallVector<const void *> referenceInputs;
    for (const NpyArray &array : sample)
      referenceInputs.push_back(array.data.data());
    // Integer inputs take the samples quantized.
    std::vector<NpyArray> quantizedSample;
    SmallVector<const void *> candidateInputs;
    for (auto [index, array] : llvm::enumerate(sample))
      quantizedSample.push_back(
          quantizeArray(array, candidateEntry.getArgumentTypes()[index]));
    for (const NpyArray &array : quantizedSample)
      candidateInputs.push_back(array.data.data());
    for (auto [model, inputs] :
         {std::pair(reference->get(), &referenceInputs),
          std::pair(candidate->get(), &candidateInputs)}) {
      if (llvm::Error error = model->run(*inputs)) {
        llvm::errs() << "mint: error: " << llvm::toString(std::move(error))
                     << "\n";
        return 1;
      }
    }
    auto read = [](const ObservingModel &model, size_t index) {
      const TensorSpec &spec = model.getObservedSpec(index);
      return readAsDoubles(model.getObservedData(index), spec.kind,
                           spec.getNumElements(),
                           model.getObserved()[index].getType());
    };
    for (auto [error, pair] : llvm::zip_equal(layers, pairs)) {
      std::vector<double> want = read(**reference, pair.first);
      std::vector<double> got = read(**candidate, pair.second);
      if (want.size() == got.size())
        error.add(want, got);
    }
    for (auto [index, error] : llvm::enumerate(outputs)) {
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

  if (!options.plot.empty()) {
    SmallVector<double> sqnr;
    for (const TensorError &error : layers)
      sqnr.push_back(error.getSqnr());
    if (failed(writeFileAtomically(options.plot,
                                   drawSqnrChart(sqnr).encodePng())))
      return 1;
  }
  std::vector<TensorError> worstFirst = layers;
  llvm::sort(worstFirst, [](const TensorError &a, const TensorError &b) {
    return std::pair(a.getSqnr(), a.order) < std::pair(b.getSqnr(), b.order);
  });
  if (!options.report.empty()) {
    std::string text;
    llvm::raw_string_ostream stream(text);
    writeJson(stream, samples->size(), outputs, worstFirst);
    if (failed(writeFileAtomically(options.report, text)))
      return 1;
  }
  if (options.json) {
    writeJson(os, samples->size(), outputs, worstFirst);
    return 0;
  }

  os << llvm::formatv("{0} tensors of {1} paired by name with {2}; {3}\n",
                      layers.size(), options.reference, options.candidate,
                      description);
  auto printRow = [&](const TensorError &error) {
    os << llvm::formatv("  {0,9} {1,10:e2} {2,10:e2}  {3,-22} {4}\n",
                        formatSqnr(error.getSqnr(), false),
                        error.getRelativeError(), error.maxError, error.op,
                        error.name);
  };
  os << "outputs:\n"
     << llvm::formatv("  {0,9} {1,10} {2,10}  {3,-22} {4}\n", "SQNR dB",
                      "rel error", "max error", "", "name");
  for (const TensorError &error : outputs)
    printRow(error);
  size_t shown = options.top ? std::min<size_t>(options.top, worstFirst.size())
                             : worstFirst.size();
  os << "layers, worst first";
  if (shown < worstFirst.size())
    os << " (" << shown << " of " << worstFirst.size() << "; --top 0 for all)";
  os << ":\n"
     << llvm::formatv("  {0,9} {1,10} {2,10}  {3,-22} {4}\n", "SQNR dB",
                      "rel error", "max error", "op", "tensor");
  for (const TensorError &error : ArrayRef(worstFirst).take_front(shown))
    printRow(error);
  if (!options.report.empty())
    os << "wrote       " << options.report << "\n";
  if (!options.plot.empty())
    os << "wrote       " << options.plot << "\n";
  return 0;
}
