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

using Builtin = schema::BuiltinOperator;
using Options = schema::BuiltinOptions;

/// mint op mnemonic, TFLite builtin, options table written on export.
static const BuiltinMapping kBuiltinMappings[] = {
    {"add", Builtin::ADD, Options::AddOptions},
    {"average_pool_2d", Builtin::AVERAGE_POOL_2D, Options::Pool2DOptions},
    {"cast", Builtin::CAST, Options::CastOptions},
    {"concatenation", Builtin::CONCATENATION, Options::ConcatenationOptions},
    {"conv_2d", Builtin::CONV_2D, Options::Conv2DOptions},
    {"densify", Builtin::DENSIFY, Options::NONE},
    {"depth_to_space", Builtin::DEPTH_TO_SPACE, Options::DepthToSpaceOptions},
    {"depthwise_conv_2d", Builtin::DEPTHWISE_CONV_2D,
     Options::DepthwiseConv2DOptions},
    {"dequantize", Builtin::DEQUANTIZE, Options::NONE},
    {"div", Builtin::DIV, Options::DivOptions},
    {"fake_quant", Builtin::FAKE_QUANT, Options::FakeQuantOptions},
    {"fully_connected", Builtin::FULLY_CONNECTED,
     Options::FullyConnectedOptions},
    {"gather", Builtin::GATHER, Options::GatherOptions},
    {"hard_swish", Builtin::HARD_SWISH, Options::HardSwishOptions},
    {"leaky_relu", Builtin::LEAKY_RELU, Options::LeakyReluOptions},
    {"log_softmax", Builtin::LOG_SOFTMAX, Options::LogSoftmaxOptions},
    {"logistic", Builtin::LOGISTIC, Options::NONE},
    {"max_pool_2d", Builtin::MAX_POOL_2D, Options::Pool2DOptions},
    {"maximum", Builtin::MAXIMUM, Options::MaximumMinimumOptions},
    {"mean", Builtin::MEAN, Options::ReducerOptions},
    {"minimum", Builtin::MINIMUM, Options::MaximumMinimumOptions},
    {"mul", Builtin::MUL, Options::MulOptions},
    {"pad", Builtin::PAD, Options::PadOptions},
    {"padv2", Builtin::PADV2, Options::PadV2Options},
    {"prelu", Builtin::PRELU, Options::NONE},
    {"quantize", Builtin::QUANTIZE, Options::NONE},
    {"relu", Builtin::RELU, Options::NONE},
    {"relu6", Builtin::RELU6, Options::NONE},
    {"relu_n1_to_1", Builtin::RELU_N1_TO_1, Options::NONE},
    {"reshape", Builtin::RESHAPE, Options::ReshapeOptions},
    {"resize_bilinear", Builtin::RESIZE_BILINEAR,
     Options::ResizeBilinearOptions},
    {"resize_nearest_neighbor", Builtin::RESIZE_NEAREST_NEIGHBOR,
     Options::ResizeNearestNeighborOptions},
    {"slice", Builtin::SLICE, Options::SliceOptions},
    {"softmax", Builtin::SOFTMAX, Options::SoftmaxOptions},
    {"space_to_depth", Builtin::SPACE_TO_DEPTH, Options::SpaceToDepthOptions},
    {"squeeze", Builtin::SQUEEZE, Options::SqueezeOptions},
    {"strided_slice", Builtin::STRIDED_SLICE, Options::StridedSliceOptions},
    {"sub", Builtin::SUB, Options::SubOptions},
    {"tanh", Builtin::TANH, Options::NONE},
    {"transpose", Builtin::TRANSPOSE, Options::TransposeOptions},
    {"transpose_conv", Builtin::TRANSPOSE_CONV, Options::TransposeConvOptions},
};

int32_t mlir::mint::getBuiltinCode(const schema::OperatorCode &code) {
  return std::max(static_cast<int32_t>(code.builtin_code()),
                  static_cast<int32_t>(code.deprecated_builtin_code()));
}

llvm::StringRef mlir::mint::getBuiltinName(int32_t code) {
  if (code < static_cast<int32_t>(Builtin::MIN) ||
      code > static_cast<int32_t>(Builtin::MAX))
    return {};
  const char *name =
      schema::EnumNameBuiltinOperator(static_cast<Builtin>(code));
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
