//===- RunCommand.cpp - mint run and mint bench ---------------------------===//
//
// `mint run` compiles a model for the host CPU and runs it on .npy inputs
// (or on a set of samples, --data), writing one .npy per output; `mint bench`
// compiles it and times repeated runs on given or random inputs.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "ModelLoading.h"
#include "ModelRunning.h"
#include "Output.h"

#include "mint/Config.h"
#include "mint/Runtime/CUDADriver.h"
#include "mint/Runtime/CompiledModel.h"
#include "mint/Runtime/Npy.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <algorithm>
#include <chrono>
#include <random>

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::driver;

/// Reads the .npy files of `paths` as `runs` sets of model inputs (one file
/// per input, in order, set after set) and checks them against the model.
static std::optional<std::vector<std::vector<NpyArray>>>
readInputSets(const CompiledModel &model, ArrayRef<std::string> paths) {
  ArrayRef<TensorSpec> specs = model.getInputs();
  if (paths.empty() ||
      (specs.empty() ? !paths.empty() : paths.size() % specs.size() != 0)) {
    llvm::errs() << "mint: error: the model has " << specs.size()
                 << " input(s); give one --input file.npy for each, or a "
                    "multiple of that for several runs ("
                 << paths.size() << " given)\n";
    for (const TensorSpec &spec : specs)
      llvm::errs() << "  input '" << spec.name << "' "
                   << describeTensorType(spec.kind, spec.shape) << "\n";
    return std::nullopt;
  }
  std::vector<std::vector<NpyArray>> sets;
  for (auto [index, path] : llvm::enumerate(paths)) {
    const TensorSpec &spec = specs[index % specs.size()];
    if (index % specs.size() == 0)
      sets.emplace_back();
    llvm::Expected<NpyArray> array = readNpy(path);
    if (!array) {
      llvm::errs() << "mint: error: " << llvm::toString(array.takeError())
                   << "\n";
      return std::nullopt;
    }
    if (array->kind != spec.kind || array->shape != ArrayRef(spec.shape)) {
      llvm::errs() << path << ": error: model input '" << spec.name << "' is "
                   << describeTensorType(spec.kind, spec.shape)
                   << ", the file holds "
                   << describeTensorType(array->kind, array->shape) << "\n";
      return std::nullopt;
    }
    sets.back().push_back(std::move(*array));
  }
  return sets;
}

static std::unique_ptr<CompiledModel>
compileForTarget(const CompileModelOptions &compile,
                 const RunTargetOptions &target, MLIRContext &context) {
  if (compile.threads == 0) {
    llvm::errs() << "mint: error: --threads must be at least 1\n";
    return nullptr;
  }
  bool emulated = target.target == "cuda-emulator";
  bool onCUDA = target.target == "cuda" || emulated;
  if (!onCUDA && target.target != "cpu") {
    llvm::errs() << "mint: error: --target must be cpu, cuda or "
                    "cuda-emulator, not '"
                 << target.target
                 << "' (accelerator targets are for mint compile)\n";
    return nullptr;
  }
  if (!onCUDA && !target.chip.empty()) {
    llvm::errs() << "mint: error: --chip applies to --target cuda\n";
    return nullptr;
  }
  if (onCUDA && !target.chip.empty() && !checkCUDAChip(target.chip))
    return nullptr;
  bool float16 = false;
  if (!parseCUDAPrecision(target.precision, float16))
    return nullptr;
  if (!onCUDA && target.precision.getNumOccurrences()) {
    llvm::errs() << "mint: error: --precision applies to --target cuda and "
                    "cuda-emulator\n";
    return nullptr;
  }
  if (onCUDA && compile.threads > 1) {
    llvm::errs() << "mint: error: --threads applies to --target cpu\n";
    return nullptr;
  }
  if (onCUDA && compile.paletteLookups) {
    llvm::errs() << "mint: error: --palette-lookups applies to --target cpu\n";
    return nullptr;
  }
  OwningOpRef<ModuleOp> module = loadTFLiteModel(compile.model, &context);
  if (!module)
    return nullptr;
  CompileOptions options;
  options.pipeline.threads = compile.threads;
  options.pipeline.sparse = compile.sparseKernels;
  options.pipeline.paletteLookups = compile.paletteLookups;
  if (onCUDA) {
    options.device = emulated ? CompileOptions::Device::CUDAEmulator
                              : CompileOptions::Device::CUDA;
    options.cudaChip = target.chip;
    options.cudaFloat16 = float16;
  }
  FailureOr<std::unique_ptr<CompiledModel>> model =
      compileModel(*module, compile.model.getValue(), options);
  if (failed(model))
    return nullptr;
  return std::move(*model);
}

