//===- CUDADriver.cpp - The CUDA driver API, loaded at run time -----------===//
//
// The driver's C API is declared here from its documented types and entry
// points (CUresult is an int, handles are pointers, device pointers are
// 64-bit integers); versioned entry points are looked up under the names
// the driver exports them as (cuMemAlloc_v2, ...).
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/CUDADriver.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <mutex>

using namespace mlir;
using namespace mlir::mint;

namespace {
using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
using Handle = void *;

// Values of the driver's enums that Mint uses.
constexpr int kJitErrorLogBuffer = 5;
constexpr int kJitErrorLogBufferSizeBytes = 6;
constexpr int kJitOptimizationLevel = 7;
constexpr int kComputeCapabilityMajor = 75;
constexpr int kComputeCapabilityMinor = 76;
constexpr unsigned kStreamNonBlocking = 1;
constexpr unsigned kMemAttachGlobal = 1;

/// The driver entry points Mint calls. The optional ones (stream-ordered
/// allocation, CUDA 11.2 on) may be null.
struct DriverAPI {
  CUresult (*init)(unsigned);
  CUresult (*driverGetVersion)(int *);
  CUresult (*deviceGetCount)(int *);
  CUresult (*deviceGet)(CUdevice *, int);
  CUresult (*deviceGetName)(char *, int, CUdevice);
  CUresult (*deviceGetAttribute)(int *, int, CUdevice);
  CUresult (*deviceTotalMem)(size_t *, CUdevice);
  CUresult (*primaryCtxRetain)(Handle *, CUdevice);
  CUresult (*ctxSetCurrent)(Handle);
  CUresult (*moduleLoadDataEx)(Handle *, const void *, unsigned, int *,
                               void **);
  CUresult (*moduleUnload)(Handle);
  CUresult (*moduleGetFunction)(Handle *, Handle, const char *);
  CUresult (*launchKernel)(Handle, unsigned, unsigned, unsigned, unsigned,
                           unsigned, unsigned, unsigned, Handle, void **,
                           void **);
  CUresult (*streamCreate)(Handle *, unsigned);
  CUresult (*streamSynchronize)(Handle);
  CUresult (*streamDestroy)(Handle);
  CUresult (*memAlloc)(CUdeviceptr *, size_t);
  CUresult (*memAllocManaged)(CUdeviceptr *, size_t, unsigned);
  CUresult (*memFree)(CUdeviceptr);
  CUresult (*memcpyAsync)(CUdeviceptr, CUdeviceptr, size_t, Handle);
  CUresult (*getErrorString)(CUresult, const char **);
  CUresult (*memAllocAsync)(CUdeviceptr *, size_t, Handle);
  CUresult (*memFreeAsync)(CUdeviceptr, Handle);
};

struct DriverState {
  std::once_flag once;
  std::string initError;
  CUDADeviceInfo info;
  DriverAPI api = {};
  Handle context = nullptr;
  /// The first failure of a runtime function, until taken.
  std::string runtimeError;
  /// Where mgpuModuleLoadJIT records modules (CUDAModuleRecorder).
  std::vector<void *> *recording = nullptr;
  /// Modules loaded and not yet unloaded.
  llvm::SmallPtrSet<void *, 4> loaded;
};

DriverState &getState() {
  static DriverState state;
  return state;
}

std::string describeResult(CUresult result) {
  const char *message = nullptr;
  DriverAPI &api = getState().api;
  if (api.getErrorString && api.getErrorString(result, &message) == 0 &&
      message)
    return llvm::formatv("{0} (CUDA error {1})", message, result).str();
  return llvm::formatv("CUDA error {0}", result).str();
}

/// Records the first failure; true on success.
bool check(CUresult result, const char *function, llvm::StringRef detail = {}) {
  if (result == 0)
    return true;
  DriverState &state = getState();
  if (state.runtimeError.empty()) {
    // A short detail goes in parentheses, a JIT log on the lines below.
    bool multiLine = detail.contains('\n');
    state.runtimeError = std::string(function);
    if (!detail.empty() && !multiLine)
      state.runtimeError += " (" + detail.str() + ")";
    state.runtimeError += ": " + describeResult(result);
    if (multiLine)
      state.runtimeError += "\n" + detail.rtrim().str();
  }
  return false;
}

/// Whether an earlier runtime call failed: launches, copies and
/// allocations are then skipped, frees and synchronizations still done.
bool failedBefore() { return !getState().runtimeError.empty(); }

std::string loadDriver(DriverState &state) {
  const char *override = std::getenv("MINT_CUDA_DRIVER");
  state.info.library = override && *override ? override : "libcuda.so.1";
  std::string error;
  llvm::sys::DynamicLibrary library =
      llvm::sys::DynamicLibrary::getPermanentLibrary(state.info.library.c_str(),
                                                     &error);
  if (!library.isValid())
    return "cannot load the CUDA driver " + state.info.library + " (" + error +
           "): running on an NVIDIA GPU needs one with its driver installed";

  std::string missing;
  auto resolve = [&](auto &function, const char *name, bool required = true) {
    void *address = library.getAddressOfSymbol(name);
    if (!address && required)
      missing += missing.empty() ? name : std::string(", ") + name;
    function =
        reinterpret_cast<std::remove_reference_t<decltype(function)>>(address);
  };
  DriverAPI &api = state.api;
  resolve(api.init, "cuInit");
  resolve(api.driverGetVersion, "cuDriverGetVersion");
  resolve(api.deviceGetCount, "cuDeviceGetCount");
  resolve(api.deviceGet, "cuDeviceGet");
  resolve(api.deviceGetName, "cuDeviceGetName");
  resolve(api.deviceGetAttribute, "cuDeviceGetAttribute");
  resolve(api.deviceTotalMem, "cuDeviceTotalMem_v2");
  resolve(api.primaryCtxRetain, "cuDevicePrimaryCtxRetain");
  resolve(api.ctxSetCurrent, "cuCtxSetCurrent");
  resolve(api.moduleLoadDataEx, "cuModuleLoadDataEx");
  resolve(api.moduleUnload, "cuModuleUnload");
  resolve(api.moduleGetFunction, "cuModuleGetFunction");
  resolve(api.launchKernel, "cuLaunchKernel");
  resolve(api.streamCreate, "cuStreamCreate");
  resolve(api.streamSynchronize, "cuStreamSynchronize");
  resolve(api.streamDestroy, "cuStreamDestroy_v2");
  resolve(api.memAlloc, "cuMemAlloc_v2");
  resolve(api.memAllocManaged, "cuMemAllocManaged");
  resolve(api.memFree, "cuMemFree_v2");
  resolve(api.memcpyAsync, "cuMemcpyAsync");
  resolve(api.getErrorString, "cuGetErrorString", /*required=*/false);
  resolve(api.memAllocAsync, "cuMemAllocAsync", /*required=*/false);
  resolve(api.memFreeAsync, "cuMemFreeAsync", /*required=*/false);
  if (!missing.empty())
    return state.info.library +
           " lacks driver functions Mint needs: " + missing;

  if (CUresult result = api.init(0))
    return "the CUDA driver " + state.info.library +
           " found no usable GPU: cuInit: " + describeResult(result);
  int count = 0;
  if (CUresult result = api.deviceGetCount(&count))
    return "cuDeviceGetCount: " + describeResult(result);
  if (count == 0)
    return "the CUDA driver " + state.info.library + " reports no GPU";
  CUdevice device = 0;
  char name[256] = {};
  if (CUresult result = api.deviceGet(&device, 0))
    return "cuDeviceGet: " + describeResult(result);
  if (api.deviceGetName(name, sizeof(name) - 1, device) ||
      api.deviceGetAttribute(&state.info.major, kComputeCapabilityMajor,
                             device) ||
      api.deviceGetAttribute(&state.info.minor, kComputeCapabilityMinor,
                             device) ||
      api.deviceTotalMem(&state.info.memoryBytes, device) ||
      api.driverGetVersion(&state.info.driverVersion))
    return "cannot query GPU 0";
  state.info.name = name;
  if (CUresult result = api.primaryCtxRetain(&state.context, device))
    return "cuDevicePrimaryCtxRetain: " + describeResult(result);
  if (CUresult result = api.ctxSetCurrent(state.context))
    return "cuCtxSetCurrent: " + describeResult(result);
  return "";
}

//===----------------------------------------------------------------------===//
// The runtime functions that gpu-to-llvm's lowering calls.
//===----------------------------------------------------------------------===//

void *loadModule(const void *data, int optLevel, bool jitOptions) {
  if (failedBefore())
    return nullptr;
  DriverState &state = getState();
  char log[16384] = {};
  int options[] = {kJitErrorLogBuffer, kJitErrorLogBufferSizeBytes,
                   kJitOptimizationLevel};
  void *values[] = {log, reinterpret_cast<void *>(uintptr_t(sizeof(log) - 1)),
                    reinterpret_cast<void *>(intptr_t(optLevel))};
  Handle module = nullptr;
  if (!check(state.api.moduleLoadDataEx(&module, data, jitOptions ? 3 : 0,
                                        options, values),
             "cuModuleLoadDataEx", log))
    return nullptr;
  state.loaded.insert(module);
  if (state.recording)
    state.recording->push_back(module);
  return module;
}

void *mgpuModuleLoadJIT(void *data, int optLevel) {
  return loadModule(data, optLevel, /*jitOptions=*/true);
}

void *mgpuModuleLoad(void *data, uint64_t /*size*/) {
  return loadModule(data, 0, /*jitOptions=*/false);
}

void mgpuModuleUnload(void *module) {
  DriverState &state = getState();
  if (module && state.loaded.erase(module))
    check(state.api.moduleUnload(module), "cuModuleUnload");
}

void *mgpuModuleGetFunction(void *module, const char *name) {
  Handle function = nullptr;
  if (!failedBefore() && module)
    check(getState().api.moduleGetFunction(&function, module, name),
          "cuModuleGetFunction", name);
  return function;
}

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t sharedMemoryBytes, void *stream,
                      void **params, void **extra, size_t /*paramsCount*/) {
  if (failedBefore() || !function)
    return;
  check(getState().api.launchKernel(function, gridX, gridY, gridZ, blockX,
                                    blockY, blockZ, sharedMemoryBytes, stream,
                                    params, extra),
        "cuLaunchKernel",
        llvm::formatv("grid {0}x{1}x{2}, block {3}x{4}x{5}", gridX, gridY,
                      gridZ, blockX, blockY, blockZ)
            .str());
}

