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

/// `loc` under its first tensor name with `suffix` (`w` -> `w/palette`), so
/// that the new tensors have names of their own in the exported model.
static Location getSuffixedLoc(Location loc, StringRef suffix) {
  SmallVector<StringRef> names = getTensorNames(loc);
  if (names.empty())
    return loc;
  return NameLoc::get(
      StringAttr::get(loc->getContext(), names.front() + "/" + suffix), loc);
}

namespace {

/// Palettes of `groups` equal slices of a weight, each padded to `width`
/// entries (by repeating its last value), and each value's index into its
/// slice's palette.
struct Palettes {
  int64_t width = 0;
  SmallVector<float> values;
  SmallVector<uint8_t> indices;
};

} // namespace

/// Splits `values` into `groups` equal consecutive slices and builds a
/// sorted palette of each (-0.0 as +0.0); nullopt when a slice holds more
/// than `maxValues` distinct values.
static std::optional<Palettes>
buildPalettes(ArrayRef<float> values, int64_t groups, int64_t maxValues) {
  int64_t slice = values.size() / groups;
  SmallVector<SmallVector<float>> sorted;
  Palettes result;
  for (int64_t g = 0; g < groups; ++g) {
    SmallVector<float> palette;
    for (float value : values.slice(g * slice, slice))
      palette.push_back(value == 0.0f ? 0.0f : value);
    llvm::sort(palette);
    palette.erase(llvm::unique(palette), palette.end());
    if (static_cast<int64_t>(palette.size()) > maxValues)
      return std::nullopt;
    result.width = std::max<int64_t>(result.width, palette.size());
    sorted.push_back(std::move(palette));
  }
  for (auto [g, palette] : llvm::enumerate(sorted)) {
    for (float value : values.slice(g * slice, slice))
      result.indices.push_back(static_cast<uint8_t>(
          llvm::lower_bound(palette, value == 0.0f ? 0.0f : value) -
          palette.begin()));
    llvm::append_range(result.values, palette);
    result.values.append(result.width - palette.size(), palette.back());
  }
  return result;
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
      // A palette for the whole weight, or else one per output channel
      // (dimension 0 of CONV_2D, FULLY_CONNECTED and TRANSPOSE_CONV
      // weights): a per-channel clustering keeps few values per channel.
      bool depthwise = isa<DepthwiseConv2DOp>(op);
      std::optional<Palettes> palettes =
          buildPalettes(weight->values, /*groups=*/1, maxValues);
      bool perChannel = false;
      if (!palettes && !depthwise && weight->shape.size() > 1) {
        palettes =
            buildPalettes(weight->values, weight->shape.front(), maxValues);
        perChannel = true;
      }
      if (!palettes)
        return skip(llvm::formatv(
                        "its weight has more than {0} distinct "
                        "values{1} (max-values)",
                        maxValues,
                        depthwise ? "" : " in a layer and in an output channel")
                        .str());
      int64_t groups = perChannel ? weight->shape.front() : 1;
      int64_t width = palettes->width;

      Location loc = weight->op.getLoc();
      builder.setInsertionPoint(op);
      auto paletteType =
          perChannel
              ? RankedTensorType::get({groups, width}, builder.getF32Type())
              : RankedTensorType::get({width}, builder.getF32Type());
      Value paletteValue = ConstOp::create(
          builder, getSuffixedLoc(loc, "palette"), paletteType,
          DenseElementsAttr::get(paletteType, ArrayRef(palettes->values)));
      auto indicesType = RankedTensorType::get(
          weight->shape, IntegerType::get(context, 8, IntegerType::Unsigned));
      Value indicesValue = ConstOp::create(
          builder, getSuffixedLoc(loc, "indices"), indicesType,
          DenseElementsAttr::get(indicesType, ArrayRef(palettes->indices)));
      Value wide = CastOp::create(builder, getSuffixedLoc(loc, "indices_int32"),
                                  indicesType.clone(builder.getI32Type()),
                                  indicesValue, builder.getStringAttr("UINT8"),
                                  builder.getStringAttr("INT32"));
      Value expanded =
          GatherOp::create(builder, loc, weight->op.getType(), paletteValue,
                           wide, builder.getI32IntegerAttr(perChannel ? 1 : 0),
                           builder.getI32IntegerAttr(perChannel ? 1 : 0));
      op->setOperand(affine.getWeightOperandIndex(), expanded);
      if (weight->op->use_empty())
        weight->op->erase();
      ++numPalettized;
    });
  }
};

} // namespace
