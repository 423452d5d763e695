//===- CompressCommands.cpp - mint prune, cluster, compress-report --------===//
//
// `mint prune` and `mint cluster` import a float model (float16 weights
// widened to float32, exactly), run `mint-prune` or `mint-cluster`, store
// weights that became mostly zero in TFLite's sparse format
// (`mint-encode-sparse-weights`), measure the result against the float
// model on the same samples and, when all went well, write it and report
// what each layer became, which layers were left alone and why, and the
// sizes raw and gzip-compressed. `mint compress-report` prints the same
// per-layer and size figures for one model or two side by side.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "ModelLoading.h"
#include "ModelRunning.h"
#include "ModelSizes.h"
#include "Output.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Runtime/Refit.h"
#include "mint/Target/TFLite/TFLite.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <functional>
#include <map>

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::driver;

namespace {

/// `text` as a JSON string, quoted and escaped.
std::string quoteJson(StringRef text) {
  std::string quoted;
  llvm::raw_string_ostream stream(quoted);
  stream << llvm::json::Value(text.str());
  return quoted;
}

/// A fraction as a percentage with as few digits as it needs ("50",
/// "62.5").
std::string formatPercent(double fraction) {
  std::string text = llvm::formatv("{0:f2}", 100.0 * fraction).str();
  while (text.back() == '0')
    text.pop_back();
  if (text.back() == '.')
    text.pop_back();
  return text;
}

/// Sums of the layer weights of a model.
struct WeightTotals {
  int64_t elements = 0, zeros = 0, maxDistinct = 0;
};

WeightTotals getTotals(ArrayRef<LayerWeights> layers) {
  WeightTotals totals;
  for (const LayerWeights &layer : layers) {
    totals.elements += layer.elements;
    totals.zeros += layer.zeros;
    totals.maxDistinct = std::max(totals.maxDistinct, layer.distinct);
  }
  return totals;
}

/// The bytes of the file at `path` (empty if unreadable).
std::string readFile(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

/// Changes the weights of `result` after the pass, knowing the float model
/// and the samples; returns a line for the summary, or failure.
using RefineWeights = std::function<FailureOr<std::string>(
    ModuleOp original, ModuleOp result,
    const std::vector<std::vector<NpyArray>> &samples)>;

/// What `mint prune` or `mint cluster` did, for the summary.
struct CompressionRun {
  /// "pruned" / "clustered", and the setting ("50% unstructured").
  StringRef verb;
  std::string setting;
  /// The attribute in which the pass says why it left a layer alone.
  StringRef skippedAttrName;
  /// Runs after the pass, if set.
  RefineWeights refine = nullptr;
  /// Store weights with few distinct values as palette + indices.
  bool palettize = false;
};

/// The flow `mint prune` and `mint cluster` share; `addPasses` adds the
/// pass that changes the weights.
int runWeightCompression(const WeightCompressionOptions &options,
                         const CompressionRun &run,
                         function_ref<void(PassManager &)> addPasses,
                         llvm::raw_ostream &os) {
  MLIRContext context;
  OneLineDiagnostics diagnostics(&context);
  OwningOpRef<ModuleOp> floatModule = loadTFLiteModel(options.model, &context);
  if (!floatModule)
    return 1;
  // Pruning and clustering work on float32 weights.
  PassManager prepare(&context);
  prepare.addNestedPass<func::FuncOp>(createDensifyPass());
  prepare.addNestedPass<func::FuncOp>(createFoldF16WeightsPass());
  if (failed(prepare.run(*floatModule)))
    return 1;
  FailureOr<std::unique_ptr<CompiledModel>> floatModel =
      compileModel(*floatModule, "the float model");
  if (failed(floatModel))
    return 1;
  std::string samplesDescription;
  std::optional<std::vector<std::vector<NpyArray>>> samples =
      loadSamples(options.data, (*floatModel)->getInputs(),
                  /*randomCount=*/8, samplesDescription, options.images);
  if (!samples)
    return 1;

  OwningOpRef<ModuleOp> result = floatModule->clone();
  PassManager pm(&context);
  addPasses(pm);
  if (failed(pm.run(*result)))
    return 1;
  std::vector<LayerWeights> before = getLayerWeights(*floatModule);
  std::vector<LayerWeights> notes =
      getLayerWeights(*result, run.skippedAttrName);
  // The reasons have been read; they are not part of the model.
  result->walk([&](Operation *op) { op->removeAttr(run.skippedAttrName); });
  std::string refined;
  if (run.refine) {
    FailureOr<std::string> line = run.refine(*floatModule, *result, *samples);
    if (failed(line))
      return 1;
    refined = *line;
  }
  // Palettes first: a clustered weight takes 1 byte per value as indices,
  // less than sparse storage of its non-zeros.
  if (run.palettize || options.sparseEncoding) {
    PassManager encode(&context);
    if (run.palettize) {
      PalettizeWeightsPassOptions palettize;
      palettize.minElements = options.minElements;
      encode.addNestedPass<func::FuncOp>(createPalettizeWeightsPass(palettize));
    }
    if (options.sparseEncoding)
      encode.addNestedPass<func::FuncOp>(createEncodeSparseWeightsPass());
    if (failed(encode.run(*result)))
      return 1;
    result->walk(
        [&](Operation *op) { op->removeAttr(kPalettizeSkippedAttrName); });
  }
  FailureOr<std::unique_ptr<CompiledModel>> resultModel =
      compileModel(*result, "the result");
  if (failed(resultModel))
    return 1;
  std::optional<std::vector<std::optional<double>>> sqnr =
      measureOutputSqnr(**floatModel, **resultModel, *result, *samples);
  if (!sqnr)
    return 1;

  // The float32 model that pruning or clustering started from, for sizes
  // against float32 whatever the input stored.
  std::string float32Bytes;
  {
    llvm::raw_string_ostream stream(float32Bytes);
    if (failed(exportTFLiteModel(*floatModule, stream)))
      return 1;
  }
  // Written last, so that a failure anywhere leaves no output file.
  std::string outputBytes;
  {
    llvm::raw_string_ostream stream(outputBytes);
    if (failed(exportTFLiteModel(*result, stream)))
      return 1;
  }
  if (failed(writeFileAtomically(options.output, outputBytes)))
    return 1;
  std::string inputBytes = readFile(options.model);
  uint64_t float32Gzip = getGzipSize(float32Bytes);
  uint64_t outputGzip = getGzipSize(outputBytes);
  std::vector<LayerWeights> after = getLayerWeights(*result);
  for (auto [layer, noted] : llvm::zip(after, notes))
    layer.note = noted.note;
  WeightTotals totalsBefore = getTotals(before), totalsAfter = getTotals(after);
  // The layers left alone, by reason.
  std::map<std::string, std::vector<std::string>> skipped;
  for (const LayerWeights &layer : after)
    if (!layer.note.empty())
      skipped[layer.note].push_back(layer.name.empty() ? layer.op : layer.name);
  int64_t changed = after.size();
  for (auto &entry : skipped)
    changed -= entry.second.size();
  auto percent = [](int64_t part, int64_t whole) {
    return whole ? 100.0 * static_cast<double>(part) / whole : 0.0;
  };
  ArrayRef<TensorSpec> outputs = (*floatModel)->getOutputs();

  if (options.json) {
    os << "{\"" << run.verb << "\": " << quoteJson(run.setting)
       << ", \"input_bytes\": " << inputBytes.size()
       << ", \"float32_bytes\": " << float32Bytes.size()
       << ", \"output_bytes\": " << outputBytes.size()
       << ", \"float32_gzip_bytes\": " << float32Gzip
       << ", \"output_gzip_bytes\": " << outputGzip
       << ", \"weights\": " << totalsAfter.elements
       << ", \"zeros_before\": " << totalsBefore.zeros
       << ", \"zeros_after\": " << totalsAfter.zeros << ", \"layers\": [";
    for (auto [index, layer] : llvm::enumerate(after)) {
      os << (index ? ", " : "") << "{\"name\": " << quoteJson(layer.name)
         << ", \"op\": \"" << layer.op << "\", \"values\": " << layer.elements
         << ", \"zeros\": " << layer.zeros
         << ", \"distinct\": " << layer.distinct
         << ", \"sparse\": " << (layer.sparse ? "true" : "false")
         << ", \"palettized\": " << (layer.palettized ? "true" : "false")
         << ", \"skipped\": ";
      if (layer.note.empty())
        os << "null";
      else
        os << quoteJson(layer.note);
      os << "}";
    }
    os << "], \"samples\": " << samples->size() << ", \"sqnr_db\": [";
    for (size_t i = 0; i < outputs.size(); ++i)
      os << (i ? ", " : "") << formatOutputSqnr((*sqnr)[i], true);
    os << "]}\n";
    return 0;
  }
  int64_t sparseLayers = llvm::count_if(
      after, [](const LayerWeights &layer) { return layer.sparse; });
  int64_t palettizedLayers = llvm::count_if(
      after, [](const LayerWeights &layer) { return layer.palettized; });
  os << llvm::formatv("{0,-12}{1}: {2} of {3} layers\n", run.verb, run.setting,
                      changed, after.size());
  for (auto &[reason, names] : skipped)
    os << llvm::formatv("  left {0} ({1}): {2}\n", names.size(), reason,
                        llvm::join(names, ", "));
  if (!refined.empty())
    os << refined << "\n";
  os << llvm::formatv(
            "weights     {0} in layers: {1:f1}% zero (before "
            "{2:f1}%), at most {3} distinct values in a layer "
            "(before {4}); {5} stored sparse{6}\n",
            totalsAfter.elements,
            percent(totalsAfter.zeros, totalsAfter.elements),
            percent(totalsBefore.zeros, totalsBefore.elements),
            totalsAfter.maxDistinct, totalsBefore.maxDistinct, sparseLayers,
            run.palettize ? llvm::formatv(", {0} as palette + uint8 indices",
                                          palettizedLayers)
                                .str()
                          : std::string())
     << llvm::formatv("size        {0} B (input); float32 {1} B -> {2} B "
                      "({3:f1}%)\n",
                      inputBytes.size(), float32Bytes.size(),
                      outputBytes.size(),
                      percent(outputBytes.size(), float32Bytes.size()))
     << llvm::formatv(
            "gzip        float32 {0} B -> {1} B ({2:f1}%, "
            "{3:f2}x smaller than float32)\n",
            float32Gzip, outputGzip, percent(outputGzip, float32Bytes.size()),
            outputGzip ? static_cast<double>(float32Bytes.size()) / outputGzip
                       : 0.0)
     << "output SQNR over " << samplesDescription << ":\n";
  for (size_t i = 0; i < outputs.size(); ++i)
    os << "  " << outputs[i].name << "  " << formatOutputSqnr((*sqnr)[i], false)
       << "\n";
  os << "wrote       " << options.output << "\n";
  return 0;
}

} // namespace

int mlir::mint::driver::runPruneCommand(const PruneOptions &options,
                                        llvm::raw_ostream &os) {
  PrunePassOptions passOptions;
  passOptions.sparsity = options.sparsity;
  passOptions.pattern = options.pattern;
  passOptions.minElements = options.common.minElements;
  passOptions.maxWeightError = options.maxWeightError;
  if (!options.perLayer.empty()) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
        llvm::MemoryBuffer::getFile(options.perLayer);
    if (!file) {
      llvm::errs() << options.perLayer
                   << ": error: cannot read: " << file.getError().message()
                   << "\n";
      return 1;
    }
    SmallVector<StringRef> lines;
    (*file)->getBuffer().split(lines, '\n');
    for (auto [number, line] : llvm::enumerate(lines)) {
      StringRef text = line.split('#').first.trim();
      if (text.empty())
        continue;
      auto [regex, value] = text.rsplit(' ');
      double sparsity = 0.0;
      if (regex.trim().empty() || value.getAsDouble(sparsity) ||
          sparsity < 0.0 || sparsity >= 1.0) {
        llvm::errs() << options.perLayer << ":" << number + 1
                     << ": error: expected 'REGEX SPARSITY' with 0 <= "
                        "SPARSITY < 1, got '"
                     << text << "'\n";
        return 1;
      }
      passOptions.schedule.push_back((regex.trim() + "=" + value).str());
    }
  }
  std::string setting =
      StringRef(options.pattern).contains(':') &&
              !StringRef(options.pattern).starts_with("block:")
          ? options.pattern.getValue()
          : llvm::formatv("{0}% {1}", formatPercent(options.sparsity),
                          options.pattern.getValue())
                .str();
  if (!options.perLayer.empty())
    setting += ", schedule " + options.perLayer;
  if (options.refit && options.common.data.empty()) {
    llvm::errs() << "mint: error: --refit needs --data (the samples whose "
                    "layer inputs the refit fits)\n";
    return 1;
  }
  CompressionRun run{"pruned", setting, kPruneSkippedAttrName};
  if (options.refit)
    run.refine = [](ModuleOp original, ModuleOp result,
                    const std::vector<std::vector<NpyArray>> &samples)
        -> FailureOr<std::string> {
      Progress progress("refitting the pruned layers");
      FailureOr<RefitSummary> summary =
          refitPrunedWeights(original, result, samples);
      if (failed(summary))
        return failure();
      return llvm::formatv("refit       {0} pruned layers by least squares, "
                           "layer by layer, on {1} samples ({2} left: a "
                           "shared or non-float weight, or TRANSPOSE_CONV)",
                           summary->refitted, samples.size(), summary->skipped)
          .str();
    };
  return runWeightCompression(
      options.common, run,
      [&](PassManager &pm) {
        pm.addNestedPass<func::FuncOp>(createPrunePass(passOptions));
      },
      os);
}

