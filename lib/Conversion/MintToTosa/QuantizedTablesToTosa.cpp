//===- QuantizedTablesToTosa.cpp - Quantized ops computed from tables -----===//
//
// The integer lowerings that read tables: int8 SOFTMAX and LOG_SOFTMAX
// (TFLite's float table of exponentials), int16 SOFTMAX (its exp and
// 1 / (1 + x) interpolation tables), and the element-wise kernels whose
// result depends only on the stored inputs (LOGISTIC, TANH, HARD_SWISH,
// LEAKY_RELU on int8 and int16, DIV on int8), evaluated at compile time on
// every input (TFLiteKernels.h) and looked up at run time.
//
//===----------------------------------------------------------------------===//

#include "mint/Conversion/MintToTosa/MintToTosa.h"

#include "TFLiteKernels.h"
#include "TosaBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::tosa_lowering;

namespace {

/// Inside a linalg body: the element of the 1-D constant `table` at the
/// i32 `index`.
Value readTable(OpBuilder &builder, Location loc, Value table, Value index) {
  return tensor::ExtractOp::create(
      builder, loc, table,
      ValueRange{arith::IndexCastOp::create(builder, loc,
                                            builder.getIndexType(), index)});
}

/// int8 SOFTMAX and LOG_SOFTMAX as TFLite's optimized kernels compute
/// them: exp(-beta * scale * (max - x)) read from a 256-entry float table
/// and summed in order along the last dimension. SOFTMAX multiplies each
/// term by 1 / (sum * output scale) and rounds halves away from zero;
/// LOG_SOFTMAX takes (scale * x - (scale * max + log(sum))) / output scale
/// in float and rounds halves to even.
template <typename MintOp>
struct ConvertQuantizedSoftmax : OpConversionPattern<MintOp> {
  using OpConversionPattern<MintOp>::OpConversionPattern;
  using OpAdaptor = typename MintOp::Adaptor;
  static constexpr bool kLog = std::is_same_v<MintOp, LogSoftmaxOp>;

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inType =
        getQuantizedType(op.getInput().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!inType || !outType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    if (inType.getStorageTypeIntegralWidth() != 8 || !inType.isSigned() ||
        outType.getStorageTypeIntegralWidth() != 8 || !outType.isSigned())
      return rewriter.notifyMatchFailure(op, "only int8 is lowered");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    int64_t rank = inputType.getRank();
    Type f32 = rewriter.getF32Type();
    Type i32 = rewriter.getI32Type();
    auto constF = [](OpBuilder &b, Location l, float value) -> Value {
      return arith::ConstantOp::create(b, l, b.getF32FloatAttr(value));
    };
    auto constI = [](OpBuilder &b, Location l, int64_t value) -> Value {
      return arith::ConstantOp::create(b, l, b.getI32IntegerAttr(value));
    };

    // table[255 - d] = exp(-scale * beta * d), in float as TFLite fills it.
    float inScale = static_cast<float>(inType.getScale());
    float beta = 1.0f;
    if constexpr (!kLog)
      beta = op.getBeta().convertToFloat();
    float tableScale = -inScale * beta;
    SmallVector<float> table(256);
    for (int d = 0; d <= 255; ++d)
      table[255 - d] = std::exp(tableScale * static_cast<float>(d));
    auto tableType = RankedTensorType::get({256}, f32);
    Value tableValue = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(tableType, ArrayRef(table)));

    SmallVector<int64_t> rowShape(inputType.getShape());
    rowShape.back() = 1;
    auto rowType = RankedTensorType::get(rowShape, f32);
    Value rowMax =
        tosa::ReduceMaxOp::create(rewriter, loc, inputType.clone(rowShape),
                                  input, rewriter.getI32IntegerAttr(rank - 1));
    Value exps = createElementwiseGeneric(
        rewriter, loc, inputType.clone(f32), {input, rowMax},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value x = arith::ExtSIOp::create(b, l, i32, args[0]);
          Value max = arith::ExtSIOp::create(b, l, i32, args[1]);
          return readTable(
              b, l, tableValue,
              arith::AddIOp::create(b, l, arith::SubIOp::create(b, l, x, max),
                                    constI(b, l, 255)));
        });
    Value sum = tosa::ReduceSumOp::create(rewriter, loc, rowType, exps,
                                          rewriter.getI32IntegerAttr(rank - 1));

