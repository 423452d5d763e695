//===- Accelerator.cpp - Compile a model for an accelerator target --------===//
//
// Places the ops (checkTarget), outlines each run of consecutive
// accelerator ops into a function when some ops stay on the CPU, lowers the
// accelerator functions with mint-to-tosa{integer-target}, and validates
// them with tosa-attach-target + tosa-validate for the target. Anything but
// TOSA left in an accelerator function is a located error.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Accelerator.h"

#include "mint/Conversion/Passes.h"
#include "mint/Dialect/Mint/IR/MintOps.h"
#include "mint/Dialect/Mint/Transforms/Passes.h"
#include "mint/Runtime/CPUPipeline.h"
#include "mint/Runtime/CompiledModel.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::mint;

static bool isConstantLike(Operation *op) {
  return isa<ConstOp, SparseConstOp, NoValueOp>(op);
}

/// Moves each run of consecutive accelerator ops of `entry` into a new
/// function segment_<i> of `segments` and calls it (declared in `entry`'s
/// module) in their place. A run in block order is convex: no path leaves
/// and re-enters it. Constants are cloned into every segment that reads
/// them. Returns the number of segments.
static int64_t outlineSegments(func::FuncOp entry, ModuleOp segments) {
  Block &body = entry.getBody().front();
  SmallVector<SmallVector<Operation *>> runs(1);
  for (Operation &op : body.without_terminator()) {
    if (isConstantLike(&op))
      continue;
    auto placement = op.getAttrOfType<StringAttr>(kPlacementAttrName);
    // DENSIFY of a weight goes with its reader.
    bool accelerator =
        (placement && placement.getValue() == "accelerator") ||
        (isa<DensifyOp>(op) && llvm::all_of(op.getUsers(), [](Operation *user) {
           auto p = user->getAttrOfType<StringAttr>(kPlacementAttrName);
           return p && p.getValue() == "accelerator";
         }));
    if (accelerator)
      runs.back().push_back(&op);
    else if (!runs.back().empty())
      runs.emplace_back();
  }
  if (runs.back().empty())
    runs.pop_back();

  auto hostModule = entry->getParentOfType<ModuleOp>();
  OpBuilder segmentBuilder = OpBuilder::atBlockEnd(segments.getBody());
  for (auto [index, run] : llvm::enumerate(runs)) {
    llvm::SmallPtrSet<Operation *, 16> inRun(run.begin(), run.end());
    llvm::SetVector<Value> inputs, outputs;
    llvm::SetVector<Operation *> constants;
    for (Operation *op : run) {
      for (Value operand : op->getOperands()) {
        Operation *producer = operand.getDefiningOp();
        if (producer && inRun.contains(producer))
          continue;
        if (producer && isConstantLike(producer))
          constants.insert(producer);
        else
          inputs.insert(operand);
      }
      for (Value result : op->getResults())
        if (llvm::any_of(result.getUsers(), [&](Operation *user) {
              return !inRun.contains(user);
            }))
          outputs.insert(result);
    }
    std::string name = "segment_" + std::to_string(index);
    Location loc = run.front()->getLoc();
    auto type = FunctionType::get(entry.getContext(),
                                  ValueRange(inputs.getArrayRef()).getTypes(),
                                  ValueRange(outputs.getArrayRef()).getTypes());
    auto segment = func::FuncOp::create(segmentBuilder, loc, name, type);
    Block *segmentBody = segment.addEntryBlock();
    IRMapping mapping;
    for (auto [input, argument] :
         llvm::zip(inputs, segmentBody->getArguments()))
      mapping.map(input, argument);
    OpBuilder builder = OpBuilder::atBlockEnd(segmentBody);
    for (Operation *constant : constants)
      builder.clone(*constant, mapping);
    for (Operation *op : run) {
      Operation *clone = builder.clone(*op, mapping);
      clone->removeAttr(kPlacementAttrName);
    }
    SmallVector<Value> results;
    for (Value output : outputs)
      results.push_back(mapping.lookup(output));
    func::ReturnOp::create(builder, loc, results);

    // The host calls the segment where its last op was.
    OpBuilder hostBuilder = OpBuilder::atBlockBegin(hostModule.getBody());
    auto declaration = func::FuncOp::create(hostBuilder, loc, name, type);
    declaration.setPrivate();
    hostBuilder.setInsertionPointAfter(run.back());
    auto call = func::CallOp::create(hostBuilder, loc, declaration,
                                     inputs.getArrayRef());
    for (auto [output, result] : llvm::zip(outputs, call.getResults()))
      Value(output).replaceAllUsesWith(result);
    for (Operation *op : llvm::reverse(run))
      op->erase();
  }
  // Weights that only the segments read stay with them alone.
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
    if ((isConstantLike(&op) || isa<DensifyOp>(op)) && op.use_empty())
      op.erase();
  return runs.size();
}

