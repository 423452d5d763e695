//===- Commands.h - Subcommands of the mint driver --------------*- C++ -*-===//
//
// Each `mint <command>` declares its options under its own llvm::cl
// subcommand and runs through one entry point. Options live in structs
// owned by main(), never in mutable globals.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_TOOLS_MINT_COMMANDS_H
#define MINT_TOOLS_MINT_COMMANDS_H

#include "mint/Dialect/Mint/Transforms/Passes.h"
#include "mint/Runtime/AheadOfTime.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::mint::driver {

/// How image files given as --data become model inputs; shared by the
/// commands that take samples.
struct ImageInputOptions {
  explicit ImageInputOptions(llvm::cl::SubCommand &command)
      : scale("input-scale",
              llvm::cl::desc("Images: input = pixel (0-255) x scale + "
                             "offset (default scale 1/255: [0, 1])"),
              llvm::cl::init(1.0 / 255.0), llvm::cl::sub(command)),
        offset("input-offset",
               llvm::cl::desc("Images: see --input-scale (default 0)"),
               llvm::cl::init(0.0), llvm::cl::sub(command)),
        mean("input-mean",
             llvm::cl::desc("Images: input = (pixel - mean) / std, instead "
                            "of --input-scale and --input-offset"),
             llvm::cl::sub(command)),
        std("input-std", llvm::cl::desc("Images: see --input-mean"),
            llvm::cl::sub(command)) {}

  llvm::cl::opt<double> scale, offset, mean, std;
};

/// Options of `mint ops`.
struct OpsOptions {
  llvm::cl::SubCommand command{
      "ops", "List the TFLite operators Mint models and how each quantizes"};
  llvm::cl::opt<bool> json{"json", llvm::cl::desc("Print JSON"),
                           llvm::cl::sub(command)};
};

/// Runs `mint ops`; returns the process exit code.
int runOpsCommand(const OpsOptions &options, llvm::raw_ostream &os);

/// Options of `mint inspect`.
struct InspectOptions {
  llvm::cl::SubCommand command{
      "inspect", "Summarize a .tflite model: ops, tensors, parameters, "
                 "quantization, sparsity, subgraphs and signatures"};
  llvm::cl::opt<std::string> model{llvm::cl::Positional,
                                   llvm::cl::desc("<model.tflite>"),
                                   llvm::cl::Required, llvm::cl::sub(command)};
  llvm::cl::opt<bool> json{"json", llvm::cl::desc("Print JSON"),
                           llvm::cl::sub(command)};
};

/// Runs `mint inspect`; returns the process exit code.
int runInspectCommand(const InspectOptions &options, llvm::raw_ostream &os);

/// The model that `mint run` and `mint bench` compile, and how.
struct CompileModelOptions {
  explicit CompileModelOptions(llvm::cl::SubCommand &command)
      : model(llvm::cl::Positional, llvm::cl::desc("<model.tflite>"),
              llvm::cl::Required, llvm::cl::sub(command)),
        threads("threads",
                llvm::cl::desc("Threads that share each op (default 1)"),
                llvm::cl::init(1), llvm::cl::sub(command)),
        sparseKernels(
            "sparse-kernels",
            llvm::cl::desc("Compute float32 pointwise convolutions whose "
                           "filters are mostly zero blocks (pruned with "
                           "--pattern block:16x1, 8x1 or 4x1) with "
                           "block-sparse kernels (default true; false keeps "
                           "the dense kernels)"),
            llvm::cl::init(true), llvm::cl::sub(command)),
        paletteLookups(
            "palette-lookups",
            llvm::cl::desc("Keep palettized weights (mint cluster "
                           "--palettize) as one index per weight and their "
                           "palette in the compiled code, and look the "
                           "weights up when the model runs (default false: "
                           "expand them at compile time)"),
            llvm::cl::init(false), llvm::cl::sub(command)) {}

