//===- CUDA.cpp - Compile a model to PTX for NVIDIA GPUs ------------------===//
//
// mint → linalg (the CPU path's first half) → bufferization → parallel
// loops → tiles mapped to blocks and threads → kernels, merged into one GPU
// module → NVVM → PTX (gpu-module-to-binary, format=isa). The host module
// is copied out before the final lowering.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/CUDA.h"

#include "mint/Runtime/CPUPipeline.h"
#include "mint/Runtime/CompiledModel.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Support/TargetSelect.h"

using namespace mlir;
using namespace mlir::mint;

/// Linalg on tensors → one GPU kernel per op, launched from the host
/// function: unit dimensions dropped and elementwise producers fused as on
/// the CPU, buffers with identity layouts, results as out-parameters.
static std::string getKernelStage(int64_t threads) {
  return "func.func(linalg-fold-unit-extent-dims, linalg-fuse-elementwise-ops,"
         " canonicalize, cse),"
         "one-shot-bufferize{bufferize-function-boundaries "
         "function-boundary-type-conversion=identity-layout-map},"
         "func.func(buffer-hoisting),"
         "buffer-results-to-out-params{hoist-static-allocs=true "
         "modify-public-functions=true},"
         "canonicalize,"
         "func.func(convert-linalg-to-parallel-loops,"
         " mint-tile-parallel-loops-for-gpu{threads=" +
         std::to_string(threads) +
         "}, canonicalize, gpu-map-parallel-loops,"
         " convert-parallel-loops-to-gpu),"
         "gpu-kernel-outlining, canonicalize";
}

/// Moves every kernel into the first GPU module, so that one PTX text
/// holds them all, and points the launches at it.
static void mergeGPUModules(ModuleOp module) {
  SmallVector<gpu::GPUModuleOp> gpuModules(module.getOps<gpu::GPUModuleOp>());
  if (gpuModules.size() < 2)
    return;
  gpu::GPUModuleOp target = gpuModules.front();
  SymbolTable targetSymbols(target);
  DenseMap<StringAttr, StringAttr> renamed;
  for (gpu::GPUModuleOp source : llvm::drop_begin(gpuModules)) {
    for (Operation &op :
         llvm::make_early_inc_range(source.getBody()->getOperations())) {
      auto symbol = dyn_cast<SymbolOpInterface>(op);
      op.moveBefore(target.getBody(), target.getBody()->end());
      if (symbol) {
        StringAttr old = symbol.getNameAttr();
        // Inserting renames the symbol if it clashes.
        renamed[old] = targetSymbols.insert(&op);
      }
    }
    // Launches name the kernel as @module::@kernel.
    module.walk([&](gpu::LaunchFuncOp launch) {
      if (launch.getKernelModuleName() != source.getSymNameAttr())
        return;
      StringAttr kernel = launch.getKernelName();
      if (StringAttr name = renamed.lookup(kernel))
        kernel = name;
      launch.setKernelAttr(SymbolRefAttr::get(
          target.getSymNameAttr(), {FlatSymbolRefAttr::get(kernel)}));
    });
    renamed.clear();
    source.erase();
  }
}

FailureOr<CUDAModel> mint::compileModelForCUDA(ModuleOp module,
                                               const CUDAOptions &options) {
  MLIRContext *context = module.getContext();
  DialectRegistry registry;
  registerCPUPipelineDependencies(registry);
  registerAllToLLVMIRTranslations(registry);
  NVVM::registerNVVMTargetInterfaceExternalModels(registry);
  context->appendDialectRegistry(registry);
  llvm::InitializeAllTargets();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmPrinters();

  func::FuncOp entry = findModelEntry(module);
  if (!entry)
    return emitError(module.getLoc(), "the module has no public function");
  OwningOpRef<ModuleOp> lowered =
      cloneWithOnlyEntry(module, entry, options.name);

  PassManager toKernels(context, ModuleOp::getOperationName());
  if (failed(buildMintToLinalgPipeline(toKernels)) ||
      failed(addTextualPipeline(toKernels,
                                getKernelStage(options.threadsPerBlock))))
    return emitError(module.getLoc(), "could not build the CUDA pipeline");
  if (failed(toKernels.run(*lowered)))
    return failure();
  mergeGPUModules(*lowered);

  CUDAModel result;
  result.host = cast<ModuleOp>(lowered->clone());
  result.host->walk([&](gpu::LaunchFuncOp) { ++result.launches; });

  PassManager toPTX(context, ModuleOp::getOperationName());
  gpu::GPUToNVVMPipelineOptions nvvm;
  nvvm.cubinChip = options.chip;
  nvvm.cubinFeatures = options.features;
  nvvm.cubinFormat = "isa";
  gpu::buildLowerToNVVMPassPipeline(toPTX, nvvm);
  if (failed(toPTX.run(*lowered)))
    return failure();
  lowered->walk([&](gpu::BinaryOp binary) {
    for (Attribute attr : binary.getObjectsAttr()) {
      auto object = dyn_cast<gpu::ObjectAttr>(attr);
      if (object && object.getFormat() == gpu::CompilationTarget::Assembly)
        result.ptx += object.getObject().getValue().str();
    }
  });
  if (result.ptx.empty())
    return emitError(module.getLoc(), "the NVPTX back end wrote no PTX");
  for (size_t at = result.ptx.find(".entry"); at != std::string::npos;
       at = result.ptx.find(".entry", at + 1))
    ++result.kernels;
  return result;
}
