//===- ShapeOps.cpp - Data movement and reduction ops ---------------------===//
//
// Verifiers and shape inference of RESHAPE, SQUEEZE, CONCATENATION, PAD,
// PADV2, SLICE, STRIDED_SLICE, TRANSPOSE, the resizes, DEPTH_TO_SPACE,
// SPACE_TO_DEPTH and MEAN.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "TypeRules.h"
#include "mint/Dialect/Mint/IR/ShapeRules.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace mlir::mint;

/// Returns the ranked tensor type of `value`, or null (also for a missing
/// optional operand).
static RankedTensorType getRankedType(Value value) {
  return value ? dyn_cast<RankedTensorType>(value.getType())
               : RankedTensorType();
}

/// Emits an all-dynamic shape of `rank` dimensions.
static LogicalResult
inferDynamicShape(int64_t rank,
                  SmallVectorImpl<ShapedTypeComponents> &inferred) {
  inferred.emplace_back(SmallVector<int64_t>(rank, ShapedType::kDynamic));
  return success();
}

/// Checks the element kind of a data-movement op's result.
static LogicalResult verifyMovedKind(Operation *op, Value input, Value output) {
  return verifySameElementKind(op, input, output, "result");
}

/// Checks that a 1-D index operand has one entry per input dimension.
static LogicalResult verifyOnePerDim(Operation *op, Value vector, int64_t rank,
                                     StringRef name) {
  return verifyDimEquals(
      op, vector, 0, rank,
      (name + " size (one entry per input dimension)").str());
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

/// Resolves a TFLite shape with at most one -1 against `numElements`
/// (dynamic when unknown). Returns std::nullopt for an invalid shape.
static std::optional<SmallVector<int64_t>>
resolveReshape(ArrayRef<int64_t> shape, int64_t numElements) {
  SmallVector<int64_t> resolved(shape);
  std::optional<size_t> inferredDim;
  int64_t known = 1;
  for (auto [index, size] : llvm::enumerate(shape)) {
    if (size == -1) {
      if (inferredDim)
        return std::nullopt;
      inferredDim = index;
      continue;
    }
    if (size < 0)
      return std::nullopt;
    known *= size;
  }
  if (inferredDim) {
    if (ShapedType::isDynamic(numElements) || known == 0)
      resolved[*inferredDim] = ShapedType::kDynamic;
    else if (numElements % known != 0)
      return std::nullopt;
    else
      resolved[*inferredDim] = numElements / known;
  }
  return resolved;
}

/// Returns the shape a reshape asks for: its shape operand if constant,
/// else its new_shape option.
static std::optional<SmallVector<int64_t>>
getRequestedShape(ReshapeOp::Adaptor adaptor) {
  if (adaptor.getShape())
    return getConstantIntValues(adaptor.getShape());
  if (auto newShape = adaptor.getNewShapeAttr())
    return SmallVector<int64_t>(newShape.asArrayRef());
  return std::nullopt;
}

LogicalResult ReshapeOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, ReshapeOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto inputType = getRankedType(adaptor.getInput());
  if (!inputType)
    return failure();
  if (auto requested = getRequestedShape(adaptor)) {
    int64_t numElements = inputType.hasStaticShape()
                              ? inputType.getNumElements()
                              : ShapedType::kDynamic;
    auto resolved = resolveReshape(*requested, numElements);
    if (!resolved)
      return failure();
    inferred.emplace_back(*resolved);
    return success();
  }
  // A non-constant shape operand fixes only the rank.
  if (auto shapeType = getRankedType(adaptor.getShape()))
    if (!shapeType.isDynamicDim(0))
      return inferDynamicShape(shapeType.getDimSize(0), inferred);
  inferred.emplace_back(); // Unknown: the result type decides.
  return success();
}

