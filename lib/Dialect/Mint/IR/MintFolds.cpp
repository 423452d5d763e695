//===- MintFolds.cpp - Folders and canonicalizations of mint ops ----------===//
//
// Folds that follow from an op's definition alone: identities (a reshape to
// the same type, a pad by zero, a transpose by the identity), constant
// propagation through data movement, casts and gathers of constants,
// quantize/dequantize of constants with TFLite's arithmetic, and
// quantize(dequantize(x)) -> x.
//
// Folding a non-splat constant builds a new one; to avoid duplicating large
// weights that other ops still use, data-movement and conversion folds only
// apply to constants with a single use.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mint/Dialect/Mint/IR/QuantizedConstants.h"
#include "mint/Dialect/Mint/IR/ShapeRules.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APSInt.h"

#include <cstring>

using namespace mlir;
using namespace mlir::mint;

/// Returns `attr` as dense elements if folding may build a new constant from
/// it: a splat, or a constant whose only user is the folding op.
static DenseElementsAttr getFoldableDense(Attribute attr, Value value) {
  auto dense = dyn_cast_if_present<DenseElementsAttr>(attr);
  if (!dense || !(dense.isSplat() || value.hasOneUse()))
    return {};
  return dense;
}

/// Reshapes constant elements to `type`'s shape, keeping their element
/// type (the storage type for quantized results).
static DenseElementsAttr reshapeDense(DenseElementsAttr dense,
                                      ShapedType type) {
  if (!type.hasStaticShape())
    return {};
  return dense.reshape(dense.getType().clone(type.getShape()));
}

//===----------------------------------------------------------------------===//
// ConstOp
//===----------------------------------------------------------------------===//

OpFoldResult ConstOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// ReshapeOp and SqueezeOp
//===----------------------------------------------------------------------===//

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto dense = getFoldableDense(adaptor.getInput(), getInput()))
    return reshapeDense(dense, getType());
  return {};
}

namespace {
/// reshape(reshape(x)) -> reshape(x): only the last shape matters.
struct FoldReshapeOfReshape : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto producer = op.getInput().getDefiningOp<ReshapeOp>();
    if (!producer)
      return rewriter.notifyMatchFailure(op, "input is not a reshape");
    rewriter.modifyOpInPlace(
        op, [&] { op.getInputMutable().assign(producer.getInput()); });
    return success();
  }
};
} // namespace

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<FoldReshapeOfReshape>(context);
}

OpFoldResult SqueezeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto dense = getFoldableDense(adaptor.getInput(), getInput()))
    return reshapeDense(dense, getType());
  return {};
}

//===----------------------------------------------------------------------===//
// ConcatenationOp, PadOp, PadV2Op, SliceOp
//===----------------------------------------------------------------------===//

OpFoldResult ConcatenationOp::fold(FoldAdaptor) {
  if (getValues().size() == 1 &&
      getFusedActivationFunction() == ActivationFunctionType::None &&
      getValues().front().getType() == getType())
    return getValues().front();
  return {};
}

/// Returns true if `paddings` is a constant of zeros.
static bool isZeroPadding(Value paddings) {
  auto values = getConstantIntValues(paddings);
  return values && llvm::all_of(*values, [](int64_t pad) { return pad == 0; });
}

OpFoldResult PadOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType() && isZeroPadding(getPaddings()))
    return getInput();
  return {};
}

OpFoldResult PadV2Op::fold(FoldAdaptor) {
  if (getInput().getType() == getType() && isZeroPadding(getPaddings()))
    return getInput();
  return {};
}

