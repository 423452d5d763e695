//===- CalibrateCommand.cpp - mint calibrate ------------------------------===//
//
// `mint calibrate` runs a float model over representative samples with
// Mint's Calibrator, prints the range of every observed tensor (or a
// summary), and with -o writes the model as MLIR with its #mint.stats
// attached, for `mint-opt` and the quantizer. A progress line counts the
// samples on a terminal and stays quiet in a pipe.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "ModelLoading.h"
#include "ModelRunning.h"
#include "Output.h"

#include "mint/Runtime/Calibration.h"
#include "mint/Target/TFLite/TFLite.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::driver;

/// The TFLite name of `value` (an argument or an op result).
static std::string getTensorName(Value value) {
  unsigned results = 1, index = 0;
  if (auto result = dyn_cast<OpResult>(value)) {
    results = result.getOwner()->getNumResults();
    index = result.getResultNumber();
  }
  Location loc =
      isa<OpResult>(value) ? value.getDefiningOp()->getLoc() : value.getLoc();
  SmallVector<std::string> names = getTFLiteTensorNames(loc, results);
  return index < names.size() ? names[index] : std::string("?");
}

int mlir::mint::driver::runCalibrateCommand(const CalibrateOptions &options,
                                            llvm::raw_ostream &os) {
  if (options.threads == 0) {
    llvm::errs() << "mint: error: --threads must be at least 1\n";
    return 1;
  }
  MLIRContext context;
  OneLineDiagnostics diagnostics(&context);
  OwningOpRef<ModuleOp> module = loadTFLiteModel(options.model, &context);
  if (!module)
    return 1;
  CompileOptions compileOptions;
  compileOptions.pipeline.threads = options.threads;
  std::optional<Progress> compiling;
  compiling.emplace("compiling the model to calibrate");
  FailureOr<std::unique_ptr<Calibrator>> calibrator =
      Calibrator::create(*module, compileOptions);
  compiling.reset();
  if (failed(calibrator))
    return 1;
  std::string description;
  std::optional<std::vector<std::vector<NpyArray>>> samples =
      loadSamples(options.data, (*calibrator)->getInputs(), /*randomCount=*/0,
                  description, options.images);
  if (!samples)
    return 1;

  if (failed(runCalibration(**calibrator, *samples)))
    return 1;
  (*calibrator)->annotate();

  // The ranges, inputs first, then activations in op order.
  SmallVector<std::pair<std::string, StatsAttr>> ranges;
  func::FuncOp entry = findModelEntry(*module);
  for (BlockArgument argument : entry.getArguments())
    if (auto stats = entry.getArgAttrOfType<StatsAttr>(argument.getArgNumber(),
                                                       kStatsAttrName))
      ranges.emplace_back(getTensorName(argument), stats);
  entry.walk([&](Operation *op) {
    auto perResult = op->getAttrOfType<ArrayAttr>(kStatsAttrName);
    if (!perResult)
      return;
    for (auto [result, attr] : llvm::zip(op->getResults(), perResult))
      if (auto stats = dyn_cast<StatsAttr>(attr))
        ranges.emplace_back(getTensorName(result), stats);
  });

  if (!options.output.empty()) {
    std::string text;
    llvm::raw_string_ostream stream(text);
    module->print(stream, OpPrintingFlags().enableDebugInfo(true));
    if (failed(writeFileAtomically(options.output, text)))
      return 1;
  }

  double runMs = 1e3 * (*calibrator)->getRunSeconds() / samples->size();
  double statsMs =
      1e3 * (*calibrator)->getStatisticsSeconds() / samples->size();
  if (options.json) {
    os << "{\"samples\": " << samples->size()
       << ", \"run_ms_per_sample\": " << llvm::formatv("{0:f3}", runMs)
       << ", \"statistics_ms_per_sample\": " << llvm::formatv("{0:f3}", statsMs)
       << ", \"tensors\": [";
    for (auto [index, entry] : llvm::enumerate(ranges))
      os << (index ? ", " : "") << "{\"name\": \"" << entry.first
         << "\", \"min\": " << entry.second.getMin().convertToDouble()
         << ", \"max\": " << entry.second.getMax().convertToDouble() << "}";
    os << "]}\n";
    return 0;
  }
  os << llvm::formatv("samples     {0} ({1})\n", samples->size(), description)
     << llvm::formatv("tensors     {0} observed\n", ranges.size())
     << llvm::formatv("per sample  {0:f2} ms model + {1:f2} ms statistics\n",
                      runMs, statsMs);
  for (auto &[name, stats] : ranges)
    os << llvm::formatv("  {0,-40} [{1:g}, {2:g}]\n", name,
                        stats.getMin().convertToDouble(),
                        stats.getMax().convertToDouble());
  if (!options.output.empty())
    os << "wrote       " << options.output << "\n";
  return 0;
}
