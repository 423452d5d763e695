//===- Sparsity.cpp - TFLite sparse tensor encoding -----------------------===//
//
// Implements decoding and encoding of TFLite's sparse constant format.
//
//===----------------------------------------------------------------------===//

#include "Sparsity.h"

#include <cstring>

using namespace mlir;
using namespace mlir::mint;

namespace {
/// The geometry of an encoded tensor: its dimensions extended by block
/// dimensions, and how extended coordinates map to dense offsets.
struct ExtendedShape {
  SmallVector<int64_t> shape;          // tensor shape
  SmallVector<int32_t> traversalOrder; // extended dimension of each level
  SmallVector<int32_t> blockMap;       // tensor dimension of each block
  SmallVector<int64_t> extentOf;       // size of each extended dimension
  SmallVector<int64_t> blockSizeOf;    // block size of each tensor dimension
  SmallVector<int64_t> strides;        // row-major strides of the tensor

  int64_t rank() const { return shape.size(); }

  /// Returns the dense element offset of extended coordinates.
  int64_t getOffset(ArrayRef<int64_t> coords) const {
    SmallVector<int64_t> position(rank());
    for (int64_t dim = 0; dim < rank(); ++dim)
      position[dim] = coords[dim] * blockSizeOf[dim];
    for (auto [block, dim] : llvm::enumerate(blockMap))
      position[dim] += coords[rank() + block];
    int64_t offset = 0;
    for (int64_t dim = 0; dim < rank(); ++dim)
      offset += position[dim] * strides[dim];
    return offset;
  }
};
} // namespace

static ExtendedShape makeExtendedShape(ArrayRef<int64_t> shape,
                                       ArrayRef<int32_t> traversalOrder,
                                       ArrayRef<int32_t> blockMap,
                                       ArrayRef<int64_t> blockSizes) {
  ExtendedShape extended;
  extended.shape.assign(shape.begin(), shape.end());
  extended.traversalOrder.assign(traversalOrder.begin(), traversalOrder.end());
  extended.blockMap.assign(blockMap.begin(), blockMap.end());
  int64_t rank = shape.size();
  extended.blockSizeOf.assign(rank, 1);
  for (auto [dim, size] : llvm::zip(blockMap, blockSizes))
    extended.blockSizeOf[dim] = size;
  for (int64_t dim = 0; dim < rank; ++dim)
    extended.extentOf.push_back(shape[dim] / extended.blockSizeOf[dim]);
  extended.extentOf.append(blockSizes.begin(), blockSizes.end());
  extended.strides.assign(rank, 1);
  for (int64_t dim = rank - 2; dim >= 0; --dim)
    extended.strides[dim] = extended.strides[dim + 1] * shape[dim + 1];
  return extended;
}

/// Reads a SparseIndexVector union as int64 values.
static std::optional<SmallVector<int64_t>>
readIndexVector(schema::SparseIndexVector type, const void *vector) {
  SmallVector<int64_t> values;
  auto append = [&](auto *table) -> bool {
    if (!table || !table->values())
      return false;
    values.assign(table->values()->begin(), table->values()->end());
    return true;
  };
  bool ok = false;
  switch (type) {
  case schema::SparseIndexVector::Int32Vector:
    ok = append(static_cast<const schema::Int32Vector *>(vector));
    break;
  case schema::SparseIndexVector::Uint16Vector:
    ok = append(static_cast<const schema::Uint16Vector *>(vector));
    break;
  case schema::SparseIndexVector::Uint8Vector:
    ok = append(static_cast<const schema::Uint8Vector *>(vector));
    break;
  default:
    break;
  }
  if (!ok)
    return std::nullopt;
  return values;
}

