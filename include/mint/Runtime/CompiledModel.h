//===- CompiledModel.h - Compile a model once, run it many times -*- C++ -*-=//
//
// The host runtime that calibration, `mint run`, `mint bench`, the Python
// package and the benchmarks share: CompiledModel::create lowers a module
// of mint ops with the CPU pipeline and JIT-compiles it with MLIR's
// ExecutionEngine for the host CPU; run() then executes it on buffers the
// caller owns, as often as needed.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_COMPILEDMODEL_H
#define MINT_RUNTIME_COMPILEDMODEL_H

#include "mint/Runtime/CPUPipeline.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace mlir {
class ExecutionEngine;
} // namespace mlir

namespace mlir::mint {

/// Element kinds a model's inputs and outputs can have, named as numpy
/// names them. A quantized tensor is exchanged as its storage integers.
enum class ElementKind { F32, F16, I8, U8, I16, I32, I64, Bool };

/// numpy's name of `kind` ("float32", "int8", ...).
StringRef getElementKindName(ElementKind kind);

/// Bytes per element of `kind`.
size_t getElementKindSize(ElementKind kind);

/// A tensor's type as the driver and generated headers print it:
/// "float32[1,128,128,3]".
std::string describeTensorType(ElementKind kind, ArrayRef<int64_t> shape);

/// One input or output of a compiled model.
struct TensorSpec {
  std::string name;
  ElementKind kind = ElementKind::F32;
  SmallVector<int64_t> shape;

  int64_t getNumElements() const;
  size_t getByteSize() const {
    return getNumElements() * getElementKindSize(kind);
  }
};

/// Options of CompiledModel::create.
struct CompileOptions {
  /// Pipeline knobs; `vnni` (default on) applies only when the host has
  /// AVX512-VNNI.
  CPUPipelineOptions pipeline = [] {
    CPUPipelineOptions options;
    options.vnni = true;
    return options;
  }();
  /// LLVM IR optimization level (0-3).
  unsigned optLevel = 3;
  /// LLVM code generation optimization level (0-3). 1 by default: the MLIR
  /// pipeline already tiled, vectorized and hoisted, and LLVM's aggressive
  /// instruction scheduling cost a fifth of compile time for no measured
  /// speed (hand_landmark_full: 2.4 s → 2.1 s of LLVM time).
  unsigned codeGenOptLevel = 1;
  /// Verify the IR after every pass of the pipeline (for debugging Mint);
  /// otherwise it is verified once, after the last pass.
  bool verifyEachPass = false;
  /// The function to compile; empty means the first public function (the
  /// TFLite model's first subgraph).
  std::string entryPoint;
  /// Where the model runs: on the host CPU; on the first NVIDIA GPU
  /// through the CUDA driver (CUDA.h, CUDADriver.h), with only its host
  /// side (copies, launches) JIT-compiled for the CPU; or, to check the
  /// CUDA kernels without a GPU, with those kernels run on the CPU thread
  /// by thread (lowerModelForCUDAEmulator; slow).
  enum class Device { CPU, CUDA, CUDAEmulator };
  Device device = Device::CPU;
  /// With Device::CUDA, the architecture to compile for ("sm_80"); empty
  /// means the GPU's own, at most sm_90: the driver compiles PTX for sm_90
  /// on newer GPUs.
  std::string cudaChip;
  /// With Device::CUDA or CUDAEmulator, compute float32 models in float16
  /// (CUDAOptions::float16).
  bool cudaFloat16 = false;
};

/// A model lowered by the CPU pipeline to the LLVM dialect, not yet
/// translated to LLVM IR: what CompiledModel JIT-compiles and what
/// compileModelAheadOfTime (AheadOfTime.h) writes as an object file.
struct LoweredModel {
  /// Only the entry function is left, renamed to the `entrySymbol` given to
  /// lowerModelToLLVM. It takes the expanded memref descriptor (allocated
  /// and aligned pointer, offset, sizes, strides) of every input, then
  /// every output, then the workspace: `workspaceBytes` bytes, 64-byte
  /// aligned, where the intermediate buffers live (mint-plan-workspace).
  OwningOpRef<ModuleOp> module;
  SmallVector<TensorSpec> inputs;
  SmallVector<TensorSpec> outputs;
  int64_t workspaceBytes = 0;
  /// Pointwise convolutions on block-sparse kernels.
  int64_t blockSparseConvolutions = 0;
  /// Seconds spent in the MLIR pass pipeline.
  double pipelineSeconds = 0.0;
};

/// Alignment, in bytes, that the workspace of a LoweredModel needs.
inline constexpr size_t kWorkspaceAlignment = 64;

/// The function of `module` a model runs: the one named `name`, or with an
/// empty name the first public one (a TFLite model's first subgraph);
/// null if there is none.
func::FuncOp findModelEntry(ModuleOp module, StringRef name = {});

/// A copy of `module` in which only `entry` (a function of `module`) is
/// left, public, renamed to `newName` unless that is empty.
OwningOpRef<ModuleOp> cloneWithOnlyEntry(ModuleOp module, func::FuncOp entry,
                                         StringRef newName = {});

/// cloneWithOnlyEntry(module, entry, newName) as the model runs: the
/// dynamic dimensions of its inputs get size 1 and the shapes that follow
/// are inferred (mint-infer-shapes), since a model runs at the shape TFLite
/// allocates by default, which for the batch TensorFlow's converter leaves
/// open is 1.
FailureOr<OwningOpRef<ModuleOp>>
cloneForRunning(ModuleOp module, func::FuncOp entry, StringRef newName = {});

/// The inputs and outputs of `entry` (a model function of mint ops), named
/// after their TFLite tensors, as the model runs (dynamic dimensions
/// specialized as cloneForRunning does). Fails, located, for types
/// the runtime cannot exchange.
LogicalResult getModelTensorSpecs(func::FuncOp entry,
                                  SmallVectorImpl<TensorSpec> &inputs,
                                  SmallVectorImpl<TensorSpec> &outputs);

/// Lowers the function `options.entryPoint` of `module` (mint ops, as
/// imported from a .tflite file) with the CPU pipeline configured by
/// `options.pipeline` exactly as given (callers clear `vnni` for CPUs
/// without AVX512-VNNI); `module` itself is not modified. Errors are
/// emitted as diagnostics on the module's context.
FailureOr<LoweredModel> lowerModelToLLVM(ModuleOp module,
                                         const CompileOptions &options,
                                         StringRef entrySymbol);

/// Runs LLVM's default module pipeline at `optLevel` (0-3) for `machine`,
/// with loop unrolling and interleaving off: the MLIR pipeline already
/// unrolled and vectorized the hot loops.
void optimizeLLVMModule(llvm::Module &module, llvm::TargetMachine *machine,
                        unsigned optLevel);

/// A model compiled for the host CPU or, with CompileOptions::device, for
/// an NVIDIA GPU.
class CompiledModel {
public:
  /// Compiles `module` (mint ops, as imported from a .tflite file); the
  /// module itself is not modified. Errors are emitted as diagnostics on the
  /// module's context and the result is then failure.
  static FailureOr<std::unique_ptr<CompiledModel>>
  create(ModuleOp module, const CompileOptions &options = {});

