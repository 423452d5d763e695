//===- LowerVnniConvolutions.cpp - int8 pointwise convolutions on VNNI ----===//
//
// Implements `mint-lower-vnni-convolutions`: int8 1x1 convolutions become
// loops over 8-pixel × 16/32-channel tiles of int32 accumulators updated
// by `llvm.x86.avx512.vpdpbusd.512`, with the activations offset to
// unsigned, the filter packed [C/4][F x 4] and the offset's contribution
// folded into the accumulator's initial value. The dot products are pure
// vector.contracts until bufferization is done (the deallocation passes
// refuse ops with unknown memory effects, such as intrinsic calls); a
// second run with emit-intrinsics turns them into the intrinsic.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mint {
#define GEN_PASS_DEF_LOWERVNNICONVOLUTIONSPASS
#include "mint/Runtime/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

namespace {

constexpr int64_t kLanes = 16; // int32 lanes of a zmm register

/// The constant integer value of a scalar operand, if any.
std::optional<int64_t> getConstantScalar(Value value) {
  APInt result;
  if (matchPattern(value, m_ConstantInt(&result)))
    return result.getSExtValue();
  return std::nullopt;
}

/// acc[i] + Σ_j zext(a[4i+j]) · sext(b[4i+j]) (vpdpbusd's semantics) as a
/// pure `vector.contract`, which bufferization and deallocation accept;
/// ContractionToVpdpbusd turns it into the intrinsic afterwards.
Value buildDotProduct(OpBuilder &b, Location l, Value acc, Value a,
                      Value bytes) {
  MLIRContext *context = b.getContext();
  auto groupsType = VectorType::get({kLanes, 4}, b.getI8Type());
  auto wideType = VectorType::get({kLanes, 4}, b.getI32Type());
  Value lhs = arith::ExtUIOp::create(
      b, l, wideType, vector::ShapeCastOp::create(b, l, groupsType, a));
  Value rhs = arith::ExtSIOp::create(
      b, l, wideType, vector::ShapeCastOp::create(b, l, groupsType, bytes));
  AffineExpr i = getAffineDimExpr(0, context), j = getAffineDimExpr(1, context);
  auto both = AffineMap::get(2, 0, {i, j}, context);
  auto rows = AffineMap::get(2, 0, {i}, context);
  return vector::ContractionOp::create(
      b, l, lhs, rhs, acc, b.getAffineMapArrayAttr({both, both, rows}),
      b.getArrayAttr({vector::IteratorTypeAttr::get(
                          context, vector::IteratorType::parallel),
                      vector::IteratorTypeAttr::get(
                          context, vector::IteratorType::reduction)}));
}

/// The contraction of buildDotProduct → `llvm.x86.avx512.vpdpbusd.512`.
struct ContractionToVpdpbusd : OpRewritePattern<vector::ContractionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(vector::ContractionOp op,
                                PatternRewriter &rewriter) const override {
    auto lhs = op.getLhs().getDefiningOp<arith::ExtUIOp>();
    auto rhs = op.getRhs().getDefiningOp<arith::ExtSIOp>();
    auto accType = dyn_cast<VectorType>(op.getAcc().getType());
    if (!lhs || !rhs || !accType ||
        accType.getShape() != ArrayRef<int64_t>{kLanes} ||
        !accType.getElementType().isInteger(32))
      return rewriter.notifyMatchFailure(op, "not a VNNI dot product");
    auto groups = dyn_cast<VectorType>(lhs.getIn().getType());
    if (!groups || groups.getShape() != ArrayRef<int64_t>{kLanes, 4} ||
        !groups.getElementType().isInteger(8) ||
        rhs.getIn().getType() != groups)
      return rewriter.notifyMatchFailure(op, "not 16 x 4 bytes");
    MLIRContext *context = rewriter.getContext();
    AffineExpr i = getAffineDimExpr(0, context),
               j = getAffineDimExpr(1, context);
    auto both = AffineMap::get(2, 0, {i, j}, context);
    auto rows = AffineMap::get(2, 0, {i}, context);
    if (op.getIndexingMapsArray() != SmallVector<AffineMap>{both, both, rows})
      return rewriter.notifyMatchFailure(op, "other indexing");
    Location loc = op.getLoc();
    auto bytesType = VectorType::get({4 * kLanes}, rewriter.getI8Type());
    Value a =
        vector::ShapeCastOp::create(rewriter, loc, bytesType, lhs.getIn());
    Value b =
        vector::ShapeCastOp::create(rewriter, loc, bytesType, rhs.getIn());
    rewriter.replaceOpWithNewOp<LLVM::CallIntrinsicOp>(
        op, accType, rewriter.getStringAttr("llvm.x86.avx512.vpdpbusd.512"),
        ValueRange{op.getAcc(), a, b});
    return success();
  }
};