LogicalResult ReshapeOp::verify() {
  if (auto requested = getRequestedShape(*this)) {
    if (llvm::count(*requested, -1) > 1)
      return emitOpError("expects at most one -1 in the shape");
    if (llvm::any_of(*requested, [](int64_t size) { return size < -1; }))
      return emitOpError("expects shape entries >= -1");
    auto inputType = getInput().getType();
    if (inputType.hasStaticShape() &&
        !resolveReshape(*requested, inputType.getNumElements()))
      return emitOpError("cannot reshape ")
             << inputType.getNumElements() << " elements to "
             << formatShape(*requested);
  }
  auto inputType = getInput().getType();
  auto outputType = getOutput().getType();
  if (inputType.hasStaticShape() && outputType.hasStaticShape() &&
      inputType.getNumElements() != outputType.getNumElements())
    return emitOpError("expects the result to hold the input's ")
           << inputType.getNumElements() << " elements, got "
           << outputType.getNumElements();
  return verifyMovedKind(*this, getInput(), getOutput());
}

//===----------------------------------------------------------------------===//
// SqueezeOp
//===----------------------------------------------------------------------===//

LogicalResult SqueezeOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, SqueezeOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto inputType = getRankedType(adaptor.getInput());
  if (!inputType)
    return failure();
  int64_t rank = inputType.getRank();
  ArrayRef<int32_t> dims = adaptor.getSqueezeDims();
  llvm::SmallBitVector squeezed(rank);
  if (dims.empty()) {
    for (int64_t dim = 0; dim < rank; ++dim) {
      if (inputType.isDynamicDim(dim))
        return failure(); // Which dimensions go is unknown.
      squeezed[dim] = inputType.getDimSize(dim) == 1;
    }
  } else {
    for (int32_t dim : dims) {
      std::optional<int64_t> axis = normalizeAxis(dim, rank);
      if (!axis)
        return failure();
      squeezed.set(*axis);
    }
  }
  SmallVector<int64_t> shape;
  for (int64_t dim = 0; dim < rank; ++dim)
    if (!squeezed[dim])
      shape.push_back(inputType.getDimSize(dim));
  inferred.emplace_back(shape);
  return success();
}

LogicalResult SqueezeOp::verify() {
  auto inputType = getInput().getType();
  for (int32_t dim : getSqueezeDims()) {
    std::optional<int64_t> axis = normalizeAxis(dim, inputType.getRank());
    if (!axis)
      return emitOpError("squeeze dimension ")
             << dim << " is out of range for rank " << inputType.getRank();
    int64_t size = inputType.getDimSize(*axis);
    if (!ShapedType::isDynamic(size) && size != 1)
      return emitOpError("cannot squeeze dimension ")
             << dim << " of size " << size;
  }
  return verifyMovedKind(*this, getInput(), getOutput());
}

//===----------------------------------------------------------------------===//
// ConcatenationOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatenationOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, ConcatenationOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  if (adaptor.getValues().empty() || !adaptor.getAxisAttr())
    return failure();
  auto firstType = getRankedType(adaptor.getValues().front());
  if (!firstType)
    return failure();
  int64_t rank = firstType.getRank();
  std::optional<int64_t> axis =
      normalizeAxis(adaptor.getAxisAttr().getInt(), rank);
  if (!axis)
    return failure();
  SmallVector<int64_t> shape(firstType.getShape());
  shape[*axis] = 0;
  for (Value value : adaptor.getValues()) {
    auto type = getRankedType(value);
    if (!type || type.getRank() != rank)
      return failure();
    for (int64_t dim = 0; dim < rank; ++dim) {
      int64_t size = type.getDimSize(dim);
      if (dim == *axis) {
        shape[dim] =
            ShapedType::isDynamic(size) || ShapedType::isDynamic(shape[dim])
                ? ShapedType::kDynamic
                : shape[dim] + size;
      } else if (ShapedType::isDynamic(shape[dim])) {
        shape[dim] = size;
      }
    }
  }
  inferred.emplace_back(shape);
  return success();
}