  llvm::cl::opt<std::string> model;
  llvm::cl::opt<unsigned> threads;
  llvm::cl::opt<bool> sparseKernels;
  llvm::cl::opt<bool> paletteLookups;
};

/// Where `mint run` and `mint bench` run a model.
struct RunTargetOptions {
  explicit RunTargetOptions(llvm::cl::SubCommand &command)
      : target("target",
               llvm::cl::desc("cpu (default: this CPU), cuda (the first "
                              "NVIDIA GPU, through its driver, "
                              "libcuda.so.1) or cuda-emulator (the CUDA "
                              "kernels run on this CPU thread by thread, to "
                              "check them without a GPU; slow)"),
               llvm::cl::init("cpu"), llvm::cl::sub(command)),
        chip("chip",
             llvm::cl::desc("--target cuda: the architecture to compile "
                            "for, e.g. sm_80 (default: the GPU's own, at "
                            "most sm_90)"),
             llvm::cl::sub(command)),
        precision("precision",
                  llvm::cl::desc("--target cuda or cuda-emulator: float32 "
                                 "(default) or float16 (float models computed "
                                 "in float16, convolutions accumulated in "
                                 "float32)"),
                  llvm::cl::init("float32"), llvm::cl::sub(command)) {}

  llvm::cl::opt<std::string> target;
  llvm::cl::opt<std::string> chip;
  llvm::cl::opt<std::string> precision;
};

/// Options of `mint run`.
struct RunOptions {
  llvm::cl::SubCommand command{
      "run", "Compile a .tflite model for this CPU (or a GPU) and run it on "
             ".npy inputs"};
  CompileModelOptions compile{command};
  RunTargetOptions target{command};
  llvm::cl::list<std::string> inputs{
      "input",
      llvm::cl::desc("A .npy file per model input, in order; repeat the "
                     "whole set for more runs of one compiled model"),
      llvm::cl::value_desc("file.npy"), llvm::cl::sub(command)};
  llvm::cl::opt<std::string> data{
      "data",
      llvm::cl::desc("Run on these samples instead of --input files (as "
                     "mint quantize --data: a .npy whose first dimension "
                     "counts samples, a .npz, a directory of .npy or image "
                     "files); each output_<i>.npy stacks the outputs of all "
                     "samples along a new first dimension"),
      llvm::cl::value_desc("file.npy|dir"), llvm::cl::sub(command)};
  ImageInputOptions images{command};
  llvm::cl::opt<std::string> outputDir{
      "output-dir",
      llvm::cl::desc("Where to write output_<i>.npy (run_<r>/output_<i>.npy "
                     "for several runs of --input files)"),
      llvm::cl::value_desc("dir"), llvm::cl::Required, llvm::cl::sub(command)};
  llvm::cl::opt<bool> json{"json",
                           llvm::cl::desc("List the files written as JSON"),
                           llvm::cl::sub(command)};
};

/// Runs `mint run`; returns the process exit code.
int runRunCommand(const RunOptions &options, llvm::raw_ostream &os);

/// Options of `mint bench`.
struct BenchOptions {
  llvm::cl::SubCommand command{
      "bench", "Compile a .tflite model for this CPU (or a GPU) and time its "
               "runs"};
  CompileModelOptions compile{command};
  RunTargetOptions target{command};
  llvm::cl::list<std::string> inputs{
      "input",
      llvm::cl::desc("A .npy file per model input (default: random values)"),
      llvm::cl::value_desc("file.npy"), llvm::cl::sub(command)};
  llvm::cl::opt<unsigned> iterations{
      "iterations", llvm::cl::desc("Timed runs (default 50)"),
      llvm::cl::init(50), llvm::cl::sub(command)};
  llvm::cl::opt<unsigned> warmup{
      "warmup", llvm::cl::desc("Untimed runs first (default 3)"),
      llvm::cl::init(3), llvm::cl::sub(command)};
  llvm::cl::opt<bool> json{"json", llvm::cl::desc("Print JSON"),
                           llvm::cl::sub(command)};
  llvm::cl::opt<bool> compareTFLite{
      "compare-tflite",
      llvm::cl::desc("Also time the TFLite interpreter (PyPI ai-edge-litert, "
                     "XNNPACK) on the same inputs and print the ratio"),
      llvm::cl::sub(command)};
};

