//===- Sparsity.h - TFLite sparse tensor encoding ---------------*- C++ -*-===//
//
// Decodes TFLite's sparse constant format (SparsityParameters: traversal
// order, block map, DENSE / SPARSE_CSR levels with segment and index
// arrays) into dense row-major data and a #mint.sparsity attribute, and
// encodes dense data back. Encoding keeps exactly the entries of sparse
// levels whose sub-block holds a non-zero bit pattern, so decoding what it
// writes reproduces the dense data bit for bit.
//
//===----------------------------------------------------------------------===//

#ifndef LIB_TARGET_TFLITE_SPARSITY_H
#define LIB_TARGET_TFLITE_SPARSITY_H

#include "Schema.h"

#include "mint/Dialect/Mint/IR/MintDialect.h"

#include "mlir/IR/Diagnostics.h"

namespace mlir::mint {

/// A sparse constant's dense data and its encoding.
struct DecodedSparseTensor {
  SmallVector<char> dense;
  SparsityAttr sparsity;
};

/// Decodes the `stored` elements (each `elementSize` bytes) of a tensor of
/// `shape` encoded by `parameters`. Emits and fails on any inconsistency.
FailureOr<DecodedSparseTensor>
decodeSparseTensor(const schema::SparsityParameters &parameters,
                   ArrayRef<int64_t> shape, size_t elementSize,
                   ArrayRef<char> stored, MLIRContext *context,
                   function_ref<InFlightDiagnostic()> emitError);

/// One traversal level of an encoded tensor.
struct EncodedLevel {
  bool sparse = false;
  int32_t denseSize = 0;
  SmallVector<int32_t> segments, indices;
};

/// A tensor in TFLite's sparse format.
struct EncodedSparseTensor {
  SmallVector<char> stored;
  SmallVector<EncodedLevel> levels;
};

/// Encodes the dense row-major `dense` data of a tensor of `shape` by
/// `sparsity`; the shape must fit the encoding (SparsityAttr::verifyShape).
EncodedSparseTensor encodeSparseTensor(SparsityAttr sparsity,
                                       ArrayRef<int64_t> shape,
                                       size_t elementSize,
                                       ArrayRef<char> dense);

} // namespace mlir::mint

#endif // LIB_TARGET_TFLITE_SPARSITY_H
