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

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

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
         "func.func(mint-convert-copies-to-linalg, mint-parallel-dims-first,"
         " mint-tile-convolutions-for-gpu,"
         " convert-linalg-to-parallel-loops,"
         " mint-tile-parallel-loops-for-gpu{threads=" +
         std::to_string(threads) +
         "}, canonicalize, mint-wrap-sequential-work-for-gpu,"
         " gpu-map-parallel-loops,"
         " convert-parallel-loops-to-gpu)";
}

/// The kernel stage's gpu.launch ops run on the host, thread by thread
/// (mint-emulate-gpu-launches), then lowered for the CPU.
static constexpr const char *kEmulatorStage =
    "func.func(mint-emulate-gpu-launches), canonicalize,"
    "buffer-deallocation-pipeline,"
    "func.func(convert-linalg-to-loops), convert-vector-to-scf,"
    "lower-affine, convert-scf-to-cf, expand-strided-metadata, lower-affine,"
    "finalize-memref-to-llvm, convert-math-to-llvm, convert-vector-to-llvm,"
    "convert-to-llvm, reconcile-unrealized-casts";

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

/// Puts every buffer the kernels touch in device memory, so that the host
/// function takes and returns host buffers while its kernels only see
/// device ones: each allocation becomes a gpu.alloc, each constant and
/// argument is copied into one at the start, the outputs (the arguments
/// from `numInputs` on) are copied back at the end, and every device buffer
/// is freed before returning. Fails, located, if the host function itself
/// reads or writes a buffer (all such work belongs in kernels).
static LogicalResult placeBuffersOnDevice(func::FuncOp function,
                                          unsigned numInputs) {
  Block &body = function.getBody().front();
  auto returnOp = dyn_cast<func::ReturnOp>(body.getTerminator());
  if (!function.getBody().hasOneBlock() || !returnOp ||
      returnOp.getNumOperands() != 0)
    return function.emitError("the host function must be one block that "
                              "returns nothing");
  WalkResult walk = function.walk([&](Operation *op) {
    // Buffers are made at the top level, where they can be freed.
    if (isa<memref::AllocOp, memref::GetGlobalOp>(op) &&
        op->getBlock() != &body) {
      op->emitError("a buffer made inside a loop cannot move to the GPU");
      return WalkResult::interrupt();
    }
    // Every loop is in a kernel (mint-parallel-dims-first,
    // mint-wrap-sequential-work-for-gpu): a launch in a host loop would
    // also take stack for its arguments on every iteration.
    if (isa<func::FuncOp, func::ReturnOp, gpu::LaunchFuncOp, memref::AllocOp,
            memref::GetGlobalOp, ViewLikeOpInterface>(op) ||
        isPure(op))
      return WalkResult::advance();
    op->emitError("the host side of a CUDA model can only launch kernels, "
                  "allocate and take views; this op would run on the host: ")
        << op->getName();
    return WalkResult::interrupt();
  });
  if (walk.wasInterrupted())
    return failure();

  OpBuilder builder(function.getContext());
  SmallVector<Value> deviceBuffers;
  // Replaces every use of `value` (a host buffer) by a new device buffer of
  // its type, created at the builder's insertion point, and with `copyIn`
  // copies the host buffer into it.
  auto moveToDevice = [&](Value value, Location loc,
                          bool copyIn) -> FailureOr<Value> {
    auto type = cast<MemRefType>(value.getType());
    if (!type.hasStaticShape() || !type.getLayout().isIdentity())
      return emitError(loc, "only statically shaped buffers with the "
                            "identity layout can move to the GPU: ")
             << type;
    Value device =
        gpu::AllocOp::create(builder, loc, type, Type(), ValueRange(),
                             ValueRange(), ValueRange(), /*hostShared=*/false)
            .getMemref();
    value.replaceAllUsesWith(device);
    if (copyIn)
      gpu::MemcpyOp::create(builder, loc, Type(), ValueRange(), device, value);
    deviceBuffers.push_back(device);
    return device;
  };

  builder.setInsertionPointToStart(&body);
  SmallVector<std::pair<Value, Value>> outputs;
  for (BlockArgument argument : function.getArguments()) {
    bool isInput = argument.getArgNumber() < numInputs;
    FailureOr<Value> device =
        moveToDevice(argument, function.getLoc(), /*copyIn=*/isInput);
    if (failed(device))
      return failure();
    if (!isInput)
      outputs.emplace_back(argument, *device);
  }
  for (Operation &op : llvm::make_early_inc_range(body.without_terminator())) {
    if (auto global = dyn_cast<memref::GetGlobalOp>(op)) {
      builder.setInsertionPointAfter(global);
      if (failed(moveToDevice(global, global.getLoc(), /*copyIn=*/true)))
        return failure();
    } else if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      builder.setInsertionPoint(alloc);
      if (failed(moveToDevice(alloc, alloc.getLoc(), /*copyIn=*/false)))
        return failure();
      alloc.erase();
    }
  }
  builder.setInsertionPoint(returnOp);
  for (auto [host, device] : outputs)
    gpu::MemcpyOp::create(builder, returnOp.getLoc(), Type(), ValueRange(),
                          host, device);
  for (Value device : deviceBuffers)
    gpu::DeallocOp::create(builder, returnOp.getLoc(), Type(), ValueRange(),
                           device);
  return success();
}