OpFoldResult SliceOp::fold(FoldAdaptor) {
  // A static slice as large as its input takes all of it.
  if (getInput().getType() == getType() && getType().hasStaticShape())
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

/// Permutes the dimensions of constant elements stored a whole number of
/// bytes each; returns null for other element types.
static DenseElementsAttr transposeDense(DenseElementsAttr dense,
                                        ArrayRef<int64_t> perm,
                                        ShapedType resultType) {
  ShapedType inputType = dense.getType();
  auto storageType = inputType.clone(resultType.getShape());
  if (dense.isSplat())
    return DenseElementsAttr::get(storageType,
                                  dense.getSplatValue<Attribute>());
  Type element = inputType.getElementType();
  if (!element.isIntOrFloat() || element.getIntOrFloatBitWidth() % 8 != 0)
    return {};
  size_t bytes = element.getIntOrFloatBitWidth() / 8;
  int64_t rank = inputType.getRank();
  ArrayRef<int64_t> inShape = inputType.getShape();
  // Row-major strides of the input, in elements.
  SmallVector<int64_t> inStrides(rank, 1);
  for (int64_t dim = rank - 2; dim >= 0; --dim)
    inStrides[dim] = inStrides[dim + 1] * inShape[dim + 1];
  ArrayRef<char> source = dense.getRawData();
  SmallVector<char> target(source.size());
  SmallVector<int64_t> index(rank, 0); // Index into the result.
  int64_t numElements = inputType.getNumElements();
  for (int64_t flat = 0; flat < numElements; ++flat) {
    int64_t sourceFlat = 0;
    for (int64_t dim = 0; dim < rank; ++dim)
      sourceFlat += index[dim] * inStrides[perm[dim]];
    std::memcpy(target.data() + flat * bytes,
                source.data() + sourceFlat * bytes, bytes);
    for (int64_t dim = rank - 1; dim >= 0; --dim) {
      if (++index[dim] < resultType.getDimSize(dim))
        break;
      index[dim] = 0;
    }
  }
  return DenseElementsAttr::getFromRawBuffer(storageType, target);
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  auto perm = getConstantIntValues(getPerm());
  if (!perm)
    return {};
  bool identity = llvm::equal(*perm, llvm::seq<int64_t>(0, perm->size()));
  if (identity && getInput().getType() == getType())
    return getInput();
  auto dense = getFoldableDense(adaptor.getInput(), getInput());
  if (!dense || !getType().hasStaticShape())
    return {};
  return transposeDense(dense, *perm, getType());
}

//===----------------------------------------------------------------------===//
// CastOp and GatherOp
//===----------------------------------------------------------------------===//

DenseElementsAttr mlir::mint::castDenseElements(DenseElementsAttr values,
                                                Type elementType) {
  Type from = values.getElementType();
  auto type = values.getType().clone(elementType);
  auto toInteger = dyn_cast<IntegerType>(elementType);
  auto toFloat = dyn_cast<FloatType>(elementType);
  if (!(toInteger || toFloat) || !isa<IntegerType, FloatType>(from))
    return {};
  if (auto fromInteger = dyn_cast<IntegerType>(from)) {
    bool isUnsigned = fromInteger.isUnsigned() || fromInteger.getWidth() == 1;
    if (toInteger)
      return values.mapValues(elementType, [&](const APInt &value) {
        return isUnsigned ? value.zextOrTrunc(toInteger.getWidth())
                          : value.sextOrTrunc(toInteger.getWidth());
      });
    SmallVector<APFloat> converted;
    for (const APInt &value : values.getValues<APInt>()) {
      APFloat result(toFloat.getFloatSemantics());
      result.convertFromAPInt(value, !isUnsigned, APFloat::rmNearestTiesToEven);
      converted.push_back(result);
    }
    return DenseElementsAttr::get(type, converted);
  }
  if (toFloat) {
    SmallVector<APFloat> converted;
    for (APFloat value : values.getValues<APFloat>()) {
      bool lost;
      value.convert(toFloat.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                    &lost);
      converted.push_back(value);
    }
    return DenseElementsAttr::get(type, converted);
  }
  SmallVector<APInt> converted;
  for (const APFloat &value : values.getValues<APFloat>()) {
    llvm::APSInt result(toInteger.getWidth(), toInteger.isUnsigned());
    bool exact;
    value.convertToInteger(result, APFloat::rmTowardZero, &exact);
    converted.push_back(result);
  }
  return DenseElementsAttr::get(type, converted);
}

DenseElementsAttr mlir::mint::gatherDenseElements(DenseElementsAttr params,
                                                  DenseElementsAttr indices,
                                                  int64_t axis,
                                                  int64_t batchDims,
                                                  RankedTensorType resultType) {
  auto paramsType = params.getType();
  unsigned bits = paramsType.getElementTypeBitWidth();
  if (!resultType.hasStaticShape() || bits % 8)
    return {};
  auto storageType = paramsType.clone(resultType.getShape());
  if (params.isSplat())
    return params.resizeSplat(storageType);
  ArrayRef<int64_t> shape = paramsType.getShape();
  int64_t batches = ShapedType::getNumElements(shape.take_front(batchDims));
  int64_t outer =
      ShapedType::getNumElements(shape.slice(batchDims, axis - batchDims));
  int64_t size = shape[axis];
  int64_t inner = ShapedType::getNumElements(shape.drop_front(axis + 1));
  int64_t perBatch = indices.getNumElements() / std::max<int64_t>(batches, 1);
  SmallVector<int64_t> positions;
  for (const APInt &value : indices.getValues<APInt>())
    positions.push_back(value.getSExtValue());
  size_t bytes = bits / 8 * inner;
  ArrayRef<char> raw = params.getRawData();
  std::vector<char> result(resultType.getNumElements() * (bits / 8));
  for (int64_t b = 0; b < batches; ++b)
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t j = 0; j < perBatch; ++j) {
        int64_t position = positions[b * perBatch + j];
        if (position < 0 || position >= size)
          return {};
        std::memcpy(&result[((b * outer + o) * perBatch + j) * bytes],
                    &raw[((b * outer + o) * size + position) * bytes], bytes);
      }
  return DenseElementsAttr::getFromRawBuffer(storageType, result);
}

