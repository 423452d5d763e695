//===- Accelerator.h - Compile a model for an accelerator target -*- C++
//-*-===//
//
// `mint compile --target tosa-int` (or any TargetDescription): checks the
// model against the target, lowers it with mint-to-tosa{integer-target} and
// validates the TOSA with upstream's tosa-validate for the target's profile,
// extensions and level. With fallback, the ops the target cannot run stay
// on the CPU: each run of consecutive accelerator ops becomes a TOSA
// function (a segment) and the rest of the model a host function in mint
// ops that calls the segments.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_ACCELERATOR_H
#define MINT_RUNTIME_ACCELERATOR_H

#include "mint/Dialect/Mint/Transforms/TargetDescription.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>

namespace mlir::mint {

/// How a model's ops were placed.
struct PlacementSummary {
  int64_t acceleratorOps = 0;
  int64_t cpuOps = 0;
  int64_t acceleratorMACs = 0;
  int64_t cpuMACs = 0;
  /// TOSA functions: 1 without fallback; with fallback, one per run of
  /// consecutive accelerator ops.
  int64_t segments = 0;
  /// Each op left to the CPU: "CONV_2D 'name': reason".
  SmallVector<std::string> cpuOpReasons;
};

/// A model compiled for an accelerator target.
struct AcceleratorModule {
  /// TOSA only, valid for the target: the whole entry function, or with
  /// fallback one function per segment (segment_0, segment_1, ...).
  OwningOpRef<ModuleOp> tosa;
  /// With fallback and ops on the CPU: the entry function in mint ops, the
  /// segments replaced by calls to their (declared) TOSA functions.
  OwningOpRef<ModuleOp> host;
  PlacementSummary summary;
};

/// Compiles the first public function of `module` (mint ops; quantized for
/// an integer target) for `target`. Without `allowFallback`, an op the
/// target cannot run is a located error; so is TOSA that fails
/// validation. `module` is not modified.
FailureOr<AcceleratorModule>
compileForAccelerator(ModuleOp module, const TargetDescription &target,
                      bool allowFallback);

} // namespace mlir::mint

#endif // MINT_RUNTIME_ACCELERATOR_H