/// Runs `mint bench`; returns the process exit code.
int runBenchCommand(const BenchOptions &options, llvm::raw_ostream &os);

/// Options of `mint compile`.
struct CompileCommandOptions {
  llvm::cl::SubCommand command{
      "compile", "Compile a .tflite model ahead of time: for a CPU, an object "
                 "file and a C header; for an accelerator target, TOSA"};
  CompileModelOptions compile{command};
  llvm::cl::opt<std::string> target{
      "target",
      llvm::cl::desc("What to compile for: cpu (default; an object file and "
                     "a C header), cuda (PTX for NVIDIA GPUs), or an "
                     "accelerator target: tosa-int, edgetpu-like or a "
                     "target description file (.json); then -o gets TOSA "
                     "(.mlir text, .mlirbc bytecode)"),
      llvm::cl::init("cpu"), llvm::cl::sub(command)};
  llvm::cl::opt<std::string> chip{
      "chip",
      llvm::cl::desc("--target cuda: the GPU architecture, e.g. sm_80 "
                     "(default), sm_90"),
      llvm::cl::init("sm_80"), llvm::cl::sub(command)};
  llvm::cl::opt<std::string> precision{
      "precision",
      llvm::cl::desc("--target cuda: float32 (default) or float16 (float "
                     "models computed in float16, convolutions accumulated "
                     "in float32)"),
      llvm::cl::init("float32"), llvm::cl::sub(command)};
  llvm::cl::opt<bool> allowFallback{
      "allow-fallback",
      llvm::cl::desc("Accelerator targets: leave the ops the target cannot "
                     "run to the CPU (a host function in mint ops, written "
                     "beside -o as .host.mlir) instead of failing"),
      llvm::cl::sub(command)};
  llvm::cl::opt<std::string> output{
      "o",
      llvm::cl::desc("Where to write the object file (or assembly, or "
                     "LLVM IR; see --emit), or the TOSA"),
      llvm::cl::value_desc("model.o"), llvm::cl::Required,
      llvm::cl::sub(command)};
  llvm::cl::opt<std::string> header{
      "header",
      llvm::cl::desc("Where to write the C header (default: the -o path with "
                     "the extension .h)"),
      llvm::cl::value_desc("model.h"), llvm::cl::sub(command)};
  llvm::cl::opt<std::string> name{
      "name",
      llvm::cl::desc("C identifier for the entry point <name>_run and the "
                     "header's macros (default: the -o file's stem)"),
      llvm::cl::sub(command)};
  llvm::cl::opt<std::string> triple{
      "triple", llvm::cl::desc("LLVM target triple (default: the host's)"),
      llvm::cl::sub(command)};
  llvm::cl::opt<std::string> cpu{
      "cpu",
      llvm::cl::desc("LLVM CPU name, e.g. x86-64-v3, skylake-avx512, "
                     "cortex-a76 (default: host, the CPU Mint runs on)"),
      llvm::cl::init("host"), llvm::cl::sub(command)};
  llvm::cl::opt<std::string> features{
      "features",
      llvm::cl::desc("Extra LLVM target features, e.g. +avx2,-avx512f"),
      llvm::cl::sub(command)};
  llvm::cl::opt<ObjectFormat> emit{
      "emit", llvm::cl::desc("What -o receives"),
      llvm::cl::values(
          clEnumValN(ObjectFormat::Object, "obj", "a relocatable object file"),
          clEnumValN(ObjectFormat::Assembly, "asm", "assembly"),
          clEnumValN(ObjectFormat::LLVMIR, "llvm-ir", "LLVM IR text")),
      llvm::cl::init(ObjectFormat::Object), llvm::cl::sub(command)};
  llvm::cl::opt<bool> json{"json", llvm::cl::desc("Print JSON"),
                           llvm::cl::sub(command)};
};

