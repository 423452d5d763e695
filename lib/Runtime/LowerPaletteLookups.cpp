//===- LowerPaletteLookups.cpp - Palettized weights read at run time -----===//
//
// Implements `mint-lower-palette-lookups`: a palettized weight (a constant
// palette gathered by constant indices) becomes a linalg.generic that looks
// every weight up in the palette when the model runs, so that the compiled
// code keeps the stored indices and the palette rather than the expanded
// weight.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Passes.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mint {
#define GEN_PASS_DEF_LOWERPALETTELOOKUPSPASS
#include "mint/Runtime/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {

/// gather(const palette, [cast](const indices)) -> linalg.generic reading
/// the palette at each stored index.
struct LookUpPalette : OpRewritePattern<GatherOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GatherOp op,
                                PatternRewriter &rewriter) const override {
    auto resultType = op.getType();
    if (!isa<FloatType>(resultType.getElementType()) ||
        !resultType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "not a static float result");
    auto paletteOp = op.getParams().getDefiningOp<ConstOp>();
    auto indexCast = op.getIndices().getDefiningOp<CastOp>();
    auto storedOp = (indexCast ? indexCast.getInput() : op.getIndices())
                        .getDefiningOp<ConstOp>();
    std::optional<std::pair<int64_t, int64_t>> axes = op.getResolvedAxes();
    if (!paletteOp || !storedOp || !axes)
      return rewriter.notifyMatchFailure(op, "not a palettized constant");
    auto palette = dyn_cast<DenseElementsAttr>(paletteOp.getValue());
    auto stored = dyn_cast<DenseIntElementsAttr>(storedOp.getValue());
    int64_t axis = axes->first, batchDims = axes->second;
    // The palette form: params [B..., K] gathered along K, so the result has
    // the indices' shape.
    if (!palette || !stored || palette.getType().getRank() != batchDims + 1 ||
        axis != batchDims ||
        stored.getType().getShape() != resultType.getShape())
      return rewriter.notifyMatchFailure(op, "not a palette of this form");
    auto storedElement = cast<IntegerType>(stored.getElementType());
    // The value of a stored index as the cast reads it: an unsigned
    // (or boolean) source is zero-extended, a signed one sign-extended; a
    // narrowing cast would need truncation, which palettes never use.
    bool zeroExtend =
        storedElement.isUnsigned() || storedElement.getWidth() == 1;
    if (indexCast &&
        indexCast.getType().getElementTypeBitWidth() < storedElement.getWidth())
      return rewriter.notifyMatchFailure(op, "narrowing index cast");
    int64_t size = palette.getType().getShape().back();
    for (const APInt &value : stored.getValues<APInt>()) {
      int64_t index = zeroExtend ? static_cast<int64_t>(value.getZExtValue())
                                 : value.getSExtValue();
      if (index < 0 || index >= size)
        return rewriter.notifyMatchFailure(op, "index outside the palette");
    }

    Location loc = op.getLoc();
    auto signless = IntegerType::get(getContext(), storedElement.getWidth());
    Value indices = arith::ConstantOp::create(
        rewriter, loc, cast<TypedAttr>(stored.bitcast(signless)));
    Value table = arith::ConstantOp::create(rewriter, loc, palette);
    Value init = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                         resultType.getElementType());
    int64_t rank = resultType.getRank();
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, resultType, ValueRange{indices}, ValueRange{init},
        SmallVector<AffineMap>{identity, identity},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Type index = b.getIndexType();
          Value position =
              zeroExtend ? arith::IndexCastUIOp::create(b, l, index, args[0])
                               .getResult()
                         : arith::IndexCastOp::create(b, l, index, args[0])
                               .getResult();
          SmallVector<Value> coordinates;
          for (int64_t d = 0; d < batchDims; ++d)
            coordinates.push_back(linalg::IndexOp::create(b, l, d));
          coordinates.push_back(position);
          Value value = tensor::ExtractOp::create(b, l, table, coordinates);
          linalg::YieldOp::create(b, l, value);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct LowerPaletteLookupsPass
    : mint::impl::LowerPaletteLookupsPassBase<LowerPaletteLookupsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<LookUpPalette>(&getContext());
    // Without folding: the folders would expand the palette (and cast the
    // stored indices to int32) before the pattern sees it.
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns),
                                  GreedyRewriteConfig().enableFolding(false))))
      return signalPassFailure();
  }
};

} // namespace
