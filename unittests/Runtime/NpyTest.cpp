//===- NpyTest.cpp - Tests of the .npy reader and writer ------------------===//
//
// Round trips through serializeNpy/parseNpy, the header forms numpy writes
// (versions 1 and 2, '|' and '<' byte orders, 0-d and 1-d shapes), and the
// errors for files Mint must refuse.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Npy.h"

#include "llvm/Support/Error.h"
#include "gtest/gtest.h"

#include <cstring>

using namespace mlir::mint;

namespace {

/// A .npy file with the given header dict (version 1, padded as numpy pads).
std::string makeNpy(llvm::StringRef dict, llvm::StringRef data,
                    int version = 1) {
  std::string header = dict.str();
  size_t prefix = 6 + 2 + (version == 1 ? 2 : 4);
  size_t total = prefix + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  std::string bytes("\x93NUMPY", 6);
  bytes.push_back(static_cast<char>(version));
  bytes.push_back(0);
  size_t length = header.size();
  for (size_t i = 0; i < (version == 1 ? 2u : 4u); ++i)
    bytes.push_back(static_cast<char>((length >> (8 * i)) & 0xff));
  return bytes + header + data.str();
}

std::string errorOf(llvm::StringRef bytes) {
  llvm::Expected<NpyArray> array = parseNpy(bytes, "test.npy");
  EXPECT_FALSE(static_cast<bool>(array));
  return array ? std::string() : llvm::toString(array.takeError());
}

TEST(NpyTest, RoundTripsEveryKind) {
  for (ElementKind kind : {ElementKind::F32, ElementKind::F16, ElementKind::I8,
                           ElementKind::U8, ElementKind::I16, ElementKind::I32,
                           ElementKind::I64, ElementKind::Bool}) {
    NpyArray array;
    array.kind = kind;
    array.shape = {2, 3, 1};
    array.data.resize(6 * getElementKindSize(kind));
    for (size_t i = 0; i < array.data.size(); ++i)
      array.data[i] = static_cast<char>(kind == ElementKind::Bool ? i % 2 : i);
    std::string bytes = serializeNpy(array);
    // numpy requires the data to start at a multiple of 64 bytes.
    EXPECT_EQ((bytes.size() - array.data.size()) % 64, 0u);
    llvm::Expected<NpyArray> parsed = parseNpy(bytes, "roundtrip.npy");
    ASSERT_TRUE(static_cast<bool>(parsed))
        << llvm::toString(parsed.takeError());
    EXPECT_EQ(parsed->kind, kind);
    EXPECT_EQ(parsed->shape, array.shape);
    EXPECT_EQ(parsed->data, array.data);
  }
}

TEST(NpyTest, ReadsNumpyHeaderForms) {
  float values[3] = {1.5f, -2.0f, 0.25f};
  llvm::StringRef data(reinterpret_cast<const char *>(values), sizeof(values));
  llvm::Expected<NpyArray> v1 = parseNpy(
      makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }",
              data),
      "v1.npy");
  ASSERT_TRUE(static_cast<bool>(v1)) << llvm::toString(v1.takeError());
  EXPECT_EQ(v1->shape, llvm::SmallVector<int64_t>({3}));
  float read[3];
  std::memcpy(read, v1->data.data(), sizeof(read));
  EXPECT_EQ(read[1], -2.0f);

  llvm::Expected<NpyArray> v2 = parseNpy(
      makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }",
              data, /*version=*/2),
      "v2.npy");
  ASSERT_TRUE(static_cast<bool>(v2)) << llvm::toString(v2.takeError());
  EXPECT_EQ(v2->shape, llvm::SmallVector<int64_t>({1, 3}));

  llvm::Expected<NpyArray> scalar = parseNpy(
      makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (), }",
              data.take_front(4)),
      "scalar.npy");
  ASSERT_TRUE(static_cast<bool>(scalar)) << llvm::toString(scalar.takeError());
  EXPECT_TRUE(scalar->shape.empty());

  llvm::Expected<NpyArray> bytes = parseNpy(
      makeNpy("{'descr': '|i1', 'fortran_order': False, 'shape': (2,), }",
              "ab"),
      "i8.npy");
  ASSERT_TRUE(static_cast<bool>(bytes)) << llvm::toString(bytes.takeError());
  EXPECT_EQ(bytes->kind, ElementKind::I8);
}

TEST(NpyTest, RefusesWhatItCannotRead) {
  EXPECT_NE(errorOf("PK\x03\x04 zip").find("test.npy: not a .npy file"),
            std::string::npos);
  EXPECT_NE(errorOf(makeNpy("{'descr': '>f4', 'fortran_order': False, "
                            "'shape': (1,), }",
                            "abcd"))
                .find("unsupported dtype '>f4'"),
            std::string::npos);
  EXPECT_NE(errorOf(makeNpy("{'descr': '<f4', 'fortran_order': True, "
                            "'shape': (1,), }",
                            "abcd"))
                .find("Fortran-ordered"),
            std::string::npos);
  EXPECT_NE(errorOf(makeNpy("{'descr': '<f4', 'fortran_order': False, "
                            "'shape': (2,), }",
                            "abcd"))
                .find("expected 8 data bytes for shape (2,), found 4"),
            std::string::npos);
  std::string whole = makeNpy(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", "abcd");
  EXPECT_NE(
      errorOf(llvm::StringRef(whole).take_front(20)).find("truncated header"),
      std::string::npos);
}

} // namespace