FailureOr<DecodedSparseTensor>
mlir::mint::decodeSparseTensor(const schema::SparsityParameters &parameters,
                               ArrayRef<int64_t> shape, size_t elementSize,
                               ArrayRef<char> stored, MLIRContext *context,
                               function_ref<InFlightDiagnostic()> emitError) {
  auto fail = [&](const Twine &message) -> FailureOr<DecodedSparseTensor> {
    emitError() << "has invalid sparsity: " << message;
    return failure();
  };
  if (!parameters.traversal_order() || !parameters.dim_metadata())
    return fail("missing traversal_order or dim_metadata");
  SmallVector<int32_t> traversalOrder =
      readScalars(parameters.traversal_order());
  SmallVector<int32_t> blockMap = readScalars(parameters.block_map());
  int64_t levels = traversalOrder.size();
  int64_t rank = shape.size();
  if (levels != rank + static_cast<int64_t>(blockMap.size()))
    return fail("traversal_order has " + Twine(levels) + " levels for rank " +
                Twine(rank) + " and " + Twine(blockMap.size()) + " blocks");
  if (static_cast<int64_t>(parameters.dim_metadata()->size()) != levels)
    return fail("dim_metadata has " + Twine(parameters.dim_metadata()->size()) +
                " entries for " + Twine(levels) + " levels");
  for (int64_t size : shape)
    if (size < 0)
      return fail("the tensor has a dynamic dimension");

  // Block sizes are the dense sizes of the levels that visit blocks.
  SmallVector<int64_t> blockSizes(blockMap.size(), 0);
  SmallVector<bool> sparseLevels;
  for (auto [level, dim] : llvm::enumerate(traversalOrder)) {
    const schema::DimensionMetadata *metadata =
        parameters.dim_metadata()->Get(level);
    if (!metadata)
      return fail("missing dim_metadata entry " + Twine(level));
    bool sparse = metadata->format() == schema::DimensionType::SPARSE_CSR;
    sparseLevels.push_back(sparse);
    if (dim < 0 || dim >= levels)
      return fail("traversal_order entry " + Twine(dim) + " is out of range");
    if (dim >= rank) {
      if (sparse || metadata->dense_size() < 1)
        return fail("block level " + Twine(level) + " is not dense");
      blockSizes[dim - rank] = metadata->dense_size();
    }
  }
  for (auto [dim, size] : llvm::zip(blockMap, blockSizes))
    if (dim < 0 || dim >= rank || size < 1 || shape[dim] % size != 0)
      return fail("block of size " + Twine(size) + " does not fit dimension " +
                  Twine(dim));
  SmallVector<int32_t> blockSizes32(blockSizes.begin(), blockSizes.end());
  if (failed(SparsityAttr::verify(emitError, traversalOrder, blockMap,
                                  blockSizes32, sparseLevels)))
    return failure();
  SparsityAttr sparsity = SparsityAttr::get(context, traversalOrder, blockMap,
                                            blockSizes32, sparseLevels);

  ExtendedShape extended =
      makeExtendedShape(shape, traversalOrder, blockMap, blockSizes);
  SmallVector<SmallVector<int64_t>> segments(levels), indices(levels);
  for (int64_t level = 0; level < levels; ++level) {
    const schema::DimensionMetadata *metadata =
        parameters.dim_metadata()->Get(level);
    int64_t extent = extended.extentOf[traversalOrder[level]];
    if (!sparseLevels[level]) {
      if (metadata->dense_size() != extent)
        return fail("dense level " + Twine(level) + " has size " +
                    Twine(metadata->dense_size()) + ", expected " +
                    Twine(extent));
      continue;
    }
    auto levelSegments = readIndexVector(metadata->array_segments_type(),
                                         metadata->array_segments());
    auto levelIndices = readIndexVector(metadata->array_indices_type(),
                                        metadata->array_indices());
    if (!levelSegments || !levelIndices || levelSegments->empty())
      return fail("sparse level " + Twine(level) +
                  " lacks segments or indices");
    for (int64_t index : *levelIndices)
      if (index < 0 || index >= extent)
        return fail("index " + Twine(index) + " of level " + Twine(level) +
                    " is out of range");
    segments[level] = std::move(*levelSegments);
    indices[level] = std::move(*levelIndices);
  }

  int64_t numElements = 1;
  for (int64_t size : shape)
    numElements *= size;
  DecodedSparseTensor decoded;
  decoded.sparsity = sparsity;
  decoded.dense.assign(numElements * elementSize, 0);
  size_t numStored = stored.size() / elementSize;
  if (stored.size() % elementSize != 0)
    return fail("the buffer does not hold whole elements");

  // Depth-first walk over the levels; `parent` is the position of the node
  // among the nodes of its level, which indexes the segments below it.
  SmallVector<int64_t> coords(levels, 0);
  size_t next = 0;
  std::function<LogicalResult(int64_t, int64_t)> visit =
      [&](int64_t level, int64_t parent) -> LogicalResult {
    if (level == levels) {
      if (next >= numStored)
        return failure();
      std::memcpy(decoded.dense.data() +
                      extended.getOffset(coords) * elementSize,
                  stored.data() + next * elementSize, elementSize);
      ++next;
      return success();
    }
    int32_t dim = traversalOrder[level];
    if (!sparseLevels[level]) {
      int64_t extent = extended.extentOf[dim];
      for (int64_t i = 0; i < extent; ++i) {
        coords[dim] = i;
        if (failed(visit(level + 1, parent * extent + i)))
          return failure();
      }
      return success();
    }
    ArrayRef<int64_t> levelSegments = segments[level];
    if (parent + 1 >= static_cast<int64_t>(levelSegments.size()))
      return failure();
    int64_t begin = levelSegments[parent], end = levelSegments[parent + 1];
    if (begin < 0 || end < begin ||
        end > static_cast<int64_t>(indices[level].size()))
      return failure();
    for (int64_t i = begin; i < end; ++i) {
      coords[dim] = indices[level][i];
      if (failed(visit(level + 1, i)))
        return failure();
    }
    return success();
  };
  if (failed(visit(0, 0)))
    return fail("segments, indices and stored values do not agree");
  if (next != numStored)
    return fail("the buffer holds " + Twine(numStored) +
                " values but the encoding uses " + Twine(next));
  return decoded;
}