void *mgpuStreamCreate() {
  Handle stream = nullptr;
  if (!failedBefore())
    check(getState().api.streamCreate(&stream, kStreamNonBlocking),
          "cuStreamCreate");
  return stream;
}

void mgpuStreamSynchronize(void *stream) {
  if (stream)
    check(getState().api.streamSynchronize(stream), "cuStreamSynchronize");
}

void mgpuStreamDestroy(void *stream) {
  if (stream)
    check(getState().api.streamDestroy(stream), "cuStreamDestroy");
}

void *mgpuMemAlloc(uint64_t bytes, void *stream, int8_t hostShared) {
  if (failedBefore())
    return nullptr;
  DriverAPI &api = getState().api;
  CUdeviceptr pointer = 0;
  size_t size = std::max<uint64_t>(bytes, 1);
  if (hostShared)
    check(api.memAllocManaged(&pointer, size, kMemAttachGlobal),
          "cuMemAllocManaged");
  else if (stream && api.memAllocAsync)
    check(api.memAllocAsync(&pointer, size, stream), "cuMemAllocAsync");
  else
    check(api.memAlloc(&pointer, size), "cuMemAlloc");
  return reinterpret_cast<void *>(pointer);
}

void mgpuMemFree(void *pointer, void *stream) {
  if (!pointer)
    return;
  DriverAPI &api = getState().api;
  auto device = reinterpret_cast<CUdeviceptr>(pointer);
  if (stream && api.memFreeAsync)
    check(api.memFreeAsync(device, stream), "cuMemFreeAsync");
  else
    check(api.memFree(device), "cuMemFree");
}

