//===- OpVersions.cpp - TFLite operator versions --------------------------===//
//
// Versions of the TFLite builtins that mint ops export to, by the features
// each op uses (element types, per-channel and hybrid quantization, options
// such as dilation, half-pixel centers or a fused activation).
//
//===----------------------------------------------------------------------===//

#include "OpVersions.h"
#include "TypeMapping.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::mint;

namespace {
/// An element type as TFLite's versioning rules see it.
enum class Kind { F32, F16, I8, U8, I16, I32, I64, U32, Bool, Other };
} // namespace

/// Returns the kind of the TFLite tensor type `type` exports to. The rules
/// treat 16-bit and 64-bit integers alike whatever their signedness.
static Kind getKind(Type type) {
  std::optional<schema::TensorType> tensorType =
      exportElementType(getElementTypeOrSelf(type));
  if (!tensorType)
    return Kind::Other;
  switch (*tensorType) {
  case schema::TensorType::FLOAT32:
    return Kind::F32;
  case schema::TensorType::FLOAT16:
    return Kind::F16;
  case schema::TensorType::INT8:
    return Kind::I8;
  case schema::TensorType::UINT8:
    return Kind::U8;
  case schema::TensorType::INT16:
  case schema::TensorType::UINT16:
    return Kind::I16;
  case schema::TensorType::INT32:
    return Kind::I32;
  case schema::TensorType::UINT32:
    return Kind::U32;
  case schema::TensorType::INT64:
  case schema::TensorType::UINT64:
    return Kind::I64;
  case schema::TensorType::BOOL:
    return Kind::Bool;
  default:
    return Kind::Other;
  }
}

static bool isQuantizedValue(Value value) {
  return isa<quant::QuantizedType>(getElementTypeOrSelf(value));
}

/// True for a weight quantized per channel with more than one channel.
static bool isPerChannel(Value weight) {
  auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(
      getElementTypeOrSelf(weight));
  return perAxis && perAxis.getScales().size() > 1;
}

static int64_t getRank(Value value) {
  return cast<ShapedType>(value.getType()).getRank();
}

/// True when two operands of different shapes broadcast in more than 4-D.
static bool broadcastsBeyond4D(Value lhs, Value rhs) {
  auto lhsType = cast<ShapedType>(lhs.getType());
  auto rhsType = cast<ShapedType>(rhs.getType());
  return lhsType.getShape() != rhsType.getShape() &&
         std::max(lhsType.getRank(), rhsType.getRank()) > 4;
}

/// Version of an op whose versions are: int16 -> `int16Version` (0: none),
/// int8 -> 2, anything else 1.
static int32_t byActivationType(Value input, int32_t int16Version) {
  Kind kind = getKind(input.getType());
  if (kind == Kind::I16 && int16Version)
    return int16Version;
  return kind == Kind::I8 ? 2 : 1;
}

