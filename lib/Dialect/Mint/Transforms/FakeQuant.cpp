//===- FakeQuant.cpp - Quantization-aware training in and out -------------===//
//
// Implements `mint-insert-fake-quant` (a calibrated float model with int8
// quantization simulated in float, for training frameworks to fine-tune)
// and `mint-fold-fake-quant` (the ranges such training learned, moved
// onto their tensors as statistics for `mint-quantize`).
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Dialect/Mint/IR/QuantizedConstants.h"
#include "mint/Dialect/Mint/Transforms/CalibrationRanges.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Builders.h"

namespace mlir::mint {
#define GEN_PASS_DEF_INSERTFAKEQUANTPASS
#define GEN_PASS_DEF_FOLDFAKEQUANTPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {

/// The statistics recorded for `value` (a function argument or an op
/// result), if any.
StatsAttr getStats(func::FuncOp func, Value value) {
  if (auto argument = dyn_cast<BlockArgument>(value))
    return func.getArgAttrOfType<StatsAttr>(argument.getArgNumber(),
                                            kStatsAttrName);
  auto perResult =
      value.getDefiningOp()->getAttrOfType<ArrayAttr>(kStatsAttrName);
  unsigned index = cast<OpResult>(value).getResultNumber();
  if (!perResult || index >= perResult.size())
    return {};
  return dyn_cast<StatsAttr>(perResult[index]);
}

/// Records `stats` for `value`.
void setStats(func::FuncOp func, Value value, StatsAttr stats) {
  if (auto argument = dyn_cast<BlockArgument>(value)) {
    func.setArgAttr(argument.getArgNumber(), kStatsAttrName, stats);
    return;
  }
  Operation *op = value.getDefiningOp();
  SmallVector<Attribute> perResult;
  if (auto existing = op->getAttrOfType<ArrayAttr>(kStatsAttrName))
    perResult.assign(existing.begin(), existing.end());
  perResult.resize(op->getNumResults(), UnitAttr::get(op->getContext()));
  perResult[cast<OpResult>(value).getResultNumber()] = stats;
  op->setAttr(kStatsAttrName, ArrayAttr::get(op->getContext(), perResult));
}

/// A range as statistics without a histogram: every range method takes
/// min and max as they are.
StatsAttr getRangeStats(MLIRContext *context, double min, double max) {
  return StatsAttr::get(context, min, max, min, max, /*samples=*/0, min,
                        /*binWidth=*/0.0, ArrayRef<int64_t>());
}

/// The weight operands of the ops whose weights int8 quantization stores
/// per channel (per tensor for FULLY_CONNECTED): operand and channel axis.
std::optional<std::pair<OpOperand *, int64_t>> getWeight(Operation *op) {
  auto affine = dyn_cast<AffineQuantizedOpInterface>(op);
  if (!affine)
    return std::nullopt;
  int64_t axis = isa<FullyConnectedOp>(op) ? -1 : affine.getWeightChannelAxis();
  return std::pair(&op->getOpOperand(affine.getWeightOperandIndex()), axis);
}

struct InsertFakeQuantPass
    : mint::impl::InsertFakeQuantPassBase<InsertFakeQuantPass> {
  using InsertFakeQuantPassBase::InsertFakeQuantPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    MLIRContext *context = &getContext();
    OpBuilder builder(context);

    // Weights: rounded to their int8 grid, stored as float.
    func.walk([&](Operation *op) {
      std::optional<std::pair<OpOperand *, int64_t>> weight = getWeight(op);
      if (!weight)
        return;
      auto constant = weight->first->get().getDefiningOp<ConstOp>();
      auto values = constant
                        ? dyn_cast<DenseFPElementsAttr>(constant.getValue())
                        : DenseFPElementsAttr();
      if (!values || !constant.getType().getElementType().isF32())
        return;
      auto quantizedType =
          constant.getType().clone(getWeightType(values, weight->second));
      DenseElementsAttr stored = quantizeConstant(values, quantizedType);
      DenseElementsAttr rounded =
          stored ? dequantizeConstant(cast<DenseIntElementsAttr>(stored),
                                      quantizedType, builder.getF32Type())
                 : DenseElementsAttr();
      if (!rounded)
        return;
      builder.setInsertionPoint(op);
      weight->first->set(ConstOp::create(builder, constant.getLoc(),
                                         constant.getType(), rounded));
      if (constant->use_empty())
        constant->erase();
      ++numWeights;
    });

    // Activations: a FAKE_QUANT after each with statistics.
    SmallVector<Value> values(func.getArguments());
    func.walk([&](Operation *op) {
      if (isa<MintDialect>(op->getDialect()))
        llvm::append_range(values, op->getResults());
    });
    for (Value value : values) {
      auto type = dyn_cast<RankedTensorType>(value.getType());
      StatsAttr stats = getStats(func, value);
      if (!type || !type.getElementType().isF32() || !stats ||
          value.use_empty())
        continue;
      RealRange range =
          selectRange(stats, calibrationMethod, percentile, /*bits=*/8);
      // The range of the int8 type mint-quantize would give.
      quant::UniformQuantizedType element =
          getActivationType(context, range.low, range.high);
      float min = static_cast<float>(
          (element.getStorageTypeMin() - element.getZeroPoint()) *
          element.getScale());
      float max = static_cast<float>(
          (element.getStorageTypeMax() - element.getZeroPoint()) *
          element.getScale());
      if (auto argument = dyn_cast<BlockArgument>(value))
        builder.setInsertionPointToStart(argument.getOwner());
      else
        builder.setInsertionPointAfter(value.getDefiningOp());
      auto fakeQuant = FakeQuantOp::create(
          builder, value.getLoc(), type, value,
          builder.getDenseF32ArrayAttr({min}),
          builder.getDenseF32ArrayAttr({max}), /*num_bits=*/8,
          /*narrow_range=*/false, /*axis=*/nullptr);
      value.replaceAllUsesExcept(fakeQuant, fakeQuant);
      ++numFakeQuants;
    }
    // The statistics have served.
    func.walk([](Operation *op) { op->removeAttr(kStatsAttrName); });
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
      func.removeArgAttr(i, kStatsAttrName);
  }
};

