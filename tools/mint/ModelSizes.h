//===- ModelSizes.h - What a model's weights weigh --------------*- C++ -*-===//
//
// Size figures the driver's summaries share: parameter bytes per stored
// element type, the size of a file after general-purpose compression, and
// per layer how many of a weight's values are zero and how many distinct
// values it holds (what pruning and clustering change).
//
//===----------------------------------------------------------------------===//

#ifndef MINT_TOOLS_MINT_MODELSIZES_H
#define MINT_TOOLS_MINT_MODELSIZES_H

#include "mlir/IR/BuiltinOps.h"

#include <map>
#include <string>
#include <vector>

namespace mlir::mint::driver {

/// Bytes of constant data per stored element type ("float32", "int8", ...).
std::map<std::string, int64_t> countParameterBytes(ModuleOp module);

/// Parameter bytes as text ("float32 1024 B, int8 12 B") or JSON members.
std::string formatParameterBytes(const std::map<std::string, int64_t> &bytes,
                                 bool json);

/// The size of `bytes` compressed as gzip -9 would store it (DEFLATE at
/// level 9 plus gzip's 18 bytes of header and trailer).
uint64_t getGzipSize(llvm::StringRef bytes);

/// The weight of one convolution or fully connected layer.
struct LayerWeights {
  /// The layer's tensor name and TFLite op ("CONV_2D").
  std::string name, op;
  /// Values, exact zeros and distinct values (bit patterns) of the weight.
  int64_t elements = 0, zeros = 0, distinct = 0;
  /// Bytes per stored value (per index of a palettized weight), and
  /// whether the weight is stored sparsely or as a palette and indices.
  int64_t elementBytes = 0;
  bool sparse = false, palettized = false;
  /// The layer's string attribute `noteAttrName` (e.g. why a pass left it).
  std::string note;
};

/// The weights of the layers of `module` (constant weights, looked up
/// through DEQUANTIZE and DENSIFY, and palettized weights: GATHER of a
/// constant palette by constant indices behind a CAST), in op order, each with
/// its `noteAttrName` attribute when given.
std::vector<LayerWeights> getLayerWeights(ModuleOp module,
                                          llvm::StringRef noteAttrName = {});

} // namespace mlir::mint::driver

#endif // MINT_TOOLS_MINT_MODELSIZES_H
