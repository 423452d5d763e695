//===- MintDialect.cpp - The mint dialect ---------------------------------===//
//
// Registers the mint ops and attributes and materializes folded constants
// as `mint.const`.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintDialect.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlir::mint;

#include "mint/Dialect/Mint/IR/MintOpsDialect.cpp.inc"
#include "mint/Dialect/Mint/IR/MintOpsEnums.cpp.inc"

void MintDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "mint/Dialect/Mint/IR/MintOps.cpp.inc"
      >();
  registerAttributes();
}

Operation *MintDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  if (!ConstOp::isBuildableWith(value, type))
    return nullptr;
  return ConstOp::create(builder, loc, type, cast<ElementsAttr>(value));
}
