//===- OpVersions.h - TFLite operator versions ------------------*- C++ -*-===//
//
// The operator version an exported mint op needs: TFLite numbers the
// features of each builtin (int8 kernels, hybrid kernels, dilation, ...)
// with versions, and a runtime refuses versions it does not know. Mint
// sets the version from the features the op uses, following TFLite's own
// versioning rules.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_TARGET_TFLITE_OPVERSIONS_H
#define LIB_TARGET_TFLITE_OPVERSIONS_H

#include "mlir/IR/Operation.h"

namespace mlir::mint {

/// Returns the TFLite operator version of the mint op `op`.
int32_t computeOpVersion(Operation *op);

} // namespace mlir::mint

#endif // LIB_TARGET_TFLITE_OPVERSIONS_H
