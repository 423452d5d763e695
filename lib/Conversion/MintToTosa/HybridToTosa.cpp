//===- HybridToTosa.cpp - Lower TFLite's hybrid kernels to TOSA -----------===//
//
// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with float activations and
// int8 weights (dynamic-range quantization). TFLite's hybrid kernels
// quantize the float input to int8 on the fly, accumulate in integers and
// scale the sums back to float. Mint reproduces the input quantization
// exactly (its per-batch or per-row range, scale, zero point and rounding)
// and then computes in float on the dequantized input and weights: each
// product (q - offset) * scale * w * weight_scale equals TFLite's up to
// float rounding of the sums, far inside 1e-3 of the output's range.
//
//===----------------------------------------------------------------------===//

#include "mint/Conversion/MintToTosa/MintToTosa.h"

#include "TosaBuilders.h"

#include "mint/Dialect/Mint/IR/QuantizedConstants.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::tosa_lowering;

namespace {

/// How a hybrid kernel quantizes its float input.
enum class InputQuantization {
  /// TFLite's AsymmetricQuantizeFloats: the range [min(0, lo), max(0, hi)]
  /// over 256 levels, the zero point from whichever end errs less.
  Asymmetric,
  /// TFLite's SymmetricQuantizeFloats: [-r, r] with r = max |x|, on
  /// [-127, 127], zero point 0.
  Symmetric,
};

/// The per-row parameters of an input quantization, each [rows, 1] f32.
struct RowParameters {
  Value scale;   // the scaling factor, as TFLite stores it (float)
  Value inverse; // 1 / scale in float, which the kernel multiplies by
  Value offset;  // the zero point (an integer held as float)
};

/// Computes the parameters of each row of `rows` ([rows, size] f32) as
/// TFLite's kernels do: in double from the row's extremes for the
/// asymmetric scheme, in float for the symmetric one.
RowParameters emitRowParameters(OpBuilder &builder, Location loc, Value rows,
                                InputQuantization scheme) {
  auto type = cast<RankedTensorType>(rows.getType());
  auto rowType = type.clone({type.getDimSize(0), 1});
  Value low = tosa::ReduceMinOp::create(builder, loc, rowType, rows,
                                        builder.getI32IntegerAttr(1));
  Value high = tosa::ReduceMaxOp::create(builder, loc, rowType, rows,
                                         builder.getI32IntegerAttr(1));
  enum Field { kScale, kInverse, kOffset };
  auto emit = [&](Field field) {
    return createElementwiseGeneric(
        builder, loc, rowType, {low, high},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Type f32 = b.getF32Type(), f64 = b.getF64Type();
          auto f32Const = [&](double v) -> Value {
            return arith::ConstantOp::create(b, l, b.getF32FloatAttr(v));
          };
          auto f64Const = [&](double v) -> Value {
            return arith::ConstantOp::create(b, l, b.getF64FloatAttr(v));
          };
          auto select = [&](Value condition, Value a, Value c) -> Value {
            return arith::SelectOp::create(b, l, condition, a, c);
          };
          auto less = [&](Value a, Value c) -> Value {
            return arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT, a, c);
          };
          Value zero = f32Const(0.0), one = f32Const(1.0);
          if (scheme == InputQuantization::Symmetric) {
            Value range = arith::MaximumFOp::create(
                b, l, math::AbsFOp::create(b, l, args[0]),
                math::AbsFOp::create(b, l, args[1]));
            Value empty = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ,
                                                range, zero);
            switch (field) {
            case kScale:
              return select(
                  empty, one,
                  arith::DivFOp::create(b, l, range, f32Const(127.0)));
            case kInverse:
              return select(
                  empty, one,
                  arith::DivFOp::create(b, l, f32Const(127.0), range));
            case kOffset:
              return zero;
            }
          }
          Value lowest = arith::MinimumFOp::create(b, l, zero, args[0]);
          Value highest = arith::MaximumFOp::create(b, l, zero, args[1]);
          Value rmin = arith::ExtFOp::create(b, l, f64, lowest);
          Value rmax = arith::ExtFOp::create(b, l, f64, highest);
          Value empty = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ,
                                              rmin, rmax);
          Value scale = arith::DivFOp::create(
              b, l, arith::SubFOp::create(b, l, rmax, rmin), f64Const(255.0));
          Value fromMin = arith::SubFOp::create(
              b, l, f64Const(-128.0), arith::DivFOp::create(b, l, rmin, scale));
          Value fromMax = arith::SubFOp::create(
              b, l, f64Const(127.0), arith::DivFOp::create(b, l, rmax, scale));
          Value minError = arith::AddFOp::create(
              b, l, f64Const(128.0),
              math::AbsFOp::create(b, l,
                                   arith::DivFOp::create(b, l, rmin, scale)));
          Value maxError = arith::AddFOp::create(
              b, l, f64Const(127.0),
              math::AbsFOp::create(b, l,
                                   arith::DivFOp::create(b, l, rmax, scale)));
          Value zeroPoint = select(less(minError, maxError), fromMin, fromMax);
          Value nudged = select(
              arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLE, zeroPoint,
                                    f64Const(-128.0)),
              f64Const(-128.0),
              select(arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGE,
                                           zeroPoint, f64Const(127.0)),
                     f64Const(127.0), math::RoundOp::create(b, l, zeroPoint)));
          Value floatScale = arith::TruncFOp::create(b, l, f32, scale);
          switch (field) {
          case kScale:
            return select(empty, one, floatScale);
          case kInverse:
            return select(empty, one,
                          arith::DivFOp::create(b, l, one, floatScale));
          case kOffset:
            return select(empty, zero,
                          arith::TruncFOp::create(b, l, f32, nudged));
          }
          llvm_unreachable("unknown field");
        });
  };
  return {emit(kScale), emit(kInverse), emit(kOffset)};
}