void mgpuMemcpy(void *destination, void *source, size_t bytes, void *stream) {
  if (failedBefore() || bytes == 0)
    return;
  check(getState().api.memcpyAsync(reinterpret_cast<CUdeviceptr>(destination),
                                   reinterpret_cast<CUdeviceptr>(source), bytes,
                                   stream),
        "cuMemcpyAsync");
}
} // namespace

llvm::Expected<CUDADeviceInfo> mint::initCUDADriver() {
  DriverState &state = getState();
  std::call_once(state.once, [&] { state.initError = loadDriver(state); });
  if (!state.initError.empty())
    return llvm::createStringError(state.initError);
  return state.info;
}

llvm::Error mint::makeCUDAContextCurrent() {
  DriverState &state = getState();
  if (!state.context)
    return llvm::createStringError("the CUDA driver is not initialized");
  if (CUresult result = state.api.ctxSetCurrent(state.context))
    return llvm::createStringError("cuCtxSetCurrent: " +
                                   describeResult(result));
  return llvm::Error::success();
}

llvm::ArrayRef<std::pair<const char *, void *>> mint::getCUDARuntimeSymbols() {
  static const std::pair<const char *, void *> symbols[] = {
      {"mgpuModuleLoadJIT", reinterpret_cast<void *>(&mgpuModuleLoadJIT)},
      {"mgpuModuleLoad", reinterpret_cast<void *>(&mgpuModuleLoad)},
      {"mgpuModuleUnload", reinterpret_cast<void *>(&mgpuModuleUnload)},
      {"mgpuModuleGetFunction",
       reinterpret_cast<void *>(&mgpuModuleGetFunction)},
      {"mgpuLaunchKernel", reinterpret_cast<void *>(&mgpuLaunchKernel)},
      {"mgpuStreamCreate", reinterpret_cast<void *>(&mgpuStreamCreate)},
      {"mgpuStreamSynchronize",
       reinterpret_cast<void *>(&mgpuStreamSynchronize)},
      {"mgpuStreamDestroy", reinterpret_cast<void *>(&mgpuStreamDestroy)},
      {"mgpuMemAlloc", reinterpret_cast<void *>(&mgpuMemAlloc)},
      {"mgpuMemFree", reinterpret_cast<void *>(&mgpuMemFree)},
      {"mgpuMemcpy", reinterpret_cast<void *>(&mgpuMemcpy)},
  };
  return symbols;
}

llvm::Error mint::takeCUDAError() {
  DriverState &state = getState();
  if (state.runtimeError.empty())
    return llvm::Error::success();
  std::string message = std::move(state.runtimeError);
  state.runtimeError.clear();
  return llvm::createStringError(message);
}

CUDAModuleRecorder::CUDAModuleRecorder(std::vector<void *> &modules)
    : previous(getState().recording) {
  getState().recording = &modules;
}

CUDAModuleRecorder::~CUDAModuleRecorder() { getState().recording = previous; }

void mint::unloadCUDAModules(llvm::ArrayRef<void *> modules) {
  for (void *module : modules)
    mgpuModuleUnload(module);
}
