//===- CPUPipeline.h - Lower an imported model to LLVM for the host -*- C++
//-*-//
//
// The pass pipeline that turns a module of mint ops into LLVM dialect code
// for the host CPU: mint → TOSA → linalg on tensors → tiled and vectorized
// loops → buffers → LLVM. The runtime (CompiledModel) runs it before JIT
// compilation; `mint-opt --mint-cpu-pipeline` runs it for tests.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_CPUPIPELINE_H
#define MINT_RUNTIME_CPUPIPELINE_H

#include "mlir/Pass/PassManager.h"

namespace mlir::mint {

/// Knobs of the CPU pipeline.
struct CPUPipelineOptions {
  /// Tile and vectorize convolutions, matmuls and elementwise ops; off gives
  /// plain loops (slow, for debugging numerics).
  bool vectorize = true;
  /// Threads that share each op (OpenMP); 1 runs everything on the
  /// calling thread.
  unsigned threads = 1;
  /// Compute int8 pointwise convolutions with AVX-512 VNNI (vpdpbusd); only
  /// for hosts that have it (CompiledModel sets it from the host's
  /// features).
  bool vnni = false;
  /// Compute float32 pointwise convolutions whose filters are mostly zero
  /// blocks of output channels with block-sparse kernels
  /// (mint-lower-sparse-convolutions); off keeps the dense kernels.
  bool sparse = true;
  /// Keep palettized weights as their stored indices and palette in the
  /// compiled code and look each weight up at run time
  /// (mint-lower-palette-lookups); off expands them at compile time.
  bool paletteLookups = false;
};

/// Appends the textual pipeline `text` (upstream's passes and Mint's
/// runtime passes, registered on first use) to `pm`; reports a parse
/// error on llvm::errs().
LogicalResult addTextualPipeline(OpPassManager &pm, StringRef text);

/// mint → TOSA → linalg on tensors: densifies sparse and float16 weights,
/// lowers mint ops to TOSA, folds constant TOSA ops and lowers TOSA to
/// linalg, tensor and arith.
/// With `computeInFloat16`, the TOSA is narrowed to float16 first
/// (mint-compute-in-f16; the CUDA path's --precision float16). With
/// `paletteLookups`, palettized weights are looked up at run time
/// (mint-lower-palette-lookups) rather than expanded.
LogicalResult buildMintToLinalgPipeline(OpPassManager &pm,
                                        bool computeInFloat16 = false,
                                        bool paletteLookups = false);

/// Linalg on tensors → LLVM dialect: tiling and vectorization, bufferization
/// with results written to caller-provided out-parameters, and the lowering
/// of everything to LLVM.
LogicalResult buildLinalgToLLVMPipeline(OpPassManager &pm,
                                        const CPUPipelineOptions &options);

/// Both of the above.
LogicalResult buildCPUPipeline(OpPassManager &pm,
                               const CPUPipelineOptions &options);

/// Adds to `registry` the dialects, interface models and extensions that
/// the pipeline's passes need (bufferization models, LLVM conversion
/// interfaces). CompiledModel::create appends them to its context itself.
void registerCPUPipelineDependencies(DialectRegistry &registry);

/// Registers `mint-cpu-pipeline` and `mint-to-linalg-pipeline` with the
/// pass pipeline registry (for mint-opt).
void registerCPUPipelines();

} // namespace mlir::mint

#endif // MINT_RUNTIME_CPUPIPELINE_H
