//===- CPUPipeline.cpp - Lower an imported model to LLVM for the host -----===//
//
// Builds the CPU pipeline declared in CPUPipeline.h. Mint's own passes are
// added by their generated constructors; the upstream section is written as
// one textual pipeline per stage, the same text that reproduces a stage
// with mlir-opt when debugging.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/CPUPipeline.h"

#include "mint/Conversion/Passes.h"
#include "mint/Dialect/Mint/Transforms/Passes.h"
#include "mint/Runtime/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace mlir::mint;

/// TOSA → linalg on tensors. Validation is left out: Mint's TOSA is valid by
/// construction, and the level checks reject legal rank-6 transposes.
static constexpr const char *kTosaToLinalg =
    "func.func(tosa-layerwise-constant-fold, tosa-optional-decompositions),"
    "func.func(tosa-infer-shapes, tosa-make-broadcastable,"
    " tosa-to-linalg-named, canonicalize, tosa-to-linalg),"
    "tosa-to-tensor, tosa-to-arith{include-apply-rescale=true}, canonicalize";

/// Puts convolutions in vectorizable forms, drops unit dimensions (TOSA's
/// depthwise lowering works on [N, H, W, C, 1]) and fuses elementwise producers
/// into consumers on tensors, then tiles and vectorizes.
static constexpr const char *kLinalgFusion =
    "func.func(mint-specialize-convolutions, linalg-fold-unit-extent-dims,"
    " linalg-fuse-elementwise-ops, canonicalize, cse)";
static std::string getTileAndVectorizeStage(unsigned threads) {
  return "func.func(mint-tile-and-vectorize{threads=" +
         std::to_string(threads) + "}, canonicalize, cse)";
}

/// Bufferizes with identity layouts at function boundaries, hoists the
/// buffers of fused tiles out of their loops (one allocation per op, not
/// per tile) and turns results into out-parameters that the caller
/// allocates.
static constexpr const char *kBufferize =
    "one-shot-bufferize{bufferize-function-boundaries "
    "function-boundary-type-conversion=identity-layout-map},"
    "func.func(buffer-hoisting, buffer-loop-hoisting),"
    "buffer-results-to-out-params{hoist-static-allocs=true "
    "modify-public-functions=true},"
    "canonicalize, buffer-deallocation-pipeline";

/// Copies and fills that bufferization made, tiled and vectorized.
static constexpr const char *kVectorizeBuffers =
    "func.func(mint-convert-copies-to-linalg, mint-tile-and-vectorize,"
    " canonicalize, cse)";

/// Parallel chunks → OpenMP. Canonicalization inlines the alloca scopes
/// that the conversion wraps loop bodies in (they hold no allocas here),
/// which would otherwise end up with several blocks once scf becomes cf.
static std::string getParallelizeStage(unsigned threads) {
  return "func.func(scf-forall-to-parallel), convert-scf-to-openmp{"
         "num-threads=" +
         std::to_string(threads) + "}, canonicalize";
}

/// Vectors and loops → LLVM.
static constexpr const char *kLowerToLLVM =
    "mint-plan-workspace,"
    "func.func(mint-convert-copies-to-linalg, convert-linalg-to-loops,"
    " lower-vector-multi-reduction), convert-vector-to-scf{full-unroll=true},"
    "lower-affine,"
    "convert-scf-to-cf, expand-strided-metadata, lower-affine,"
    "finalize-memref-to-llvm,"
    "convert-math-to-llvm,"
    "convert-vector-to-llvm{vector-contract-lowering=outerproduct},"
    "convert-openmp-to-llvm, convert-to-llvm, reconcile-unrealized-casts";

LogicalResult mint::addTextualPipeline(OpPassManager &pm, StringRef text) {
  // The textual stages name upstream passes, which must be registered.
  static bool registered =
      (registerAllPasses(), registerMintRuntimePasses(), true);
  (void)registered;
  return parsePassPipeline(text, pm, llvm::errs());
}

