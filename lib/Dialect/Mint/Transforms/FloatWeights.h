//===- FloatWeights.h - Float32 constant weights as values ------*- C++ -*-===//
//
// Reads a float32 `mint.const` into a vector of values and writes edited
// values back as a new constant for one operand, for the passes that
// rewrite weights (equalization, pruning, clustering), and picks the
// layers whose weights pruning and clustering may rewrite.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_DIALECT_MINT_TRANSFORMS_FLOATWEIGHTS_H
#define LIB_DIALECT_MINT_TRANSFORMS_FLOATWEIGHTS_H

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::mint {

/// A float32 constant as values in row-major order.
struct FloatConstant {
  ConstOp op;
  SmallVector<int64_t> shape;
  SmallVector<float> values;
};

/// The values of `value` if a float32 `mint.const` defines it.
inline std::optional<FloatConstant> readFloatConstant(Value value) {
  auto constant = value.getDefiningOp<ConstOp>();
  if (!constant || !constant.getType().getElementType().isF32())
    return std::nullopt;
  auto attr = dyn_cast<DenseFPElementsAttr>(constant.getValue());
  if (!attr)
    return std::nullopt;
  FloatConstant tensor{
      constant, llvm::to_vector(constant.getType().getShape()), {}};
  tensor.values.reserve(attr.getNumElements());
  for (const APFloat &v : attr.getValues<APFloat>())
    tensor.values.push_back(v.convertToFloat());
  return tensor;
}

/// The float32 constant weight of layer `affine` that a pass may rewrite:
/// one not shared with a layer `visited` before, with at least
/// `minElements` values. Otherwise sets `reason` (for the pass's
/// `mint.*_skipped` attribute; `verb` says what the pass did before:
/// "pruned", "clustered") and returns nullopt.
inline std::optional<FloatConstant>
getRewritableWeight(AffineQuantizedOpInterface affine,
                    llvm::DenseSet<Operation *> &visited, int64_t minElements,
                    StringRef verb, std::string &reason) {
  std::optional<FloatConstant> weight = readFloatConstant(affine.getWeight());
  if (!weight)
    reason = "its weight is not a float32 constant";
  else if (!visited.insert(weight->op).second)
    reason = ("its weight is shared with a layer " + verb + " before").str();
  else if (static_cast<int64_t>(weight->values.size()) < minElements)
    reason = ("its weight has fewer than " + Twine(minElements) +
              " values (min-elements)")
                 .str();
  else
    return weight;
  return std::nullopt;
}

/// Replaces operand `index` of `op` with a new constant holding `tensor`'s
/// values (erasing the old constant once nothing reads it).
inline void replaceWithConstant(OpBuilder &builder, Operation *op,
                                unsigned index, FloatConstant &tensor) {
  builder.setInsertionPoint(op);
  auto type = tensor.op.getType();
  auto constant =
      ConstOp::create(builder, tensor.op.getLoc(), type,
                      DenseElementsAttr::get(type, ArrayRef(tensor.values)));
  op->setOperand(index, constant);
  if (tensor.op->use_empty())
    tensor.op->erase();
  tensor.op = constant;
}

} // namespace mlir::mint

#endif // LIB_DIALECT_MINT_TRANSFORMS_FLOATWEIGHTS_H
