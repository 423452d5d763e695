//===- TargetDescription.h - What an accelerator target can run -*- C++ -*-===//
//
// A target description is a small JSON file (targets/*.json) that says what
// an accelerator runs: the TFLite operators, the element types of its
// tensors, per-channel weights or not, limits on ranks, dimensions, kernels
// and strides, and the TOSA profile, extensions and level its compiler
// takes. `mint-check-target` checks a model against it, `mint quantize
// --target` quantizes for it and `mint compile --target` emits TOSA for it.
// The targets in targets/ are built into Mint by name; any other file is
// read by path.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_TRANSFORMS_TARGETDESCRIPTION_H
#define MINT_DIALECT_MINT_TRANSFORMS_TARGETDESCRIPTION_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace mlir::mint {

/// One accelerator target.
struct TargetDescription {
  std::string name;
  std::string description;
  /// What `tosa-attach-target` is given for the TOSA this target takes.
  SmallVector<std::string> tosaProfiles;
  SmallVector<std::string> tosaExtensions;
  std::string tosaLevel = "8k";
  /// Element types of tensors on the target: "i8", "i16", "i32" (the
  /// storage of quantized tensors and plain integers), "f16", "f32"; in
  /// the file's order.
  SmallVector<std::string> elementTypes;
  /// Whether weights may have one scale per output channel.
  bool perChannel = true;
  int64_t maxRank = 6;
  int64_t maxDimension = INT64_MAX;
  int64_t maxKernel = INT64_MAX;
  int64_t maxStride = INT64_MAX;
  /// TFLite operator names (CONV_2D); a custom op by its custom code.
  llvm::StringSet<> ops;

  /// Whether the target takes only integer tensors.
  bool isIntegerOnly() const {
    return !llvm::is_contained(elementTypes, "f32") &&
           !llvm::is_contained(elementTypes, "f16");
  }

  /// Why `op` cannot run on this target (one line per reason); empty when
  /// it can. forEachTargetOp says which ops are placed at all.
  SmallVector<std::string> getViolations(Operation *op) const;
};

/// Parses a target description from JSON text; `source` names it in errors.
llvm::Expected<TargetDescription> parseTargetDescription(StringRef text,
                                                         StringRef source);

/// The target built into Mint under `nameOrPath` (targets/<name>.json), or
/// else the description in the file at that path.
llvm::Expected<TargetDescription> loadTargetDescription(StringRef nameOrPath);

/// The names of the targets built into Mint.
SmallVector<StringRef> getBuiltinTargetNames();

/// Calls `fn` with every op of `func` that a target runs or leaves to the
/// CPU (constants, the DENSIFY of a sparse weight and terminators go with
/// their users) and why `target` cannot run it (empty when it can).
void forEachTargetOp(
    Operation *func, const TargetDescription &target,
    llvm::function_ref<void(Operation *op, ArrayRef<std::string> reasons)> fn);

/// Checks every op of `func` against `target` (mint-check-target). Without
/// `allowFallback`, emits an error at each op the target cannot run and
/// fails if there is one; with it, sets `mint.placement` ("accelerator" or
/// "cpu") on every op and `mint.placement_reason` on those for the CPU.
/// Counts both kinds of ops into `acceleratorOps` and `cpuOps`.
LogicalResult checkTarget(Operation *func, const TargetDescription &target,
                          bool allowFallback, int64_t &acceleratorOps,
                          int64_t &cpuOps);

/// TFLite's name of `op` (CONV_2D), or a custom op's custom code.
std::string getTFLiteOpName(Operation *op);

/// `op` as target reports name it: "CONV_2D 'features'" (its TFLite name
/// and first tensor name, when it has one).
std::string describeOpForTarget(Operation *op);

/// Multiply-accumulates of one run of `op`: convolutions, fully connected
/// and transposed convolutions; 0 for other ops.
int64_t getMultiplyAccumulates(Operation *op);

} // namespace mlir::mint

#endif // MINT_DIALECT_MINT_TRANSFORMS_TARGETDESCRIPTION_H