/// Runs `mint compile`; returns the process exit code.
int runCompileCommand(const CompileCommandOptions &options,
                      llvm::raw_ostream &os);

/// Options of `mint calibrate`.
struct CalibrateOptions {
  llvm::cl::SubCommand command{
      "calibrate", "Run a float .tflite model over representative samples "
                   "and record each tensor's statistics (#mint.stats)"};
  llvm::cl::opt<std::string> model{llvm::cl::Positional,
                                   llvm::cl::desc("<model.tflite>"),
                                   llvm::cl::Required, llvm::cl::sub(command)};
  llvm::cl::opt<std::string> data{
      "data",
      llvm::cl::desc("The samples: a .npy whose first dimension counts "
                     "samples of the model's input, a .npz of such arrays "
                     "(one per input), a directory of .npy files (one "
                     "sample each) or of PNG/JPEG images (resized to the "
                     "input; see --input-scale)"),
      llvm::cl::value_desc("file.npy|dir"), llvm::cl::Required,
      llvm::cl::sub(command)};
  ImageInputOptions images{command};
  llvm::cl::opt<std::string> output{
      "o",
      llvm::cl::desc("Write the model as MLIR with its statistics attached"),
      llvm::cl::value_desc("file.mlir"), llvm::cl::sub(command)};
  llvm::cl::opt<unsigned> threads{
      "threads", llvm::cl::desc("Threads that share each op (default 1)"),
      llvm::cl::init(1), llvm::cl::sub(command)};
  llvm::cl::opt<bool> json{"json",
                           llvm::cl::desc("Print each tensor's range as JSON"),
                           llvm::cl::sub(command)};
};

/// Runs `mint calibrate`; returns the process exit code.
int runCalibrateCommand(const CalibrateOptions &options, llvm::raw_ostream &os);

