//===- CompiledModel.cpp - Compile a model once, run it many times --------===//
//
// Clones the module, renames the entry function to a fixed symbol, runs the
// CPU pipeline, and JIT-compiles the LLVM dialect module for the host CPU
// (its full feature set, e.g. AVX-512). The compiled entry takes every
// input and then every output as a memref, bufferized with identity
// layouts; ExecutionEngine's packed wrapper receives one pointer per
// scalar of the expanded memref descriptors, which run() fills in.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/CompiledModel.h"

#include "mint/Config.h"
#include "mint/Dialect/Mint/IR/MintDialect.h"
#include "mint/Dialect/Mint/Transforms/Passes.h"
#include "mint/Runtime/CUDA.h"
#include "mint/Runtime/CUDADriver.h"
#include "mint/Runtime/Passes.h"
#include "mint/Target/TFLite/TFLite.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

#include <chrono>

using namespace mlir;
using namespace mlir::mint;

/// The symbol the entry function is renamed to before lowering.
static constexpr StringLiteral kEntrySymbol = "mint_entry";

StringRef mint::getElementKindName(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return "float32";
  case ElementKind::F16:
    return "float16";
  case ElementKind::I8:
    return "int8";
  case ElementKind::U8:
    return "uint8";
  case ElementKind::I16:
    return "int16";
  case ElementKind::I32:
    return "int32";
  case ElementKind::I64:
    return "int64";
  case ElementKind::Bool:
    return "bool";
  }
  llvm_unreachable("unknown element kind");
}

size_t mint::getElementKindSize(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
  case ElementKind::I32:
    return 4;
  case ElementKind::F16:
  case ElementKind::I16:
    return 2;
  case ElementKind::I8:
  case ElementKind::U8:
  case ElementKind::Bool:
    return 1;
  case ElementKind::I64:
    return 8;
  }
  llvm_unreachable("unknown element kind");
}

std::string mint::describeTensorType(ElementKind kind,
                                     ArrayRef<int64_t> shape) {
  return (getElementKindName(kind) + "[" +
          llvm::join(llvm::map_range(
                         shape, [](int64_t d) { return std::to_string(d); }),
                     ",") +
          "]")
      .str();
}

int64_t TensorSpec::getNumElements() const {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

/// The element kind a value of `type` is exchanged as.
static FailureOr<ElementKind> getElementKind(Type type) {
  if (auto quantized = dyn_cast<quant::QuantizedType>(type))
    return quantized.isSigned()
               ? getElementKind(quantized.getStorageType())
               : FailureOr<ElementKind>(
                     quantized.getStorageTypeIntegralWidth() == 8
                         ? ElementKind::U8
                         : FailureOr<ElementKind>(failure()));
  if (type.isF32())
    return ElementKind::F32;
  if (type.isF16())
    return ElementKind::F16;
  if (type.isInteger(1))
    return ElementKind::Bool;
  if (type.isUnsignedInteger(8))
    return ElementKind::U8;
  if (type.isInteger(8))
    return ElementKind::I8;
  if (type.isInteger(16))
    return ElementKind::I16;
  if (type.isInteger(32))
    return ElementKind::I32;
  if (type.isInteger(64))
    return ElementKind::I64;
  return failure();
}

static FailureOr<TensorSpec> getTensorSpec(Location loc, Type type,
                                           std::string name) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return emitError(loc, "model input/output ")
           << type << " must be a statically shaped tensor";
  FailureOr<ElementKind> kind = getElementKind(tensor.getElementType());
  if (failed(kind))
    return emitError(loc, "model input/output element type ")
           << tensor.getElementType() << " is not supported by the runtime";
  return TensorSpec{std::move(name), *kind,
                    SmallVector<int64_t>(tensor.getShape())};
}

func::FuncOp mint::findModelEntry(ModuleOp module, StringRef name) {
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal())
      continue;
    if (name.empty() ? func.isPublic() : func.getSymName() == name)
      return func;
  }
  return {};
}

