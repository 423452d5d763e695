//===- MintTraits.h - Op traits of the mint dialect -------------*- C++ -*-===//
//
// C++ side of the traits declared in MintInterfaces.td: the declarative
// same-scale trait read by the quantizer, and the traits that check result
// shapes against TFLite's shape rules and per-axis quantized types against
// their tensors.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_MINTTRAITS_H
#define MINT_DIALECT_MINT_IR_MINTTRAITS_H

#include "mlir/IR/OpDefinition.h"

namespace mlir::OpTrait::mint {

/// Marks ops whose quantized operands and results share scale and zero
/// point because the op only moves or selects values. Integer-valued
/// operands such as shapes and paddings are not part of the relation.
template <typename ConcreteType>
class SameOperandsAndResultsScale
    : public ::mlir::OpTrait::TraitBase<ConcreteType,
                                        SameOperandsAndResultsScale> {};

namespace impl {
/// Checks that the result types of `op`, which implements
/// InferShapedTypeOpInterface, are compatible with the inferred shapes.
LogicalResult verifyResultShapeFromInference(Operation *op);
/// Checks that every per-axis quantized operand and result type of `op`
/// names a dimension of its tensor and has one scale per slice.
LogicalResult verifyQuantizedTypesFitShapes(Operation *op);
} // namespace impl

/// Verifies result shapes against the op's shape inference.
template <typename ConcreteType>
class ResultShapeFromInference
    : public ::mlir::OpTrait::TraitBase<ConcreteType,
                                        ResultShapeFromInference> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return impl::verifyResultShapeFromInference(op);
  }
};

/// Verifies per-axis quantized types against the shapes that hold them.
template <typename ConcreteType>
class QuantizedTypesFitShapes
    : public ::mlir::OpTrait::TraitBase<ConcreteType, QuantizedTypesFitShapes> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return impl::verifyQuantizedTypesFitShapes(op);
  }
};

} // namespace mlir::OpTrait::mint

#endif // MINT_DIALECT_MINT_IR_MINTTRAITS_H