LogicalResult mint::buildMintToLinalgPipeline(OpPassManager &pm,
                                              bool computeInFloat16,
                                              bool paletteLookups) {
  OpPassManager &func = pm.nest<func::FuncOp>();
  if (paletteLookups)
    func.addPass(createLowerPaletteLookupsPass());
  func.addPass(createDensifyPass());
  func.addPass(createFoldF16WeightsPass());
  pm.addPass(createMintToTosaPass());
  if (computeInFloat16)
    pm.addNestedPass<func::FuncOp>(createComputeInFloat16Pass());
  return addTextualPipeline(pm, kTosaToLinalg);
}

LogicalResult
mint::buildLinalgToLLVMPipeline(OpPassManager &pm,
                                const CPUPipelineOptions &options) {
  unsigned threads = std::max(options.threads, 1u);
  if (options.sparse &&
      failed(addTextualPipeline(pm, "mint-lower-sparse-convolutions{threads=" +
                                        std::to_string(threads) + "}")))
    return failure();
  if (options.vnni &&
      failed(addTextualPipeline(pm, "func.func(mint-lower-vnni-convolutions)")))
    return failure();
  if (failed(addTextualPipeline(pm, kLinalgFusion)) ||
      (options.vectorize &&
       failed(addTextualPipeline(pm, getTileAndVectorizeStage(threads)))) ||
      failed(addTextualPipeline(pm, kBufferize)) ||
      (options.vectorize &&
       failed(addTextualPipeline(pm, kVectorizeBuffers))) ||
      (options.vnni &&
       failed(addTextualPipeline(
           pm, "func.func(mint-lower-vnni-convolutions{emit-intrinsics})"))) ||
      (threads > 1 &&
       failed(addTextualPipeline(pm, getParallelizeStage(threads)))) ||
      failed(addTextualPipeline(pm, kLowerToLLVM)))
    return failure();
  return success();
}

LogicalResult mint::buildCPUPipeline(OpPassManager &pm,
                                     const CPUPipelineOptions &options) {
  if (failed(buildMintToLinalgPipeline(pm, /*computeInFloat16=*/false,
                                       options.paletteLookups)))
    return failure();
  return buildLinalgToLLVMPipeline(pm, options);
}

void mint::registerCPUPipelineDependencies(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
}

namespace {
struct CPUPipelineCLOptions : public PassPipelineOptions<CPUPipelineCLOptions> {
  Option<bool> vectorize{*this, "vectorize",
                         llvm::cl::desc("Tile and vectorize (default on)"),
                         llvm::cl::init(true)};
  Option<unsigned> threads{*this, "threads",
                           llvm::cl::desc("Threads that share each op"),
                           llvm::cl::init(1)};
  Option<bool> vnni{*this, "vnni",
                    llvm::cl::desc("Use AVX-512 VNNI for int8 pointwise "
                                   "convolutions"),
                    llvm::cl::init(false)};
  Option<bool> sparse{*this, "sparse",
                      llvm::cl::desc("Use block-sparse kernels for float32 "
                                     "pointwise convolutions with mostly-zero "
                                     "filters (default on)"),
                      llvm::cl::init(true)};
  Option<bool> paletteLookups{
      *this, "palette-lookups",
      llvm::cl::desc("Look palettized weights up at run time rather than "
                     "expanding them at compile time (default off)"),
      llvm::cl::init(false)};
};
} // namespace

void mint::registerCPUPipelines() {
  registerMintRuntimePasses();
  PassPipelineRegistration<CPUPipelineCLOptions>(
      "mint-cpu-pipeline",
      "Lower mint ops to LLVM for the host CPU (what the runtime compiles)",
      [](OpPassManager &pm, const CPUPipelineCLOptions &clOptions) {
        CPUPipelineOptions options;
        options.vectorize = clOptions.vectorize;
        options.threads = clOptions.threads;
        options.vnni = clOptions.vnni;
        options.sparse = clOptions.sparse;
        options.paletteLookups = clOptions.paletteLookups;
        if (failed(buildCPUPipeline(pm, options)))
          llvm::report_fatal_error("mint-cpu-pipeline: invalid pipeline");
      });
  PassPipelineRegistration<>(
      "mint-to-linalg-pipeline",
      "Lower mint ops through TOSA to linalg on tensors",
      [](OpPassManager &pm) {
        if (failed(buildMintToLinalgPipeline(pm)))
          llvm::report_fatal_error("mint-to-linalg-pipeline: invalid pipeline");
      });
}
