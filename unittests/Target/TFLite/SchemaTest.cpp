//===- SchemaTest.cpp - Helpers shared by TFLite import and export --------===//
//
// readScalars must read the elements of a vector of 8-byte scalars that a
// crafted file places at an address that is 4 mod 8 (the flatbuffer verifier
// only checks that a vector's length is 4-byte aligned).
//
//===----------------------------------------------------------------------===//

#include "Schema.h"

#include "gtest/gtest.h"

#include <cstring>

using namespace mlir::mint;

namespace {

TEST(SchemaTest, ReadScalarsReadsMisalignedElements) {
  // A flatbuffer vector: a little-endian uint32 length, then the elements.
  // With the length at an 8-aligned address the int64 elements start at an
  // address that is 4 mod 8.
  alignas(8) uint8_t storage[4 + 3 * 8] = {};
  const int64_t values[] = {-3, int64_t(1) << 40, 127};
  const uint32_t length = 3;
  std::memcpy(storage, &length, sizeof(length));
  for (int i = 0; i < 3; ++i)
    for (int byte = 0; byte < 8; ++byte)
      storage[4 + 8 * i + byte] = uint8_t(uint64_t(values[i]) >> (8 * byte));
  const auto *vector =
      reinterpret_cast<const flatbuffers::Vector<int64_t> *>(storage);
  ASSERT_EQ(reinterpret_cast<uintptr_t>(vector->Data()) % 8, 4u);

  llvm::SmallVector<int64_t> read = readScalars(vector);
  ASSERT_EQ(read.size(), 3u);
  EXPECT_EQ(read[0], -3);
  EXPECT_EQ(read[1], int64_t(1) << 40);
  EXPECT_EQ(read[2], 127);
}

TEST(SchemaTest, ReadScalarsOfAbsentVectorIsEmpty) {
  EXPECT_TRUE(readScalars<float>(nullptr).empty());
}

} // namespace