LogicalResult ConcatenationOp::verify() {
  if (getValues().empty())
    return emitOpError("expects at least one value");
  auto firstType = cast<RankedTensorType>(getValues().front().getType());
  int64_t rank = firstType.getRank();
  int64_t axisValue = getAxisAttr().getInt();
  std::optional<int64_t> axis = normalizeAxis(axisValue, rank);
  if (!axis)
    return emitOpError("axis ")
           << axisValue << " is out of range for rank " << rank;
  for (auto [index, value] : llvm::enumerate(getValues())) {
    auto type = cast<RankedTensorType>(value.getType());
    if (type.getRank() != rank)
      return emitOpError("expects all values to have rank ")
             << rank << ", value #" << index << " has rank " << type.getRank();
    for (int64_t dim = 0; dim < rank; ++dim) {
      if (dim == *axis)
        continue;
      int64_t size = type.getDimSize(dim);
      int64_t expected = firstType.getDimSize(dim);
      if (!ShapedType::isDynamic(size) && !ShapedType::isDynamic(expected) &&
          size != expected)
        return emitOpError("expects value #")
               << index << " to have size " << expected << " in dimension "
               << dim << " (only the axis may differ), got " << size;
    }
    if (failed(
            verifySameElementKind(*this, getValues().front(), value, "value")))
      return failure();
  }
  return verifyMovedKind(*this, getValues().front(), getOutput());
}

//===----------------------------------------------------------------------===//
// PadOp and PadV2Op
//===----------------------------------------------------------------------===//

template <typename PadLikeOp>
static LogicalResult
inferPadShape(typename PadLikeOp::Adaptor adaptor,
              SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto inputType = getRankedType(adaptor.getInput());
  if (!inputType)
    return failure();
  int64_t rank = inputType.getRank();
  auto paddings = getConstantIntValues(adaptor.getPaddings());
  if (!paddings)
    return inferDynamicShape(rank, inferred);
  if (static_cast<int64_t>(paddings->size()) != 2 * rank)
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t dim = 0; dim < rank; ++dim) {
    int64_t size = inputType.getDimSize(dim);
    int64_t before = (*paddings)[2 * dim], after = (*paddings)[2 * dim + 1];
    if (before < 0 || after < 0)
      return failure();
    shape.push_back(ShapedType::isDynamic(size) ? size : size + before + after);
  }
  inferred.emplace_back(shape);
  return success();
}

template <typename PadLikeOp> static LogicalResult verifyPad(PadLikeOp op) {
  auto inputType = op.getInput().getType();
  auto paddingsType = op.getPaddings().getType();
  auto fits = [](int64_t size, int64_t expected) {
    return ShapedType::isDynamic(size) || size == expected;
  };
  if (paddingsType.getRank() != 2 ||
      !fits(paddingsType.getDimSize(0), inputType.getRank()) ||
      !fits(paddingsType.getDimSize(1), 2))
    return op.emitOpError("expects paddings of shape [")
           << inputType.getRank() << ", 2], got "
           << formatShape(paddingsType.getShape());
  if (auto paddings = getConstantIntValues(op.getPaddings()))
    if (llvm::any_of(*paddings, [](int64_t pad) { return pad < 0; }))
      return op.emitOpError("expects non-negative paddings");
  return verifyMovedKind(op, op.getInput(), op.getOutput());
}

LogicalResult PadOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, PadOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  return inferPadShape<PadOp>(adaptor, inferred);
}

LogicalResult PadOp::verify() { return verifyPad(*this); }

LogicalResult PadV2Op::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, PadV2Op::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  return inferPadShape<PadV2Op>(adaptor, inferred);
}

LogicalResult PadV2Op::verify() {
  auto valuesType = getConstantValues().getType();
  if (valuesType.hasStaticShape() && valuesType.getNumElements() != 1)
    return emitOpError("expects constant_values to hold one element, got ")
           << valuesType.getNumElements();
  if (failed(verifySameElementKind(*this, getInput(), getConstantValues(),
                                   "constant_values")))
    return failure();
  return verifyPad(*this);
}

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

