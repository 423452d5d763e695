//===- ComputeInFloat16.cpp - TOSA float32 work in float16 ----------------===//
//
// Implements `mint-compute-in-f16`.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Passes.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::mint {
#define GEN_PASS_DEF_COMPUTEINFLOAT16PASS
#include "mint/Runtime/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;

/// `type` with float32 elements changed to float16; null if it has none.
static Type narrow(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.getElementType().isF32())
    return {};
  return tensor.clone(Float16Type::get(type.getContext()));
}

/// `value` rounded to the nearest float16.
static APFloat toHalf(const APFloat &value) {
  APFloat half = value;
  bool losesInfo = false;
  half.convert(APFloat::IEEEhalf(), APFloat::rmNearestTiesToEven, &losesInfo);
  return half;
}

/// `attr` with float32 values rounded to float16; null if it has none.
static Attribute narrow(Attribute attr) {
  Type f16 = Float16Type::get(attr.getContext());
  if (auto dense = dyn_cast<DenseFPElementsAttr>(attr)) {
    if (!dense.getElementType().isF32())
      return {};
    return dense
        .mapValues(
            f16,
            [](const APFloat &value) { return toHalf(value).bitcastToAPInt(); })
        .reshape(dense.getType().clone(f16));
  }
  if (auto value = dyn_cast<FloatAttr>(attr)) {
    if (!value.getType().isF32())
      return {};
    return FloatAttr::get(f16, toHalf(value.getValue()));
  }
  return {};
}

namespace {
struct ComputeInFloat16Pass
    : mint::impl::ComputeInFloat16PassBase<ComputeInFloat16Pass> {
  void runOnOperation() override {
    func::FuncOp function = getOperation();
    if (function.isExternal())
      return;
    Block &entry = function.getBody().front();
    OpBuilder builder(&getContext());
    auto castTo = [&](Value value, Type type, Location loc) -> Value {
      return tosa::CastOp::create(builder, loc, type, value);
    };
    // The function keeps its float32 signature: casts at the edges.
    builder.setInsertionPointToStart(&entry);
    for (BlockArgument argument : entry.getArguments()) {
      Type type = narrow(argument.getType());
      if (!type || argument.use_empty())
        continue;
      Value cast = castTo(argument, type, argument.getLoc());
      argument.replaceAllUsesExcept(cast, cast.getDefiningOp());
    }
    for (Operation &op : llvm::make_early_inc_range(entry)) {
      if (auto returnOp = dyn_cast<func::ReturnOp>(op)) {
        builder.setInsertionPoint(returnOp);
        for (OpOperand &operand : returnOp->getOpOperands()) {
          Type expected = function.getResultTypes()[operand.getOperandNumber()];
          if (operand.get().getType() != expected)
            operand.set(castTo(operand.get(), expected, returnOp.getLoc()));
        }
        continue;
      }
      // Sums over many values (a global average pool's reduce_sum over
      // every pixel) would accumulate in float16 and lose their low bits.
      bool accumulates = isa<tosa::ReduceSumOp, tosa::ReduceProductOp>(op);
      if (op.getDialect() &&
          op.getDialect()->getNamespace() ==
              tosa::TosaDialect::getDialectNamespace() &&
          op.getNumRegions() == 0 && !accumulates) {
        // TOSA is type-generic: float32 results, constants and bounds
        // become float16; the accumulator types (acc_type) stay.
        for (Value result : op.getResults())
          if (Type type = narrow(result.getType()))
            result.setType(type);
        for (NamedAttribute attr : op.getAttrs())
          if (Attribute value = narrow(attr.getValue()))
            op.setAttr(attr.getName(), value);
        continue;
      }
      // Anything else (reductions; the linalg.generic of a bilinear
      // resize, whose coordinates need float32) keeps computing in float32
      // between casts: float16 values it uses are widened, its float32 tensor
      // results narrowed.
      SetVector<Value> used;
      getUsedValuesDefinedAbove(op.getRegions(), used);
      used.insert(op.getOperands().begin(), op.getOperands().end());
      builder.setInsertionPoint(&op);
      for (Value value : used) {
        auto tensor = dyn_cast<RankedTensorType>(value.getType());
        if (!tensor || !tensor.getElementType().isF16())
          continue;
        Value wide =
            castTo(value, tensor.clone(builder.getF32Type()), op.getLoc());
        value.replaceUsesWithIf(wide, [&](OpOperand &use) {
          return op.isAncestor(use.getOwner());
        });
      }
      builder.setInsertionPointAfter(&op);
      for (Value result : op.getResults()) {
        Type type = narrow(result.getType());
        if (!type)
          continue;
        Value cast = castTo(result, type, op.getLoc());
        result.replaceAllUsesExcept(cast, cast.getDefiningOp());
      }
    }
  }
};
} // namespace