OwningOpRef<ModuleOp> mint::cloneWithOnlyEntry(ModuleOp module,
                                               func::FuncOp entry,
                                               StringRef newName) {
  OwningOpRef<ModuleOp> copy(cast<ModuleOp>(module->clone()));
  func::FuncOp kept;
  for (auto func : llvm::make_early_inc_range(copy->getOps<func::FuncOp>())) {
    if (func.getSymName() == entry.getSymName())
      kept = func;
    else
      func.erase();
  }
  if (!newName.empty())
    kept.setSymName(newName);
  kept.setPublic();
  return copy;
}

void mint::optimizeLLVMModule(llvm::Module &module,
                              llvm::TargetMachine *machine, unsigned optLevel) {
  // Without loop unrolling and interleaving: unrolling the loops that the
  // MLIR pipeline left into long blocks made instruction scheduling
  // dominate compile time (hand_landmark_full: 11.5 s of LLVM time with
  // unrolling, under 4 s without).
  if (optLevel == 0)
    return;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = false;
  tuning.LoopInterleaving = false;
  llvm::LoopAnalysisManager loopAnalyses;
  llvm::FunctionAnalysisManager functionAnalyses;
  llvm::CGSCCAnalysisManager cgsccAnalyses;
  llvm::ModuleAnalysisManager moduleAnalyses;
  llvm::PassBuilder builder(machine, tuning);
  builder.registerModuleAnalyses(moduleAnalyses);
  builder.registerCGSCCAnalyses(cgsccAnalyses);
  builder.registerFunctionAnalyses(functionAnalyses);
  builder.registerLoopAnalyses(loopAnalyses);
  builder.crossRegisterProxies(loopAnalyses, functionAnalyses, cgsccAnalyses,
                               moduleAnalyses);
  llvm::OptimizationLevel level = optLevel == 1   ? llvm::OptimizationLevel::O1
                                  : optLevel == 2 ? llvm::OptimizationLevel::O2
                                                  : llvm::OptimizationLevel::O3;
  builder.buildPerModuleDefaultPipeline(level).run(module, moduleAnalyses);
}

/// Whether an input or result of `type` has a dynamic dimension.
static bool hasDynamicDims(FunctionType type) {
  auto dynamic = [](Type type) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    return tensor && !tensor.hasStaticShape();
  };
  return llvm::any_of(type.getInputs(), dynamic) ||
         llvm::any_of(type.getResults(), dynamic);
}

/// The only function of a cloneWithOnlyEntry copy.
static func::FuncOp getOnlyEntry(ModuleOp copy) {
  return *copy.getOps<func::FuncOp>().begin();
}

FailureOr<OwningOpRef<ModuleOp>>
mint::cloneForRunning(ModuleOp module, func::FuncOp entry, StringRef newName) {
  OwningOpRef<ModuleOp> copy = cloneWithOnlyEntry(module, entry, newName);
  func::FuncOp copied = getOnlyEntry(*copy);
  FunctionType type = copied.getFunctionType();
  if (!hasDynamicDims(type))
    return copy;
  SmallVector<Type> inputs;
  for (BlockArgument argument : copied.getArguments()) {
    Type argType = argument.getType();
    if (auto tensor = dyn_cast<RankedTensorType>(argType);
        tensor && !tensor.hasStaticShape()) {
      SmallVector<int64_t> shape(tensor.getShape());
      for (int64_t &size : shape)
        if (ShapedType::isDynamic(size))
          size = 1;
      argType = tensor.clone(shape);
      argument.setType(argType);
    }
    inputs.push_back(argType);
  }
  copied.setType(
      FunctionType::get(module.getContext(), inputs, type.getResults()));
  PassManager pm(module.getContext(), ModuleOp::getOperationName());
  pm.addPass(createInferShapesPass());
  if (failed(pm.run(*copy)))
    return failure();
  return copy;
}

