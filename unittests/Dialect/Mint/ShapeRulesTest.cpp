//===- ShapeRulesTest.cpp - Tests of TFLite's shape rules -----------------===//
//
// Checks the windowed output sizes and padding amounts against sizes worked
// out by hand from TFLite's definitions, and the element-kind and
// constant-reading helpers.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/ShapeRules.h"
#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::mint;

namespace {

TEST(ShapeRulesTest, SamePaddingRoundsUp) {
  EXPECT_EQ(computeWindowOutputSize(Padding::Same, 224, 3, 2), 112);
  EXPECT_EQ(computeWindowOutputSize(Padding::Same, 7, 3, 2), 4);
  EXPECT_EQ(computeWindowOutputSize(Padding::Same, 5, 5, 1), 5);
  // SAME ignores the filter size and dilation.
  EXPECT_EQ(computeWindowOutputSize(Padding::Same, 9, 3, 3, 4), 3);
}

TEST(ShapeRulesTest, ValidPaddingKeepsWholeWindows) {
  EXPECT_EQ(computeWindowOutputSize(Padding::Valid, 7, 7, 1), 1);
  EXPECT_EQ(computeWindowOutputSize(Padding::Valid, 224, 3, 2), 111);
  // Dilation 2 makes a 3-tap filter span 5 inputs.
  EXPECT_EQ(computeWindowOutputSize(Padding::Valid, 8, 3, 1, 2), 4);
  // A window larger than the input produces nothing.
  EXPECT_EQ(computeWindowOutputSize(Padding::Valid, 2, 3, 1), 0);
}

TEST(ShapeRulesTest, DynamicSizesStayDynamic) {
  EXPECT_TRUE(ShapedType::isDynamic(
      computeWindowOutputSize(Padding::Same, ShapedType::kDynamic, 3, 2)));
  EXPECT_TRUE(ShapedType::isDynamic(
      computeWindowOutputSize(Padding::Valid, 8, ShapedType::kDynamic, 1)));
}

TEST(ShapeRulesTest, PaddingBeforeTakesTheSmallerHalf) {
  // 224 -> 112 with a 3x3 stride-2 window needs one padded element in all;
  // TFLite puts the odd one after.
  EXPECT_EQ(computePaddingBefore(Padding::Same, 224, 3, 2, 1, 112), 0);
  EXPECT_EQ(computePaddingBefore(Padding::Same, 5, 3, 1, 1, 5), 1);
  EXPECT_EQ(computePaddingBefore(Padding::Same, 6, 4, 2, 1, 3), 1);
  EXPECT_EQ(computePaddingBefore(Padding::Same, 5, 3, 1, 2, 5), 2);
  EXPECT_EQ(computePaddingBefore(Padding::Valid, 5, 3, 1, 1, 3), 0);
}

class ShapeRulesIRTest : public ::testing::Test {
protected:
  ShapeRulesIRTest() { context.loadDialect<MintDialect, func::FuncDialect>(); }

  Type parse(StringRef text) { return parseType(text, &context); }

  MLIRContext context;
};

TEST_F(ShapeRulesIRTest, ElementKinds) {
  Type i8a = parse("tensor<4x!quant.uniform<i8:f32, 0.5:-3>>");
  Type i8b = parse("tensor<2x!quant.uniform<i8:f32, 0.25>>");
  Type u8 = parse("tensor<4x!quant.uniform<u8:f32, 0.5:128>>");
  Type f32 = parse("tensor<4xf32>");
  Type f16 = parse("tensor<4xf16>");
  EXPECT_TRUE(haveSameElementKind(i8a, i8b));
  EXPECT_FALSE(haveSameElementKind(i8a, u8));
  EXPECT_FALSE(haveSameElementKind(f32, f16));
  EXPECT_FALSE(haveSameElementKind(f32, i8a));
  EXPECT_TRUE(isQuantized(u8));
  EXPECT_FALSE(isQuantized(f32));
  EXPECT_EQ(getStorageType(u8), IntegerType::get(&context, 8));
  EXPECT_EQ(getStorageType(f16), Float16Type::get(&context));
}

TEST_F(ShapeRulesIRTest, ReadsConstantIntegers) {
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(
      R"mlir(
    func.func @f(%arg0: tensor<2xi32>) -> (tensor<3xi32>, tensor<2xi32>) {
      %0 = mint.const dense<[7, -1, 3]> : tensor<3xi32>
      return %0, %arg0 : tensor<3xi32>, tensor<2xi32>
    }
  )mlir",
      &context);
  ASSERT_TRUE(module);
  auto func = cast<func::FuncOp>(module->getBody()->front());
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  auto values = getConstantIntValues(ret.getOperand(0));
  ASSERT_TRUE(values.has_value());
  EXPECT_EQ(*values, (SmallVector<int64_t>{7, -1, 3}));
  EXPECT_FALSE(getConstantIntValues(ret.getOperand(1)).has_value());
}

} // namespace
