/* A stand-in for the CUDA driver (libcuda.so.1) that checks how Mint
 * drives it, for machines without a GPU: "device" memory is host memory,
 * copies are memcpy, and kernels are not executed. What it checks:
 *   - modules are PTX text; every function looked up is an .entry of it;
 *   - every launch has a positive grid and block of at most 1024 threads,
 *     a non-null pointer for every parameter the entry declares, and every
 *     parameter the PTX marks .ptr points into a live device allocation
 *     (a kernel handed host memory would fault on a real GPU);
 *   - copies stay inside allocations where they touch device memory;
 *   - everything allocated is freed, every stream destroyed.
 * A violation fails the call with CUDA_ERROR_INVALID_VALUE (1) and a line
 * on stderr. MOCK_CUDA_FAIL=name:n makes the n-th call of driver function
 * `name` fail with CUDA_ERROR_ILLEGAL_ADDRESS (700). At exit it prints
 * what it saw:
 *   mock-cuda: modules 1 (1 unloaded), functions 3, launches 3, ...
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned long long CUdeviceptr;

struct Allocation {
  char *base;
  size_t size;
};

struct Function {
  char name[256];
  int params;
  int isPointer[512];
};

static struct Allocation *allocations;
static size_t numAllocations, capacity;
static long modules, unloads, functions, launches, allocs, frees, copies;
static long streams, streamsDestroyed, violations;
static size_t liveBytes;

static int failHere(const char *name) {
  static long calls[64];
  static const char *names[64];
  const char *spec = getenv("MOCK_CUDA_FAIL");
  size_t length;
  int slot;
  if (!spec)
    return 0;
  length = strcspn(spec, ":");
  if (strlen(name) != length || strncmp(spec, name, length) != 0)
    return 0;
  for (slot = 0; slot < 64 && names[slot] && strcmp(names[slot], name); ++slot)
    ;
  if (slot == 64)
    return 0;
  names[slot] = name;
  return ++calls[slot] == atol(spec + length + (spec[length] == ':'));
}

static int violation(const char *message, const char *detail) {
  fprintf(stderr, "mock-cuda: violation: %s%s%s\n", message,
          detail ? ": " : "", detail ? detail : "");
  ++violations;
  return 1;
}

static struct Allocation *findAllocation(const void *pointer) {
  const char *p = pointer;
  for (size_t i = 0; i < numAllocations; ++i)
    if (p >= allocations[i].base &&
        p < allocations[i].base + allocations[i].size)
      return &allocations[i];
  return NULL;
}

__attribute__((destructor)) static void report(void) {
  fprintf(stderr,
          "mock-cuda: modules %ld (%ld unloaded), functions %ld, launches "
          "%ld, allocations %ld (%ld freed, %zu bytes live), copies %ld, "
          "streams %ld (%ld destroyed), violations %ld\n",
          modules, unloads, functions, launches, allocs, frees, liveBytes,
          copies, streams, streamsDestroyed, violations);
}

int cuInit(unsigned flags) { return flags ? 1 : 0; }
int cuDriverGetVersion(int *version) {
  *version = 12040;
  return 0;
}
int cuDeviceGetCount(int *count) {
  *count = 1;
  return 0;
}
int cuDeviceGet(int *device, int ordinal) {
  *device = ordinal;
  return ordinal ? 101 : 0;
}
int cuDeviceGetName(char *name, int length, int device) {
  snprintf(name, length, "Mock GPU");
  return 0;
}
int cuDeviceGetAttribute(int *value, int attribute, int device) {
  *value = attribute == 75 ? 9 : attribute == 76 ? 0 : 0;
  return 0;
}
int cuDeviceTotalMem_v2(size_t *bytes, int device) {
  *bytes = (size_t)1 << 34;
  return 0;
}
static int context;
int cuDevicePrimaryCtxRetain(void **result, int device) {
  *result = &context;
  return 0;
}
int cuCtxSetCurrent(void *current) {
  return current == &context ? 0 : violation("unknown context", NULL);
}
int cuGetErrorString(int error, const char **message) {
  *message = error == 700 ? "an illegal memory access was encountered (mock)"
                          : "mock error";
  return 0;
}

int cuModuleLoadDataEx(void **module, const void *image, unsigned numOptions,
                       int *options, void **values) {
  const char *text = image;
  if (failHere("cuModuleLoadDataEx"))
    return 700;
  if (strncmp(text, "//", 2) != 0 || !strstr(text, ".entry"))
    return violation("the module is not PTX text", NULL);
  if (numOptions && (!options || !values))
    return violation("JIT options without values", NULL);
  *module = strdup(text);
  ++modules;
  return 0;
}

int cuModuleUnload(void *module) {
  free(module);
  ++unloads;
  return 0;
}

int cuModuleGetFunction(void **result, void *module, const char *name) {
  char pattern[300];
  const char *entry, *end;
  struct Function *function;
  if (failHere("cuModuleGetFunction"))
    return 700;
  snprintf(pattern, sizeof(pattern), ".entry %s(", name);
  entry = strstr((const char *)module, pattern);
  if (!entry) {
    violation("no such kernel in the PTX", name);
    return 500; /* CUDA_ERROR_NOT_FOUND */
  }
  function = calloc(1, sizeof(*function));
  snprintf(function->name, sizeof(function->name), "%s", name);
  end = strchr(entry, ')');
  for (const char *p = strstr(entry, ".param"); p && p < end;
       p = strstr(p + 1, ".param")) {
    const char *line = strchr(p, '\n');
    const char *pointer = strstr(p, ".ptr");
    if (function->params < 512)
      function->isPointer[function->params] = pointer && pointer < line;
    ++function->params;
  }
  *result = function;
  ++functions;
  return 0;
}