LogicalResult mint::getModelTensorSpecs(func::FuncOp entry,
                                        SmallVectorImpl<TensorSpec> &inputs,
                                        SmallVectorImpl<TensorSpec> &outputs) {
  FunctionType type = entry.getFunctionType();
  if (hasDynamicDims(type)) {
    // The specs of the model as it runs: on a copy with its dynamic
    // dimensions specialized (what stays dynamic is reported below).
    FailureOr<OwningOpRef<ModuleOp>> copy =
        cloneForRunning(entry->getParentOfType<ModuleOp>(), entry);
    if (failed(copy))
      return failure();
    func::FuncOp copied = getOnlyEntry(**copy);
    if (!hasDynamicDims(copied.getFunctionType()))
      return getModelTensorSpecs(copied, inputs, outputs);
  }
  for (auto [index, argType] : llvm::enumerate(type.getInputs())) {
    Location loc = entry.getArgument(index).getLoc();
    SmallVector<std::string> names = getTFLiteTensorNames(loc, 1);
    FailureOr<TensorSpec> spec = getTensorSpec(
        loc, argType,
        names.empty() ? "input_" + std::to_string(index) : names.front());
    if (failed(spec))
      return failure();
    inputs.push_back(std::move(*spec));
  }
  auto returnOp = cast<func::ReturnOp>(entry.getBody().back().getTerminator());
  for (auto [index, value] : llvm::enumerate(returnOp.getOperands())) {
    std::string name = "output_" + std::to_string(index);
    if (Operation *producer = value.getDefiningOp()) {
      SmallVector<std::string> names =
          getTFLiteTensorNames(producer->getLoc(), producer->getNumResults());
      if (!names.empty())
        name = names[cast<OpResult>(value).getResultNumber()];
    }
    FailureOr<TensorSpec> spec =
        getTensorSpec(returnOp.getLoc(), value.getType(), std::move(name));
    if (failed(spec))
      return failure();
    outputs.push_back(std::move(*spec));
  }
  return success();
}

FailureOr<LoweredModel> mint::lowerModelToLLVM(ModuleOp module,
                                               const CompileOptions &options,
                                               StringRef entrySymbol) {
  func::FuncOp entry = findModelEntry(module, options.entryPoint);
  if (!entry)
    return emitError(module.getLoc(), "no function to compile")
           << (options.entryPoint.empty()
                   ? std::string(" (the module has no public function)")
                   : " named '" + options.entryPoint + "'");

  // Lower a copy with only the entry function left, under a fixed name,
  // its dynamic dimensions specialized.
  LoweredModel lowered;
  FailureOr<OwningOpRef<ModuleOp>> copy =
      cloneForRunning(module, entry, entrySymbol);
  if (failed(copy))
    return failure();
  lowered.module = std::move(*copy);
  if (failed(getModelTensorSpecs(getOnlyEntry(*lowered.module), lowered.inputs,
                                 lowered.outputs)))
    return failure();

  MLIRContext *context = module.getContext();
  DialectRegistry registry;
  registerCPUPipelineDependencies(registry);
  context->appendDialectRegistry(registry);
  PassManager pm(context, ModuleOp::getOperationName());
  pm.enableVerifier(options.verifyEachPass);
  if (failed(buildCPUPipeline(pm, options.pipeline)))
    return emitError(module.getLoc(), "could not build the CPU pipeline");
  auto pipelineStart = std::chrono::steady_clock::now();
  if (failed(pm.run(*lowered.module)) ||
      (!options.verifyEachPass && failed(verify(*lowered.module))))
    return failure();
  lowered.pipelineSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                    pipelineStart)
          .count();
  if (auto bytes =
          (*lowered.module)->getAttrOfType<IntegerAttr>("mint.workspace_bytes"))
    lowered.workspaceBytes = bytes.getInt();
  if (auto count =
          (*lowered.module)
              ->getAttrOfType<IntegerAttr>(kBlockSparseConvolutionsAttrName))
    lowered.blockSparseConvolutions = count.getInt();
  return lowered;
}

CompiledModel::CompiledModel() = default;

CompiledModel::~CompiledModel() {
  // The engine's code no longer runs once it is gone; its modules go next.
  engine.reset();
  unloadCUDAModules(cudaModules);
}

/// Lowers `module` for the first GPU into `executable` (the host side in
/// the LLVM dialect, the kernels as PTX in a gpu.binary), for the GPU's own
/// architecture unless `cuda` names one.
static LogicalResult lowerForCUDA(ModuleOp module, CUDAOptions cuda,
                                  OwningOpRef<ModuleOp> &executable) {
  llvm::Expected<CUDADeviceInfo> device = initCUDADriver();
  if (!device)
    return emitError(module.getLoc(), "cannot run on a GPU: ")
           << llvm::toString(device.takeError());
  if (cuda.chip.empty()) {
    int major = std::min(device->major, 9);
    int minor = device->major > 9 ? 0 : device->minor;
    cuda.chip = "sm_" + std::to_string(major * 10 + minor);
  }
  FailureOr<CUDAModel> compiled = compileModelForCUDA(module, cuda);
  if (failed(compiled))
    return failure();
  executable = std::move(compiled->executable);
  return success();
}