/// `input` with every row of `rowSize` values quantized as TFLite's hybrid
/// kernels quantize it and dequantized again: (q - offset) * scale with
/// q = clamp(round(offset + x * (1 / scale))), halves away from zero.
Value emitDynamicQuantization(OpBuilder &builder, Location loc, Value input,
                              int64_t rowSize, InputQuantization scheme) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t count = type.getNumElements();
  Value rows = createReshape(builder, loc, input, {count / rowSize, rowSize});
  RowParameters params = emitRowParameters(builder, loc, rows, scheme);
  double lowest = scheme == InputQuantization::Symmetric ? -127.0 : -128.0;
  Value result = createElementwiseGeneric(
      builder, loc, cast<RankedTensorType>(rows.getType()),
      {rows, params.scale, params.inverse, params.offset},
      [&](OpBuilder &b, Location l, ValueRange args) -> Value {
        auto f32Const = [&](double v) -> Value {
          return arith::ConstantOp::create(b, l, b.getF32FloatAttr(v));
        };
        Value scaled = arith::MulFOp::create(b, l, args[0], args[2]);
        Value shifted = arith::AddFOp::create(b, l, args[3], scaled);
        Value q = math::RoundOp::create(b, l, shifted);
        q = arith::MaximumFOp::create(b, l, q, f32Const(lowest));
        q = arith::MinimumFOp::create(b, l, q, f32Const(127.0));
        return arith::MulFOp::create(
            b, l, arith::SubFOp::create(b, l, q, args[3]), args[1]);
      });
  return createReshape(builder, loc, result, type.getShape());
}

/// True when every scale of the quantized weight type is the same (TFLite
/// then takes its per-tensor hybrid convolution).
bool hasUniformScale(quant::QuantizedType type) {
  auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(type);
  if (!perAxis)
    return true;
  ArrayRef<double> scales = perAxis.getScales();
  return llvm::all_equal(scales);
}

/// The hybrid form of `MintOp`: the input quantized per batch (per row for
/// FULLY_CONNECTED) and dequantized, the weight dequantized into a float
/// constant, and the op rebuilt in float, which the float patterns lower.
template <typename MintOp> struct ConvertHybrid : OpConversionPattern<MintOp> {
  using OpConversionPattern<MintOp>::OpConversionPattern;
  using OpAdaptor = typename MintOp::Adaptor;

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isFloatTensor(op.getInput().getType()))
      return rewriter.notifyMatchFailure(op, "input is not float");
    auto filterType = cast<RankedTensorType>(op.getFilter().getType());
    auto weightType =
        dyn_cast<quant::QuantizedType>(filterType.getElementType());
    if (!weightType)
      return rewriter.notifyMatchFailure(op, "weight is not quantized");
    auto constant = op.getFilter().template getDefiningOp<ConstOp>();
    auto stored = constant ? dyn_cast<DenseIntElementsAttr>(constant.getValue())
                           : DenseIntElementsAttr();
    if (!stored)
      return rewriter.notifyMatchFailure(op, "weight is not a constant");
    auto floatFilterType = filterType.clone(rewriter.getF32Type());
    DenseElementsAttr weights =
        dequantizeConstant(stored, filterType, rewriter.getF32Type());
    if (!weights)
      return rewriter.notifyMatchFailure(op, "weight does not dequantize");
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    if (!inputType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic input shape");

    // Rows as TFLite's kernels quantize them, and the scheme.
    int64_t rowSize;
    InputQuantization scheme = InputQuantization::Asymmetric;
    if constexpr (std::is_same_v<MintOp, FullyConnectedOp>) {
      rowSize = filterType.getDimSize(1);
      if (!op.getAsymmetricQuantizeInputs())
        scheme = InputQuantization::Symmetric;
    } else {
      rowSize = inputType.getNumElements() / inputType.getDimSize(0);
      if constexpr (std::is_same_v<MintOp, Conv2DOp>)
        if (hasUniformScale(weightType))
          scheme = InputQuantization::Symmetric;
    }
    if (rowSize <= 0 || inputType.getNumElements() % rowSize)
      return rewriter.notifyMatchFailure(op, "input does not fit the weight");

    Location loc = op.getLoc();
    Value input = emitDynamicQuantization(rewriter, loc, adaptor.getInput(),
                                          rowSize, scheme);
    Value filter = ConstOp::create(rewriter, loc, floatFilterType, weights);
    Operation *floatOp = rewriter.clone(*op.getOperation());
    floatOp->setOperand(op.getInputMutable().getOperandNumber(), input);
    floatOp->setOperand(op.getFilterMutable().getOperandNumber(), filter);
    rewriter.replaceOp(op, floatOp->getResults());
    return success();
  }
};

} // namespace

void mint::populateMintHybridToTosaPatterns(const TypeConverter &typeConverter,
                                            RewritePatternSet &patterns) {
  patterns.add<ConvertHybrid<Conv2DOp>, ConvertHybrid<DepthwiseConv2DOp>,
               ConvertHybrid<FullyConnectedOp>>(typeConverter,
                                                patterns.getContext());
}
