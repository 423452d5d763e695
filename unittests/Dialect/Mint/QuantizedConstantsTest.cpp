//===- QuantizedConstantsTest.cpp - Tests of constant (de)quantization ----===//
//
// Checks quantizeConstant / dequantizeConstant against values worked out by
// hand with TFLite's reference arithmetic: round half away from zero,
// clamping to the storage range, per-axis parameters, unsigned storage.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/IR/QuantizedConstants.h"
#include "mint/Dialect/Mint/IR/MintDialect.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::mint;

namespace {

class QuantizedConstantsTest : public ::testing::Test {
protected:
  QuantizedConstantsTest() { context.loadDialect<MintDialect>(); }

  RankedTensorType parseTensor(StringRef text) {
    return cast<RankedTensorType>(parseType(text, &context));
  }

  DenseFPElementsAttr floats(ArrayRef<int64_t> shape, ArrayRef<float> values) {
    auto type = RankedTensorType::get(shape, Float32Type::get(&context));
    return cast<DenseFPElementsAttr>(DenseElementsAttr::get(type, values));
  }

  static SmallVector<int64_t> storedValues(DenseElementsAttr attr) {
    SmallVector<int64_t> values;
    for (const APInt &value : attr.getValues<APInt>())
      values.push_back(value.getSExtValue());
    return values;
  }

  static SmallVector<float> floatValues(DenseElementsAttr attr) {
    return llvm::to_vector(attr.getValues<float>());
  }

  MLIRContext context;
};

TEST_F(QuantizedConstantsTest, QuantizesPerTensorRoundingHalfAwayFromZero) {
  auto type = parseTensor("tensor<7x!quant.uniform<i8:f32, 0.5:-3>>");
  DenseElementsAttr stored = quantizeConstant(
      floats({7}, {0.0f, 0.25f, -0.25f, 0.75f, 3.0f, 100.0f, -100.0f}), type);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored.getElementType(), IntegerType::get(&context, 8));
  // x / 0.5 = 0, 0.5, -0.5, 1.5, 6, 200, -200; rounded half away from zero,
  // plus -3, clamped to [-128, 127].
  EXPECT_EQ(storedValues(stored),
            (SmallVector<int64_t>{-3, -2, -4, -1, 3, 127, -128}));
}

TEST_F(QuantizedConstantsTest, QuantizesPerAxis) {
  auto type =
      parseTensor("tensor<2x3x!quant.uniform<i8:f32:1, {1.0, 2.0, 4.0}>>");
  DenseElementsAttr stored =
      quantizeConstant(floats({2, 3}, {4, 4, 4, -8, 8, 1}), type);
  ASSERT_TRUE(stored);
  // Column c is divided by scale c: 1/4 = 0.25 rounds to 0.
  EXPECT_EQ(storedValues(stored), (SmallVector<int64_t>{4, 2, 1, -8, 4, 0}));
}

TEST_F(QuantizedConstantsTest, QuantizesSplats) {
  auto type = parseTensor("tensor<2x2x!quant.uniform<i8:f32, 0.25>>");
  auto splat = cast<DenseFPElementsAttr>(DenseElementsAttr::get(
      RankedTensorType::get({2, 2}, Float32Type::get(&context)), 1.0f));
  DenseElementsAttr stored = quantizeConstant(splat, type);
  ASSERT_TRUE(stored);
  EXPECT_TRUE(stored.isSplat());
  EXPECT_EQ(stored.getSplatValue<APInt>().getSExtValue(), 4);
}

TEST_F(QuantizedConstantsTest, DequantizesUnsignedStorage) {
  auto type = parseTensor("tensor<3x!quant.uniform<u8:f32, 0.5:10>>");
  auto storageType = RankedTensorType::get({3}, IntegerType::get(&context, 8));
  auto stored = cast<DenseIntElementsAttr>(DenseElementsAttr::get(
      storageType, ArrayRef<APInt>{APInt(8, 0), APInt(8, 10), APInt(8, 255)}));
  DenseElementsAttr reals =
      dequantizeConstant(stored, type, Float32Type::get(&context));
  ASSERT_TRUE(reals);
  // (q - 10) * 0.5 with q read as unsigned.
  EXPECT_EQ(floatValues(reals), (SmallVector<float>{-5.0f, 0.0f, 122.5f}));
}

TEST_F(QuantizedConstantsTest, DequantizesPerAxisToHalf) {
  auto type =
      parseTensor("tensor<2x2x!quant.uniform<i8:f32:0, {0.5:1, 0.25:-2}>>");
  auto storageType =
      RankedTensorType::get({2, 2}, IntegerType::get(&context, 8));
  auto stored = cast<DenseIntElementsAttr>(
      DenseElementsAttr::get(storageType, ArrayRef<int8_t>{3, -1, 2, -2}));
  DenseElementsAttr reals =
      dequantizeConstant(stored, type, Float16Type::get(&context));
  ASSERT_TRUE(reals);
  EXPECT_TRUE(reals.getElementType().isF16());
  SmallVector<float> values;
  for (APFloat value : reals.getValues<APFloat>()) {
    bool losesInfo = false;
    value.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
    values.push_back(value.convertToFloat());
  }
  // Row 0: (q - 1) * 0.5; row 1: (q + 2) * 0.25.
  EXPECT_EQ(values, (SmallVector<float>{1.0f, -1.0f, 1.0f, 0.0f}));
}

TEST_F(QuantizedConstantsTest, RoundTripsStoredValues) {
  auto type =
      parseTensor("tensor<3x2x!quant.uniform<i8:f32:0, {0.1, 0.02, 0.003}>>");
  auto storageType =
      RankedTensorType::get({3, 2}, IntegerType::get(&context, 8));
  auto stored = cast<DenseIntElementsAttr>(DenseElementsAttr::get(
      storageType, ArrayRef<int8_t>{-128, 127, -1, 0, 55, -77}));
  auto reals = cast<DenseFPElementsAttr>(
      dequantizeConstant(stored, type, Float32Type::get(&context)));
  EXPECT_EQ(storedValues(quantizeConstant(reals, type)), storedValues(stored));
}

TEST_F(QuantizedConstantsTest, RejectsMismatchedTypes) {
  auto type = parseTensor("tensor<4x!quant.uniform<i8:f32, 0.5>>");
  EXPECT_FALSE(quantizeConstant(floats({3}, {1, 2, 3}), type));
  EXPECT_FALSE(quantizeConstant(floats({4}, {1, 2, 3, 4}),
                                parseTensor("tensor<4xf32>")));
  // The per-axis dimension must have one scale per slice.
  EXPECT_FALSE(quantizeConstant(
      floats({2, 2}, {1, 2, 3, 4}),
      parseTensor("tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.5, 0.5}>>")));
}

} // namespace
