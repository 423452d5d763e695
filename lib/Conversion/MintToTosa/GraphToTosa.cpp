//===- GraphToTosa.cpp - Lower mint constants and conversions -------------===//
//
// Constants (a quantized constant keeps its stored integers), float
// conversions written as DEQUANTIZE (float16 → float32) and omitted
// optional inputs.
//
//===----------------------------------------------------------------------===//

#include "mint/Conversion/MintToTosa/MintToTosa.h"

#include "TosaBuilders.h"

using namespace mlir;
using namespace mlir::mint;
using namespace mlir::mint::tosa_lowering;

namespace {

struct ConvertConst : OpConversionPattern<ConstOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConstOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    auto value = cast<ElementsAttr>(op.getValue());
    if (value.getType() != *resultType)
      return rewriter.notifyMatchFailure(
          op, "constant value is not typed like the storage type");
    rewriter.replaceOpWithNewOp<tosa::ConstOp>(op, *resultType, value);
    return success();
  }
};

/// DEQUANTIZE between float types is a conversion.
struct ConvertFloatDequantize : OpConversionPattern<DequantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> resultType =
        getStaticResultType(rewriter, *getTypeConverter(), op);
    if (failed(resultType))
      return failure();
    if (!isFloatTensor(op.getInput().getType()))
      return rewriter.notifyMatchFailure(op, "quantized input");
    rewriter.replaceOpWithNewOp<tosa::CastOp>(op, *resultType,
                                              adaptor.getInput());
    return success();
  }
};

struct EraseNoValue : OpConversionPattern<NoValueOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(NoValueOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!op->use_empty())
      return rewriter.notifyMatchFailure(op, "still used");
    rewriter.eraseOp(op);
    return success();
  }
};

} // namespace

void mint::populateMintGraphToTosaPatterns(const TypeConverter &typeConverter,
                                           RewritePatternSet &patterns) {
  patterns.add<ConvertConst, ConvertFloatDequantize, EraseNoValue>(
      typeConverter, patterns.getContext());
}