/// Options of `mint quantize`.
struct QuantizeOptions {
  llvm::cl::SubCommand command{
      "quantize", "Quantize a float .tflite model as TFLite's converter "
                  "does and report what it gained"};
  llvm::cl::opt<std::string> model{llvm::cl::Positional,
                                   llvm::cl::desc("<model.tflite>"),
                                   llvm::cl::Required, llvm::cl::sub(command)};
  llvm::cl::opt<std::string> output{
      "o", llvm::cl::desc("Where to write the quantized model"),
      llvm::cl::value_desc("file.tflite"), llvm::cl::Required,
      llvm::cl::sub(command)};
  llvm::cl::opt<QuantizationMode> mode{
      "mode", llvm::cl::desc("The quantized form"),
      llvm::cl::values(
          clEnumValN(QuantizationMode::Float16, "float16",
                     "float16 weights behind DEQUANTIZE"),
          clEnumValN(QuantizationMode::DynamicInt8, "dynamic-int8",
                     "int8 weights for TFLite's hybrid kernels, float "
                     "activations"),
          clEnumValN(QuantizationMode::Int8, "int8",
                     "full integer int8, calibrated on --data; float I/O"),
          clEnumValN(QuantizationMode::Int16x8, "int16x8",
                     "int16 activations, int8 weights, calibrated on "
                     "--data; float I/O")),
      llvm::cl::init(QuantizationMode::Float16), llvm::cl::sub(command)};
  llvm::cl::opt<std::string> calibrationMethod{
      "calibration-method",
      llvm::cl::desc("How activation ranges follow from calibration: minmax "
                     "(default), moving-average, percentile (99.99), "
                     "percentile=P, mse or entropy"),
      llvm::cl::init("minmax"), llvm::cl::sub(command)};
  llvm::cl::opt<std::string> data{
      "data",
      llvm::cl::desc("Representative samples, to calibrate on (int8) and "
                     "to measure the output SQNR on: a .npy whose first "
                     "dimension counts samples of the model's input, a "
                     ".npz of such arrays, a directory of .npy files (one "
                     "sample each) or of PNG/JPEG images (float16 and "
                     "dynamic-int8 default: 8 random samples)"),
      llvm::cl::value_desc("file.npy|dir"), llvm::cl::sub(command)};
  ImageInputOptions images{command};
  llvm::cl::opt<std::string> ioType{
      "io-type",
      llvm::cl::desc("int8 and int16x8: the element type of the model's "
                     "inputs and outputs: float (default), int8 or uint8 "
                     "(int8 mode), int16 (int16x8 mode)"),
      llvm::cl::init("float"), llvm::cl::sub(command)};
  llvm::cl::opt<bool> equalize{
      "equalize",
      llvm::cl::desc("int8, int16x8: cross-layer equalization of "
                     "consecutive convolutions before calibration"),
      llvm::cl::sub(command)};
  llvm::cl::opt<bool> biasCorrection{
      "bias-correction",
      llvm::cl::desc("int8, int16x8: correct each bias for the mean shift "
                     "that quantizing the weights causes (from the "
                     "calibration data's per-channel means)"),
      llvm::cl::sub(command)};
  llvm::cl::opt<bool> fakeQuant{
      "fake-quant",
      llvm::cl::desc("int8: write the calibrated float model with FAKE_QUANT "
                     "ops and weights on their int8 grid (for "
                     "quantization-aware training) instead of the integer "
                     "model"),
      llvm::cl::sub(command)};
  llvm::cl::opt<std::string> target{
      "target",
      llvm::cl::desc("int8, int16x8: quantize for an accelerator target "
                     "(tosa-int, edgetpu-like or a target description "
                     ".json): integer inputs and outputs unless --io-type "
                     "says otherwise, and a report of the ops the target "
                     "cannot run"),
      llvm::cl::sub(command)};
  llvm::cl::opt<bool> int8Only{
      "int8-only",
      llvm::cl::desc("int8: fail, listing each op that would stay float, "
                     "unless every op gets an integer form (accelerators)"),
      llvm::cl::sub(command)};
  llvm::cl::list<std::string> denyOps{
      "deny-ops",
      llvm::cl::desc("Keep these TFLite ops in float (integer modes), e.g. "
                     "CONV_2D,FULLY_CONNECTED"),
      llvm::cl::CommaSeparated, llvm::cl::sub(command)};
  llvm::cl::opt<std::string> denyNames{
      "deny-names",
      llvm::cl::desc("Keep in float the ops with a tensor name in which this "
                     "regular expression finds a match (integer modes)"),
      llvm::cl::value_desc("regex"), llvm::cl::sub(command)};
  llvm::cl::opt<int64_t> minWeightElements{
      "min-weight-elements",
      llvm::cl::desc("dynamic-int8: quantize weights with at least this many "
                     "values (default 1024, as TFLite's converter)"),
      llvm::cl::init(1024), llvm::cl::sub(command)};
  llvm::cl::opt<bool> sparseEncoding{
      "sparse-encoding",
      llvm::cl::desc("Store weights with at least 30% zeros (pruned ones) in "
                     "TFLite's sparse format where that is smaller (default "
                     "true)"),
      llvm::cl::init(true), llvm::cl::sub(command)};
  llvm::cl::opt<bool> json{"json", llvm::cl::desc("Print the summary as JSON"),
                           llvm::cl::sub(command)};
};

