//===- MintDialect.h - The mint dialect -------------------------*- C++ -*-===//
//
// Declares the `mint` dialect, the enums of TFLite's option tables
// (padding, fused activation, weight format) and their attributes.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_MINTDIALECT_H
#define MINT_DIALECT_MINT_IR_MINTDIALECT_H

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"

#include "mint/Dialect/Mint/IR/MintOpsDialect.h.inc"
#include "mint/Dialect/Mint/IR/MintOpsEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "mint/Dialect/Mint/IR/MintOpsAttributes.h.inc"

#endif // MINT_DIALECT_MINT_IR_MINTDIALECT_H
