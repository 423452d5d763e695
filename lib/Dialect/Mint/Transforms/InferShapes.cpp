//===- InferShapes.cpp - Refine result shapes -----------------------------===//
//
// Implements `mint-infer-shapes`: dynamic result dimensions of mint ops are
// replaced by the sizes TFLite's shape rules infer, in program order, and
// the results of uncalled functions follow their returns.
//
//===----------------------------------------------------------------------===//

#include "mint/Dialect/Mint/Transforms/Passes.h"

#include "mint/Dialect/Mint/IR/MintOps.h"

#include "mlir/IR/SymbolTable.h"

namespace mlir::mint {
#define GEN_PASS_DEF_INFERSHAPESPASS
#include "mint/Dialect/Mint/Transforms/Passes.h.inc"
} // namespace mlir::mint

using namespace mlir;
using namespace mlir::mint;

/// Combines a declared shape with an inferred one: each dimension takes the
/// static size either side knows. Returns std::nullopt if they conflict.
static std::optional<SmallVector<int64_t>>
meetShapes(ArrayRef<int64_t> declared, ArrayRef<int64_t> inferred) {
  if (declared.size() != inferred.size())
    return std::nullopt;
  SmallVector<int64_t> shape;
  for (auto [lhs, rhs] : llvm::zip(declared, inferred)) {
    if (ShapedType::isDynamic(lhs))
      shape.push_back(rhs);
    else if (ShapedType::isDynamic(rhs) || lhs == rhs)
      shape.push_back(lhs);
    else
      return std::nullopt;
  }
  return shape;
}

namespace {
struct InferShapesPass : mint::impl::InferShapesPassBase<InferShapesPass> {
  using InferShapesPassBase::InferShapesPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (refineFunctionResults)
      module.walk([&](func::FuncOp func) {
        if (!func.isExternal() &&
            SymbolTable::symbolKnownUseEmpty(func, module))
          updatableFunctions.insert(func);
      });
    module.walk([&](InferShapedTypeOpInterface op) {
      if (isa<MintDialect>(op->getDialect()))
        refineResults(op);
    });
    for (Operation *func : updatableFunctions)
      refineFunctionType(cast<func::FuncOp>(func));
  }

  /// Returns true if all users of `value` accept a refined type: mint ops,
  /// and returns of functions whose type this pass may update.
  bool usersAcceptNewType(Value value) {
    return llvm::all_of(value.getUsers(), [&](Operation *user) {
      if (isa<MintDialect>(user->getDialect()))
        return true;
      if (!isa<func::ReturnOp>(user))
        return false;
      auto func = dyn_cast<func::FuncOp>(user->getParentOp());
      return func && updatableFunctions.contains(func.getOperation());
    });
  }

  void refineResults(InferShapedTypeOpInterface op) {
    SmallVector<ShapedTypeComponents> inferred;
    if (failed(op.inferReturnTypeComponents(
            op->getContext(), op->getLoc(), op->getOperands(),
            op->getAttrDictionary(), op->getPropertiesStorage(),
            op->getRegions(), inferred)) ||
        inferred.size() != op->getNumResults())
      return;
    for (auto [components, result] : llvm::zip(inferred, op->getResults())) {
      auto type = dyn_cast<RankedTensorType>(result.getType());
      if (!type || type.hasStaticShape() || !components.hasRank())
        continue;
      auto shape = meetShapes(type.getShape(), components.getDims());
      if (!shape || *shape == type.getShape() || !usersAcceptNewType(result))
        continue;
      result.setType(type.clone(*shape));
      ++numRefined;
    }
  }

  void refineFunctionType(func::FuncOp func) {
    SmallVector<Type> results;
    bool consistent = true;
    func.walk([&](func::ReturnOp ret) {
      if (ret->getParentOp() != func)
        return;
      if (results.empty())
        results = llvm::to_vector(ret.getOperandTypes());
      else if (TypeRange(ret.getOperandTypes()) != TypeRange(results))
        consistent = false;
    });
    if (!consistent || results.empty())
      return;
    func.setType(FunctionType::get(
        &getContext(), func.getFunctionType().getInputs(), results));
  }

  /// Functions that nothing calls, whose result types may follow returns.
  llvm::SmallPtrSet<Operation *, 4> updatableFunctions;
};
} // namespace