int32_t mlir::mint::computeOpVersion(Operation *op) {
  return llvm::TypeSwitch<Operation *, int32_t>(op)
      .Case([](Conv2DOp conv) {
        Kind input = getKind(conv.getInput().getType());
        Kind filter = getKind(conv.getFilter().getType());
        Kind output = getKind(conv.getOutput().getType());
        int64_t inChannels = conv.getInput().getType().getDimSize(3);
        int64_t filterChannels = conv.getFilter().getType().getDimSize(3);
        bool int16x8 =
            input == Kind::I16 && filter == Kind::I8 && output == Kind::I16;
        if (int16x8 && conv.getQuantizedBiasType())
          return 8;
        if (inChannels != filterChannels)
          return 6; // grouped
        if (int16x8)
          return 4;
        if (input == Kind::I8 && filter == Kind::I8 && output == Kind::I8)
          return 3;
        if (input == Kind::F32 && filter == Kind::I8 && output == Kind::F32)
          return isPerChannel(conv.getFilter()) ? 5 : 2;
        return 1;
      })
      .Case([](DepthwiseConv2DOp conv) {
        Kind input = getKind(conv.getInput().getType());
        Kind filter = getKind(conv.getFilter().getType());
        Kind output = getKind(conv.getOutput().getType());
        if (input == Kind::I16 && filter == Kind::I8 && output == Kind::I16)
          return 5;
        if (input == Kind::F32 && filter == Kind::I8 && output == Kind::F32)
          return isPerChannel(conv.getFilter()) ? 6 : 4;
        if (input == Kind::I8 && filter == Kind::I8 && output == Kind::I8)
          return 3;
        if (conv.getDilationHFactor() != 1 || conv.getDilationWFactor() != 1)
          return 2;
        return 1;
      })
      .Case([](FullyConnectedOp fc) {
        Kind input = getKind(fc.getInput().getType());
        Kind filter = getKind(fc.getFilter().getType());
        Kind output = getKind(fc.getOutput().getType());
        bool hybrid =
            input == Kind::F32 && filter == Kind::I8 && output == Kind::F32;
        if (hybrid && isPerChannel(fc.getFilter()))
          return 12;
        if (input == Kind::I16 && filter == Kind::I8 && output == Kind::I16 &&
            fc.getQuantizedBiasType())
          return 11;
        if (fc.getFilter().getDefiningOp<SparseConstOp>())
          return 8;
        if (input == Kind::I16 && output == Kind::I16)
          return 7;
        // A missing bias is written as input -1, not as two inputs, so
        // TFLite's version 6 (two inputs) does not apply.
        if (fc.getKeepNumDims())
          return 5;
        if (input == Kind::I8 && filter == Kind::I8 && output == Kind::I8)
          return 4;
        if (hybrid)
          return fc.getAsymmetricQuantizeInputs() ? 9 : 3;
        if (fc.getWeightsFormat() ==
            FullyConnectedWeightsFormat::Shuffled4x16Int8)
          return 2;
        return 1;
      })
      .Case([](TransposeConvOp conv) {
        if (getKind(conv.getInput().getType()) == Kind::I16 &&
            getKind(conv.getWeights().getType()) == Kind::I8 &&
            getKind(conv.getOutput().getType()) == Kind::I16 &&
            conv.getQuantizedBiasType())
          return 5;
        if (conv.getFusedActivationFunction() != ActivationFunctionType::None)
          return 4;
        if (conv.getBias())
          return 3;
        return getKind(conv.getWeights().getType()) == Kind::I8 ? 2 : 1;
      })
      .Case<AveragePool2DOp, MaxPool2DOp>([](Operation *pool) {
        Kind input = getKind(pool->getOperand(0).getType());
        Kind output = getKind(pool->getResult(0).getType());
        if (input == Kind::I16 && output == Kind::I16)
          return 3;
        return input == Kind::I8 ? 2 : 1;
      })
      .Case([](AddOp add) {
        Kind input = getKind(add.getLhs().getType());
        if (input == Kind::I16 && !isQuantizedValue(add.getLhs()))
          return 5;
        if (input == Kind::I64)
          return 4;
        if (input == Kind::I16 && !add.getPotScaleInt16())
          return 3;
        return input == Kind::I8 ? 2 : 1;
      })
      .Case([](SubOp sub) {
        Kind input = getKind(sub.getLhs().getType());
        if (input == Kind::I16 && !sub.getPotScaleInt16())
          return 5;
        if (input == Kind::I64)
          return 4;
        if (broadcastsBeyond4D(sub.getLhs(), sub.getRhs()))
          return 3;
        return input == Kind::I8 ? 2 : 1;
      })
      .Case([](MulOp mul) {
        Kind input = getKind(mul.getLhs().getType());
        if ((input == Kind::I16 && !isQuantizedValue(mul.getLhs())) ||
            input == Kind::U32)
          return 7;
        if (input == Kind::I64)
          return 5;
        if (input == Kind::I16)
          return 4;
        auto lhs = dyn_cast<quant::UniformQuantizedType>(
            getElementTypeOrSelf(mul.getLhs()));
        auto rhs = dyn_cast<quant::UniformQuantizedType>(
            getElementTypeOrSelf(mul.getRhs()));
        auto out = dyn_cast<quant::UniformQuantizedType>(
            getElementTypeOrSelf(mul.getOutput()));
        if (lhs && rhs && out &&
            lhs.getScale() * rhs.getScale() / out.getScale() >= 1.0)
          return 3;
        return input == Kind::I8 ? 2 : 1;
      })
      .Case([](DivOp div) {
        return broadcastsBeyond4D(div.getLhs(), div.getRhs()) ? 2 : 1;
      })
      .Case<MaximumOp, MinimumOp>([](Operation *select) {
        Value lhs = select->getOperand(0), rhs = select->getOperand(1);
        Kind input = getKind(lhs.getType());
        if (input == Kind::I16 &&
            getKind(select->getResult(0).getType()) == Kind::I16)
          return 4;
        if (broadcastsBeyond4D(lhs, rhs))
          return 3;
        return input == Kind::I8 ? 2 : 1;
      })
      .Case([](ReluOp relu) {
        Kind input = getKind(relu.getInput().getType());
        if (input == Kind::I16)
          return 3;
        return input == Kind::I8 || input == Kind::U8 ? 2 : 1;
      })
      .Case<Relu6Op, SoftmaxOp, MeanOp>(
          [](Operation *op) { return byActivationType(op->getOperand(0), 3); })
      .Case<LogisticOp, TanhOp>([](Operation *op) {
        Kind input = getKind(op->getOperand(0).getType());
        if (input == Kind::I16 &&
            getKind(op->getResult(0).getType()) == Kind::I16)
          return 3;
        return input == Kind::I8 ? 2 : 1;
      })
      .Case<LogSoftmaxOp, SpaceToDepthOp, DepthToSpaceOp>(
          [](Operation *op) { return byActivationType(op->getOperand(0), 0); })
      .Case([](LeakyReluOp relu) {
        return getKind(relu.getInput().getType()) == Kind::I16 ? 2 : 1;
      })
      .Case([](ConcatenationOp concat) {
        Kind input = getKind(concat.getValues().front().getType());
        if (input == Kind::U32)
          return 4;
        return byActivationType(concat.getValues().front(), 3);
      })
      .Case<PadOp, PadV2Op>([](Operation *pad) {
        if (getRank(pad->getOperand(0)) > 4)
          return 4;
        return byActivationType(pad->getOperand(0), 3);
      })
      .Case([](GatherOp gather) {
        Kind params = getKind(gather.getParams().getType());
        if (gather.getBatchDims() != 0)
          return 5;
        if (params == Kind::I16)
          return 4;
        if (params == Kind::Bool)
          return 3;
        return params == Kind::I8 ? 2 : 1;
      })
      .Case([](TransposeOp transpose) {
        Kind input = getKind(transpose.getInput().getType());
        int64_t rank = getRank(transpose.getInput());
        if (rank > 5)
          return 6;
        if (input == Kind::I16)
          return 5;
        if (rank > 4)
          return 4;
        if (input == Kind::Bool)
          return 3;
        return input == Kind::I8 ? 2 : 1;
      })
      .Case([](SliceOp slice) {
        Kind input = getKind(slice.getInput().getType());
        if (input == Kind::U32)
          return 6;
        if (getRank(slice.getInput()) > 4)
          return 5;
        if (input == Kind::I16)
          return 4;
        return input == Kind::I8 ? 2 : 1;
      })
      .Case([](StridedSliceOp slice) {
        Kind input = getKind(slice.getInput().getType());
        if (slice.getOffset())
          return 8;
        if (input == Kind::U32)
          return 7;
        if (slice.getEllipsisMask() != 0 || slice.getNewAxisMask() != 0)
          return 6;
        if (getRank(slice.getInput()) > 4)
          return 4;
        if (input == Kind::Bool)
          return 3;
        return input == Kind::I8 ? 2 : 1;
      })
      .Case([](ResizeBilinearOp resize) {
        Kind input = getKind(resize.getInput().getType());
        if (input == Kind::I16)
          return 4;
        if (resize.getHalfPixelCenters())
          return 3;
        return input == Kind::I8 ? 2 : 1;
      })
      .Case([](ResizeNearestNeighborOp resize) {
        Kind input = getKind(resize.getInput().getType());
        if (input == Kind::I16)
          return 4;
        if (resize.getHalfPixelCenters() || resize.getAlignCorners())
          return 3;
        return input == Kind::I8 ? 2 : 1;
      })
      .Case([](DequantizeOp dequantize) {
        Kind input = getKind(dequantize.getInput().getType());
        if (input == Kind::I16 || input == Kind::F16)
          return 3;
        if (input == Kind::I8)
          return isPerChannel(dequantize.getInput()) ? 5 : 2;
        return 1;
      })
      .Case([](QuantizeOp quantize) {
        if (isPerChannel(quantize.getOutput()))
          return 3;
        return getKind(quantize.getOutput().getType()) == Kind::I16 ? 2 : 1;
      })
      .Case([](FakeQuantOp fakeQuant) {
        return fakeQuant.getNarrowRange() ? 2 : 1;
      })
      .Default([](Operation *) { return 1; });
}
