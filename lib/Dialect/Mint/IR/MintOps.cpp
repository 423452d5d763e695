//===- MintOps.cpp - Generated op definitions -----------------------------===//
//
// Instantiates the tablegen-generated definitions of the mint ops. The
// hand-written parts live by family: ConvOps.cpp, ElementwiseOps.cpp,
// ShapeOps.cpp, QuantOps.cpp, GraphOps.cpp, and MintFolds.cpp for folders.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::mint;

#define GET_OP_CLASSES
#include "mint/Dialect/Mint/IR/MintOps.cpp.inc"
