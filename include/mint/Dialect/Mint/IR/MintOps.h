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

namespace mlir::mint {

/// The tensor names a location carries, as the TFLite importer sets them:
/// a NameLoc's name, or the names of the NameLocs in a FusedLoc (an op
/// with several results, or one that took over a fused activation's name).
SmallVector<StringRef> getTensorNames(Location loc);

/// `values` converted to `elementType` as TFLite's CAST converts (C++
/// static_cast: floats to integers toward zero, unsigned integers
/// zero-extended); null for element types it does not cover.
DenseElementsAttr castDenseElements(DenseElementsAttr values, Type elementType);

/// TFLite's GATHER of constant `params` by constant `indices` along `axis`
/// with `batchDims` leading batch dimensions (both non-negative), as
/// `resultType`; null when an index is out of range or the element type is
/// not byte-sized.
DenseElementsAttr gatherDenseElements(DenseElementsAttr params,
                                      DenseElementsAttr indices, int64_t axis,
                                      int64_t batchDims,
                                      RankedTensorType resultType);

} // namespace mlir::mint

#endif // MINT_DIALECT_MINT_IR_MINTOPS_H
