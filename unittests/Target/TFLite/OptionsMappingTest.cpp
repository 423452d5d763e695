//===- OptionsMappingTest.cpp - mint ops against TFLite option tables -----===//
//
// Checks the one table that ties mint ops to TFLite builtins against the
// op definitions and the schema: every mint op that is a TFLite operator
// has a mapping, names match, and every field of the op's options table is
// an attribute of the op, except the few fields Mint deliberately does not
// model (which import rejects unless they hold their default).
//
//===----------------------------------------------------------------------===//

#include "OptionsMapping.h"
#include "Schema.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringSet.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::mint;

namespace {

/// Fields Mint leaves out of its ops: the bias type of newer converters
/// and the unused new_height/new_width of RESIZE_BILINEAR.
const llvm::StringSet<> kUnmodelledFields = {"quantized_bias_type",
                                             "new_height", "new_width"};

class OptionsMappingTest : public ::testing::Test {
protected:
  OptionsMappingTest() { context.loadDialect<MintDialect>(); }

  std::optional<RegisteredOperationName> lookupOp(StringRef mnemonic) {
    return RegisteredOperationName::lookup(("mint." + mnemonic).str(),
                                           &context);
  }

  MLIRContext context;
};

TEST_F(OptionsMappingTest, EveryOperatorOpHasAMapping) {
  for (RegisteredOperationName op : context.getRegisteredOperations()) {
    if (op.getDialectNamespace() != "mint")
      continue;
    StringRef mnemonic = op.stripDialect();
    if (mnemonic == "const" || mnemonic == "sparse_const" ||
        mnemonic == "custom" || mnemonic == "no_value")
      continue;
    EXPECT_TRUE(lookupBuiltinByMnemonic(mnemonic).has_value())
        << "mint." << mnemonic.str() << " has no TFLite builtin";
  }
}

TEST_F(OptionsMappingTest, MappingsNameRealOpsAndBuiltins) {
  for (const BuiltinMapping &mapping : getBuiltinMappings()) {
    EXPECT_TRUE(lookupOp(mapping.mnemonic).has_value())
        << mapping.mnemonic.str();
    // The mnemonic is the builtin's name in lower case.
    EXPECT_EQ(getBuiltinName(static_cast<int32_t>(mapping.code)).lower(),
              mapping.mnemonic.str());
    std::optional<BuiltinMapping> back =
        lookupBuiltinByCode(static_cast<int32_t>(mapping.code));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->mnemonic, mapping.mnemonic);
  }
}

TEST_F(OptionsMappingTest, OptionFieldsAreOpAttributes) {
  for (const BuiltinMapping &mapping : getBuiltinMappings()) {
    if (mapping.options == schema::BuiltinOptions::NONE)
      continue;
    std::optional<RegisteredOperationName> op = lookupOp(mapping.mnemonic);
    ASSERT_TRUE(op.has_value());
    llvm::StringSet<> attributes;
    for (StringAttr name : op->getAttributeNames())
      attributes.insert(name.getValue());
    for (StringRef field : getOptionsFieldNames(mapping.options)) {
      if (kUnmodelledFields.contains(field))
        continue;
      EXPECT_TRUE(attributes.contains(field))
          << "mint." << mapping.mnemonic.str() << " lacks attribute '"
          << field.str() << "' of " << getOptionsName(mapping.options).str();
    }
  }
}

TEST_F(OptionsMappingTest, OptionsNamesResolve) {
  EXPECT_EQ(getOptionsName(schema::BuiltinOptions::Conv2DOptions),
            "Conv2DOptions");
  EXPECT_EQ(lookupOptionsByName("Pool2DOptions"),
            schema::BuiltinOptions::Pool2DOptions);
  EXPECT_FALSE(lookupOptionsByName("NoSuchOptions").has_value());
  SmallVector<StringRef> fields =
      getOptionsFieldNames(schema::BuiltinOptions::Conv2DOptions);
  // In the schema's field order.
  EXPECT_EQ(fields.front(), "padding");
  EXPECT_EQ(fields.back(), "quantized_bias_type");
}

TEST_F(OptionsMappingTest, BuiltinCodesResolveBothForms) {
  flatbuffers::FlatBufferBuilder builder;
  // Old form: the code only in deprecated_builtin_code.
  auto old = schema::CreateOperatorCode(builder, /*deprecated=*/3);
  builder.Finish(old);
  EXPECT_EQ(getBuiltinCode(*flatbuffers::GetRoot<schema::OperatorCode>(
                builder.GetBufferPointer())),
            3);
  // New form: codes of 127 and above use the placeholder.
  flatbuffers::FlatBufferBuilder newBuilder;
  auto fresh = schema::CreateOperatorCode(newBuilder, 127, 0, 1,
                                          schema::BuiltinOperator::CUMSUM);
  newBuilder.Finish(fresh);
  EXPECT_EQ(getBuiltinCode(*flatbuffers::GetRoot<schema::OperatorCode>(
                newBuilder.GetBufferPointer())),
            static_cast<int32_t>(schema::BuiltinOperator::CUMSUM));
}

} // namespace