/// The entry function of `module` (mint ops) alone in a copy named
/// `options.name`, lowered to linalg and through the kernel stage, then
/// through `tail`; `numInputs` gets the entry's input count (bufferization
/// appends the outputs to the arguments).
static FailureOr<OwningOpRef<ModuleOp>>
lowerToKernels(ModuleOp module, const CUDAOptions &options, StringRef tail,
               unsigned &numInputs) {
  MLIRContext *context = module.getContext();
  DialectRegistry registry;
  registerCPUPipelineDependencies(registry);
  context->appendDialectRegistry(registry);
  func::FuncOp entry = findModelEntry(module, options.entryPoint);
  if (!entry)
    return emitError(module.getLoc(), "no function to compile");
  numInputs = entry.getNumArguments();
  OwningOpRef<ModuleOp> lowered =
      cloneWithOnlyEntry(module, entry, options.name);
  PassManager pm(context, ModuleOp::getOperationName());
  if (failed(buildMintToLinalgPipeline(pm, options.float16)) ||
      failed(addTextualPipeline(pm, getKernelStage(options.threadsPerBlock))) ||
      failed(addTextualPipeline(pm, tail)))
    return emitError(module.getLoc(), "could not build the CUDA pipeline");
  if (failed(pm.run(*lowered)))
    return failure();
  return lowered;
}

FailureOr<OwningOpRef<ModuleOp>>
mint::lowerModelForCUDAEmulator(ModuleOp module, const CUDAOptions &options) {
  unsigned numInputs = 0;
  return lowerToKernels(module, options, kEmulatorStage, numInputs);
}

FailureOr<CUDAModel> mint::compileModelForCUDA(ModuleOp module,
                                               const CUDAOptions &options) {
  MLIRContext *context = module.getContext();
  DialectRegistry registry;
  registerAllToLLVMIRTranslations(registry);
  NVVM::registerNVVMTargetInterfaceExternalModels(registry);
  context->appendDialectRegistry(registry);
  llvm::InitializeAllTargets();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmPrinters();

  unsigned numInputs = 0;
  FailureOr<OwningOpRef<ModuleOp>> kernels = lowerToKernels(
      module, options, "gpu-kernel-outlining, canonicalize", numInputs);
  if (failed(kernels))
    return failure();
  OwningOpRef<ModuleOp> lowered = std::move(*kernels);
  mergeGPUModules(*lowered);
  if (failed(placeBuffersOnDevice(findModelEntry(*lowered), numInputs)))
    return failure();
  // One stream for the whole model: the copies, launches and frees are
  // ordered by async tokens instead of a synchronization after each.
  PassManager toAsync(context, ModuleOp::getOperationName());
  toAsync.addNestedPass<func::FuncOp>(createGpuAsyncRegionPass());
  if (failed(toAsync.run(*lowered)))
    return failure();

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
  result.executable = std::move(lowered);
  for (size_t at = result.ptx.find(".entry"); at != std::string::npos;
       at = result.ptx.find(".entry", at + 1))
    ++result.kernels;
  return result;
}

llvm::Expected<std::string> mint::assembleCUDABinary(StringRef ptx,
                                                     StringRef chip) {
  SmallVector<std::string> candidates;
  if (const char *home = std::getenv("CUDA_HOME"))
    candidates.push_back((Twine(home) + "/bin").str());
  candidates.push_back("/usr/local/cuda/bin");
  llvm::ErrorOr<std::string> ptxas = llvm::sys::findProgramByName("ptxas");
  if (!ptxas) {
    SmallVector<StringRef> paths(candidates.begin(), candidates.end());
    ptxas = llvm::sys::findProgramByName("ptxas", paths);
  }
  if (!ptxas)
    return llvm::createStringError(
        "a .cubin needs ptxas from the CUDA toolkit, which is not on PATH, "
        "in $CUDA_HOME/bin or in /usr/local/cuda/bin (write .ptx instead: "
        "the driver compiles it when the model is loaded)");
  SmallString<128> input, output, errors;
  llvm::scope_exit cleanup([&] {
    for (StringRef path :
         {StringRef(input), StringRef(output), StringRef(errors)})
      if (!path.empty())
        llvm::sys::fs::remove(path);
  });
  if (std::error_code error =
          llvm::sys::fs::createTemporaryFile("mint", "ptx", input))
    return llvm::createStringError(error, "cannot create a temporary file");
  if (std::error_code error =
          llvm::sys::fs::createTemporaryFile("mint", "cubin", output))
    return llvm::createStringError(error, "cannot create a temporary file");
  if (std::error_code error =
          llvm::sys::fs::createTemporaryFile("mint", "log", errors))
    return llvm::createStringError(error, "cannot create a temporary file");
  {
    std::error_code error;
    llvm::raw_fd_ostream file(input, error);
    if (error)
      return llvm::createStringError(error, "cannot write the PTX");
    file << ptx;
  }
  std::string arch = ("-arch=" + chip).str();
  SmallVector<StringRef> args = {*ptxas, arch, input, "-o", output};
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(errors),
                                          StringRef(errors)};
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(*ptxas, args, std::nullopt, redirects, 0,
                                     0, &message);
  if (rc != 0) {
    auto log = llvm::MemoryBuffer::getFile(errors);
    return llvm::createStringError(
        "ptxas failed" + (message.empty() ? "" : ": " + message) +
        (log ? "\n" + (*log)->getBuffer().rtrim().str() : ""));
  }
  auto cubin = llvm::MemoryBuffer::getFile(output, /*IsText=*/false);
  if (!cubin)
    return llvm::createStringError(cubin.getError(),
                                   "cannot read what ptxas wrote");
  return (*cubin)->getBuffer().str();
}
