//===- EncodeSparseWeights.cpp - TFLite sparse storage of weights ---------===//
//
// Implements `mint-encode-sparse-weights`: a constant weight with many
// zeros becomes a `mint.sparse_const` in the smallest exact encoding of
// TFLite's SparsityParameters among CSR over the innermost dimension and
// CSR over its 1x4 or 1x16 blocks, read through DENSIFY unless the
// consumer is a float32 FULLY_CONNECTED whose sparse kernel takes it.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"

namespace mlir::mint {
#define GEN_PASS_DEF_ENCODESPARSEWEIGHTSPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {

/// Bytes TFLite takes per index of at most `maxValue` (it stores index
/// arrays as uint8, uint16 or int32 vectors).
int64_t getIndexBytes(int64_t maxValue) {
  return maxValue <= 0xFF ? 1 : maxValue <= 0xFFFF ? 2 : 4;
}

/// One way to store a weight: CSR over blocks of `blockSize` consecutive
/// elements of the innermost dimension (1: no blocks).
struct Encoding {
  int64_t blockSize = 1;
  int64_t bytes = 0;
};

/// The stored bytes of `data` (row-major, `elementBytes` each, innermost
/// dimension `inner`) in CSR over blocks of `blockSize`.
int64_t getEncodedBytes(ArrayRef<char> data, int64_t elementBytes,
                        int64_t inner, int64_t blockSize) {
  int64_t elements = data.size() / elementBytes;
  int64_t rows = elements / inner, blocksPerRow = inner / blockSize;
  int64_t blockBytes = blockSize * elementBytes;
  int64_t stored = 0;
  for (int64_t block = 0; block < rows * blocksPerRow; ++block) {
    ArrayRef<char> bytes = data.slice(block * blockBytes, blockBytes);
    stored += llvm::any_of(bytes, [](char byte) { return byte != 0; });
  }
  return stored * blockBytes + stored * getIndexBytes(blocksPerRow - 1) +
         (rows + 1) * getIndexBytes(stored);
}

/// The TFLite encoding of `encoding` for a weight of rank `rank`.
SparsityAttr getSparsity(MLIRContext *context, int64_t rank,
                         const Encoding &encoding) {
  SmallVector<int32_t> order;
  SmallVector<bool> sparse(rank, false);
  sparse.back() = true;
  for (int64_t dim = 0; dim < rank; ++dim)
    order.push_back(dim);
  if (encoding.blockSize == 1)
    return SparsityAttr::get(context, order, {}, {}, sparse);
  order.push_back(rank);
  sparse.push_back(false);
  int32_t blockDim = rank - 1, blockSize = encoding.blockSize;
  return SparsityAttr::get(context, order, ArrayRef(blockDim),
                           ArrayRef(blockSize), sparse);
}

struct EncodeSparseWeightsPass
    : mint::impl::EncodeSparseWeightsPassBase<EncodeSparseWeightsPass> {
  using EncodeSparseWeightsPassBase::EncodeSparseWeightsPassBase;

  /// Encodes the weight constant `constant` read by `use` (the op's weight
  /// operand, or a DEQUANTIZE's input); a float32 FULLY_CONNECTED with a
  /// supported encoding reads the sparse constant directly.
  void encode(OpOperand &use, ConstOp constant, bool directFullyConnected) {
    auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
    auto type = constant.getType();
    if (!dense || dense.isSplat() || type.getRank() < 1)
      return;
    Type element = type.getElementType();
    if (auto quantized = dyn_cast<quant::QuantizedType>(element))
      element = quantized.getStorageType();
    if (!element.isIntOrFloat() || element.getIntOrFloatBitWidth() % 8)
      return;
    int64_t elementBytes = element.getIntOrFloatBitWidth() / 8;
    ArrayRef<char> data = dense.getRawData();
    int64_t elements = type.getNumElements();
    if (static_cast<int64_t>(data.size()) != elements * elementBytes)
      return;
    int64_t zeros = 0;
    for (int64_t i = 0; i < elements; ++i)
      zeros += llvm::all_of(data.slice(i * elementBytes, elementBytes),
                            [](char byte) { return byte == 0; });
    if (static_cast<double>(zeros) <
        minSparsity * static_cast<double>(elements))
      return;
    int64_t inner = type.getShape().back();
    Encoding best{0, elements * elementBytes};
    for (int64_t blockSize : {1, 4, 16}) {
      if (inner % blockSize)
        continue;
      int64_t bytes = getEncodedBytes(data, elementBytes, inner, blockSize);
      if (bytes < best.bytes)
        best = {blockSize, bytes};
    }
    if (best.blockSize == 0)
      return;
    // TFLite's sparse FULLY_CONNECTED takes a 2-D float32 weight in CSR
    // or in 1x4 blocks; other kernels read it through DENSIFY.
    bool direct = directFullyConnected && type.getRank() == 2 &&
                  element.isF32() && best.blockSize != 16;
    OpBuilder builder(use.getOwner());
    auto sparse =
        SparseConstOp::create(builder, constant.getLoc(), type, dense,
                              getSparsity(&getContext(), type.getRank(), best));
    sparse->setDiscardableAttrs(constant->getDiscardableAttrDictionary());
    Value replacement = sparse;
    if (!direct)
      replacement = DensifyOp::create(builder, constant.getLoc(), type, sparse);
    use.set(replacement);
    if (constant->use_empty())
      constant->erase();
    ++numEncoded;
    numSavedBytes += elements * elementBytes - best.bytes;
  }

  void runOnOperation() override {
    SmallVector<std::pair<OpOperand *, bool>> weights;
    getOperation().walk([&](AffineQuantizedOpInterface affine) {
      Operation *op = affine.getOperation();
      OpOperand &weight = op->getOpOperand(affine.getWeightOperandIndex());
      // TFLite's hybrid kernels (float input, int8 weight) take constant
      // weights only; the XNNPACK delegate fails on a DENSIFY output.
      auto isFloat = [](Value value) {
        return isa<FloatType>(
            cast<ShapedType>(value.getType()).getElementType());
      };
      if (isFloat(affine.getActivationInput()) && !isFloat(weight.get()))
        return;
      if (auto dequantize = weight.get().getDefiningOp<DequantizeOp>())
        weights.emplace_back(&dequantize->getOpOperand(0), false);
      else
        weights.emplace_back(&weight, isa<FullyConnectedOp>(op));
    });
    for (auto [use, directFullyConnected] : weights)
      if (auto constant = use->get().getDefiningOp<ConstOp>())
        encode(*use, constant, directFullyConnected);
  }
};

} // namespace