int mlir::mint::driver::runClusterCommand(const ClusterOptions &options,
                                          llvm::raw_ostream &os) {
  ClusterPassOptions passOptions;
  passOptions.clusters = options.clusters;
  passOptions.init = options.init;
  passOptions.perChannel = options.perChannel;
  passOptions.minElements = options.common.minElements;
  passOptions.seed = options.seed;
  StringRef initName[] = {"linear", "random", "density", "kmeans++"};
  std::string setting = llvm::formatv(
      "{0} clusters per {1}, {2} initialization", options.clusters.getValue(),
      options.perChannel ? "channel" : "layer",
      initName[static_cast<int>(options.init.getValue())]);
  CompressionRun run{"clustered", setting, kClusterSkippedAttrName};
  run.palettize = options.palettize;
  return runWeightCompression(
      options.common, run,
      [&](PassManager &pm) {
        pm.addNestedPass<func::FuncOp>(createClusterPass(passOptions));
      },
      os);
}

int mlir::mint::driver::runCompressReportCommand(
    const CompressReportOptions &options, llvm::raw_ostream &os) {
  if (options.models.size() > 2) {
    llvm::errs() << "mint: error: compress-report takes one model or two "
                    "(before and after)\n";
    return 1;
  }
  MLIRContext context;
  OneLineDiagnostics diagnostics(&context);
  struct Report {
    std::string path;
    uint64_t bytes = 0, gzip = 0;
    std::vector<LayerWeights> layers;
  };
  std::vector<Report> reports;
  for (const std::string &path : options.models) {
    OwningOpRef<ModuleOp> module = loadTFLiteModel(path, &context);
    if (!module)
      return 1;
    std::string bytes = readFile(path);
    reports.push_back(
        {path, bytes.size(), getGzipSize(bytes), getLayerWeights(*module)});
  }
  if (reports.size() == 2 &&
      reports[0].layers.size() != reports[1].layers.size()) {
    llvm::errs() << "mint: error: " << reports[0].path << " has "
                 << reports[0].layers.size() << " layers with constant "
                 << "weights and " << reports[1].path << " has "
                 << reports[1].layers.size()
                 << "; compress-report compares versions of one model\n";
    return 1;
  }
  auto percent = [](int64_t part, int64_t whole) {
    return whole ? 100.0 * static_cast<double>(part) / whole : 0.0;
  };
  if (options.json) {
    os << "{\"models\": [";
    for (auto [index, report] : llvm::enumerate(reports)) {
      os << (index ? ", " : "") << "{\"path\": " << quoteJson(report.path)
         << ", \"bytes\": " << report.bytes
         << ", \"gzip_bytes\": " << report.gzip << ", \"layers\": [";
      for (auto [inner, layer] : llvm::enumerate(report.layers))
        os << (inner ? ", " : "") << "{\"name\": " << quoteJson(layer.name)
           << ", \"op\": \"" << layer.op << "\", \"values\": " << layer.elements
           << ", \"zeros\": " << layer.zeros
           << ", \"distinct\": " << layer.distinct
           << ", \"bytes_per_value\": " << layer.elementBytes
           << ", \"sparse\": " << (layer.sparse ? "true" : "false")
           << ", \"palettized\": " << (layer.palettized ? "true" : "false")
           << "}";
      os << "]}";
    }
    os << "]}\n";
    return 0;
  }
  for (const Report &report : reports)
    os << llvm::formatv("{0}: {1} B, gzip {2} B ({3:f1}%)\n", report.path,
                        report.bytes, report.gzip,
                        percent(report.gzip, report.bytes));
  if (reports.size() == 2)
    os << llvm::formatv(
        "after / before: {0:f1}% raw, {1:f1}% gzip-compressed\n",
        percent(reports[1].bytes, reports[0].bytes),
        percent(reports[1].gzip, reports[0].gzip));
  os << llvm::formatv("{0,-40} {1,-18} {2,9}", "layer", "op", "values");
  for (size_t i = 0; i < reports.size(); ++i)
    os << llvm::formatv("  {0,7} {1,8} {2,-6}", "zero%", "distinct", "stored");
  os << "\n";
  for (size_t l = 0; l < reports[0].layers.size(); ++l) {
    const LayerWeights &first = reports[0].layers[l];
    std::string name = first.name;
    if (name.size() > 40)
      name = "..." + name.substr(name.size() - 37);
    os << llvm::formatv("{0,-40} {1,-18} {2,9}", name, first.op,
                        first.elements);
    for (const Report &report : reports) {
      const LayerWeights &layer = report.layers[l];
      os << llvm::formatv("  {0,7:f1} {1,8} {2,-6}",
                          percent(layer.zeros, layer.elements), layer.distinct,
                          llvm::formatv("{0}{1}",
                                        layer.sparse       ? "csr/"
                                        : layer.palettized ? "pal/"
                                                           : "",
                                        layer.elementBytes * 8)
                              .str());
    }
    os << "\n";
  }
  return 0;
}