struct PointwiseInt8ConvToVnni : OpInterfaceRewritePattern<linalg::LinalgOp> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    if (!isa<linalg::Conv2DNhwcFhwcOp, linalg::Conv2DNhwcFhwcQOp>(op) ||
        !op.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "not an NHWC/FHWC convolution");
    int64_t inputZp = 0;
    if (isa<linalg::Conv2DNhwcFhwcQOp>(op)) {
      std::optional<int64_t> izp = getConstantScalar(op.getDpsInputs()[2]);
      std::optional<int64_t> fzp = getConstantScalar(op.getDpsInputs()[3]);
      if (!izp || !fzp || *fzp != 0)
        return rewriter.notifyMatchFailure(op, "zero points not supported");
      inputZp = *izp;
    }
    auto inputType = cast<RankedTensorType>(op.getDpsInputs()[0].getType());
    auto filterType = cast<RankedTensorType>(op.getDpsInputs()[1].getType());
    Value init = op.getDpsInits()[0];
    auto initType = cast<RankedTensorType>(init.getType());
    if (!inputType.getElementType().isInteger(8) ||
        !filterType.getElementType().isInteger(8) ||
        !initType.getElementType().isInteger(32) ||
        !inputType.hasStaticShape() || !initType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "not int8 x int8 -> int32");
    if (filterType.getDimSize(1) != 1 || filterType.getDimSize(2) != 1 ||
        inputType.getDimSize(1) != initType.getDimSize(1) ||
        inputType.getDimSize(2) != initType.getDimSize(2))
      return rewriter.notifyMatchFailure(op, "not a 1x1, stride 1 conv");
    DenseIntElementsAttr filter;
    if (!matchPattern(op.getDpsInputs()[1], m_Constant(&filter)))
      return rewriter.notifyMatchFailure(op, "filter is not constant");
    int64_t channels = inputType.getDimSize(3);
    int64_t outChannels = filterType.getDimSize(0);
    if (channels % 4)
      return rewriter.notifyMatchFailure(op, "channels do not fit VNNI");
    // Output channels are computed in whole vectors of 16: the filter and
    // the accumulators padded with zero channels, sliced off at the end.
    int64_t paddedOut = llvm::alignTo(outChannels, kLanes);
    int64_t pixels = inputType.getNumElements() / channels;
    Location loc = op.getLoc();
    Type i8 = rewriter.getI8Type(), i32 = rewriter.getI32Type();

    // Channel sums for the offset correction.
    SmallVector<int8_t> weights;
    for (const APInt &value : filter.getValues<APInt>())
      weights.push_back(static_cast<int8_t>(value.getSExtValue()));
    int64_t groups = channels / 4;
    SmallVector<APInt> packed(groups * paddedOut * 4, APInt(8, 0));
    SmallVector<APInt> corrections;
    for (int64_t f = 0; f < outChannels; ++f) {
      int64_t sum = 0;
      for (int64_t c = 0; c < channels; ++c) {
        int8_t w = weights[f * channels + c];
        sum += w;
        packed[((c / 4) * paddedOut + f) * 4 + c % 4] =
            APInt(8, static_cast<uint64_t>(static_cast<uint8_t>(w)));
      }
      corrections.push_back(APInt(32, -(128 + inputZp) * sum, true));
    }
    corrections.resize(paddedOut, APInt(32, 0));
    // [C/4][F x 4]: the 64 bytes of 16 output channels are one 1-D read.
    auto packedType = RankedTensorType::get({groups, paddedOut * 4}, i8);
    Value packedFilter = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(packedType, packed));

    // Activations as [P, C], offset to unsigned by flipping the sign bit.
    auto flatInputType = RankedTensorType::get({pixels, channels}, i8);
    Value flatInput = tensor::CollapseShapeOp::create(
        rewriter, loc, flatInputType, op.getDpsInputs()[0],
        SmallVector<ReassociationIndices>{{0, 1, 2}, {3}});
    Value signBit = arith::ConstantOp::create(
        rewriter, loc, rewriter.getIntegerAttr(i8, -128));
    AffineMap identity2 = rewriter.getMultiDimIdentityMap(2);
    SmallVector<utils::IteratorType> parallel2(2,
                                               utils::IteratorType::parallel);
    Value unsignedInput =
        linalg::GenericOp::create(
            rewriter, loc, flatInputType, ValueRange{flatInput},
            ValueRange{tensor::EmptyOp::create(rewriter, loc,
                                               flatInputType.getShape(), i8)},
            SmallVector<AffineMap>{identity2, identity2}, parallel2,
            [&](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(
                  b, l,
                  ValueRange{arith::XOrIOp::create(b, l, args[0], signBit)});
            })
            .getResult(0);

    // Accumulators start at the bias minus the offset's contribution.
    Value flatInit = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({pixels, outChannels}, i32), init,
        SmallVector<ReassociationIndices>{{0, 1, 2}, {3}});
    auto flatInitType = RankedTensorType::get({pixels, paddedOut}, i32);
    if (paddedOut != outChannels)
      flatInit = tensor::createPadHighOp(
          flatInitType, flatInit,
          arith::ConstantOp::create(rewriter, loc,
                                    rewriter.getIntegerAttr(i32, 0)),
          /*nofold=*/false, loc, rewriter);
    auto correctionType = RankedTensorType::get({paddedOut}, i32);
    Value correction = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(correctionType, corrections));
    AffineMap channelMap = AffineMap::get(2, 0, {rewriter.getAffineDimExpr(1)},
                                          rewriter.getContext());
    Value start =
        linalg::GenericOp::create(
            rewriter, loc, flatInitType, ValueRange{flatInit, correction},
            ValueRange{tensor::EmptyOp::create(rewriter, loc,
                                               flatInitType.getShape(), i32)},
            SmallVector<AffineMap>{identity2, channelMap, identity2}, parallel2,
            [&](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(
                  b, l,
                  ValueRange{arith::AddIOp::create(b, l, args[0], args[1])});
            })
            .getResult(0);

    // Tiles of `rows` pixels × `vectors` × 16 output channels.
    int64_t rows = 1;
    for (int64_t candidate = 8; candidate > 1; --candidate)
      if (pixels % candidate == 0) {
        rows = candidate;
        break;
      }
    int64_t vectors = paddedOut % (2 * kLanes) == 0 ? 2 : 1;
    auto accType = VectorType::get({kLanes}, i32);
    auto bytesType = VectorType::get({4 * kLanes}, i8);
    auto index = [&](OpBuilder &b, Location l, int64_t v) -> Value {
      return arith::ConstantIndexOp::create(b, l, v);
    };
    Value zeroI8 = arith::ConstantOp::create(rewriter, loc,
                                             rewriter.getIntegerAttr(i8, 0));
    Value zeroI32 = arith::ConstantOp::create(rewriter, loc,
                                              rewriter.getIntegerAttr(i32, 0));

    auto pixelLoop = scf::ForOp::create(
        rewriter, loc, index(rewriter, loc, 0), index(rewriter, loc, pixels),
        index(rewriter, loc, rows), ValueRange{start},
        [&](OpBuilder &b, Location l, Value p0, ValueRange pArgs) {
          auto channelLoop = scf::ForOp::create(
              b, l, index(b, l, 0), index(b, l, paddedOut),
              index(b, l, vectors * kLanes), pArgs,
              [&](OpBuilder &b, Location l, Value f0, ValueRange fArgs) {
                Value out = fArgs[0];
                SmallVector<Value> accs;
                for (int64_t r = 0; r < rows; ++r)
                  for (int64_t v = 0; v < vectors; ++v) {
                    Value row = arith::AddIOp::create(b, l, p0, index(b, l, r));
                    Value col = arith::AddIOp::create(b, l, f0,
                                                      index(b, l, v * kLanes));
                    accs.push_back(vector::TransferReadOp::create(
                        b, l, accType, out, ValueRange{row, col}, zeroI32,
                        ArrayRef<bool>{true}));
                  }
                auto groupLoop = scf::ForOp::create(
                    b, l, index(b, l, 0), index(b, l, groups), index(b, l, 1),
                    accs,
                    [&](OpBuilder &b, Location l, Value g, ValueRange acc) {
                      SmallVector<Value> weightsOf;
                      for (int64_t v = 0; v < vectors; ++v) {
                        Value col = arith::AddIOp::create(
                            b, l, f0, index(b, l, v * kLanes));
                        Value byteCol =
                            arith::MulIOp::create(b, l, col, index(b, l, 4));
                        weightsOf.push_back(vector::TransferReadOp::create(
                            b, l, bytesType, packedFilter,
                            ValueRange{g, byteCol}, zeroI8,
                            ArrayRef<bool>{true}));
                      }
                      Value channel =
                          arith::MulIOp::create(b, l, g, index(b, l, 4));
                      SmallVector<Value> next;
                      for (int64_t r = 0; r < rows; ++r) {
                        Value row =
                            arith::AddIOp::create(b, l, p0, index(b, l, r));
                        Value quad = vector::TransferReadOp::create(
                            b, l, VectorType::get({4}, i8), unsignedInput,
                            ValueRange{row, channel}, zeroI8,
                            ArrayRef<bool>{true});
                        Value word = vector::BitCastOp::create(
                            b, l, VectorType::get({1}, i32), quad);
                        Value scalar = vector::ExtractOp::create(
                            b, l, word, ArrayRef<int64_t>{0});
                        Value splat =
                            vector::BroadcastOp::create(b, l, accType, scalar);
                        Value activations =
                            vector::BitCastOp::create(b, l, bytesType, splat);
                        for (int64_t v = 0; v < vectors; ++v)
                          next.push_back(
                              buildDotProduct(b, l, acc[r * vectors + v],
                                              activations, weightsOf[v]));
                      }
                      scf::YieldOp::create(b, l, next);
                    });
                for (int64_t r = 0; r < rows; ++r)
                  for (int64_t v = 0; v < vectors; ++v) {
                    Value row = arith::AddIOp::create(b, l, p0, index(b, l, r));
                    Value col = arith::AddIOp::create(b, l, f0,
                                                      index(b, l, v * kLanes));
                    out = vector::TransferWriteOp::create(
                              b, l, groupLoop.getResult(r * vectors + v), out,
                              ValueRange{row, col}, ArrayRef<bool>{true})
                              .getResult();
                  }
                scf::YieldOp::create(b, l, out);
              });
          scf::YieldOp::create(b, l, channelLoop.getResults());
        });
    Value result = pixelLoop.getResult(0);
    if (paddedOut != outChannels)
      result = tensor::ExtractSliceOp::create(
          rewriter, loc, RankedTensorType::get({pixels, outChannels}, i32),
          result, ValueRange{}, ValueRange{}, ValueRange{},
          rewriter.getDenseI64ArrayAttr({0, 0}),
          rewriter.getDenseI64ArrayAttr({pixels, outChannels}),
          rewriter.getDenseI64ArrayAttr({1, 1}));
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
        op, initType, result,
        SmallVector<ReassociationIndices>{{0, 1, 2}, {3}});
    return success();
  }
};

struct LowerVnniConvolutionsPass
    : mint::impl::LowerVnniConvolutionsPassBase<LowerVnniConvolutionsPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    if (emitIntrinsics)
      patterns.add<ContractionToVpdpbusd>(&getContext());
    else
      patterns.add<PointwiseInt8ConvToVnni>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      getOperation().emitError(
          "mint-lower-vnni-convolutions: rewrites did not converge");
      signalPassFailure();
    }
  }
};

} // namespace
