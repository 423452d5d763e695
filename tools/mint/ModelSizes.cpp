//===- ModelSizes.cpp - What a model's weights weigh ----------------------===//
//
// Implements the size figures of ModelSizes.h.
//
//===----------------------------------------------------------------------===//

#include "ModelSizes.h"
#include "ModelLoading.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstring>
#include <zlib.h>

using namespace mlir;
using namespace mlir::mint;

std::map<std::string, int64_t>
mlir::mint::driver::countParameterBytes(ModuleOp module) {
  std::map<std::string, int64_t> bytes;
  module.walk([&](Operation *op) {
    if (!isa<ConstOp, SparseConstOp>(op))
      return;
    auto type = cast<ShapedType>(op->getResult(0).getType());
    Type element = type.getElementType();
    if (auto quantized = dyn_cast<quant::QuantizedType>(element))
      element = quantized.getStorageType();
    unsigned bits = element.getIntOrFloatBitWidth();
    bytes[getTFLiteTypeName(type.getElementType())] +=
        type.getNumElements() * std::max(bits / 8, 1u);
  });
  return bytes;
}

std::string mlir::mint::driver::formatParameterBytes(
    const std::map<std::string, int64_t> &bytes, bool json) {
  std::string text;
  for (auto [index, entry] : llvm::enumerate(bytes))
    text += json ? llvm::formatv("{0}\"{1}\": {2}", index ? ", " : "",
                                 entry.first, entry.second)
                       .str()
                 : llvm::formatv("{0}{1} {2} B", index ? ", " : "", entry.first,
                                 entry.second)
                       .str();
  return text;
}

uint64_t mlir::mint::driver::getGzipSize(llvm::StringRef bytes) {
  uLongf size = compressBound(bytes.size());
  std::vector<Bytef> buffer(size);
  if (compress2(buffer.data(), &size,
                reinterpret_cast<const Bytef *>(bytes.data()), bytes.size(),
                Z_BEST_COMPRESSION) != Z_OK)
    return bytes.size();
  // zlib's 2-byte header and 4-byte Adler-32 trailer against gzip's 10-byte
  // header and 8-byte CRC-32 and size trailer.
  return size - 6 + 18;
}

std::vector<driver::LayerWeights>
mlir::mint::driver::getLayerWeights(ModuleOp module, StringRef noteAttrName) {
  std::vector<LayerWeights> layers;
  module.walk([&](AffineQuantizedOpInterface affine) {
    Operation *op = affine.getOperation();
    Value weight = affine.getWeight();
    bool sparse = false;
    while (Operation *producer = weight.getDefiningOp()) {
      if (!isa<DequantizeOp, DensifyOp>(producer))
        break;
      weight = producer->getOperand(0);
    }
    Operation *producer = weight.getDefiningOp();
    ElementsAttr value;
    std::optional<int64_t> indexBytes;
    if (auto constant = dyn_cast_if_present<ConstOp>(producer)) {
      value = constant.getValue();
    } else if (auto constant = dyn_cast_if_present<SparseConstOp>(producer)) {
      value = constant.getValue();
      sparse = true;
    } else if (auto gather = dyn_cast_if_present<GatherOp>(producer)) {
      auto [values, indices] = gather.getPaletteValues();
      value = values;
      if (values)
        indexBytes = std::max(
            indices.getType().getElementType().getIntOrFloatBitWidth() / 8, 1u);
    }
    auto dense = dyn_cast_if_present<DenseElementsAttr>(value);
    if (!dense)
      return;
    LayerWeights layer;
    SmallVector<StringRef> names = getTensorNames(op->getLoc());
    layer.name = names.empty() ? "" : names.front().str();
    layer.op = op->getName().stripDialect().upper();
    layer.elements = dense.getNumElements();
    layer.sparse = sparse;
    if (!noteAttrName.empty())
      if (auto note = op->getAttrOfType<StringAttr>(noteAttrName))
        layer.note = note.str();
    Type element = dense.getElementType();
    layer.elementBytes = std::max(element.getIntOrFloatBitWidth() / 8, 1u);
    layer.palettized = indexBytes.has_value();
    ArrayRef<char> raw = dense.getRawData();
    llvm::DenseSet<uint64_t> distinct;
    for (int64_t i = 0; i < layer.elements; ++i) {
      uint64_t bits = 0;
      size_t offset = dense.isSplat() ? 0 : i * layer.elementBytes;
      std::memcpy(&bits, raw.data() + offset,
                  std::min<int64_t>(layer.elementBytes, sizeof(bits)));
      layer.zeros += bits == 0;
      distinct.insert(bits);
    }
    layer.distinct = distinct.size();
    if (indexBytes)
      layer.elementBytes = *indexBytes;
    layers.push_back(std::move(layer));
  });
  return layers;
}
