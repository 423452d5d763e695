//===- InterfacesTest.cpp - Tests of the quantization interfaces ----------===//
//
// Checks what the mint ops declare through their interfaces and traits:
// the fixed output types TFLite requires, which operand is the weight and
// its channel axis, where the bias is, same-scale ops, fused activations.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::mint;

namespace {

constexpr StringLiteral kModule = R"mlir(
func.func @f(%x: tensor<1x8x8x4xf32>, %w: tensor<6x3x3x4xf32>,
             %dw: tensor<1x3x3x4xf32>, %b: tensor<6xf32>, %b4: tensor<4xf32>,
             %fw: tensor<6x256xf32>, %shape: tensor<4xi32>,
             %tw: tensor<4x2x2x6xf32>, %y: tensor<1x8x8x6xf32>) {
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32}
       : (tensor<1x8x8x4xf32>, tensor<6x3x3x4xf32>, tensor<6xf32>) -> tensor<1x8x8x6xf32>
  %1 = mint.depthwise_conv_2d %x, %dw {padding = #mint.padding<valid>, stride_h = 1 : i32, stride_w = 1 : i32}
       : (tensor<1x8x8x4xf32>, tensor<1x3x3x4xf32>) -> tensor<1x6x6x4xf32>
  %2 = mint.fully_connected %x, %fw, %b : (tensor<1x8x8x4xf32>, tensor<6x256xf32>, tensor<6xf32>) -> tensor<1x6xf32>
  %3 = mint.transpose_conv %shape, %tw, %y, %b4 {padding = #mint.padding<same>, stride_h = 2 : i32, stride_w = 2 : i32}
       : (tensor<4xi32>, tensor<4x2x2x6xf32>, tensor<1x8x8x6xf32>, tensor<4xf32>) -> tensor<1x16x16x4xf32>
  %4 = mint.max_pool_2d %x {padding = #mint.padding<valid>, stride_h = 2 : i32, stride_w = 2 : i32, filter_height = 2 : i32, filter_width = 2 : i32}
       : (tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32>
  %5 = mint.add %x, %x : (tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %6 = mint.logistic %x : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %7 = mint.tanh %x : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %8 = mint.softmax %x {beta = 1.0 : f32} : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %9 = mint.log_softmax %x : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return
}
)mlir";

class InterfacesTest : public ::testing::Test {
protected:
  InterfacesTest() {
    context.loadDialect<MintDialect, func::FuncDialect>();
    module = parseSourceString<ModuleOp>(kModule, &context);
  }

  /// Returns the first op of type OpTy in the test function.
  template <typename OpTy> OpTy find() {
    OpTy found;
    module->walk([&](OpTy op) {
      if (!found)
        found = op;
    });
    return found;
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

TEST_F(InterfacesTest, ModuleParsesAndVerifies) { ASSERT_TRUE(module); }

TEST_F(InterfacesTest, AffineOpsNameWeightsAxesAndBiases) {
  ASSERT_TRUE(module);
  struct Expected {
    Operation *op;
    unsigned input, weight;
    int32_t axis;
    std::optional<unsigned> bias;
  };
  for (const Expected &expected :
       {Expected{find<Conv2DOp>(), 0, 1, 0, 2},
        Expected{find<DepthwiseConv2DOp>(), 0, 1, 3, std::nullopt},
        Expected{find<FullyConnectedOp>(), 0, 1, 0, 2},
        Expected{find<TransposeConvOp>(), 2, 1, 0, 3}}) {
    auto affine = dyn_cast<AffineQuantizedOpInterface>(expected.op);
    ASSERT_TRUE(affine) << expected.op->getName().getStringRef().str();
    EXPECT_EQ(affine.getInputOperandIndex(), expected.input);
    EXPECT_EQ(affine.getWeightOperandIndex(), expected.weight);
    EXPECT_EQ(affine.getWeightChannelAxis(), expected.axis);
    EXPECT_EQ(affine.getBiasOperandIndex(), expected.bias);
    EXPECT_EQ(affine.getWeight(), expected.op->getOperand(expected.weight));
  }
  EXPECT_FALSE(isa<AffineQuantizedOpInterface>(find<AddOp>().getOperation()));
}

TEST_F(InterfacesTest, SameScaleTrait) {
  ASSERT_TRUE(module);
  EXPECT_TRUE(find<MaxPool2DOp>()
                  ->hasTrait<OpTrait::mint::SameOperandsAndResultsScale>());
  EXPECT_FALSE(
      find<Conv2DOp>()->hasTrait<OpTrait::mint::SameOperandsAndResultsScale>());
  EXPECT_FALSE(
      find<AddOp>()->hasTrait<OpTrait::mint::SameOperandsAndResultsScale>());
}

/// Returns (scale, zero point) of a fixed output type, or (0, 0) if none.
static std::pair<double, int64_t> fixedRange(Operation *op, bool isSigned,
                                             unsigned width) {
  auto fixed = cast<FixedOutputRangeOpInterface>(op).getFixedOutputType(
      isSigned, width, Float32Type::get(op->getContext()));
  if (!fixed)
    return {0.0, 0};
  return {fixed.getScale(), fixed.getZeroPoint()};
}

TEST_F(InterfacesTest, FixedOutputRangesFollowTFLite) {
  ASSERT_TRUE(module);
  using Range = std::pair<double, int64_t>;
  Operation *logistic = find<LogisticOp>();
  EXPECT_EQ(fixedRange(logistic, true, 8), Range(1.0 / 256, -128));
  EXPECT_EQ(fixedRange(logistic, false, 8), Range(1.0 / 256, 0));
  EXPECT_EQ(fixedRange(logistic, true, 16), Range(1.0 / 32768, 0));
  EXPECT_EQ(fixedRange(logistic, false, 16), Range(0.0, 0));
  Operation *softmax = find<SoftmaxOp>();
  EXPECT_EQ(fixedRange(softmax, true, 8), Range(1.0 / 256, -128));
  EXPECT_EQ(fixedRange(softmax, true, 16), Range(1.0 / 32768, 0));
  Operation *tanh = find<TanhOp>();
  EXPECT_EQ(fixedRange(tanh, true, 8), Range(1.0 / 128, 0));
  EXPECT_EQ(fixedRange(tanh, false, 8), Range(1.0 / 128, 128));
  EXPECT_EQ(fixedRange(tanh, true, 16), Range(1.0 / 32768, 0));
  Operation *logSoftmax = find<LogSoftmaxOp>();
  EXPECT_EQ(fixedRange(logSoftmax, true, 8), Range(16.0 / 256, 127));
  EXPECT_EQ(fixedRange(logSoftmax, false, 8), Range(16.0 / 256, 255));
  EXPECT_EQ(fixedRange(logSoftmax, true, 16), Range(0.0, 0));
  EXPECT_FALSE(isa<FixedOutputRangeOpInterface>(find<AddOp>().getOperation()));
}

TEST_F(InterfacesTest, FixedOutputTypeHasFullStorageRange) {
  ASSERT_TRUE(module);
  auto fixed =
      cast<FixedOutputRangeOpInterface>(find<LogisticOp>().getOperation())
          .getFixedOutputType(false, 8, Float32Type::get(&context));
  ASSERT_TRUE(fixed);
  EXPECT_FALSE(fixed.isSigned());
  EXPECT_EQ(fixed.getStorageTypeMin(), 0);
  EXPECT_EQ(fixed.getStorageTypeMax(), 255);
}

TEST_F(InterfacesTest, FusedActivationRoundTrips) {
  ASSERT_TRUE(module);
  auto add = cast<FusedActivationOpInterface>(find<AddOp>().getOperation());
  EXPECT_EQ(add.getFusedActivation(), ActivationFunctionType::None);
  add.setFusedActivation(ActivationFunctionType::Relu6);
  EXPECT_EQ(find<AddOp>().getFusedActivationFunction(),
            ActivationFunctionType::Relu6);
  EXPECT_TRUE(isa<FusedActivationOpInterface>(find<Conv2DOp>().getOperation()));
  EXPECT_FALSE(
      isa<FusedActivationOpInterface>(find<LogisticOp>().getOperation()));
}

} // namespace
