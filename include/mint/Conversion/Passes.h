//===- Passes.h - Conversions out of the mint dialect -----------*- C++ -*-===//
//
// Declares Mint's conversion passes (generated from Passes.td) and their
// registration.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_CONVERSION_PASSES_H
#define MINT_CONVERSION_PASSES_H

#include "mint/Conversion/MintToTosa/MintToTosa.h"

#include "mlir/Pass/Pass.h"

namespace mlir::mint {

#define GEN_PASS_REGISTRATION
#include "mint/Conversion/Passes.h.inc"

} // namespace mlir::mint

#endif // MINT_CONVERSION_PASSES_H
