//===- Passes.td - Passes of the CPU pipeline --------------*- tablegen -*-===//
//
// The passes Mint adds to the upstream linalg → LLVM lowering for the host
// CPU: flag `mint-<verb>-<noun>`, def `...Pass`.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_PASSES_TD
#define MINT_RUNTIME_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertCopiesToLinalgPass
    : Pass<"mint-convert-copies-to-linalg", "func::FuncOp"> {
  let summary = "Turn memref.copy into linalg.copy";
  let description = [{
    Bufferization writes the interior of a padded tensor with `memref.copy`
    into a strided subview; lowered to LLVM, a copy between non-contiguous
    memrefs becomes a call to the generic `memrefCopy` runtime function,
    which is slow and absent from a JIT without MLIR's runner utilities.
    As `linalg.copy` the copy becomes loops that are vectorized with the
    rest of the code.

    Before:

    ```mlir
    memref.copy %src, %view : memref<1x8x8x3xf32>
        to memref<1x8x8x3xf32, strided<[300, 30, 3, 1], offset: 33>>
    ```

    After:

    ```mlir
    linalg.copy ins(%src : memref<1x8x8x3xf32>)
        outs(%view : memref<1x8x8x3xf32, strided<[300, 30, 3, 1], offset: 33>>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // MINT_RUNTIME_PASSES_TD