std::pair<DenseElementsAttr, ConstOp> GatherOp::getPaletteValues() {
  auto palette = getParams().getDefiningOp<ConstOp>();
  auto cast = getIndices().getDefiningOp<CastOp>();
  auto stored =
      (cast ? cast.getInput() : getIndices()).getDefiningOp<ConstOp>();
  auto axes = getResolvedAxes();
  if (!palette || !stored || !axes ||
      isa<quant::QuantizedType>(getType().getElementType()))
    return {};
  auto paletteValues = dyn_cast<DenseElementsAttr>(palette.getValue());
  auto indices = dyn_cast<DenseElementsAttr>(stored.getValue());
  if (indices && cast)
    indices = castDenseElements(indices, cast.getType().getElementType());
  if (!paletteValues || !indices)
    return {nullptr, stored};
  return {gatherDenseElements(paletteValues, indices, axes->first, axes->second,
                              getType()),
          stored};
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto dense = getFoldableDense(adaptor.getInput(), getInput()))
    return castDenseElements(dense, getType().getElementType());
  return {};
}

OpFoldResult GatherOp::fold(FoldAdaptor adaptor) {
  auto params = getFoldableDense(adaptor.getParams(), getParams());
  auto indices = dyn_cast_if_present<DenseElementsAttr>(adaptor.getIndices());
  auto axes = getResolvedAxes();
  if (!params || !indices || !axes ||
      isa<quant::QuantizedType>(getType().getElementType()))
    return {};
  return gatherDenseElements(params, indices, axes->first, axes->second,
                             getType());
}

//===----------------------------------------------------------------------===//
// QuantizeOp and DequantizeOp
//===----------------------------------------------------------------------===//

OpFoldResult QuantizeOp::fold(FoldAdaptor adaptor) {
  // Requantizing to the same type, or undoing a dequantize, changes nothing.
  if (getInput().getType() == getType())
    return getInput();
  if (auto dequantize = getInput().getDefiningOp<DequantizeOp>())
    if (dequantize.getInput().getType() == getType())
      return dequantize.getInput();
  auto floats = dyn_cast_if_present<DenseFPElementsAttr>(
      getFoldableDense(adaptor.getInput(), getInput()));
  if (!floats)
    return {};
  return quantizeConstant(floats, getType());
}

OpFoldResult DequantizeOp::fold(FoldAdaptor adaptor) {
  DenseElementsAttr dense = getFoldableDense(adaptor.getInput(), getInput());
  if (!dense)
    return {};
  auto resultElement = cast<FloatType>(getType().getElementType());
  if (auto halves = dyn_cast<DenseFPElementsAttr>(dense))
    return convertFloatConstant(halves, resultElement); // f16 -> f32: exact
  if (auto stored = dyn_cast<DenseIntElementsAttr>(dense))
    return dequantizeConstant(stored, getInput().getType(), resultElement);
  return {};
}
