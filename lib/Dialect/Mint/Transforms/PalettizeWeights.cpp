//===- PalettizeWeights.cpp - Weights as a palette and byte indices -------===//
//
// Implements `mint-palettize-weights`: a float32 layer weight with at most
// 256 distinct values becomes GATHER(palette, CAST(uint8 indices)), which
// every TFLite runtime runs and which stores one byte per weight.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "FloatWeights.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

namespace mlir::mint {
#define GEN_PASS_DEF_PALETTIZEWEIGHTSPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

/// `loc` with each tensor name it carries suffixed (`w` -> `w/palette`), so
/// that the new tensors have names of their own in the exported model.
static Location getSuffixedLoc(Location loc, StringRef suffix) {
  SmallVector<StringRef> names = getTensorNames(loc);
  if (names.empty())
    return loc;
  return NameLoc::get(
      StringAttr::get(loc->getContext(), names.front() + "/" + suffix), loc);
}

namespace {

struct PalettizeWeightsPass
    : mint::impl::PalettizeWeightsPassBase<PalettizeWeightsPass> {
  using PalettizeWeightsPassBase::PalettizeWeightsPassBase;

  void runOnOperation() override {
    if (maxValues < 1 || maxValues > 256) {
      emitError(getOperation().getLoc())
          << "mint-palettize-weights: max-values must be in [1, 256], got "
          << static_cast<int64_t>(maxValues);
      return signalPassFailure();
    }
    MLIRContext *context = &getContext();
    OpBuilder builder(context);
    llvm::DenseSet<Operation *> visited;
    getOperation().walk([&](AffineQuantizedOpInterface affine) {
      Operation *op = affine.getOperation();
      auto skip = [&](const Twine &reason) {
        op->setAttr(kPalettizeSkippedAttrName,
                    StringAttr::get(context, reason));
        ++numSkipped;
      };
      std::string reason;
      std::optional<FloatConstant> weight = getRewritableWeight(
          affine, visited, minElements, "palettized", reason);
      if (!weight)
        return skip(reason);
      if (llvm::any_of(weight->values,
                       [](float value) { return std::isnan(value); }))
        return skip("its weight holds NaN");
      // The palette: distinct values in increasing order (-0.0 as +0.0).
      SmallVector<float> palette(weight->values);
      for (float &value : palette)
        value = value == 0.0f ? 0.0f : value;
      llvm::sort(palette);
      palette.erase(llvm::unique(palette), palette.end());
      if (static_cast<int64_t>(palette.size()) > maxValues)
        return skip(llvm::formatv("its weight has {0} distinct values, more "
                                  "than {1} (max-values)",
                                  palette.size(), maxValues)
                        .str());
      SmallVector<uint8_t> indices;
      indices.reserve(weight->values.size());
      for (float value : weight->values)
        indices.push_back(static_cast<uint8_t>(
            llvm::lower_bound(palette, value == 0.0f ? 0.0f : value) -
            palette.begin()));

      Location loc = weight->op.getLoc();
      builder.setInsertionPoint(op);
      auto paletteType = RankedTensorType::get(
          {static_cast<int64_t>(palette.size())}, builder.getF32Type());
      Value paletteValue = ConstOp::create(
          builder, getSuffixedLoc(loc, "palette"), paletteType,
          DenseElementsAttr::get(paletteType, ArrayRef(palette)));
      auto indicesType = RankedTensorType::get(
          weight->shape, IntegerType::get(context, 8, IntegerType::Unsigned));
      Value indicesValue = ConstOp::create(
          builder, getSuffixedLoc(loc, "indices"), indicesType,
          DenseElementsAttr::get(indicesType, ArrayRef(indices)));
      Value wide = CastOp::create(builder, getSuffixedLoc(loc, "indices_int32"),
                                  indicesType.clone(builder.getI32Type()),
                                  indicesValue, builder.getStringAttr("UINT8"),
                                  builder.getStringAttr("INT32"));
      Value expanded = GatherOp::create(builder, loc, weight->op.getType(),
                                        paletteValue, wide);
      op->setOperand(affine.getWeightOperandIndex(), expanded);
      if (weight->op->use_empty())
        weight->op->erase();
      ++numPalettized;
    });
  }
};

} // namespace