  ~CompiledModel();
  CompiledModel(const CompiledModel &) = delete;
  CompiledModel &operator=(const CompiledModel &) = delete;

  ArrayRef<TensorSpec> getInputs() const { return inputs; }
  ArrayRef<TensorSpec> getOutputs() const { return outputs; }

  /// Seconds that create() took: pipeline, LLVM translation and JIT.
  double getCompileSeconds() const { return compileSeconds; }

  /// Of getCompileSeconds(), the seconds spent in the MLIR pass pipeline
  /// (the rest is LLVM translation, optimization and code generation).
  double getPipelineSeconds() const { return pipelineSeconds; }

  /// How many pointwise convolutions run with block-sparse kernels
  /// (mint-lower-sparse-convolutions; CPUPipelineOptions::sparse).
  int64_t getBlockSparseConvolutions() const { return blockSparseConvolutions; }

  /// Runs the model: `inputs[i]` points to getInputs()[i].getByteSize()
  /// bytes in row-major order, `outputs[i]` to room for the i-th output.
  /// On the CPU, intermediate results live in a workspace allocated once by
  /// create(), so a CompiledModel runs one call at a time
  /// (thread-compatible). On a GPU, a run copies the inputs and weights to
  /// device memory, launches the kernels on one stream, copies the outputs
  /// back and waits; a failing driver call becomes the returned error.
  llvm::Error run(ArrayRef<const void *> inputs, ArrayRef<void *> outputs);

  /// Where the model runs.
  CompileOptions::Device getDevice() const { return device; }

private:
  CompiledModel();

  /// 64-byte blocks of the workspace that holds the model's intermediate
  /// buffers (planned by mint-plan-workspace), allocated once.
  struct alignas(kWorkspaceAlignment) WorkspaceBlock {
    char bytes[64];
  };
  std::vector<WorkspaceBlock> workspace;

  std::unique_ptr<ExecutionEngine> engine;
  void (*entry)(void **) = nullptr;
  CompileOptions::Device device = CompileOptions::Device::CPU;
  /// The CUDA modules the engine loaded (unloaded with it).
  std::vector<void *> cudaModules;
  SmallVector<TensorSpec> inputs;
  SmallVector<TensorSpec> outputs;
  double compileSeconds = 0.0;
  double pipelineSeconds = 0.0;
  int64_t blockSparseConvolutions = 0;
};

} // namespace mlir::mint

#endif // MINT_RUNTIME_COMPILEDMODEL_H