/// Writes `outputs` as DIR/output_<i>.npy and lists them in `written` (one
/// JSON object per file: path, tensor name, element type, shape) and in
/// `lines` (one line of text each).
static bool writeOutputs(const CompiledModel &model, StringRef dir,
                         ArrayRef<NpyArray> outputs, llvm::json::Array &written,
                         std::string &lines) {
  if (std::error_code error = llvm::sys::fs::create_directories(dir)) {
    llvm::errs() << dir
                 << ": error: cannot create the directory: " << error.message()
                 << "\n";
    return false;
  }
  for (auto [index, array] : llvm::enumerate(outputs)) {
    SmallString<256> path(dir);
    llvm::sys::path::append(path, "output_" + std::to_string(index) + ".npy");
    if (llvm::Error error = writeNpy(path, array)) {
      llvm::errs() << path << ": error: " << llvm::toString(std::move(error))
                   << "\n";
      return false;
    }
    const TensorSpec &spec = model.getOutputs()[index];
    llvm::json::Array shape;
    for (int64_t size : array.shape)
      shape.push_back(size);
    written.push_back(
        llvm::json::Object{{"path", llvm::json::fixUTF8(path)},
                           {"name", llvm::json::fixUTF8(spec.name)},
                           {"type", getElementKindName(spec.kind)},
                           {"shape", std::move(shape)}});
    lines += (path + "  " + spec.name + "  " +
              describeTensorType(spec.kind, array.shape) + "\n")
                 .str();
  }
  return true;
}

int mlir::mint::driver::runRunCommand(const RunOptions &options,
                                      llvm::raw_ostream &os) {
  MLIRContext context;
  OneLineDiagnostics diagnostics(&context);
  bool stacked = !options.data.empty();
  if (stacked == !options.inputs.empty()) {
    llvm::errs() << "mint: error: give --input files or --data samples (one "
                    "of them)\n";
    return 1;
  }
  std::unique_ptr<CompiledModel> model =
      compileForTarget(options.compile, options.target, context);
  if (!model)
    return 1;
  std::optional<std::vector<std::vector<NpyArray>>> inputSets;
  if (stacked) {
    std::string description;
    inputSets = loadSamples(options.data, model->getInputs(),
                            /*randomCount=*/0, description, options.images);
  } else {
    inputSets = readInputSets(*model, options.inputs);
  }
  if (!inputSets)
    return 1;
  llvm::json::Array written;
  std::string lines;
  // With --data: each output, all samples' results one after the other.
  std::vector<NpyArray> stacks = makeOutputs(*model);
  for (NpyArray &stack : stacks) {
    stack.shape.insert(stack.shape.begin(), inputSets->size());
    stack.data.clear();
  }
  Progress progress("running", inputSets->size());
  for (auto [run, inputs] : llvm::enumerate(*inputSets)) {
    progress.update(run);
    std::vector<NpyArray> outputs = makeOutputs(*model);
    if (llvm::Error error = runOnce(*model, inputs, outputs)) {
      llvm::errs() << "mint: error: " << llvm::toString(std::move(error))
                   << "\n";
      return 1;
    }
    if (stacked) {
      for (auto [stack, output] : llvm::zip(stacks, outputs))
        stack.data.insert(stack.data.end(), output.data.begin(),
                          output.data.end());
      continue;
    }
    SmallString<256> dir(options.outputDir);
    if (inputSets->size() > 1)
      llvm::sys::path::append(dir, "run_" + std::to_string(run));
    if (!writeOutputs(*model, dir, outputs, written, lines))
      return 1;
  }
  progress.finish();
  if (stacked &&
      !writeOutputs(*model, options.outputDir, stacks, written, lines))
    return 1;
  if (options.json) {
    os << llvm::formatv(
              "{0}", llvm::json::Value(llvm::json::Object{
                         {"model", llvm::json::fixUTF8(options.compile.model)},
                         {"runs", inputSets->size()},
                         {"outputs", std::move(written)}}))
       << "\n";
    return 0;
  }
  os << lines;
  return 0;
}