/// Options of `mint compare`.
struct CompareOptions {
  llvm::cl::SubCommand command{
      "compare", "Run a float model and its quantized version on the same "
                 "samples and report the error of each layer and output"};
  llvm::cl::opt<std::string> reference{
      llvm::cl::Positional, llvm::cl::desc("<float.tflite>"),
      llvm::cl::Required, llvm::cl::sub(command)};
  llvm::cl::opt<std::string> candidate{
      llvm::cl::Positional, llvm::cl::desc("<quantized.tflite>"),
      llvm::cl::Required, llvm::cl::sub(command)};
  llvm::cl::opt<std::string> data{
      "data",
      llvm::cl::desc("Samples of the float model's input (as mint quantize "
                     "--data; default: 8 random samples)"),
      llvm::cl::value_desc("file.npy|dir"), llvm::cl::sub(command)};
  ImageInputOptions images{command};
  llvm::cl::opt<unsigned> top{
      "top", llvm::cl::desc("Print the N worst layers (default 20; 0: all)"),
      llvm::cl::init(20), llvm::cl::sub(command)};
  llvm::cl::opt<std::string> report{
      "report", llvm::cl::desc("Write the full report as JSON"),
      llvm::cl::value_desc("file.json"), llvm::cl::sub(command)};
  llvm::cl::opt<std::string> plot{
      "plot",
      llvm::cl::desc("Draw each layer's SQNR, in model order, as a PNG bar "
                     "chart"),
      llvm::cl::value_desc("file.png"), llvm::cl::sub(command)};
  llvm::cl::opt<bool> json{"json", llvm::cl::desc("Print the report as JSON"),
                           llvm::cl::sub(command)};
};

/// Runs `mint compare`; returns the process exit code.
int runCompareCommand(const CompareOptions &options, llvm::raw_ostream &os);

/// Runs `mint quantize`; returns the process exit code.
int runQuantizeCommand(const QuantizeOptions &options, llvm::raw_ostream &os);

/// Options that `mint prune` and `mint cluster` share.
struct WeightCompressionOptions {
  explicit WeightCompressionOptions(llvm::cl::SubCommand &command)
      : model(llvm::cl::Positional, llvm::cl::desc("<model.tflite>"),
              llvm::cl::Required, llvm::cl::sub(command)),
        output("o", llvm::cl::desc("Where to write the model"),
               llvm::cl::value_desc("file.tflite"), llvm::cl::Required,
               llvm::cl::sub(command)),
        data("data",
             llvm::cl::desc("Samples to measure the output SQNR on (as mint "
                            "quantize --data; default: 8 random samples)"),
             llvm::cl::value_desc("file.npy|dir"), llvm::cl::sub(command)),
        images(command),
        minElements("min-elements",
                    llvm::cl::desc("Leave weights with fewer values as they "
                                   "are (default 1024)"),
                    llvm::cl::init(1024), llvm::cl::sub(command)),
        sparseEncoding(
            "sparse-encoding",
            llvm::cl::desc("Store weights with at least 30% zeros in "
                           "TFLite's sparse format where that is smaller "
                           "(default true)"),
            llvm::cl::init(true), llvm::cl::sub(command)),
        json("json", llvm::cl::desc("Print the summary as JSON"),
             llvm::cl::sub(command)) {}

  llvm::cl::opt<std::string> model, output, data;
  ImageInputOptions images;
  llvm::cl::opt<int64_t> minElements;
  llvm::cl::opt<bool> sparseEncoding, json;
};

