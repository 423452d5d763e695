//===- Schema.cpp - TFLite schema helpers and the builtin table -----------===//
//
// Operator-code resolution, the embedded reflection schema, and the one
// table that says which TFLite builtin each mint op is and which options
// table it writes. The fields of the options tables map to the op's
// attributes by name (OptionsMapping.cpp); nothing else is per op.
//
//===----------------------------------------------------------------------===//

#include "Schema.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::mint;

using Op = schema::BuiltinOperator;
using Options = schema::BuiltinOptions;

/// mint op mnemonic, TFLite builtin, options table written on export.
static const BuiltinMapping kBuiltinMappings[] = {
    {"add", Op::ADD, Options::AddOptions},
    {"average_pool_2d", Op::AVERAGE_POOL_2D, Options::Pool2DOptions},
    {"cast", Op::CAST, Options::CastOptions},
    {"concatenation", Op::CONCATENATION, Options::ConcatenationOptions},
    {"conv_2d", Op::CONV_2D, Options::Conv2DOptions},
    {"densify", Op::DENSIFY, Options::NONE},
    {"depth_to_space", Op::DEPTH_TO_SPACE, Options::DepthToSpaceOptions},
    {"depthwise_conv_2d", Op::DEPTHWISE_CONV_2D,
     Options::DepthwiseConv2DOptions},
    {"dequantize", Op::DEQUANTIZE, Options::NONE},
    {"div", Op::DIV, Options::DivOptions},
    {"fake_quant", Op::FAKE_QUANT, Options::FakeQuantOptions},
    {"fully_connected", Op::FULLY_CONNECTED, Options::FullyConnectedOptions},
    {"gather", Op::GATHER, Options::GatherOptions},
    {"hard_swish", Op::HARD_SWISH, Options::HardSwishOptions},
    {"leaky_relu", Op::LEAKY_RELU, Options::LeakyReluOptions},
    {"log_softmax", Op::LOG_SOFTMAX, Options::LogSoftmaxOptions},
    {"logistic", Op::LOGISTIC, Options::NONE},
    {"max_pool_2d", Op::MAX_POOL_2D, Options::Pool2DOptions},
    {"maximum", Op::MAXIMUM, Options::MaximumMinimumOptions},
    {"mean", Op::MEAN, Options::ReducerOptions},
    {"minimum", Op::MINIMUM, Options::MaximumMinimumOptions},
    {"mul", Op::MUL, Options::MulOptions},
    {"pad", Op::PAD, Options::PadOptions},
    {"padv2", Op::PADV2, Options::PadV2Options},
    {"prelu", Op::PRELU, Options::NONE},
    {"quantize", Op::QUANTIZE, Options::NONE},
    {"relu", Op::RELU, Options::NONE},
    {"relu6", Op::RELU6, Options::NONE},
    {"relu_n1_to_1", Op::RELU_N1_TO_1, Options::NONE},
    {"reshape", Op::RESHAPE, Options::ReshapeOptions},
    {"resize_bilinear", Op::RESIZE_BILINEAR, Options::ResizeBilinearOptions},
    {"resize_nearest_neighbor", Op::RESIZE_NEAREST_NEIGHBOR,
     Options::ResizeNearestNeighborOptions},
    {"slice", Op::SLICE, Options::SliceOptions},
    {"softmax", Op::SOFTMAX, Options::SoftmaxOptions},
    {"space_to_depth", Op::SPACE_TO_DEPTH, Options::SpaceToDepthOptions},
    {"squeeze", Op::SQUEEZE, Options::SqueezeOptions},
    {"strided_slice", Op::STRIDED_SLICE, Options::StridedSliceOptions},
    {"sub", Op::SUB, Options::SubOptions},
    {"tanh", Op::TANH, Options::NONE},
    {"transpose", Op::TRANSPOSE, Options::TransposeOptions},
    {"transpose_conv", Op::TRANSPOSE_CONV, Options::TransposeConvOptions},
};

int32_t mlir::mint::getBuiltinCode(const schema::OperatorCode &code) {
  return std::max(static_cast<int32_t>(code.builtin_code()),
                  static_cast<int32_t>(code.deprecated_builtin_code()));
}

llvm::StringRef mlir::mint::getBuiltinName(int32_t code) {
  if (code < static_cast<int32_t>(Op::MIN) ||
      code > static_cast<int32_t>(Op::MAX))
    return {};
  const char *name = schema::EnumNameBuiltinOperator(static_cast<Op>(code));
  return name ? llvm::StringRef(name) : llvm::StringRef();
}

const reflection::Schema &mlir::mint::getReflectionSchema() {
  static const reflection::Schema *reflectionSchema =
      reflection::GetSchema(schema::ModelBinarySchema::data());
  return *reflectionSchema;
}

std::optional<BuiltinMapping>
mlir::mint::lookupBuiltinByMnemonic(llvm::StringRef mnemonic) {
  for (const BuiltinMapping &mapping : kBuiltinMappings)
    if (mapping.mnemonic == mnemonic)
      return mapping;
  return std::nullopt;
}

std::optional<BuiltinMapping> mlir::mint::lookupBuiltinByCode(int32_t code) {
  for (const BuiltinMapping &mapping : kBuiltinMappings)
    if (static_cast<int32_t>(mapping.code) == code)
      return mapping;
  return std::nullopt;
}

llvm::ArrayRef<BuiltinMapping> mlir::mint::getBuiltinMappings() {
  return kBuiltinMappings;
}
