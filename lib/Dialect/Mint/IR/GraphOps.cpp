//===- GraphOps.cpp - Constants and opaque operators ----------------------===//
//
// Assembly format and verifier of `mint.const`, which holds float, integer
// and quantized constants, and the verifier of `mint.custom`.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mint/Dialect/Mint/IR/ShapeRules.h"

#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::mint;

//===----------------------------------------------------------------------===//
// ConstOp
//===----------------------------------------------------------------------===//

bool ConstOp::isBuildableWith(Attribute value, Type type) {
  auto elements = dyn_cast_if_present<ElementsAttr>(value);
  auto tensorType = dyn_cast_if_present<RankedTensorType>(type);
  if (!elements || !tensorType)
    return false;
  auto valueType = cast<ShapedType>(elements.getType());
  return valueType.getShape() == tensorType.getShape() &&
         valueType.getElementType() == getStorageType(tensorType);
}

LogicalResult ConstOp::verify() {
  if (!isBuildableWith(getValue(), getType()))
    return emitOpError("expects value of type ")
           << getValue().getType() << " to hold the elements of " << getType()
           << " (same shape; for a quantized type, its storage type)";
  if (SparsityAttr sparsity = getSparsityAttr())
    return sparsity.verifyShape([&] { return emitOpError(); },
                                getType().getShape());
  return success();
}

// mint.const {attrs} <elements-attr> [-> <type>]
void ConstOp::print(OpAsmPrinter &printer) {
  printer.printOptionalAttrDict((*this)->getAttrs(), {getValueAttrName()});
  printer << ' ';
  printer.printAttribute(getValue());
  if (getValue().getType() != getType())
    printer << " -> " << getType();
}

ParseResult ConstOp::parse(OpAsmParser &parser, OperationState &result) {
  Attribute value;
  if (parser.parseOptionalAttrDict(result.attributes))
    return failure();
  SMLoc valueLoc = parser.getCurrentLocation();
  if (parser.parseAttribute(value))
    return failure();
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements)
    return parser.emitError(valueLoc, "expects an elements attribute, got ")
           << value;
  Type type = elements.getType();
  if (succeeded(parser.parseOptionalArrow()) && parser.parseType(type))
    return failure();
  result.addAttribute(getValueAttrName(result.name), elements);
  result.addTypes(type);
  return success();
}

//===----------------------------------------------------------------------===//
// CustomOp
//===----------------------------------------------------------------------===//

LogicalResult CustomOp::verify() {
  if (getCustomCode().empty())
    return emitOpError("expects a non-empty custom_code");
  bool builtin = getBuiltinCode().has_value();
  if (!builtin && (getBuiltinOptions() || getBuiltinOptionsType()))
    return emitOpError("has builtin options but no builtin_code");
  if (builtin && !getCustomOptions().empty())
    return emitOpError("expects no custom_options on a builtin operator");
  if (bool(getBuiltinOptions()) != bool(getBuiltinOptionsType()))
    return emitOpError(
        "expects builtin_options and builtin_options_type together");
  return success();
}