/// Options of `mint prune`.
struct PruneOptions {
  llvm::cl::SubCommand command{
      "prune", "Magnitude-prune the weights of a float .tflite model and "
               "store them sparsely"};
  WeightCompressionOptions common{command};
  llvm::cl::opt<double> sparsity{
      "sparsity",
      llvm::cl::desc("Fraction of each layer's weights (or blocks) to zero "
                     "(default 0.5)"),
      llvm::cl::init(0.5), llvm::cl::sub(command)};
  llvm::cl::opt<std::string> pattern{
      "pattern",
      llvm::cl::desc("unstructured (default), block:RxC (R output channels "
                     "x C innermost values) or N:M (e.g. 2:4: N of every M "
                     "consecutive weights kept)"),
      llvm::cl::init("unstructured"), llvm::cl::sub(command)};
  llvm::cl::opt<std::string> perLayer{
      "per-layer",
      llvm::cl::desc("A file of 'REGEX SPARSITY' lines: the first regex "
                     "found in a layer's tensor name sets its sparsity (0: "
                     "leave it dense); '#' starts a comment"),
      llvm::cl::value_desc("file"), llvm::cl::sub(command)};
  llvm::cl::opt<double> maxWeightError{
      "max-weight-error",
      llvm::cl::desc("Leave layers whose weights pruning would change by "
                     "more than this relative L2 norm (default 0.5)"),
      llvm::cl::init(0.5), llvm::cl::sub(command)};
  llvm::cl::opt<bool> refit{
      "refit",
      llvm::cl::desc("Refit the weights each pruned layer keeps by least "
                     "squares, layer by layer, so that its output on the "
                     "--data samples comes as close as it can to the "
                     "unpruned layer's (compiles the model once per layer)"),
      llvm::cl::sub(command)};
};

/// Runs `mint prune`; returns the process exit code.
int runPruneCommand(const PruneOptions &options, llvm::raw_ostream &os);

/// Options of `mint cluster`.
struct ClusterOptions {
  llvm::cl::SubCommand command{
      "cluster", "Cluster the weights of a float .tflite model by k-means, "
                 "so that few distinct values remain"};
  WeightCompressionOptions common{command};
  llvm::cl::opt<int64_t> clusters{
      "clusters", llvm::cl::desc("Centroids per layer or channel (default 16)"),
      llvm::cl::init(16), llvm::cl::sub(command)};
  llvm::cl::opt<ClusterInit> init{
      "init", llvm::cl::desc("Centroid initialization"),
      llvm::cl::values(
          clEnumValN(ClusterInit::Linear, "linear",
                     "evenly spaced between min and max"),
          clEnumValN(ClusterInit::Random, "random", "weights at random"),
          clEnumValN(ClusterInit::Density, "density",
                     "evenly spaced quantiles"),
          clEnumValN(ClusterInit::KMeansPlusPlus, "kmeans++",
                     "k-means++ seeding (default)")),
      llvm::cl::init(ClusterInit::KMeansPlusPlus), llvm::cl::sub(command)};
  llvm::cl::opt<bool> perChannel{
      "per-channel", llvm::cl::desc("Cluster each output channel on its own"),
      llvm::cl::sub(command)};
  llvm::cl::opt<uint64_t> seed{
      "seed", llvm::cl::desc("Seed of the random choices (default 0)"),
      llvm::cl::init(0), llvm::cl::sub(command)};
  llvm::cl::opt<bool> palettize{
      "palettize",
      llvm::cl::desc("Store each clustered weight as its palette (float32) "
                     "and one uint8 index per value, expanded by CAST and "
                     "GATHER (1 byte per weight instead of 4)"),
      llvm::cl::sub(command)};
};

/// Runs `mint cluster`; returns the process exit code.
int runClusterCommand(const ClusterOptions &options, llvm::raw_ostream &os);

/// Options of `mint compress-report`.
struct CompressReportOptions {
  llvm::cl::SubCommand command{
      "compress-report",
      "Per layer: sparsity and distinct weight values; per model: size raw "
      "and gzip-compressed; of one model, or of two side by side"};
  llvm::cl::list<std::string> models{
      llvm::cl::Positional, llvm::cl::desc("<before.tflite> [after.tflite]"),
      llvm::cl::OneOrMore, llvm::cl::sub(command)};
  llvm::cl::opt<bool> json{"json", llvm::cl::desc("Print JSON"),
                           llvm::cl::sub(command)};
};

/// Runs `mint compress-report`; returns the process exit code.
int runCompressReportCommand(const CompressReportOptions &options,
                             llvm::raw_ostream &os);

} // namespace mlir::mint::driver

#endif // MINT_TOOLS_MINT_COMMANDS_H