LogicalResult SliceOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, SliceOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto inputType = getRankedType(adaptor.getInput());
  if (!inputType)
    return failure();
  int64_t rank = inputType.getRank();
  auto begin = getConstantIntValues(adaptor.getBegin());
  auto size = getConstantIntValues(adaptor.getSize());
  if (!size)
    return inferDynamicShape(rank, inferred);
  if (static_cast<int64_t>(size->size()) != rank)
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t dim = 0; dim < rank; ++dim) {
    int64_t extent = (*size)[dim];
    if (extent == -1) {
      int64_t inputSize = inputType.getDimSize(dim);
      if (!begin || ShapedType::isDynamic(inputSize))
        extent = ShapedType::kDynamic;
      else
        extent = inputSize - (*begin)[dim];
    }
    if (!ShapedType::isDynamic(extent) && extent < 0)
      return failure();
    shape.push_back(extent);
  }
  inferred.emplace_back(shape);
  return success();
}

LogicalResult SliceOp::verify() {
  auto inputType = getInput().getType();
  int64_t rank = inputType.getRank();
  if (failed(verifyOnePerDim(*this, getBegin(), rank, "begin")) ||
      failed(verifyOnePerDim(*this, getSize(), rank, "size")))
    return failure();
  auto begin = getConstantIntValues(getBegin());
  auto size = getConstantIntValues(getSize());
  for (int64_t dim = 0; dim < rank; ++dim) {
    int64_t inputSize = inputType.getDimSize(dim);
    if (begin && ((*begin)[dim] < 0 || (!ShapedType::isDynamic(inputSize) &&
                                        (*begin)[dim] > inputSize)))
      return emitOpError("begin ")
             << (*begin)[dim] << " is out of range in dimension " << dim;
    if (size && (*size)[dim] < -1)
      return emitOpError("expects size entries >= -1, got ")
             << (*size)[dim] << " in dimension " << dim;
    if (begin && size && (*size)[dim] != -1 &&
        !ShapedType::isDynamic(inputSize) &&
        (*begin)[dim] + (*size)[dim] > inputSize)
      return emitOpError("slice [")
             << (*begin)[dim] << ", " << (*begin)[dim] + (*size)[dim]
             << ") exceeds size " << inputSize << " of dimension " << dim;
  }
  return verifyMovedKind(*this, getInput(), getOutput());
}

//===----------------------------------------------------------------------===//
// StridedSliceOp
//===----------------------------------------------------------------------===//

namespace {
/// TensorFlow's strided-slice specification resolved against the input
/// rank: one entry per input dimension, and how each result dimension
/// arises.
struct DenseSliceSpec {
  SmallVector<int64_t> begin, end, strides;
  SmallVector<bool> beginMasked, endMasked, shrink;
  /// For each sparse spec entry in order: an input dimension, or
  /// kNewAxis for an inserted dimension of size 1.
  SmallVector<int64_t> resultDims;
  static constexpr int64_t kNewAxis = -1;
};
} // namespace

