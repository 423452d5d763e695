//===- Output.cpp - What the driver prints, and how much ------------------===//

#include "Output.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir::mint::driver;

static Verbosity currentVerbosity = Verbosity::Normal;

void mlir::mint::driver::setVerbosity(Verbosity verbosity) {
  currentVerbosity = verbosity;
}

Verbosity mlir::mint::driver::getVerbosity() { return currentVerbosity; }

void mlir::mint::driver::note(const llvm::Twine &message) {
  if (currentVerbosity == Verbosity::Verbose)
    llvm::errs() << "mint: " << message << "\n";
}

Progress::Progress(std::string what, size_t total)
    : what(std::move(what)), total(total),
      shown(currentVerbosity != Verbosity::Quiet &&
            llvm::errs().is_displayed()),
      start(std::chrono::steady_clock::now()) {
  if (shown) {
    llvm::errs() << this->what << (total ? " 0/" + std::to_string(total) : "")
                 << "...";
    llvm::errs().flush();
  }
}

void Progress::update(size_t done) {
  if (!shown)
    return;
  llvm::errs() << "\r\033[K" << what;
  if (total)
    llvm::errs() << " " << done << "/" << total;
  llvm::errs().flush();
}

void Progress::finish(const llvm::Twine &detail) {
  if (finished)
    return;
  finished = true;
  if (shown) {
    llvm::errs() << "\r\033[K";
    llvm::errs().flush();
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::string suffix = detail.str();
  note(llvm::formatv("{0}: {1:f2} s{2}{3}", what, seconds,
                     suffix.empty() ? "" : ", ", suffix));
}

Progress::~Progress() { finish(); }
