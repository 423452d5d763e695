//===- TypeRules.h - Element-type rules shared by op verifiers --*- C++ -*-===//
//
// Checks that several op families share: TFLite's rules for float, hybrid
// and quantized forms of weighted ops, element-kind agreement between
// operands and results, axis normalization and shape printing for
// diagnostics. Private to the dialect library.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_DIALECT_MINT_IR_TYPERULES_H
#define LIB_DIALECT_MINT_IR_TYPERULES_H

#include "mint/Dialect/Mint/IR/MintOps.h"

#include <string>

namespace mlir::mint {

/// Formats a shape for a diagnostic: `[1, ?, 8]`.
std::string formatShape(ArrayRef<int64_t> shape);

/// Maps an axis in [-rank, rank) to [0, rank); std::nullopt when outside.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// Checks that `value` has the same element kind as `reference` (see
/// haveSameElementKind); `what` names `value` in the diagnostic.
LogicalResult verifySameElementKind(Operation *op, Value reference, Value value,
                                    StringRef what);

/// Checks TFLite's element-type rules for an op that multiplies `input` by
/// `weight` (quantized along `channelAxis` when per axis) and adds `bias`
/// (may be null), producing `output`: the float, hybrid (float activations,
/// quantized weight) and quantized (i8/ui8/i16 activations, i8 weight,
/// i32/i64 bias with scale input x weight) forms.
LogicalResult verifyAffineElementTypes(Operation *op, Value input, Value weight,
                                       Value bias, Value output,
                                       int32_t channelAxis);

/// Checks that the static size of `dim` of `value` equals `expected`
/// (ignored when either is dynamic); `what` describes the dimension.
LogicalResult verifyDimEquals(Operation *op, Value value, int64_t dim,
                              int64_t expected, StringRef what);

} // namespace mlir::mint

#endif // LIB_DIALECT_MINT_IR_TYPERULES_H
