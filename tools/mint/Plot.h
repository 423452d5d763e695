//===- Plot.h - Bar charts as PNG for the mint driver -----------*- C++ -*-===//
//
// A small raster plotter: RGB images, rectangles, digits, and a PNG
// encoder (stored deflate blocks, so no compression library is needed).
// `mint compare` draws its per-layer SQNR chart with it.
//
//===----------------------------------------------------------------------===//

#ifndef MINT_TOOLS_MINT_PLOT_H
#define MINT_TOOLS_MINT_PLOT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir::mint::driver {

/// An RGB color.
struct Color {
  uint8_t r, g, b;
};

/// An RGB image, row after row.
class Image {
public:
  Image(int width, int height, Color background);

  int getWidth() const { return width; }
  int getHeight() const { return height; }

  /// Fills the rectangle [x0, x1) x [y0, y1), clipped to the image.
  void fill(int x0, int y0, int x1, int y1, Color color);

  /// Draws the digits, '.', '-' and '+' of `text` (others leave a gap)
  /// from (x, y), each glyph 3 x 5 cells of `scale` pixels.
  void drawText(int x, int y, llvm::StringRef text, int scale, Color color);

  /// The image as a PNG file's bytes (8-bit RGB, uncompressed).
  std::string encodePng() const;

private:
  int width, height;
  std::vector<uint8_t> pixels;
};

/// A bar chart of SQNR values in dB (one bar per entry, in order; an
/// infinite value is drawn full height in another color): bars from 0 to
/// `top` dB, gridlines and labels every 10 dB, red below 10 dB, orange
/// below 20, green above.
Image drawSqnrChart(llvm::ArrayRef<double> sqnr, double top = 80.0);

} // namespace mlir::mint::driver

#endif // MINT_TOOLS_MINT_PLOT_H
