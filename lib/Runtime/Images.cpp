//===- Images.cpp - Image files as model inputs ---------------------------===//
//
// Implements Images.h with stb_image (decoding) and stb_image_resize
// (resampling), which Debian's libstb-dev builds into libstb.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Images.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <stb_image.h>
#include <stb_image_resize.h>

#include <memory>

using namespace mlir;
using namespace mlir::mint;

bool mlir::mint::isImageFile(llvm::StringRef path) {
  std::string extension = llvm::sys::path::extension(path).lower();
  return extension == ".png" || extension == ".jpg" || extension == ".jpeg" ||
         extension == ".bmp";
}

llvm::Expected<NpyArray>
mlir::mint::readImageSample(llvm::StringRef path, const TensorSpec &spec,
                            const ImagePreprocessing &preprocessing) {
  auto error = [&](const llvm::Twine &message) {
    return llvm::createStringError(path + ": " + message);
  };
  if (spec.kind != ElementKind::F32 || spec.shape.size() != 4 ||
      spec.shape[0] != 1 ||
      (spec.shape[3] != 1 && spec.shape[3] != 3 && spec.shape[3] != 4))
    return error("images feed a float32 input of shape [1, H, W, C] with C "
                 "1, 3 or 4; model input '" +
                 spec.name + "' is not one");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!file)
    return error("cannot read the file: " + file.getError().message());
  int channels = static_cast<int>(spec.shape[3]);
  int width = 0, height = 0, stored = 0;
  std::unique_ptr<stbi_uc, void (*)(void *)> pixels(
      stbi_load_from_memory(
          reinterpret_cast<const stbi_uc *>((*file)->getBufferStart()),
          static_cast<int>((*file)->getBufferSize()), &width, &height, &stored,
          channels),
      stbi_image_free);
  if (!pixels)
    return error(llvm::Twine("cannot decode the image (") +
                 stbi_failure_reason() + ")");
  int outHeight = static_cast<int>(spec.shape[1]);
  int outWidth = static_cast<int>(spec.shape[2]);
  std::vector<unsigned char> resized(size_t(outHeight) * outWidth * channels);
  if (!stbir_resize_uint8(pixels.get(), width, height, 0, resized.data(),
                          outWidth, outHeight, 0, channels))
    return error("cannot resize the image");
  NpyArray array;
  array.kind = ElementKind::F32;
  array.shape.assign(spec.shape.begin(), spec.shape.end());
  array.data.resize(resized.size() * sizeof(float));
  auto *values = reinterpret_cast<float *>(array.data.data());
  for (size_t i = 0; i < resized.size(); ++i)
    values[i] = static_cast<float>(resized[i] * preprocessing.scale +
                                   preprocessing.offset);
  return array;
}
