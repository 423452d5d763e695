//===- GraphOps.cpp - Constants and opaque operators ----------------------===//
//
// Assembly format and verifiers of `mint.const` and `mint.sparse_const`,
// which hold float, integer and quantized constants, the verifier of
// `mint.custom`, and the tensor names that locations carry.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mint/Dialect/Mint/IR/ShapeRules.h"

#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::mint;

SmallVector<StringRef> mlir::mint::getTensorNames(Location loc) {
  SmallVector<StringRef> names;
  if (auto name = dyn_cast<NameLoc>(loc))
    names.push_back(name.getName().getValue());
  else if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location part : fused.getLocations())
      if (auto name = dyn_cast<NameLoc>(part))
        names.push_back(name.getName().getValue());
  return names;
}

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

/// Checks that `value` holds the elements of `type`.
static LogicalResult verifyConstantValue(Operation *op, ElementsAttr value,
                                         Type type) {
  if (ConstOp::isBuildableWith(value, type))
    return success();
  return op->emitOpError("expects value of type ")
         << value.getType() << " to hold the elements of " << type
         << " (same shape; for a quantized type, its storage type)";
}

/// Prints `<value> [-> <type>]`, the type only when it differs from the
/// value's.
static void printConstantValue(OpAsmPrinter &printer, ElementsAttr value,
                               Type type) {
  printer.printAttribute(value);
  if (value.getType() != type)
    printer << " -> " << type;
}

/// Parses `<elements-attr> [-> <type>]` into `result`.
static ParseResult parseConstantValue(OpAsmParser &parser,
                                      OperationState &result) {
  SMLoc valueLoc = parser.getCurrentLocation();
  Attribute value;
  if (parser.parseAttribute(value))
    return failure();
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements)
    return parser.emitError(valueLoc, "expects an elements attribute, got ")
           << value;
  Type type = elements.getType();
  if (succeeded(parser.parseOptionalArrow()) && parser.parseType(type))
    return failure();
  result.addAttribute("value", elements);
  result.addTypes(type);
  return success();
}

LogicalResult ConstOp::verify() {
  return verifyConstantValue(*this, getValue(), getType());
}

// mint.const {attrs} <elements-attr> [-> <type>]
void ConstOp::print(OpAsmPrinter &printer) {
  printer.printOptionalAttrDict((*this)->getAttrs(), {getValueAttrName()});
  printer << ' ';
  printConstantValue(printer, getValue(), getType());
}

ParseResult ConstOp::parse(OpAsmParser &parser, OperationState &result) {
  if (parser.parseOptionalAttrDict(result.attributes))
    return failure();
  return parseConstantValue(parser, result);
}

//===----------------------------------------------------------------------===//
// SparseConstOp
//===----------------------------------------------------------------------===//

LogicalResult SparseConstOp::verify() {
  if (failed(verifyConstantValue(*this, getValue(), getType())))
    return failure();
  return getSparsity().verifyShape([&] { return emitOpError(); },
                                   getType().getShape());
}

// mint.sparse_const {attrs} #mint.sparsity<...> <elements-attr> [-> <type>]
void SparseConstOp::print(OpAsmPrinter &printer) {
  printer.printOptionalAttrDict((*this)->getAttrs(),
                                {getValueAttrName(), getSparsityAttrName()});
  printer << ' ';
  printer.printAttribute(getSparsity());
  printer << ' ';
  printConstantValue(printer, getValue(), getType());
}

ParseResult SparseConstOp::parse(OpAsmParser &parser, OperationState &result) {
  SparsityAttr sparsity;
  if (parser.parseOptionalAttrDict(result.attributes) ||
      parser.parseAttribute(sparsity))
    return failure();
  result.addAttribute("sparsity", sparsity);
  return parseConstantValue(parser, result);
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