int cuLaunchKernel(void *f, unsigned gridX, unsigned gridY, unsigned gridZ,
                   unsigned blockX, unsigned blockY, unsigned blockZ,
                   unsigned sharedBytes, void *stream, void **params,
                   void **extra) {
  struct Function *function = f;
  if (failHere("cuLaunchKernel"))
    return 700;
  if (!gridX || !gridY || !gridZ || !blockX || !blockY || !blockZ ||
      (size_t)blockX * blockY * blockZ > 1024)
    return violation("bad launch dimensions", function->name);
  if (function->params && !params)
    return violation("no parameters", function->name);
  for (int i = 0; i < function->params && i < 512; ++i) {
    if (!params[i])
      return violation("a null parameter", function->name);
    if (function->isPointer[i] && !findAllocation(*(void **)params[i])) {
      char detail[400];
      snprintf(detail, sizeof(detail), "%s parameter %d = %p", function->name,
               i, *(void **)params[i]);
      return violation("a pointer outside device memory", detail);
    }
  }
  ++launches;
  return 0;
}

int cuStreamCreate(void **stream, unsigned flags) {
  *stream = malloc(1);
  ++streams;
  return 0;
}
int cuStreamSynchronize(void *stream) {
  return failHere("cuStreamSynchronize") ? 700 : 0;
}
int cuStreamDestroy_v2(void *stream) {
  free(stream);
  ++streamsDestroyed;
  return 0;
}

static int allocate(CUdeviceptr *result, size_t size) {
  if (failHere("cuMemAlloc"))
    return 2;
  if (numAllocations == capacity) {
    capacity = capacity ? 2 * capacity : 64;
    allocations = realloc(allocations, capacity * sizeof(*allocations));
  }
  allocations[numAllocations].base = malloc(size);
  allocations[numAllocations].size = size;
  *result = (CUdeviceptr)(uintptr_t)allocations[numAllocations++].base;
  liveBytes += size;
  ++allocs;
  return 0;
}
int cuMemAlloc_v2(CUdeviceptr *result, size_t size) {
  return allocate(result, size);
}
int cuMemAllocManaged(CUdeviceptr *result, size_t size, unsigned flags) {
  return allocate(result, size);
}
int cuMemAllocAsync(CUdeviceptr *result, size_t size, void *stream) {
  return allocate(result, size);
}
int cuMemFree_v2(CUdeviceptr pointer) {
  struct Allocation *found = findAllocation((void *)(uintptr_t)pointer);
  if (!found || found->base != (char *)(uintptr_t)pointer)
    return violation("freeing what was not allocated", NULL);
  free(found->base);
  liveBytes -= found->size;
  *found = allocations[--numAllocations];
  ++frees;
  return 0;
}
int cuMemFreeAsync(CUdeviceptr pointer, void *stream) {
  return cuMemFree_v2(pointer);
}
int cuMemcpyAsync(CUdeviceptr dst, CUdeviceptr src, size_t bytes,
                  void *stream) {
  char *d = (char *)(uintptr_t)dst, *s = (char *)(uintptr_t)src;
  struct Allocation *to = findAllocation(d), *from = findAllocation(s);
  if (!to && !from)
    return violation("a copy between two host buffers", NULL);
  if ((to && d + bytes > to->base + to->size) ||
      (from && s + bytes > from->base + from->size))
    return violation("a copy past the end of an allocation", NULL);
  memcpy(d, s, bytes);
  ++copies;
  return 0;
}