struct FoldFakeQuantPass
    : mint::impl::FoldFakeQuantPassBase<FoldFakeQuantPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *context = &getContext();
    OpBuilder builder(context);
    SmallVector<Operation *> ops;
    func.walk([&](Operation *op) {
      if (isa<FakeQuantOp, DequantizeOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      if (auto fakeQuant = dyn_cast<FakeQuantOp>(op)) {
        foldFakeQuant(func, fakeQuant, builder);
        continue;
      }
      auto dequantize = cast<DequantizeOp>(op);
      Value input = dequantize.getInput();
      // A weight: int8 constant behind DEQUANTIZE.
      if (auto constant = input.getDefiningOp<ConstOp>()) {
        auto stored = dyn_cast<DenseIntElementsAttr>(constant.getValue());
        auto floatType =
            dyn_cast<FloatType>(dequantize.getType().getElementType());
        if (!stored || !floatType ||
            !isa<quant::QuantizedType>(constant.getType().getElementType()))
          continue;
        DenseElementsAttr values =
            dequantizeConstant(stored, constant.getType(), floatType);
        if (!values)
          continue;
        builder.setInsertionPoint(dequantize);
        dequantize.replaceAllUsesWith(
            ConstOp::create(builder, dequantize.getLoc(), dequantize.getType(),
                            values)
                .getResult());
        dequantize.erase();
        if (constant->use_empty())
          constant->erase();
        ++numWeights;
        continue;
      }
      // A fake-quantized weight: float constant -> QUANTIZE -> DEQUANTIZE
      // (TensorFlow's converter writes a QAT model's weights so).
      if (foldQuantizedConstant(dequantize, builder))
        continue;
      // An activation: float -> QUANTIZE -> DEQUANTIZE.
      auto quantize = input.getDefiningOp<QuantizeOp>();
      if (!quantize ||
          !isa<FloatType>(quantize.getInput().getType().getElementType()))
        continue;
      auto element = dyn_cast<quant::UniformQuantizedType>(
          quantize.getType().getElementType());
      if (!element)
        continue;
      double min = (element.getStorageTypeMin() - element.getZeroPoint()) *
                   element.getScale();
      double max = (element.getStorageTypeMax() - element.getZeroPoint()) *
                   element.getScale();
      Value original = quantize.getInput();
      setStats(func, original, getRangeStats(context, min, max));
      dequantize.replaceAllUsesWith(original);
      dequantize.erase();
      if (quantize->use_empty())
        quantize->erase();
      ++numRanges;
    }
  }

  /// Replaces `dequantize` of the QUANTIZE of a float32 constant by the
  /// float values the pair computes (TFLite's QUANTIZE and DEQUANTIZE, as
  /// quantizeConstant and dequantizeConstant compute them); false when the
  /// pattern does not match.
  bool foldQuantizedConstant(DequantizeOp dequantize, OpBuilder &builder) {
    auto quantize = dequantize.getInput().getDefiningOp<QuantizeOp>();
    if (!quantize)
      return false;
    auto constant = quantize.getInput().getDefiningOp<ConstOp>();
    if (!constant || !constant.getType().getElementType().isF32() ||
        !dequantize.getType().getElementType().isF32())
      return false;
    auto values = dyn_cast<DenseFPElementsAttr>(constant.getValue());
    auto quantizedType = dyn_cast<RankedTensorType>(quantize.getType());
    if (!values || !quantizedType)
      return false;
    auto stored = dyn_cast_or_null<DenseIntElementsAttr>(
        quantizeConstant(values, quantizedType));
    DenseElementsAttr folded =
        stored ? dequantizeConstant(stored, quantizedType, builder.getF32Type())
               : DenseElementsAttr();
    if (!folded)
      return false;
    builder.setInsertionPoint(dequantize);
    dequantize.replaceAllUsesWith(ConstOp::create(builder, dequantize.getLoc(),
                                                  dequantize.getType(), folded)
                                      .getResult());
    dequantize.erase();
    if (quantize->use_empty())
      quantize->erase();
    if (constant->use_empty())
      constant->erase();
    ++numWeights;
    return true;
  }

  void foldFakeQuant(func::FuncOp func, FakeQuantOp op, OpBuilder &builder) {
    Value input = op.getInput();
    // On a constant: the values it computes with.
    if (auto constant = input.getDefiningOp<ConstOp>()) {
      auto values = dyn_cast<DenseFPElementsAttr>(constant.getValue());
      if (!values || !constant.getType().getElementType().isF32())
        return;
      DenseElementsAttr folded = fakeQuantize(op, values);
      builder.setInsertionPoint(op);
      op.replaceAllUsesWith(
          ConstOp::create(builder, op.getLoc(), op.getType(), folded)
              .getResult());
      op.erase();
      if (constant->use_empty())
        constant->erase();
      ++numWeights;
      return;
    }
    if (op.getMin().size() != 1)
      return; // Per-axis ranges on activations: left for the lowering.
    setStats(
        func, input,
        getRangeStats(&getContext(), op.getMin().front(), op.getMax().front()));
    op.replaceAllUsesWith(input);
    op.erase();
    ++numRanges;
  }

  /// `values` after `op`'s fake quantization (TFLite's nudged range, halves
  /// away from zero), per axis when `op` has one.
  static DenseElementsAttr fakeQuantize(FakeQuantOp op,
                                        DenseFPElementsAttr values) {
    auto type = cast<ShapedType>(values.getType());
    ArrayRef<float> mins = op.getMin(), maxs = op.getMax();
    int64_t stride = 1, slices = 1;
    if (std::optional<uint32_t> axis = op.getAxis()) {
      int64_t dim = *axis < 0 ? *axis + type.getRank() : *axis;
      slices = type.getDimSize(dim);
      for (int64_t d = dim + 1; d < type.getRank(); ++d)
        stride *= type.getDimSize(d);
    }
    SmallVector<float> result;
    int64_t index = 0;
    for (const APFloat &value : values.getValues<APFloat>()) {
      int64_t slice = (index++ / stride) % slices;
      FakeQuantGrid grid =
          FakeQuantGrid::get(mins[mins.size() == 1 ? 0 : slice],
                             maxs[maxs.size() == 1 ? 0 : slice],
                             op.getNumBits(), op.getNarrowRange());
      result.push_back(grid.apply(value.convertToFloat()));
    }
    return DenseElementsAttr::get(
        RankedTensorType::get(type.getShape(), type.getElementType()),
        ArrayRef(result));
  }
};

} // namespace