/// Expands the sparse spec (begin/end/strides with masks, one ellipsis at
/// most, implicitly one at the end) into a spec over all `rank` input
/// dimensions. Returns std::nullopt when the spec does not fit the rank.
static std::optional<DenseSliceSpec>
expandSliceSpec(int64_t rank, ArrayRef<int64_t> begin, ArrayRef<int64_t> end,
                ArrayRef<int64_t> strides, uint32_t beginMask, uint32_t endMask,
                uint32_t ellipsisMask, uint32_t newAxisMask,
                uint32_t shrinkMask) {
  int64_t sparseDims = begin.size();
  if (sparseDims > 32)
    return std::nullopt;
  // Without an ellipsis, TensorFlow appends one.
  bool hasEllipsis = ellipsisMask != 0;
  int64_t totalSparse = hasEllipsis ? sparseDims : sparseDims + 1;
  int64_t newAxesAfterEllipsis = 0;
  int64_t ellipsisIndex =
      hasEllipsis ? llvm::countr_zero(ellipsisMask) : sparseDims;
  for (int64_t i = ellipsisIndex + 1; i < sparseDims; ++i)
    if (newAxisMask & (1u << i))
      ++newAxesAfterEllipsis;

  DenseSliceSpec spec;
  int64_t dense = 0;
  for (int64_t i = 0; i < totalSparse; ++i) {
    if (i == ellipsisIndex) {
      int64_t next =
          std::min(rank - (totalSparse - i) + 1 + newAxesAfterEllipsis, rank);
      for (; dense < next; ++dense) {
        spec.begin.push_back(0);
        spec.end.push_back(0);
        spec.strides.push_back(1);
        spec.beginMasked.push_back(true);
        spec.endMasked.push_back(true);
        spec.shrink.push_back(false);
        spec.resultDims.push_back(dense);
      }
      continue;
    }
    if (newAxisMask & (1u << i)) {
      spec.resultDims.push_back(DenseSliceSpec::kNewAxis);
      continue;
    }
    if (dense >= rank)
      return std::nullopt;
    spec.begin.push_back(begin[i]);
    spec.end.push_back(end[i]);
    spec.strides.push_back(strides[i]);
    spec.beginMasked.push_back(beginMask & (1u << i));
    spec.endMasked.push_back(endMask & (1u << i));
    spec.shrink.push_back(shrinkMask & (1u << i));
    spec.resultDims.push_back(dense);
    ++dense;
  }
  if (dense != rank)
    return std::nullopt;
  return spec;
}

/// Returns the number of elements a strided slice takes from a dimension
/// of `size`, or std::nullopt if the spec is invalid for it.
static std::optional<int64_t>
computeSliceExtent(int64_t size, int64_t begin, int64_t end, int64_t stride,
                   bool beginMasked, bool endMasked, bool shrink, bool offset) {
  if (stride == 0)
    return std::nullopt;
  if (shrink) {
    if (ShapedType::isDynamic(size))
      return 1;
    int64_t index = begin < 0 ? begin + size : begin;
    if (index < 0 || index >= size)
      return std::nullopt;
    return 1;
  }
  if (ShapedType::isDynamic(size))
    return ShapedType::kDynamic;
  if (offset)
    end += begin;
  auto canonicalize = [&](int64_t index, bool masked, bool isBegin) {
    if (masked)
      return stride > 0 ? (isBegin ? int64_t(0) : size)
                        : (isBegin ? size - 1 : int64_t(-1));
    if (index < 0)
      index += size;
    return stride > 0 ? std::clamp<int64_t>(index, 0, size)
                      : std::clamp<int64_t>(index, -1, size - 1);
  };
  int64_t first = canonicalize(begin, beginMasked, /*isBegin=*/true);
  int64_t last = canonicalize(end, endMasked, /*isBegin=*/false);
  int64_t span = last - first;
  if ((stride > 0 && span <= 0) || (stride < 0 && span >= 0))
    return 0;
  return (span + stride + (stride > 0 ? -1 : 1)) / stride;
}

LogicalResult StridedSliceOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, StridedSliceOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto inputType = getRankedType(adaptor.getInput());
  auto begin = getConstantIntValues(adaptor.getBegin());
  auto end = getConstantIntValues(adaptor.getEnd());
  auto strides = getConstantIntValues(adaptor.getStrides());
  if (!inputType || !begin || !end || !strides) {
    inferred.emplace_back(); // Unknown: the result type decides.
    return success();
  }
  if (begin->size() != end->size() || begin->size() != strides->size())
    return failure();
  auto spec = expandSliceSpec(
      inputType.getRank(), *begin, *end, *strides, adaptor.getBeginMask(),
      adaptor.getEndMask(), adaptor.getEllipsisMask(), adaptor.getNewAxisMask(),
      adaptor.getShrinkAxisMask());
  if (!spec)
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t dim : spec->resultDims) {
    if (dim == DenseSliceSpec::kNewAxis) {
      shape.push_back(1);
      continue;
    }
    auto extent = computeSliceExtent(
        inputType.getDimSize(dim), spec->begin[dim], spec->end[dim],
        spec->strides[dim], spec->beginMasked[dim], spec->endMasked[dim],
        spec->shrink[dim], adaptor.getOffset());
    if (!extent)
      return failure();
    if (!spec->shrink[dim])
      shape.push_back(*extent);
  }
  inferred.emplace_back(shape);
  return success();
}

