//===- MintOps.td - Mint operation definitions -------------*- tablegen -*-===//
//
// Root of the `mint` op definitions: the op base class and the traits every
// op family shares; the ops themselves live in one file per family.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_DIALECT_MINT_IR_MINTOPS_TD
#define MINT_DIALECT_MINT_IR_MINTOPS_TD

include "mint/Dialect/Mint/IR/MintAttrs.td"
include "mint/Dialect/Mint/IR/MintBase.td"
include "mint/Dialect/Mint/IR/MintInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class Mint_Op<string mnemonic, list<Trait> traits = []>
    : Op<Mint_Dialect, mnemonic,
         !listconcat([Mint_QuantizedTypesFitShapes], traits)>;

// The result shape follows from the operands by TFLite's shape rules; the
// verifier checks the declared result type against it and
// `mint-infer-shapes` refines dynamic result shapes with it.
def Mint_InferShape
    : TraitList<[InferShapedTypeOpAdaptor, Mint_ResultShapeFromInference]>;

// Most ops have no side effects and infer their result shape.
class Mint_PureOp<string mnemonic, list<Trait> traits = []>
    : Mint_Op<mnemonic, !listconcat([Pure, Mint_InferShape], traits)>;

include "mint/Dialect/Mint/IR/MintConvOps.td"
include "mint/Dialect/Mint/IR/MintElementwiseOps.td"
include "mint/Dialect/Mint/IR/MintShapeOps.td"
include "mint/Dialect/Mint/IR/MintQuantOps.td"
include "mint/Dialect/Mint/IR/MintGraphOps.td"

#endif // MINT_DIALECT_MINT_IR_MINTOPS_TD
