//===- MintOps.h - Operations of the mint dialect ---------------*- C++ -*-===//
//
// Declares the `mint` ops together with the interfaces and traits through
// which they describe their quantization behaviour.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_MINTOPS_H
#define MINT_DIALECT_MINT_IR_MINTOPS_H

#include "mint/Dialect/Mint/IR/MintDialect.h"
#include "mint/Dialect/Mint/IR/MintTraits.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "mint/Dialect/Mint/IR/MintInterfaces.h.inc"

#define GET_OP_CLASSES
#include "mint/Dialect/Mint/IR/MintOps.h.inc"

#endif // MINT_DIALECT_MINT_IR_MINTOPS_H
