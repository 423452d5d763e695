//===- CUDA.h - Compile a model to PTX for NVIDIA GPUs -----------*- C++
//-*-===//
//
// `mint compile --target cuda`: the model lowered like the CPU path to
// linalg on tensors, bufferized, every linalg op turned into parallel loops
// tiled into thread blocks (`gpu-map-parallel-loops`: blocks over the outer
// tiles, threads over the inner ones), outlined into GPU kernels that are
// gathered into one GPU module, lowered to NVVM and compiled by LLVM's
// NVPTX back end to PTX for `chip`. The host side (the launches, in order)
// is kept as MLIR for a runner.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_CUDA_H
#define MINT_RUNTIME_CUDA_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mlir::mint {

/// Options of compileModelForCUDA.
struct CUDAOptions {
  /// The GPU architecture (sm_80: A100; sm_90: H100).
  std::string chip = "sm_80";
  /// NVPTX features; PTX 8.0 covers sm_50 to sm_90.
  std::string features = "+ptx80";
  /// Threads per block along the innermost parallel dimension of each op.
  int64_t threadsPerBlock = 64;
  /// The name of the entry function (and prefix of its kernels); a C
  /// identifier.
  std::string name = "model";
  /// The function of the module to compile; empty means the first public
  /// one.
  std::string entryPoint;
  /// Compute float32 models in float16 (mint-compute-in-f16): activations
  /// and weights stored and moved as float16, convolutions accumulated in
  /// float32; inputs and outputs stay float32.
  bool float16 = false;
};

/// A model compiled for CUDA.
struct CUDAModel {
  /// The PTX text of every kernel.
  std::string ptx;
  /// The host side: `name` launching the kernels (gpu.launch_func) on
  /// buffers, in the gpu dialect, before lowering to LLVM.
  OwningOpRef<ModuleOp> host;
  /// What CompiledModel JIT-compiles: the host side lowered to the LLVM
  /// dialect (it calls the mgpu* functions of CUDADriver.h) and the PTX in
  /// a gpu.binary, loaded by a global constructor.
  OwningOpRef<ModuleOp> executable;
  /// Kernels in the PTX and launches in the host function.
  int64_t kernels = 0;
  int64_t launches = 0;
};

/// Compiles the first public function of `module` (mint ops) for `options`.
/// Errors are emitted as diagnostics on the module's context.
FailureOr<CUDAModel> compileModelForCUDA(ModuleOp module,
                                         const CUDAOptions &options);

/// Assembles `ptx` into a cubin for `chip` with the CUDA toolkit's `ptxas`
/// (found on PATH, else under $CUDA_HOME/bin or /usr/local/cuda/bin);
/// fails with a message saying what is missing or what ptxas reported.
llvm::Expected<std::string> assembleCUDABinary(StringRef ptx, StringRef chip);

/// Lowers the first public function of `module` (mint ops) through the same
/// kernel stage as compileModelForCUDA, then runs the kernels' gpu.launch
/// ops on the host instead (mint-emulate-gpu-launches) and lowers the
/// whole to the LLVM dialect for the CPU: the function `options.name`
/// takes the expanded memref descriptors of the inputs, then the outputs.
/// For checking the CUDA kernels' arithmetic where there is no GPU; slow.
FailureOr<OwningOpRef<ModuleOp>>
lowerModelForCUDAEmulator(ModuleOp module, const CUDAOptions &options);

} // namespace mlir::mint

#endif // MINT_RUNTIME_CUDA_H
