//===- Npy.h - Read and write numpy .npy files ------------------*- C++ -*-===//
//
// Model inputs and outputs travel as numpy .npy files (format versions 1-3,
// little-endian, C order), the format the user's Python code and the TFLite
// oracle speak.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_NPY_H
#define MINT_RUNTIME_NPY_H

#include "mint/Runtime/CompiledModel.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace mlir::mint {

/// An array read from or written to a .npy file.
struct NpyArray {
  ElementKind kind = ElementKind::F32;
  SmallVector<int64_t> shape;
  std::vector<char> data;

  int64_t getNumElements() const;
};

/// Parses .npy bytes; `name` is used in error messages.
llvm::Expected<NpyArray> parseNpy(llvm::StringRef bytes, llvm::StringRef name);

/// Reads a .npy file.
llvm::Expected<NpyArray> readNpy(llvm::StringRef path);

/// Reads the arrays of a .npz file (numpy's zip of .npy files, stored or
/// deflated), in the order of its directory, each named without ".npy".
llvm::Expected<std::vector<std::pair<std::string, NpyArray>>>
readNpz(llvm::StringRef path);

/// Serializes `array` as .npy (format version 1.0).
std::string serializeNpy(const NpyArray &array);

/// Writes `array` to `path` through a temporary file renamed into place, so
/// a failed write never leaves a partial file.
llvm::Error writeNpy(llvm::StringRef path, const NpyArray &array);

} // namespace mlir::mint

#endif // MINT_RUNTIME_NPY_H
