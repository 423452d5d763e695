//===- Images.h - Image files as model inputs -------------------*- C++ -*-===//
//
// Decodes PNG and JPEG files (Debian's libstb), resizes them to a model's
// NHWC input and maps each 8-bit value p to p * scale + offset, so that a
// folder of photographs can serve as calibration or evaluation data.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_RUNTIME_IMAGES_H
#define MINT_RUNTIME_IMAGES_H

#include "mint/Runtime/Npy.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace mlir::mint {

/// How 8-bit image values become model input values: p * scale + offset.
struct ImagePreprocessing {
  double scale = 1.0 / 255.0;
  double offset = 0.0;
};

/// True if `path` names an image file this loader reads (.png, .jpg,
/// .jpeg, .bmp; any case).
bool isImageFile(llvm::StringRef path);

/// Reads the image at `path` as one sample of `spec`, a float32 input of
/// shape [1, H, W, C] with C = 1 (gray), 3 (RGB) or 4 (RGBA): decoded,
/// resized to H x W (filtered, so that large photographs do not alias),
/// mapped by `preprocessing`.
llvm::Expected<NpyArray> readImageSample(llvm::StringRef path,
                                         const TensorSpec &spec,
                                         const ImagePreprocessing &preprocessing);

} // namespace mlir::mint

#endif // MINT_RUNTIME_IMAGES_H
