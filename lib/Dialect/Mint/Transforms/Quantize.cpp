//===- Quantize.cpp - TFLite's post-training quantization -----------------===//
//
// Implements `mint-quantize`: rewrites a float model into one of TFLite's
// post-training quantized forms.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Dialect/Mint/IR/QuantizedConstants.h"

#include "mlir/IR/Builders.h"

#include <cmath>

namespace mlir::mint {
#define GEN_PASS_DEF_QUANTIZEPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {

/// True if every value of `values` is finite in float16 (|x| <= 65504, the
/// largest half; larger values would round to infinity).
bool fitsFloat16(DenseFPElementsAttr values) {
  constexpr double kLargestHalf = 65504.0;
  return llvm::all_of(values.getValues<APFloat>(), [](const APFloat &value) {
    double x = value.convertToDouble();
    return !std::isfinite(x) || std::abs(x) <= kLargestHalf;
  });
}

struct QuantizePass : mint::impl::QuantizePassBase<QuantizePass> {
  using QuantizePassBase::QuantizePassBase;

  void runOnOperation() override {
    switch (mode) {
    case QuantizationMode::Float16:
      quantizeFloat16();
      return;
    }
  }

  /// Stores every float32 constant as float16 behind a DEQUANTIZE.
  void quantizeFloat16() {
    SmallVector<ConstOp> constants;
    getOperation().walk([&](ConstOp op) {
      if (op.getType().getElementType().isF32())
        constants.push_back(op);
    });
    OpBuilder builder(&getContext());
    FloatType f16 = builder.getF16Type();
    for (ConstOp op : constants) {
      auto values = dyn_cast<DenseFPElementsAttr>(op.getValue());
      if (!values)
        continue;
      if (!fitsFloat16(values)) {
        ++numKeptFloat32;
        continue;
      }
      builder.setInsertionPoint(op);
      auto halfType = op.getType().clone(f16);
      auto half = ConstOp::create(builder, op.getLoc(), halfType,
                                  convertFloatConstant(values, f16));
      auto dequantized =
          DequantizeOp::create(builder, op.getLoc(), op.getType(), half);
      op.replaceAllUsesWith(dequantized.getResult());
      op.erase();
      ++numConverted;
    }
  }
};

} // namespace