LogicalResult StridedSliceOp::verify() {
  int64_t entries = getBegin().getType().getDimSize(0);
  if (failed(verifyDimEquals(*this, getEnd(), 0, entries,
                             "end size (as many entries as begin)")) ||
      failed(verifyDimEquals(*this, getStrides(), 0, entries,
                             "strides size (as many entries as begin)")))
    return failure();
  if (llvm::popcount(getEllipsisMask()) > 1)
    return emitOpError("expects at most one bit set in ellipsis_mask");
  if (auto strides = getConstantIntValues(getStrides()))
    if (llvm::is_contained(*strides, 0))
      return emitOpError("expects non-zero strides");
  auto begin = getConstantIntValues(getBegin());
  auto end = getConstantIntValues(getEnd());
  auto strides = getConstantIntValues(getStrides());
  if (!begin || !end || !strides)
    return verifyMovedKind(*this, getInput(), getOutput());
  auto inputType = getInput().getType();
  auto spec = expandSliceSpec(inputType.getRank(), *begin, *end, *strides,
                              getBeginMask(), getEndMask(), getEllipsisMask(),
                              getNewAxisMask(), getShrinkAxisMask());
  if (!spec)
    return emitOpError("slice specification does not fit an input of rank ")
           << inputType.getRank();
  for (auto [dim, size] : llvm::enumerate(inputType.getShape())) {
    if (!spec->shrink[dim] || ShapedType::isDynamic(size))
      continue;
    int64_t index = spec->begin[dim];
    if (index < -size || index >= size)
      return emitOpError("takes index ")
             << index << " of dimension " << dim << " of size " << size;
  }
  return verifyMovedKind(*this, getInput(), getOutput());
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

/// Returns true if `perm` is a permutation of [0, rank).
static bool isPermutation(ArrayRef<int64_t> perm, int64_t rank) {
  if (static_cast<int64_t>(perm.size()) != rank)
    return false;
  llvm::SmallBitVector seen(rank);
  for (int64_t dim : perm) {
    if (dim < 0 || dim >= rank || seen[dim])
      return false;
    seen.set(dim);
  }
  return true;
}

LogicalResult TransposeOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, TransposeOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto inputType = getRankedType(adaptor.getInput());
  if (!inputType)
    return failure();
  auto perm = getConstantIntValues(adaptor.getPerm());
  if (!perm)
    return inferDynamicShape(inputType.getRank(), inferred);
  if (!isPermutation(*perm, inputType.getRank()))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t dim : *perm)
    shape.push_back(inputType.getDimSize(dim));
  inferred.emplace_back(shape);
  return success();
}

LogicalResult TransposeOp::verify() {
  int64_t rank = getInput().getType().getRank();
  if (failed(verifyOnePerDim(*this, getPerm(), rank, "perm")))
    return failure();
  if (auto perm = getConstantIntValues(getPerm()))
    if (!isPermutation(*perm, rank))
      return emitOpError("expects perm to be a permutation of [0, ")
             << rank << ")";
  return verifyMovedKind(*this, getInput(), getOutput());
}

//===----------------------------------------------------------------------===//
// GatherOp
//===----------------------------------------------------------------------===//

/// Resolves negative `axis` and `batchDims` against the ranks; nullopt
/// unless 0 <= batchDims <= axis < paramsRank and batchDims <= indicesRank.
static std::optional<std::pair<int64_t, int64_t>>
resolveGatherAxes(int64_t axis, int64_t batchDims, int64_t paramsRank,
                  int64_t indicesRank) {
  if (axis < 0)
    axis += paramsRank;
  if (batchDims < 0)
    batchDims += indicesRank;
  if (axis < 0 || axis >= paramsRank || batchDims < 0 || batchDims > axis ||
      batchDims > indicesRank)
    return std::nullopt;
  return std::make_pair(axis, batchDims);
}