    float outScale = static_cast<float>(outType.getScale());
    int64_t zeroPoint = outType.getZeroPoint();
    Type storage = resultType->getElementType();
    auto quantize = [&](OpBuilder &b, Location l, Value rounded) -> Value {
      Value value = arith::AddIOp::create(
          b, l, arith::FPToSIOp::create(b, l, i32, rounded),
          constI(b, l, zeroPoint));
      value = arith::MaxSIOp::create(b, l, value,
                                     constI(b, l, outType.getStorageTypeMin()));
      value = arith::MinSIOp::create(b, l, value,
                                     constI(b, l, outType.getStorageTypeMax()));
      return arith::TruncIOp::create(b, l, storage, value);
    };
    Value result;
    if constexpr (kLog) {
      // (scale * max + log(sum)) / output scale, per row.
      Value offset = createElementwiseGeneric(
          rewriter, loc, rowType, {rowMax, sum},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value max = arith::SIToFPOp::create(b, l, f32, args[0]);
            Value logSum = math::LogOp::create(b, l, args[1]);
            Value shifted = arith::AddFOp::create(
                b, l, arith::MulFOp::create(b, l, constF(b, l, inScale), max),
                logSum);
            return arith::DivFOp::create(b, l, shifted, constF(b, l, outScale));
          });
      float ratio = inScale / outScale;
      result = createElementwiseGeneric(
          rewriter, loc, *resultType, {input, offset},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value x = arith::SIToFPOp::create(b, l, f32, args[0]);
            Value logProbability = arith::SubFOp::create(
                b, l, arith::MulFOp::create(b, l, constF(b, l, ratio), x),
                args[1]);
            return quantize(b, l,
                            math::RoundEvenOp::create(b, l, logProbability));
          });
    } else {
      Value inverse = createElementwiseGeneric(
          rewriter, loc, rowType, {sum},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value scaled =
                arith::MulFOp::create(b, l, args[0], constF(b, l, outScale));
            return arith::DivFOp::create(b, l, constF(b, l, 1.0f), scaled);
          });
      result = createElementwiseGeneric(
          rewriter, loc, *resultType, {exps, inverse},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value probability = arith::MulFOp::create(b, l, args[0], args[1]);
            return quantize(b, l, math::RoundOp::create(b, l, probability));
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// int8 DIV: TFLite's fixed-point kernel evaluated at compile time for
/// every pair of stored values (TFLiteKernels.h), looked up at run time.
struct ConvertQuantizedDiv : OpConversionPattern<DivOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DivOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType lhsType =
        getQuantizedType(op.getLhs().getType());
    quant::UniformQuantizedType rhsType =
        getQuantizedType(op.getRhs().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!lhsType || !rhsType || !outType)
      return rewriter.notifyMatchFailure(op, "not quantized per tensor");
    if (lhsType.getStorageTypeIntegralWidth() != 8 ||
        rhsType.getStorageTypeIntegralWidth() != 8 ||
        outType.getStorageTypeIntegralWidth() != 8)
      return rewriter.notifyMatchFailure(op, "only int8 is lowered");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    auto [low, high] =
        getQuantizedActivationRange(op.getFusedActivationFunction(), outType);
    SmallVector<int8_t> table =
        tflite_kernels::buildDivTable(lhsType, rhsType, outType, low, high);
    auto tableType = RankedTensorType::get({256 * 256}, rewriter.getI8Type());
    Value tableValue = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(tableType, ArrayRef(table)));
    Value result = createElementwiseGeneric(
        rewriter, loc, *resultType, {adaptor.getLhs(), adaptor.getRhs()},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Type i32 = b.getI32Type();
          auto c32 = [&](int64_t v) -> Value {
            return arith::ConstantOp::create(b, l, b.getI32IntegerAttr(v));
          };
          Value lhs = arith::AddIOp::create(
              b, l, arith::ExtSIOp::create(b, l, i32, args[0]), c32(128));
          Value rhs = arith::AddIOp::create(
              b, l, arith::ExtSIOp::create(b, l, i32, args[1]), c32(128));
          return readTable(
              b, l, tableValue,
              arith::AddIOp::create(
                  b, l, arith::MulIOp::create(b, l, lhs, c32(256)), rhs));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// int16 SOFTMAX as TFLite's kernel: x - max rescaled so that [-65535, 0]
/// spans [-10, 0], exp from a 513-entry interpolated table, the integer sum
/// normalized by its leading zeros and inverted with a 1 / (1 + x) table,
/// each exponential times that reciprocal with a rounding shift.
struct ConvertInt16Softmax : OpConversionPattern<SoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inType =
        getQuantizedType(op.getInput().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!inType || !outType || inType.getStorageTypeIntegralWidth() != 16 ||
        outType.getStorageTypeIntegralWidth() != 16)
      return rewriter.notifyMatchFailure(op, "not int16");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    int64_t rank = inputType.getRank();
    Type i16 = rewriter.getI16Type(), i32 = rewriter.getI32Type(),
         i64 = rewriter.getI64Type();

    auto lutConstant = [&](ArrayRef<int16_t> values) -> Value {
      auto type =
          RankedTensorType::get({static_cast<int64_t>(values.size())}, i16);
      return arith::ConstantOp::create(rewriter, loc,
                                       DenseElementsAttr::get(type, values));
    };
    Value expTable = lutConstant(tflite_kernels::generateInt16Lut(
        [](double x) { return std::exp(x); }, -10.0, 0.0, -1.0, 1.0));
    Value reciprocalTable = lutConstant(tflite_kernels::generateInt16Lut(
        [](double x) { return 1.0 / (1.0 + x); }, 0.0, 1.0, -1.0, 1.0));
    float scaledBeta =
        static_cast<float>(inType.getScale()) * op.getBeta().convertToFloat();
    QuantizedMultiplier inputMultiplier =
        quantizeMultiplier(static_cast<double>(scaledBeta) / (10.0 / 65535.0));

    auto c32 = [](OpBuilder &b, Location l, int64_t v) -> Value {
      return arith::ConstantOp::create(b, l, b.getI32IntegerAttr(v));
    };
    auto clamp16 = [&](OpBuilder &b, Location l, Value v) -> Value {
      v = arith::MaxSIOp::create(b, l, v, c32(b, l, -32768));
      return arith::MinSIOp::create(b, l, v, c32(b, l, 32767));
    };
    SmallVector<int64_t> rowShape(inputType.getShape());
    rowShape.back() = 1;
    auto rowType = RankedTensorType::get(rowShape, i32);
    Value rowMax =
        tosa::ReduceMaxOp::create(rewriter, loc, inputType.clone(rowShape),
                                  input, rewriter.getI32IntegerAttr(rank - 1));
    Value exps = createElementwiseGeneric(
        rewriter, loc, inputType.clone(i32), {input, rowMax},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value diff = arith::SubIOp::create(
              b, l, arith::ExtSIOp::create(b, l, i32, args[0]),
              arith::ExtSIOp::create(b, l, i32, args[1]));
          Value scaled =
              emitMultiplyByQuantizedMultiplier(b, l, diff, inputMultiplier);
          Value centered = clamp16(
              b, l, arith::AddIOp::create(b, l, scaled, c32(b, l, 32767)));
          return emitInt16TableLookup(b, l, centered, expTable);
        });
    Value sum = tosa::ReduceSumOp::create(rewriter, loc, rowType, exps,
                                          rewriter.getI32IntegerAttr(rank - 1));
    // Per row: the reciprocal of the sum, and the shift that goes with it.
    Value leading = createElementwiseGeneric(
        rewriter, loc, rowType, {sum},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          return math::CountLeadingZerosOp::create(b, l, args[0]);
        });
    Value reciprocal = createElementwiseGeneric(
        rewriter, loc, rowType, {sum, leading},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          auto c64 = [&](int64_t v) -> Value {
            return arith::ConstantOp::create(b, l, b.getI64IntegerAttr(v));
          };
          Value wide = arith::ExtSIOp::create(b, l, i64, args[0]);
          Value shift = arith::ExtSIOp::create(
              b, l, i64, arith::SubIOp::create(b, l, args[1], c32(b, l, 1)));
          Value shifted = arith::ShRSIOp::create(
              b, l,
              arith::AddIOp::create(
                  b, l, arith::ShLIOp::create(b, l, wide, shift), c64(1 << 13)),
              c64(14));
          Value centered = arith::SubIOp::create(
              b, l, arith::TruncIOp::create(b, l, i32, shifted),
              c32(b, l, (1 << 15) + (1 << 16)));
          return emitInt16TableLookup(b, l, clamp16(b, l, centered),
                                      reciprocalTable);
        });
    Type storage = resultType->getElementType();
    Value result = createElementwiseGeneric(
        rewriter, loc, *resultType, {exps, reciprocal, leading},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          // The reciprocal table returns int16 values; TFLite keeps them so.
          Value inverse = arith::ExtSIOp::create(
              b, l, i64, arith::TruncIOp::create(b, l, i16, args[1]));
          Value exp = arith::ExtSIOp::create(
              b, l, i64, arith::TruncIOp::create(b, l, i16, args[0]));
          Value rightShift = arith::ExtSIOp::create(
              b, l, i64, arith::SubIOp::create(b, l, c32(b, l, 31), args[2]));
          Value one = arith::ConstantOp::create(b, l, b.getI64IntegerAttr(1));
          Value round = arith::ShLIOp::create(
              b, l, one, arith::SubIOp::create(b, l, rightShift, one));
          Value product = arith::AddIOp::create(
              b, l, arith::MulIOp::create(b, l, exp, inverse), round);
          Value value = arith::TruncIOp::create(
              b, l, i32, arith::ShRSIOp::create(b, l, product, rightShift));
          value = arith::MaxSIOp::create(b, l, value, c32(b, l, 0));
          value = arith::MinSIOp::create(b, l, value, c32(b, l, 32767));
          return arith::TruncIOp::create(b, l, storage, value);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The int8 element-wise ops whose TFLite kernel maps each stored value on
/// its own: LOGISTIC, TANH, HARD_SWISH and LEAKY_RELU, as tosa.table of the
/// kernel evaluated on all 256 inputs (TFLiteKernels.h).
template <typename MintOp>
struct ConvertQuantizedTable : OpConversionPattern<MintOp> {
  using OpConversionPattern<MintOp>::OpConversionPattern;
  using OpAdaptor = typename MintOp::Adaptor;

  static tflite_kernels::Table buildTable(MintOp op,
                                          quant::UniformQuantizedType input,
                                          quant::UniformQuantizedType output) {
    if constexpr (std::is_same_v<MintOp, LogisticOp>)
      return tflite_kernels::buildLogisticTable(input, output);
    else if constexpr (std::is_same_v<MintOp, TanhOp>)
      return tflite_kernels::buildTanhTable(input, output);
    else if constexpr (std::is_same_v<MintOp, HardSwishOp>)
      return tflite_kernels::buildHardSwishTable(input, output);
    else
      return tflite_kernels::buildLeakyReluTable(
          input, output, op.getAlpha().convertToFloat());
  }

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inType =
        getQuantizedType(op.getInput().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!inType || !outType || inType.getStorageTypeIntegralWidth() != 8 ||
        outType.getStorageTypeIntegralWidth() != 8 || !inType.isSigned() ||
        !outType.isSigned())
      return rewriter.notifyMatchFailure(op, "only int8 tables are lowered");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    SmallVector<APInt> table;
    for (int64_t value : buildTable(op, inType, outType))
      table.push_back(APInt(8, value, /*isSigned=*/true));
    auto tableType = RankedTensorType::get({256}, rewriter.getI8Type());
    Value tableConst =
        tosa::ConstOp::create(rewriter, op.getLoc(), tableType,
                              DenseElementsAttr::get(tableType, table));
    rewriter.replaceOpWithNewOp<tosa::TableOp>(op, *resultType,
                                               adaptor.getInput(), tableConst);
    return success();
  }
};

