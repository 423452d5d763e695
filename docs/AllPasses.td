//===- AllPasses.td - Every Mint pass, for the generated docs -*- tablegen -*-//
//
// Gathers the pass definitions of the mint dialect, the conversions and the
// CPU pipeline so that one `-gen-pass-doc` run documents them all in
// docs/Passes.md.
//
//===----------------------------------------------------------------------===//

include "mint/Dialect/Mint/Transforms/Passes.td"
include "mint/Conversion/Passes.td"
include "mint/Runtime/Passes.td"