FailureOr<std::unique_ptr<CompiledModel>>
CompiledModel::create(ModuleOp module, const CompileOptions &options) {
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<CompiledModel> model(new CompiledModel());
  OwningOpRef<ModuleOp> executable;
  model->device = options.device;
  bool onCUDA = options.device == CompileOptions::Device::CUDA;
  if (options.device != CompileOptions::Device::CPU) {
    func::FuncOp entry = findModelEntry(module, options.entryPoint);
    if (!entry)
      return emitError(module.getLoc(), "no function to compile");
    // The GPU lowering sees the model with its dynamic dimensions
    // specialized.
    FailureOr<OwningOpRef<ModuleOp>> specialized =
        cloneForRunning(module, entry);
    if (failed(specialized) ||
        failed(getModelTensorSpecs(getOnlyEntry(**specialized), model->inputs,
                                   model->outputs)))
      return failure();
    CUDAOptions cuda;
    cuda.name = kEntrySymbol.str();
    cuda.entryPoint = entry.getSymName().str();
    cuda.chip = options.cudaChip;
    cuda.float16 = options.cudaFloat16;
    if (onCUDA) {
      if (failed(lowerForCUDA(**specialized, cuda, executable)))
        return failure();
    } else {
      FailureOr<OwningOpRef<ModuleOp>> lowered =
          lowerModelForCUDAEmulator(**specialized, cuda);
      if (failed(lowered))
        return failure();
      executable = std::move(*lowered);
    }
    model->pipelineSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
  } else {
    CompileOptions hostOptions = options;
    hostOptions.pipeline.vnni &=
        llvm::sys::getHostCPUFeatures().lookup("avx512vnni");
    FailureOr<LoweredModel> lowered =
        lowerModelToLLVM(module, hostOptions, kEntrySymbol);
    if (failed(lowered))
      return failure();
    model->inputs = std::move(lowered->inputs);
    model->outputs = std::move(lowered->outputs);
    model->workspace.resize(
        (lowered->workspaceBytes + kWorkspaceAlignment - 1) /
        kWorkspaceAlignment);
    model->blockSparseConvolutions = lowered->blockSparseConvolutions;
    model->pipelineSeconds = lowered->pipelineSeconds;
    executable = std::move(lowered->module);
  }

  if (options.pipeline.threads > 1 &&
      options.device == CompileOptions::Device::CPU) {
    std::string error;
    if (StringRef(MINT_OPENMP_RUNTIME).empty() ||
        llvm::sys::DynamicLibrary::LoadLibraryPermanently(MINT_OPENMP_RUNTIME,
                                                          &error))
      return emitError(module.getLoc(), "running on ")
             << options.pipeline.threads
             << " threads needs LLVM's OpenMP runtime (libomp-22-dev)"
             << (error.empty() ? "" : ": ") << error;
  }

  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  MLIRContext *context = module.getContext();
  registerBuiltinDialectTranslation(*context);
  registerLLVMDialectTranslation(*context);
  registerOpenMPDialectTranslation(*context);

  auto hostBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!hostBuilder)
    return emitError(module.getLoc(), "cannot target the host CPU: ")
           << llvm::toString(hostBuilder.takeError());
  auto codeGenLevel = static_cast<llvm::CodeGenOptLevel>(
      std::min<unsigned>(options.codeGenOptLevel, 3));
  hostBuilder->setCodeGenOptLevel(codeGenLevel);
  auto targetMachine = hostBuilder->createTargetMachine();
  if (!targetMachine)
    return emitError(module.getLoc(), "cannot target the host CPU: ")
           << llvm::toString(targetMachine.takeError());

  llvm::TargetMachine *machine = targetMachine->get();
  unsigned optLevel = std::min<unsigned>(options.optLevel, 3);
  auto transformer = [machine, optLevel](llvm::Module *module) {
    optimizeLLVMModule(*module, machine, optLevel);
    return llvm::Error::success();
  };
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = codeGenLevel;
  engineOptions.enableGDBNotificationListener = false;
  engineOptions.enablePerfNotificationListener = false;
  // The CUDA runtime functions the host side calls; its global constructor
  // loads the PTX (compiled by the driver) when the engine initializes.
  auto runtimeSymbols = [](llvm::orc::MangleAndInterner mangle) {
    llvm::orc::SymbolMap symbols;
    for (auto [name, address] : getCUDARuntimeSymbols())
      symbols[mangle(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                               llvm::JITSymbolFlags::Exported};
    return symbols;
  };
  {
    CUDAModuleRecorder recorder(model->cudaModules);
    auto engine = ExecutionEngine::create(*executable, engineOptions,
                                          std::move(*targetMachine));
    if (!engine)
      return emitError(module.getLoc(), "JIT compilation failed: ")
             << llvm::toString(engine.takeError());
    model->engine = std::move(*engine);
    if (onCUDA) {
      model->engine->registerSymbols(runtimeSymbols);
      model->engine->initialize();
      if (llvm::Error error = takeCUDAError())
        return emitError(module.getLoc(), "cannot load the kernels: ")
               << llvm::toString(std::move(error));
    }
  }
  auto packed = model->engine->lookupPacked(kEntrySymbol);
  if (!packed)
    return emitError(module.getLoc(), "compiled entry point is missing: ")
           << llvm::toString(packed.takeError());
  model->entry = *packed;
  model->compileSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return model;
}

