//===- CompiledModelTest.cpp - Tests of the host runtime API --------------===//
//
// Compiles small mint modules with CompiledModel::create and runs them on
// caller-owned buffers: results against values computed here by hand, many
// runs of one compilation, the input/output descriptions, and the errors
// of create() and run().
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/CompiledModel.h"

#include "mint/Dialect/Mint/IR/MintDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "gtest/gtest.h"

#include <vector>

using namespace mlir;
using namespace mlir::mint;

namespace {

class CompiledModelTest : public ::testing::Test {
protected:
  CompiledModelTest() {
    context.loadDialect<MintDialect, func::FuncDialect>();
    context.getDiagEngine().registerHandler([this](Diagnostic &diag) {
      diagnostics += diag.str() + "\n";
      return success();
    });
  }

  OwningOpRef<ModuleOp> parse(llvm::StringRef source) {
    return parseSourceString<ModuleOp>(source, &context);
  }

  MLIRContext context;
  std::string diagnostics;
};

constexpr llvm::StringLiteral kConvModel = R"mlir(
func.func @main(%x: tensor<1x4x4x2xf32> loc("image")) -> tensor<1x4x4x3xf32> {
  %w = mint.const dense<[[[[1.0, 0.0]]], [[[0.0, 1.0]]], [[[1.0, -1.0]]]]> : tensor<3x1x1x2xf32>
  %b = mint.const dense<[0.5, 0.0, -0.5]> : tensor<3xf32>
  %0 = mint.conv_2d %x, %w, %b {padding = #mint.padding<same>, stride_h = 1 : i32, stride_w = 1 : i32, fused_activation_function = #mint.activation<relu>} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32> loc("features")
  return %0 : tensor<1x4x4x3xf32>
}
)mlir";

TEST_F(CompiledModelTest, RunsOnCallerBuffersManyTimes) {
  OwningOpRef<ModuleOp> module = parse(kConvModel);
  ASSERT_TRUE(module);
  FailureOr<std::unique_ptr<CompiledModel>> model =
      CompiledModel::create(*module);
  ASSERT_TRUE(succeeded(model)) << diagnostics;

  ASSERT_EQ((*model)->getInputs().size(), 1u);
  const TensorSpec &input = (*model)->getInputs()[0];
  EXPECT_EQ(input.name, "image");
  EXPECT_EQ(input.kind, ElementKind::F32);
  EXPECT_EQ(input.shape, llvm::SmallVector<int64_t>({1, 4, 4, 2}));
  ASSERT_EQ((*model)->getOutputs().size(), 1u);
  EXPECT_EQ((*model)->getOutputs()[0].name, "features");
  EXPECT_EQ((*model)->getOutputs()[0].getByteSize(), 48u * sizeof(float));
  EXPECT_GT((*model)->getCompileSeconds(), 0.0);

  for (float shift : {0.0f, 3.0f}) {
    std::vector<float> in(32), out(48, -1.0f);
    for (int i = 0; i < 32; ++i)
      in[i] = static_cast<float>(i % 7) - 3.0f + shift;
    ASSERT_FALSE(static_cast<bool>(
        (*model)->run({in.data()}, {static_cast<void *>(out.data())})));
    for (int pixel = 0; pixel < 16; ++pixel) {
      float a = in[2 * pixel], b = in[2 * pixel + 1];
      EXPECT_EQ(out[3 * pixel + 0], std::max(a + 0.5f, 0.0f));
      EXPECT_EQ(out[3 * pixel + 1], std::max(b, 0.0f));
      EXPECT_EQ(out[3 * pixel + 2], std::max(a - b - 0.5f, 0.0f));
    }
  }
}

TEST_F(CompiledModelTest, RunChecksBufferCounts) {
  OwningOpRef<ModuleOp> module = parse(kConvModel);
  ASSERT_TRUE(module);
  FailureOr<std::unique_ptr<CompiledModel>> model =
      CompiledModel::create(*module);
  ASSERT_TRUE(succeeded(model)) << diagnostics;
  llvm::Error error = (*model)->run({}, {});
  ASSERT_TRUE(static_cast<bool>(error));
  EXPECT_EQ(llvm::toString(std::move(error)),
            "the model takes 1 inputs and 1 outputs, got 0 and 0");
}

TEST_F(CompiledModelTest, RunsOpenDimensionsAsOne) {
  // TensorFlow's converter leaves a Keras model's batch open; the model
  // runs with it 1, as TFLite allocates it by default.
  OwningOpRef<ModuleOp> dynamic = parse(R"mlir(
func.func @main(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = mint.relu %x : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
)mlir");
  ASSERT_TRUE(dynamic);
  FailureOr<std::unique_ptr<CompiledModel>> model =
      CompiledModel::create(*dynamic);
  ASSERT_TRUE(succeeded(model)) << diagnostics;
  ASSERT_EQ((*model)->getInputs().size(), 1u);
  EXPECT_EQ((*model)->getInputs()[0].shape, SmallVector<int64_t>({1, 4}));
  EXPECT_EQ((*model)->getOutputs()[0].shape, SmallVector<int64_t>({1, 4}));
  std::vector<float> in = {-1.0f, 2.0f, -3.0f, 4.0f}, out(4);
  llvm::Error error = (*model)->run({in.data()}, {out.data()});
  ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
  EXPECT_EQ(out, std::vector<float>({0.0f, 2.0f, 0.0f, 4.0f}));
}

TEST_F(CompiledModelTest, ReportsWhatItCannotCompile) {
  OwningOpRef<ModuleOp> unranked = parse(R"mlir(
func.func @main(%x: tensor<*xf32>) -> tensor<*xf32> {
  return %x : tensor<*xf32>
}
)mlir");
  ASSERT_TRUE(unranked);
  EXPECT_TRUE(failed(CompiledModel::create(*unranked)));
  EXPECT_NE(diagnostics.find("must be a statically shaped tensor"),
            std::string::npos)
      << diagnostics;

  diagnostics.clear();
  OwningOpRef<ModuleOp> empty = parse("module {}");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(failed(CompiledModel::create(*empty)));
  EXPECT_NE(diagnostics.find("no function to compile"), std::string::npos)
      << diagnostics;
}

} // namespace
