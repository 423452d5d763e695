//===- mint.cpp - The Mint user driver ------------------------------------===//
//
// `mint <command> [options]`: the command-line entry point for users who
// optimize TFLite models. It dispatches to subcommands and prints the
// version of Mint, of the LLVM/MLIR it is built against, and of the host
// CPU it would compile for.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Output.h"

#include "mint/Config.h"
#include "mint/Revision.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir::mint::driver;

static void printVersion(llvm::raw_ostream &os) {
  os << "Mint " << MINT_VERSION << " (revision " << MINT_REVISION << ")\n"
     << "  LLVM/MLIR " << MINT_LLVM_VERSION << "\n"
     << "  host " << llvm::sys::getProcessTriple() << ", CPU "
     << llvm::sys::getHostCPUName();
  // The vector ISA features Mint's CPU code generation cares about.
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  llvm::SmallVector<llvm::StringRef> present;
  for (llvm::StringRef feature :
       {"sse4.2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw",
        "avx512vl", "avx512vnni", "avxvnni", "avx512fp16", "avx512bf16",
        "amx-int8", "neon", "dotprod", "i8mm", "sve"})
    if (features.lookup(feature))
      present.push_back(feature);
  if (!present.empty()) {
    os << " (";
    llvm::interleave(present, os, " ");
    os << ")";
  }
  os << "\n";
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  OpsOptions opsOptions;
  InspectOptions inspectOptions;
  RunOptions runOptions;
  BenchOptions benchOptions;
  CompileCommandOptions compileOptions;
  CalibrateOptions calibrateOptions;
  QuantizeOptions quantizeOptions;
  CompareOptions compareOptions;
  PruneOptions pruneOptions;
  ClusterOptions clusterOptions;
  CompressReportOptions compressReportOptions;
  llvm::cl::SubCommandGroup allCommands(
      {&opsOptions.command, &inspectOptions.command, &runOptions.command,
       &benchOptions.command, &compileOptions.command,
       &calibrateOptions.command, &quantizeOptions.command,
       &compareOptions.command, &pruneOptions.command, &clusterOptions.command,
       &compressReportOptions.command});
  OutputOptions outputOptions(allCommands);

  llvm::cl::SetVersionPrinter(printVersion);
  llvm::cl::HideUnrelatedOptions({}, llvm::cl::SubCommand::getTopLevel());
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "Mint - optimize TensorFlow Lite models\n\n"
      "  mint <command> [options]\n\n"
      "Run `mint <command> --help` for the options of a command.\n");

  if (outputOptions.quiet && outputOptions.verbose) {
    llvm::errs() << "mint: error: --quiet and --verbose exclude each other\n";
    return 2;
  }
  setVerbosity(outputOptions.quiet     ? Verbosity::Quiet
               : outputOptions.verbose ? Verbosity::Verbose
                                       : Verbosity::Normal);
  // With --quiet the summary goes nowhere; errors still go to stderr.
  llvm::raw_ostream &os = outputOptions.quiet ? llvm::nulls() : llvm::outs();

  if (opsOptions.command)
    return runOpsCommand(opsOptions, os);
  if (inspectOptions.command)
    return runInspectCommand(inspectOptions, os);
  if (runOptions.command)
    return runRunCommand(runOptions, os);
  if (benchOptions.command)
    return runBenchCommand(benchOptions, os);
  if (compileOptions.command)
    return runCompileCommand(compileOptions, os);
  if (calibrateOptions.command)
    return runCalibrateCommand(calibrateOptions, os);
  if (quantizeOptions.command)
    return runQuantizeCommand(quantizeOptions, os);
  if (compareOptions.command)
    return runCompareCommand(compareOptions, os);
  if (pruneOptions.command)
    return runPruneCommand(pruneOptions, os);
  if (clusterOptions.command)
    return runClusterCommand(clusterOptions, os);
  if (compressReportOptions.command)
    return runCompressReportCommand(compressReportOptions, os);

  llvm::errs() << "mint: no command given; run `mint --help` for the list\n";
  return 2;
}
