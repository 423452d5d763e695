//===- MintInterfaces.cpp - Quantization interfaces and traits ------------===//
//
// Generated interface definitions and the verifiers of the mint op traits:
// result shapes against shape inference, per-axis quantized types against
// their tensors.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "TypeRules.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::mint;

#include "mint/Dialect/Mint/IR/MintInterfaces.cpp.inc"

LogicalResult
mlir::OpTrait::mint::impl::verifyResultShapeFromInference(Operation *op) {
  auto inference = cast<InferShapedTypeOpInterface>(op);
  SmallVector<ShapedTypeComponents> inferred;
  // Inference is quiet (no location): when it fails, the op's own verifier
  // reports the cause.
  if (failed(inference.inferReturnTypeComponents(
          op->getContext(), /*location=*/std::nullopt, op->getOperands(),
          op->getAttrDictionary(), op->getPropertiesStorage(), op->getRegions(),
          inferred)) ||
      inferred.size() != op->getNumResults())
    return success();
  for (auto [index, components, result] :
       llvm::enumerate(inferred, op->getResults())) {
    auto type = dyn_cast<ShapedType>(result.getType());
    if (!components.hasRank() || !type || !type.hasRank())
      continue;
    if (succeeded(verifyCompatibleShape(components.getDims(), type.getShape())))
      continue;
    return op->emitOpError("result #")
           << index << " has shape " << formatShape(type.getShape())
           << " but TFLite's shape rules give "
           << formatShape(components.getDims());
  }
  return success();
}

static LogicalResult verifyPerAxisFits(Operation *op, Type type, StringRef what,
                                       unsigned index) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return success();
  auto perAxis =
      dyn_cast<quant::UniformQuantizedPerAxisType>(tensor.getElementType());
  if (!perAxis)
    return success();
  int64_t axis = perAxis.getQuantizedDimension();
  if (axis >= tensor.getRank())
    return op->emitOpError()
           << what << " #" << index << " is quantized along dimension " << axis
           << " but has rank " << tensor.getRank();
  int64_t size = tensor.getDimSize(axis);
  int64_t numScales = perAxis.getScales().size();
  if (!ShapedType::isDynamic(size) && size != numScales)
    return op->emitOpError() << what << " #" << index << " has " << numScales
                             << " quantization scales for " << size
                             << " slices along dimension " << axis;
  return success();
}

LogicalResult
mlir::OpTrait::mint::impl::verifyQuantizedTypesFitShapes(Operation *op) {
  for (auto [index, type] : llvm::enumerate(op->getOperandTypes()))
    if (failed(verifyPerAxisFits(op, type, "operand", index)))
      return failure();
  for (auto [index, type] : llvm::enumerate(op->getResultTypes()))
    if (failed(verifyPerAxisFits(op, type, "result", index)))
      return failure();
  return success();
}