EncodedSparseTensor mlir::mint::encodeSparseTensor(SparsityAttr sparsity,
                                                   ArrayRef<int64_t> shape,
                                                   size_t elementSize,
                                                   ArrayRef<char> dense) {
  ArrayRef<int32_t> traversalOrder = sparsity.getTraversalOrder();
  SmallVector<int64_t> blockSizes(sparsity.getBlockSizes().begin(),
                                  sparsity.getBlockSizes().end());
  ExtendedShape extended = makeExtendedShape(
      shape, traversalOrder, sparsity.getBlockMap(), blockSizes);
  int64_t levels = traversalOrder.size();
  ArrayRef<bool> sparseLevels = sparsity.getSparseLevels();

  EncodedSparseTensor encoded;
  encoded.levels.resize(levels);
  for (int64_t level = 0; level < levels; ++level) {
    EncodedLevel &encodedLevel = encoded.levels[level];
    encodedLevel.sparse = sparseLevels[level];
    if (encodedLevel.sparse)
      encodedLevel.segments.push_back(0);
    else
      encodedLevel.denseSize = extended.extentOf[traversalOrder[level]];
  }

  SmallVector<int64_t> coords(levels, 0);
  auto isNonZero = [&](int64_t offset) {
    const char *element = dense.data() + offset * elementSize;
    for (size_t byte = 0; byte < elementSize; ++byte)
      if (element[byte] != 0)
        return true;
    return false;
  };
  // Returns true if any element below `level` at the current coordinates
  // is non-zero.
  std::function<bool(int64_t)> subtreeNonZero = [&](int64_t level) -> bool {
    if (level == levels)
      return isNonZero(extended.getOffset(coords));
    int32_t dim = traversalOrder[level];
    int64_t saved = coords[dim];
    for (int64_t i = 0; i < extended.extentOf[dim]; ++i) {
      coords[dim] = i;
      if (subtreeNonZero(level + 1)) {
        coords[dim] = saved;
        return true;
      }
    }
    coords[dim] = saved;
    return false;
  };
  std::function<void(int64_t)> visit = [&](int64_t level) {
    if (level == levels) {
      const char *element =
          dense.data() + extended.getOffset(coords) * elementSize;
      encoded.stored.append(element, element + elementSize);
      return;
    }
    int32_t dim = traversalOrder[level];
    EncodedLevel &encodedLevel = encoded.levels[level];
    for (int64_t i = 0; i < extended.extentOf[dim]; ++i) {
      coords[dim] = i;
      if (encodedLevel.sparse) {
        if (!subtreeNonZero(level + 1))
          continue;
        encodedLevel.indices.push_back(i);
      }
      visit(level + 1);
    }
    coords[dim] = 0;
    if (encodedLevel.sparse)
      encodedLevel.segments.push_back(encodedLevel.indices.size());
  };
  visit(0);
  return encoded;
}
