//===- CUDADriver.h - The CUDA driver API, loaded at run time ---*- C++ -*-===//
//
// What CompiledModel needs to run a model on an NVIDIA GPU, without linking
// against CUDA: the driver library (libcuda.so.1, which comes with NVIDIA's
// kernel driver, or the file named by MINT_CUDA_DRIVER) is opened when a
// model is first compiled for CUDA, and the runtime functions that MLIR's
// gpu-to-llvm lowering calls (mgpuModuleLoadJIT, mgpuLaunchKernel,
// mgpuMemAlloc, ...) are implemented over it and handed to the JIT by name.
//
// The runtime functions cannot return errors to the generated code; the
// first failure is recorded instead (and later calls do nothing) until
// takeCUDAError() reports it.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_CUDADRIVER_H
#define MINT_RUNTIME_CUDADRIVER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <utility>
#include <vector>

namespace mlir::mint {

/// The GPU a model runs on: device 0.
struct CUDADeviceInfo {
  /// The driver library that was opened.
  std::string library;
  std::string name;
  /// Compute capability.
  int major = 0;
  int minor = 0;
  /// As the driver reports it: 12040 for CUDA 12.4.
  int driverVersion = 0;
  size_t memoryBytes = 0;
};

/// Opens the driver library, initializes it and retains device 0's primary
/// context. Done once per process; later calls return the first result.
/// Fails with a message that says what is missing (no library, no device).
llvm::Expected<CUDADeviceInfo> initCUDADriver();

/// Makes device 0's primary context current on the calling thread (after
/// initCUDADriver succeeded).
llvm::Error makeCUDAContextCurrent();

/// The runtime functions, by the names the generated code calls them.
llvm::ArrayRef<std::pair<const char *, void *>> getCUDARuntimeSymbols();

/// The first failure of a runtime function since the last call, as an
/// error naming the driver function and CUDA's message; success if none.
llvm::Error takeCUDAError();

/// While alive, records the modules that mgpuModuleLoadJIT loads (the JIT's
/// global constructors run inside it), so that their owner can unload them.
class CUDAModuleRecorder {
public:
  CUDAModuleRecorder(std::vector<void *> &modules);
  ~CUDAModuleRecorder();
  CUDAModuleRecorder(const CUDAModuleRecorder &) = delete;
  CUDAModuleRecorder &operator=(const CUDAModuleRecorder &) = delete;

private:
  std::vector<void *> *previous;
};

/// Unloads modules recorded by a CUDAModuleRecorder.
void unloadCUDAModules(llvm::ArrayRef<void *> modules);

} // namespace mlir::mint

#endif // MINT_RUNTIME_CUDADRIVER_H