std::optional<std::pair<int64_t, int64_t>> GatherOp::getResolvedAxes() {
  return resolveGatherAxes(getAxis(), getBatchDims(),
                           getParams().getType().getRank(),
                           getIndices().getType().getRank());
}

LogicalResult GatherOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, GatherOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto paramsType = getRankedType(adaptor.getParams());
  auto indicesType = getRankedType(adaptor.getIndices());
  if (!paramsType || !indicesType)
    return failure();
  auto axes = resolveGatherAxes(adaptor.getAxis(), adaptor.getBatchDims(),
                                paramsType.getRank(), indicesType.getRank());
  if (!axes)
    return failure();
  auto [axis, batchDims] = *axes;
  ArrayRef<int64_t> params = paramsType.getShape();
  SmallVector<int64_t> shape(params.take_front(axis));
  llvm::append_range(shape, indicesType.getShape().drop_front(batchDims));
  llvm::append_range(shape, params.drop_front(axis + 1));
  inferred.emplace_back(shape);
  return success();
}

LogicalResult GatherOp::verify() {
  auto axes = getResolvedAxes();
  if (!axes)
    return emitOpError("expects 0 <= batch_dims <= axis < params rank ")
           << getParams().getType().getRank()
           << " and batch_dims <= indices rank, got axis " << getAxis()
           << " and batch_dims " << getBatchDims();
  ArrayRef<int64_t> params = getParams().getType().getShape();
  ArrayRef<int64_t> indices = getIndices().getType().getShape();
  for (int64_t dim = 0; dim < axes->second; ++dim)
    if (!ShapedType::isDynamic(params[dim]) &&
        !ShapedType::isDynamic(indices[dim]) && params[dim] != indices[dim])
      return emitOpError("expects batch dimension ")
             << dim << " of params and indices to agree, got " << params[dim]
             << " and " << indices[dim];
  return verifyMovedKind(*this, getParams(), getOutput());
}

//===----------------------------------------------------------------------===//
// Resize ops
//===----------------------------------------------------------------------===//

template <typename ResizeOp>
static LogicalResult
inferResizeShape(typename ResizeOp::Adaptor adaptor,
                 SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto inputType = getRankedType(adaptor.getInput());
  if (!inputType || inputType.getRank() != 4)
    return failure();
  int64_t height = ShapedType::kDynamic, width = ShapedType::kDynamic;
  if (auto size = getConstantIntValues(adaptor.getSize())) {
    if (size->size() != 2 || (*size)[0] <= 0 || (*size)[1] <= 0)
      return failure();
    height = (*size)[0];
    width = (*size)[1];
  }
  inferred.emplace_back(ArrayRef<int64_t>{inputType.getDimSize(0), height,
                                          width, inputType.getDimSize(3)});
  return success();
}

template <typename ResizeOp> static LogicalResult verifyResize(ResizeOp op) {
  if (failed(verifyDimEquals(op, op.getSize(), 0, 2,
                             "size to hold [height, width], its size")))
    return failure();
  if (auto size = getConstantIntValues(op.getSize()))
    if (llvm::any_of(*size, [](int64_t extent) { return extent <= 0; }))
      return op.emitOpError("expects a positive size");
  if (op.getAlignCorners() && op.getHalfPixelCenters())
    return op.emitOpError(
        "expects at most one of align_corners and half_pixel_centers");
  return verifyMovedKind(op, op.getInput(), op.getOutput());
}

LogicalResult ResizeBilinearOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, ResizeBilinearOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  return inferResizeShape<ResizeBilinearOp>(adaptor, inferred);
}

LogicalResult ResizeBilinearOp::verify() { return verifyResize(*this); }

LogicalResult ResizeNearestNeighborOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>,
    ResizeNearestNeighborOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  return inferResizeShape<ResizeNearestNeighborOp>(adaptor, inferred);
}

LogicalResult ResizeNearestNeighborOp::verify() { return verifyResize(*this); }

//===----------------------------------------------------------------------===//
// DepthToSpaceOp and SpaceToDepthOp
//===----------------------------------------------------------------------===//

