//===- ShapeRules.h - TFLite's shape and type rules -------------*- C++ -*-===//
//
// The rules by which TFLite derives result shapes (windowed output sizes,
// padding amounts) and the element-type facts shared by the
// op verifiers, shape inference and later lowerings. Dynamic sizes are
// ShapedType::kDynamic and propagate.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_SHAPERULES_H
#define MINT_DIALECT_MINT_IR_SHAPERULES_H

#include "mint/Dialect/Mint/IR/MintDialect.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::mint {

/// Returns the output size of a window op along one spatial dimension, as
/// TFLite computes it: with `same` padding ceil(in / stride), with `valid`
/// ceil((in - effectiveFilter + 1) / stride) where effectiveFilter =
/// (filter - 1) * dilation + 1; never negative. Dynamic in gives dynamic.
int64_t computeWindowOutputSize(Padding padding, int64_t inSize,
                                int64_t filterSize, int64_t stride,
                                int64_t dilation = 1);

/// Returns the number of padded elements before the input along one
/// spatial dimension (TFLite puts the odd element after).
int64_t computePaddingBefore(Padding padding, int64_t inSize,
                             int64_t filterSize, int64_t stride,
                             int64_t dilation, int64_t outSize);

/// Returns the storage type of a quantized type, or `type` itself.
Type getStorageType(Type type);

/// Returns true if `type` (or its element type) is a quantized type.
bool isQuantized(Type type);

/// Returns true if two element types belong to the same numeric domain:
/// identical float or integer types, or quantized types with the same
/// storage type (scales and zero points may differ).
bool haveSameElementKind(Type lhs, Type rhs);

/// Returns the values of `value` in row-major order if a constant op
/// defines it with integer elements; std::nullopt otherwise.
std::optional<SmallVector<int64_t>> getConstantIntValues(Value value);

} // namespace mlir::mint

#endif // MINT_DIALECT_MINT_IR_SHAPERULES_H