namespace {
/// The expanded memref descriptor of one argument: allocated and aligned
/// pointers, offset, sizes and strides, as the LLVM lowering passes them.
struct ExpandedMemRef {
  void *allocated = nullptr;
  void *aligned = nullptr;
  int64_t offset = 0;
  SmallVector<int64_t, 8> sizesAndStrides;

  ExpandedMemRef(void *data, ArrayRef<int64_t> shape)
      : allocated(data), aligned(data) {
    size_t rank = shape.size();
    sizesAndStrides.resize(2 * rank);
    int64_t stride = 1;
    for (size_t i = rank; i-- > 0;) {
      sizesAndStrides[i] = shape[i];
      sizesAndStrides[rank + i] = stride;
      stride *= shape[i];
    }
  }

  void appendPointers(SmallVectorImpl<void *> &args) {
    args.push_back(&allocated);
    args.push_back(&aligned);
    args.push_back(&offset);
    for (int64_t &value : sizesAndStrides)
      args.push_back(&value);
  }
};
} // namespace

llvm::Error CompiledModel::run(ArrayRef<const void *> inputData,
                               ArrayRef<void *> outputData) {
  if (inputData.size() != inputs.size() || outputData.size() != outputs.size())
    return llvm::createStringError(
        "the model takes %zu inputs and %zu outputs, got %zu and %zu",
        inputs.size(), outputs.size(), inputData.size(), outputData.size());
  SmallVector<ExpandedMemRef, 8> descriptors;
  descriptors.reserve(inputs.size() + outputs.size() + 1);
  for (auto [data, spec] : llvm::zip(inputData, inputs))
    descriptors.emplace_back(const_cast<void *>(data), spec.shape);
  for (auto [data, spec] : llvm::zip(outputData, outputs))
    descriptors.emplace_back(data, spec.shape);
  bool onCUDA = device == CompileOptions::Device::CUDA;
  if (device == CompileOptions::Device::CPU) {
    int64_t workspaceBytes =
        static_cast<int64_t>(workspace.size() * kWorkspaceAlignment);
    descriptors.emplace_back(workspace.data(),
                             ArrayRef<int64_t>(workspaceBytes));
  } else if (onCUDA) {
    if (llvm::Error error = makeCUDAContextCurrent())
      return error;
  }
  SmallVector<void *, 64> args;
  for (ExpandedMemRef &descriptor : descriptors)
    descriptor.appendPointers(args);
  entry(args.data());
  if (onCUDA)
    return takeCUDAError();
  return llvm::Error::success();
}