/// Multiplies or divides a size by a factor, keeping dynamic sizes.
static int64_t scaleSize(int64_t size, int64_t factor, bool divide) {
  if (ShapedType::isDynamic(size))
    return size;
  return divide ? size / factor : size * factor;
}

LogicalResult DepthToSpaceOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, DepthToSpaceOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto inputType = getRankedType(adaptor.getInput());
  if (!inputType || inputType.getRank() != 4 || !adaptor.getBlockSizeAttr() ||
      adaptor.getBlockSize() < 1)
    return failure();
  int64_t block = adaptor.getBlockSize();
  ArrayRef<int64_t> in = inputType.getShape();
  inferred.emplace_back(ArrayRef<int64_t>{
      in[0], scaleSize(in[1], block, false), scaleSize(in[2], block, false),
      scaleSize(in[3], block * block, true)});
  return success();
}

LogicalResult DepthToSpaceOp::verify() {
  int64_t block = getBlockSize();
  int64_t channels = getInput().getType().getDimSize(3);
  if (!ShapedType::isDynamic(channels) && channels % (block * block) != 0)
    return emitOpError("expects input channels (")
           << channels << ") to be a multiple of block_size^2 ("
           << block * block << ")";
  return verifyMovedKind(*this, getInput(), getOutput());
}

LogicalResult SpaceToDepthOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, SpaceToDepthOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto inputType = getRankedType(adaptor.getInput());
  if (!inputType || inputType.getRank() != 4 || !adaptor.getBlockSizeAttr() ||
      adaptor.getBlockSize() < 1)
    return failure();
  int64_t block = adaptor.getBlockSize();
  ArrayRef<int64_t> in = inputType.getShape();
  inferred.emplace_back(ArrayRef<int64_t>{
      in[0], scaleSize(in[1], block, true), scaleSize(in[2], block, true),
      scaleSize(in[3], block * block, false)});
  return success();
}

LogicalResult SpaceToDepthOp::verify() {
  int64_t block = getBlockSize();
  auto inputType = getInput().getType();
  for (int64_t dim : {1, 2}) {
    int64_t size = inputType.getDimSize(dim);
    if (!ShapedType::isDynamic(size) && size % block != 0)
      return emitOpError("expects input dimension ")
             << dim << " (" << size << ") to be a multiple of block_size ("
             << block << ")";
  }
  return verifyMovedKind(*this, getInput(), getOutput());
}

//===----------------------------------------------------------------------===//
// MeanOp
//===----------------------------------------------------------------------===//

LogicalResult MeanOp::inferReturnTypeComponents(
    MLIRContext *, std::optional<Location>, MeanOp::Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferred) {
  auto inputType = getRankedType(adaptor.getInput());
  if (!inputType)
    return failure();
  int64_t rank = inputType.getRank();
  auto axes = getConstantIntValues(adaptor.getAxis());
  if (!axes) {
    if (adaptor.getKeepDims())
      return inferDynamicShape(rank, inferred);
    inferred.emplace_back(); // The rank depends on the axes.
    return success();
  }
  llvm::SmallBitVector reduced(rank);
  for (int64_t axis : *axes) {
    std::optional<int64_t> dim = normalizeAxis(axis, rank);
    if (!dim)
      return failure();
    reduced.set(*dim);
  }
  SmallVector<int64_t> shape;
  for (int64_t dim = 0; dim < rank; ++dim) {
    if (!reduced[dim])
      shape.push_back(inputType.getDimSize(dim));
    else if (adaptor.getKeepDims())
      shape.push_back(1);
  }
  inferred.emplace_back(shape);
  return success();
}

LogicalResult MeanOp::verify() {
  int64_t rank = getInput().getType().getRank();
  if (auto axes = getConstantIntValues(getAxis()))
    for (int64_t axis : *axes)
      if (!normalizeAxis(axis, rank))
        return emitOpError("axis ")
               << axis << " is out of range for rank " << rank;
  return verifySameElementKind(*this, getInput(), getOutput(), "result");
}