/// Times the model in the TFLite interpreter on `inputs` with
/// utils/tflite-bench.py; returns its median latency in ms, or nullopt
/// after reporting why it could not.
static std::optional<double> timeTFLite(const BenchOptions &options,
                                        ArrayRef<NpyArray> inputs) {
  SmallString<128> dir;
  if (std::error_code error =
          llvm::sys::fs::createUniqueDirectory("mint-bench", dir)) {
    llvm::errs() << "mint: error: cannot create a temporary directory: "
                 << error.message() << "\n";
    return std::nullopt;
  }
  llvm::scope_exit cleanup(
      [&] { (void)llvm::sys::fs::remove_directories(dir); });
  const char *script = getenv("MINT_TFLITE_BENCH");
  std::string scriptPath = script ? script : MINT_TFLITE_BENCH_SCRIPT;
  llvm::ErrorOr<std::string> python = llvm::sys::findProgramByName("python3");
  if (!python) {
    llvm::errs() << "mint: error: --compare-tflite needs python3\n";
    return std::nullopt;
  }
  std::vector<std::string> args = {*python,
                                   scriptPath,
                                   options.compile.model,
                                   "--threads",
                                   std::to_string(options.compile.threads),
                                   "--iterations",
                                   std::to_string(options.iterations),
                                   "--warmup",
                                   std::to_string(options.warmup)};
  for (auto [index, array] : llvm::enumerate(inputs)) {
    SmallString<128> path(dir);
    llvm::sys::path::append(path, "input_" + std::to_string(index) + ".npy");
    if (llvm::Error error = writeNpy(path, array)) {
      llvm::errs() << path << ": error: " << llvm::toString(std::move(error))
                   << "\n";
      return std::nullopt;
    }
    args.push_back("--input");
    args.push_back(std::string(path));
  }
  SmallString<128> output(dir);
  llvm::sys::path::append(output, "tflite.json");
  SmallVector<StringRef> argRefs(args.begin(), args.end());
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(output),
                                          std::nullopt};
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(*python, argRefs, std::nullopt, redirects,
                                     0, 0, &message);
  auto buffer = llvm::MemoryBuffer::getFile(output);
  StringRef text = buffer ? (*buffer)->getBuffer() : StringRef();
  StringRef key = "\"median_ms\": ";
  size_t at = text.find(key);
  double median = 0;
  if (rc != 0 || at == StringRef::npos ||
      text.drop_front(at + key.size())
          .take_until([](char c) { return c == ',' || c == '}'; })
          .trim()
          .getAsDouble(median)) {
    llvm::errs() << "mint: error: timing TFLite with " << scriptPath
                 << " failed" << (message.empty() ? "" : ": ") << message
                 << "\n";
    return std::nullopt;
  }
  return median;
}

