//===- OpsCommand.cpp - `mint ops` ----------------------------------------===//
//
// Lists the TFLite operators that the mint dialect models, with the
// quantization behaviour each op declares (read from the ops' interfaces
// and traits, the same declarations the quantizer reads).
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using namespace mlir;
using namespace mlir::mint::driver;

namespace {
/// What `mint ops` reports about one op.
struct OpEntry {
  std::string tfliteName;
  std::string mlirName;
  SmallVector<std::string> behaviour;
};
} // namespace

/// TFLite's operator name for a mint op: its mnemonic in upper case.
static std::string getTFLiteName(StringRef mnemonic) {
  if (mnemonic == "const")
    return "(buffer)";
  if (mnemonic == "sparse_const")
    return "(sparse buffer)";
  if (mnemonic == "no_value")
    return "(omitted input)";
  return mnemonic.upper();
}

static SmallVector<std::string> describeBehaviour(RegisteredOperationName op) {
  SmallVector<std::string> behaviour;
  if (op.hasInterface<mint::AffineQuantizedOpInterface>())
    behaviour.push_back("per-channel weights, bias scale = input x weight");
  if (op.hasTrait<OpTrait::mint::SameOperandsAndResultsScale>())
    behaviour.push_back("same scale in and out");
  if (op.hasInterface<mint::FixedOutputRangeOpInterface>())
    behaviour.push_back("fixed output range");
  if (op.hasInterface<mint::FusedActivationOpInterface>())
    behaviour.push_back("fused activation");
  return behaviour;
}

int mlir::mint::driver::runOpsCommand(const OpsOptions &options,
                                      llvm::raw_ostream &os) {
  MLIRContext context;
  context.loadDialect<mint::MintDialect>();
  SmallVector<OpEntry> entries;
  for (RegisteredOperationName op : context.getRegisteredOperations()) {
    if (op.getDialectNamespace() != mint::MintDialect::getDialectNamespace())
      continue;
    StringRef mnemonic = op.stripDialect();
    entries.push_back({getTFLiteName(mnemonic), op.getStringRef().str(),
                       describeBehaviour(op)});
  }
  llvm::sort(entries, [](const OpEntry &lhs, const OpEntry &rhs) {
    return lhs.mlirName < rhs.mlirName;
  });

  if (options.json) {
    llvm::json::Array array;
    for (const OpEntry &entry : entries) {
      llvm::json::Array behaviour;
      for (const std::string &item : entry.behaviour)
        behaviour.push_back(item);
      array.push_back(
          llvm::json::Object{{"tflite", entry.tfliteName},
                             {"op", entry.mlirName},
                             {"quantization", std::move(behaviour)}});
    }
    os << llvm::formatv("{0:2}", llvm::json::Value(std::move(array))) << "\n";
    return 0;
  }
  os << llvm::formatv("{0,-26}{1,-30}{2}\n", "TFLite operator", "mint op",
                      "quantization behaviour");
  for (const OpEntry &entry : entries)
    os << llvm::formatv("{0,-26}{1,-30}{2}\n", entry.tfliteName, entry.mlirName,
                        llvm::join(entry.behaviour, "; "));
  os << entries.size() << " ops\n";
  return 0;
}