/// int16 LOGISTIC, TANH (TFLite's lookup-and-interpolate kernel) and
/// LEAKY_RELU evaluated on all 65536 inputs at compile time
/// (TFLiteKernels.h) and read back with tensor.extract.
template <typename MintOp>
struct ConvertInt16Table : OpConversionPattern<MintOp> {
  using OpConversionPattern<MintOp>::OpConversionPattern;
  using OpAdaptor = typename MintOp::Adaptor;

  LogicalResult
  matchAndRewrite(MintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    quant::UniformQuantizedType inType =
        getQuantizedType(op.getInput().getType());
    quant::UniformQuantizedType outType = getQuantizedType(op.getType());
    if (!inType || !outType || inType.getStorageTypeIntegralWidth() != 16 ||
        outType.getStorageTypeIntegralWidth() != 16)
      return rewriter.notifyMatchFailure(op, "not int16");
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *this->getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    SmallVector<int16_t> table;
    if constexpr (std::is_same_v<MintOp, LogisticOp>)
      table = tflite_kernels::buildInt16LogisticTable(inType);
    else if constexpr (std::is_same_v<MintOp, TanhOp>)
      table = tflite_kernels::buildInt16TanhTable(inType);
    else
      table = tflite_kernels::buildInt16LeakyReluTable(
          inType, outType, op.getAlpha().convertToFloat());
    if (table.empty())
      return rewriter.notifyMatchFailure(
          op, "TFLite's power-of-two path is not lowered");
    Location loc = op.getLoc();
    auto tableType = RankedTensorType::get({65536}, rewriter.getI16Type());
    Value tableValue = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(tableType, ArrayRef(table)));
    Value result = createElementwiseGeneric(
        rewriter, loc, *resultType, {adaptor.getInput()},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          return readTable(
              b, l, tableValue,
              arith::AddIOp::create(
                  b, l, arith::ExtSIOp::create(b, l, b.getI32Type(), args[0]),
                  arith::ConstantOp::create(b, l, b.getI32IntegerAttr(32768))));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mint::populateMintQuantizedTablesToTosaPatterns(
    const TypeConverter &typeConverter, RewritePatternSet &patterns) {
  patterns
      .add<ConvertQuantizedSoftmax<SoftmaxOp>,
           ConvertQuantizedSoftmax<LogSoftmaxOp>, ConvertInt16Softmax,
           ConvertQuantizedDiv, ConvertQuantizedTable<LogisticOp>,
           ConvertQuantizedTable<TanhOp>, ConvertQuantizedTable<HardSwishOp>,
           ConvertQuantizedTable<LeakyReluOp>, ConvertInt16Table<LogisticOp>,
           ConvertInt16Table<TanhOp>, ConvertInt16Table<LeakyReluOp>>(
          typeConverter, patterns.getContext());
}
