//===- Output.h - What the driver prints, and how much ----------*- C++ -*-===//
//
// The options every `mint` command takes for its output (--quiet,
// --verbose; --json is each command's own, since its JSON is the command's
// summary), and the progress lines and notes that commands print on
// stderr: progress only on a terminal and never with --quiet, notes only
// with --verbose.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_TOOLS_MINT_OUTPUT_H
#define MINT_TOOLS_MINT_OUTPUT_H

#include "llvm/ADT/Twine.h"
#include "llvm/Support/CommandLine.h"

#include <chrono>
#include <string>

namespace mlir::mint::driver {

/// --quiet and --verbose, for each of the `commands`.
struct OutputOptions {
  explicit OutputOptions(llvm::cl::SubCommandGroup &commands)
      : quiet("quiet",
              llvm::cl::desc("Print nothing but errors and warnings: no "
                             "summary, no progress (the exit status says "
                             "whether it worked)"),
              llvm::cl::sub(commands)),
        verbose("verbose",
                llvm::cl::desc("Also say on stderr what each step does and "
                               "how long it takes"),
                llvm::cl::sub(commands)) {}

  llvm::cl::opt<bool> quiet;
  llvm::cl::opt<bool> verbose;
};

/// How much the driver prints; set once by main() from OutputOptions.
enum class Verbosity { Quiet, Normal, Verbose };
void setVerbosity(Verbosity verbosity);
Verbosity getVerbosity();

/// Prints `message` on stderr as "mint: message" with --verbose.
void note(const llvm::Twine &message);

/// A progress line on stderr ("calibrating 12/100"), redrawn in place, shown
/// only on a terminal and without --quiet; cleared when it goes away. With
/// --verbose, `finish` notes how long the work took.
class Progress {
public:
  explicit Progress(std::string what, size_t total = 0);
  ~Progress();
  Progress(const Progress &) = delete;
  Progress &operator=(const Progress &) = delete;

  /// `done` of the total steps are done.
  void update(size_t done);
  /// Clears the line and, with --verbose, notes `what` and the time taken
  /// (with `detail` after it).
  void finish(const llvm::Twine &detail = "");

private:
  std::string what;
  size_t total;
  bool shown, finished = false;
  std::chrono::steady_clock::time_point start;
};

} // namespace mlir::mint::driver

#endif // MINT_TOOLS_MINT_OUTPUT_H