/// Lowers `module` (mint ops) to TOSA for `target` and validates it.
static LogicalResult lowerAndValidate(ModuleOp module,
                                      const TargetDescription &target) {
  MLIRContext *context = module.getContext();
  DialectRegistry registry;
  registerCPUPipelineDependencies(registry);
  context->appendDialectRegistry(registry);

  PassManager lower(context, ModuleOp::getOperationName());
  OpPassManager &func = lower.nest<func::FuncOp>();
  func.addPass(createDensifyPass());
  func.addPass(createFoldF16WeightsPass());
  MintToTosaPassOptions options;
  options.integerTarget = true;
  lower.addPass(createMintToTosaPass(options));
  if (failed(lower.run(module)))
    return failure();
  // Only TOSA (and the functions that hold it) may be left.
  WalkResult foreign = module.walk([&](Operation *op) {
    if (isa<ModuleOp, func::FuncOp, func::ReturnOp>(op) ||
        isa<tosa::TosaDialect>(op->getDialect()))
      return WalkResult::advance();
    op->emitError("Mint lowers this op to '")
        << op->getName()
        << "', which is not TOSA; the integer target cannot take it";
    return WalkResult::interrupt();
  });
  if (foreign.wasInterrupted())
    return failure();

  std::string attach =
      "tosa-attach-target{level=" + target.tosaLevel +
      (target.tosaProfiles.empty()
           ? std::string()
           : " profiles=" + llvm::join(target.tosaProfiles, ",")) +
      (target.tosaExtensions.empty()
           ? std::string()
           : " extensions=" + llvm::join(target.tosaExtensions, ",")) +
      "}, tosa-validate{strict-op-spec-alignment}";
  PassManager validate(context, ModuleOp::getOperationName());
  if (failed(addTextualPipeline(validate, attach)))
    return emitError(module.getLoc(), "cannot build the TOSA validation for ")
           << target.name;
  return validate.run(module);
}

FailureOr<AcceleratorModule>
mint::compileForAccelerator(ModuleOp module, const TargetDescription &target,
                            bool allowFallback) {
  func::FuncOp original = findModelEntry(module);
  if (!original)
    return emitError(module.getLoc(), "the module has no public function");
  // Only the entry function is compiled.
  OwningOpRef<ModuleOp> host = cloneWithOnlyEntry(module, original);
  func::FuncOp entry = *host->getOps<func::FuncOp>().begin();

  AcceleratorModule result;
  PlacementSummary &summary = result.summary;
  if (failed(checkTarget(entry, target, allowFallback, summary.acceleratorOps,
                         summary.cpuOps)))
    return failure();
  entry.walk([&](Operation *op) {
    auto placement = op->getAttrOfType<StringAttr>(kPlacementAttrName);
    bool cpu = placement && placement.getValue() == "cpu";
    (cpu ? summary.cpuMACs : summary.acceleratorMACs) +=
        getMultiplyAccumulates(op);
    if (!cpu)
      return;
    std::string line = describeOpForTarget(op);
    if (auto reason = op->getAttrOfType<StringAttr>(kPlacementReasonAttrName))
      line += ": " + reason.getValue().str();
    summary.cpuOpReasons.push_back(std::move(line));
  });

  if (summary.cpuOps == 0) {
    entry.walk([](Operation *op) { op->removeAttr(kPlacementAttrName); });
    if (failed(lowerAndValidate(*host, target)))
      return failure();
    summary.segments = 1;
    result.tosa = std::move(host);
    return result;
  }

  OpBuilder builder(module.getContext());
  result.tosa = ModuleOp::create(builder, module.getLoc());
  summary.segments = outlineSegments(entry, *result.tosa);
  if (failed(verify(*result.tosa)) || failed(verify(*host)) ||
      failed(lowerAndValidate(*result.tosa, target)))
    return failure();
  result.host = std::move(host);
  return result;
}