int mlir::mint::driver::runBenchCommand(const BenchOptions &options,
                                        llvm::raw_ostream &os) {
  MLIRContext context;
  OneLineDiagnostics diagnostics(&context);
  std::unique_ptr<CompiledModel> model =
      compileForTarget(options.compile, options.target, context);
  if (!model)
    return 1;
  std::vector<NpyArray> inputs;
  if (options.inputs.empty()) {
    std::mt19937 rng(0);
    for (const TensorSpec &spec : model->getInputs())
      inputs.push_back(makeRandomInput(spec, rng));
  } else {
    std::optional<std::vector<std::vector<NpyArray>>> read =
        readInputSets(*model, options.inputs);
    if (!read)
      return 1;
    if (read->size() != 1) {
      llvm::errs() << "mint: error: bench takes one --input per model input\n";
      return 1;
    }
    inputs = std::move(read->front());
  }
  std::vector<NpyArray> outputs = makeOutputs(*model);
  std::vector<double> seconds;
  Progress progress("timing", options.warmup + options.iterations);
  for (unsigned i = 0, e = options.warmup + options.iterations; i < e; ++i) {
    progress.update(i);
    auto start = std::chrono::steady_clock::now();
    if (llvm::Error error = runOnce(*model, inputs, outputs)) {
      llvm::errs() << "mint: error: " << llvm::toString(std::move(error))
                   << "\n";
      return 1;
    }
    if (i >= options.warmup)
      seconds.push_back(std::chrono::duration<double>(
                            std::chrono::steady_clock::now() - start)
                            .count());
  }
  progress.finish();
  if (seconds.empty()) {
    llvm::errs() << "mint: error: --iterations must be at least 1\n";
    return 1;
  }
  std::sort(seconds.begin(), seconds.end());
  double median =
      seconds.size() % 2
          ? seconds[seconds.size() / 2]
          : (seconds[seconds.size() / 2 - 1] + seconds[seconds.size() / 2]) / 2;
  double ms = 1e3;
  std::optional<double> tflite;
  if (options.compareTFLite) {
    tflite = timeTFLite(options, inputs);
    if (!tflite)
      return 1;
  }
  std::string device = "cpu";
  bool onCPU = model->getDevice() == CompileOptions::Device::CPU;
  if (model->getDevice() == CompileOptions::Device::CUDAEmulator) {
    device = "cuda kernels emulated on the cpu";
  } else if (model->getDevice() == CompileOptions::Device::CUDA) {
    llvm::Expected<CUDADeviceInfo> gpu = initCUDADriver();
    device = gpu ? gpu->name : "cuda";
    llvm::consumeError(gpu.takeError());
  }
  if (options.json) {
    os << llvm::formatv(
        "{{\"model\": \"{0}\", \"target\": \"{10}\", "
        "\"device\": \"{11}\", \"threads\": {6}, "
        "\"compile_s\": {1:f4}, "
        "\"iterations\": {2}, \"median_ms\": {3:f4}, "
        "\"min_ms\": {4:f4}, \"max_ms\": {5:f4}, "
        "\"sparse_kernels\": {8}, \"block_sparse_convolutions\": {9}, "
        "\"tflite_median_ms\": {7}}\n",
        llvm::sys::path::filename(options.compile.model),
        model->getCompileSeconds(), seconds.size(), median * ms,
        seconds.front() * ms, seconds.back() * ms, options.compile.threads,
        tflite ? llvm::formatv("{0:f4}", *tflite).str() : std::string("null"),
        options.compile.sparseKernels ? "true" : "false",
        model->getBlockSparseConvolutions(), options.target.target,
        llvm::json::fixUTF8(device));
    return 0;
  }
  os << llvm::formatv("model      {0}\n", options.compile.model)
     << llvm::formatv("target     {0}{1}\n", options.target.target,
                      onCPU ? "" : " (" + device + ")")
     << llvm::formatv("threads    {0}\n", options.compile.threads)
     << llvm::formatv("compile    {0:f3} s ({1:f3} s MLIR pipeline, {2:f3} s "
                      "LLVM)\n",
                      model->getCompileSeconds(), model->getPipelineSeconds(),
                      model->getCompileSeconds() - model->getPipelineSeconds())
     << (!onCPU ? std::string()
                : llvm::formatv("sparse     {0} pointwise convolutions on "
                                "block-sparse kernels{1}\n",
                                model->getBlockSparseConvolutions(),
                                options.compile.sparseKernels
                                    ? ""
                                    : " (--sparse-kernels=false)")
                      .str())
     << llvm::formatv("latency    median {0:f3} ms, min {1:f3} ms, max {2:f3} "
                      "ms over {3} runs\n",
                      median * ms, seconds.front() * ms, seconds.back() * ms,
                      seconds.size());
  if (tflite)
    os << llvm::formatv("tflite     median {0:f3} ms (XNNPACK, {1} threads); "
                        "Mint / TFLite = {2:f2}\n",
                        *tflite, options.compile.threads,
                        median * ms / *tflite);
  return 0;
}
