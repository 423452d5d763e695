//===- MintAttrs.cpp - Attributes of the mint dialect ---------------------===//
//
// Registration of the mint attributes, and the assembly format and
// verification of #mint.sparsity.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintDialect.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::mint;

#define GET_ATTRDEF_CLASSES
#include "mint/Dialect/Mint/IR/MintOpsAttributes.cpp.inc"

void MintDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "mint/Dialect/Mint/IR/MintOpsAttributes.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// SparsityAttr
//===----------------------------------------------------------------------===//

// #mint.sparsity<traversal_order = [...], [block_map = [...],
//                block_sizes = [...],] levels = [dense|sparse_csr, ...]>

/// Parses `[i, j, ...]`.
static ParseResult parseIntValues(AsmParser &parser,
                                  SmallVectorImpl<int32_t> &values) {
  auto parseValue = [&]() -> ParseResult {
    int32_t value;
    if (parser.parseInteger(value))
      return failure();
    values.push_back(value);
    return success();
  };
  return parser.parseCommaSeparatedList(AsmParser::Delimiter::Square,
                                        parseValue);
}

/// Parses `keyword = [i, j, ...]`.
static ParseResult parseIntList(AsmParser &parser, StringRef keyword,
                                SmallVectorImpl<int32_t> &values) {
  if (parser.parseKeyword(keyword) || parser.parseEqual())
    return failure();
  return parseIntValues(parser, values);
}

Attribute SparsityAttr::parse(AsmParser &parser, Type) {
  SmallVector<int32_t> traversalOrder, blockMap, blockSizes;
  SmallVector<bool> sparseLevels;
  if (parser.parseLess() ||
      parseIntList(parser, "traversal_order", traversalOrder) ||
      parser.parseComma())
    return {};
  if (succeeded(parser.parseOptionalKeyword("block_map"))) {
    if (parser.parseEqual() || parseIntValues(parser, blockMap) ||
        parser.parseComma() ||
        parseIntList(parser, "block_sizes", blockSizes) || parser.parseComma())
      return {};
  }
  if (parser.parseKeyword("levels") || parser.parseEqual() ||
      parser.parseCommaSeparatedList(
          AsmParser::Delimiter::Square,
          [&]() -> ParseResult {
            StringRef format;
            SMLoc loc = parser.getCurrentLocation();
            if (parser.parseKeyword(&format))
              return failure();
            if (format != "dense" && format != "sparse_csr")
              return parser.emitError(loc, "expected 'dense' or 'sparse_csr'");
            sparseLevels.push_back(format == "sparse_csr");
            return success();
          }) ||
      parser.parseGreater())
    return {};
  return SparsityAttr::getChecked(
      [&] { return parser.emitError(parser.getNameLoc()); },
      parser.getContext(), traversalOrder, blockMap, blockSizes, sparseLevels);
}

void SparsityAttr::print(AsmPrinter &printer) const {
  printer << "<traversal_order = [" << getTraversalOrder() << "], ";
  if (!getBlockMap().empty())
    printer << "block_map = [" << getBlockMap() << "], block_sizes = ["
            << getBlockSizes() << "], ";
  printer << "levels = [";
  llvm::interleaveComma(getSparseLevels(), printer, [&](bool sparse) {
    printer << (sparse ? "sparse_csr" : "dense");
  });
  printer << "]>";
}

LogicalResult SparsityAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                   ArrayRef<int32_t> traversalOrder,
                                   ArrayRef<int32_t> blockMap,
                                   ArrayRef<int32_t> blockSizes,
                                   ArrayRef<bool> sparseLevels) {
  size_t levels = traversalOrder.size();
  if (sparseLevels.size() != levels)
    return emitError() << "expects one format per level (" << levels
                       << "), got " << sparseLevels.size();
  if (blockSizes.size() != blockMap.size())
    return emitError() << "expects one block size per block_map entry";
  if (blockMap.size() > levels)
    return emitError() << "expects fewer blocks than levels";
  llvm::SmallBitVector seen(levels);
  for (int32_t dim : traversalOrder) {
    if (dim < 0 || static_cast<size_t>(dim) >= levels || seen[dim])
      return emitError() << "expects traversal_order to be a permutation of "
                            "[0, "
                         << levels << ")";
    seen.set(dim);
  }
  int64_t rank = levels - blockMap.size();
  for (auto [dim, size] : llvm::zip(blockMap, blockSizes)) {
    if (dim < 0 || dim >= rank)
      return emitError() << "block_map entry " << dim
                         << " is not a tensor dimension";
    if (size < 1)
      return emitError() << "expects positive block sizes";
  }
  return success();
}

LogicalResult
SparsityAttr::verifyShape(function_ref<InFlightDiagnostic()> emitError,
                          ArrayRef<int64_t> shape) const {
  if (shape.size() != getTensorRank())
    return emitError() << "sparsity describes a tensor of rank "
                       << getTensorRank() << ", got rank " << shape.size();
  for (auto [dim, size] : llvm::zip(getBlockMap(), getBlockSizes()))
    if (ShapedType::isDynamic(shape[dim]) || shape[dim] % size != 0)
      return emitError() << "block size " << size
                         << " does not divide dimension " << dim;
  return success();
}
