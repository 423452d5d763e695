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
#include "Output.h"
#include "Plot.h"

#include "mint/Runtime/CompareModels.h"
#include "mint/Target/TFLite/TFLite.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::driver;

namespace {

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
  func::FuncOp referenceEntry = findModelEntry(*referenceModule);
  SmallVector<TensorSpec> inputSpecs, outputSpecs;
  if (!referenceEntry ||
      failed(getModelTensorSpecs(referenceEntry, inputSpecs, outputSpecs))) {
    llvm::errs() << options.reference
                 << ": error: cannot read the model's inputs\n";
    return 1;
  }
  std::string description;
  std::optional<std::vector<std::vector<NpyArray>>> samples = loadSamples(
      options.data, inputSpecs, /*randomCount=*/8, description, options.images);
  if (!samples)
    return 1;
  std::optional<Progress> comparing;
  comparing.emplace("compiling both models and comparing them on " +
                    description);
  FailureOr<ModelComparison> comparison =
      compareModels(*referenceModule, *candidateModule, *samples);
  comparing.reset();
  if (failed(comparison))
    return 1;
  const std::vector<TensorError> &layers = comparison->layers;
  const std::vector<TensorError> &outputs = comparison->outputs;

  if (!options.plot.empty()) {
    SmallVector<double> sqnr;
    for (const TensorError &error : layers)
      sqnr.push_back(error.getSqnr());
    if (failed(
            writeFileAtomically(options.plot, drawSqnrChart(sqnr).encodePng())))
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
