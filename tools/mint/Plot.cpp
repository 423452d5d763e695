//===- Plot.cpp - Bar charts as PNG for the mint driver -------------------===//
//
// Implements Plot.h. The PNG encoder writes the IHDR, one IDAT with a zlib
// stream of stored (uncompressed) deflate blocks, and IEND, each chunk
// with its CRC-32; the zlib stream ends with the Adler-32 of the filtered
// rows (filter byte 0 before each row).
//
//===----------------------------------------------------------------------===//

#include "Plot.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CRC.h"

#include <algorithm>
#include <cmath>

using namespace mlir::mint::driver;

Image::Image(int width, int height, Color background)
    : width(width), height(height), pixels(size_t(width) * height * 3) {
  fill(0, 0, width, height, background);
}

void Image::fill(int x0, int y0, int x1, int y1, Color color) {
  x0 = std::clamp(x0, 0, width);
  x1 = std::clamp(x1, 0, width);
  y0 = std::clamp(y0, 0, height);
  y1 = std::clamp(y1, 0, height);
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      uint8_t *pixel = &pixels[(size_t(y) * width + x) * 3];
      pixel[0] = color.r;
      pixel[1] = color.g;
      pixel[2] = color.b;
    }
  }
}

/// 3 x 5 glyphs, one row per entry, the high bit of 3 on the left.
static const uint8_t *getGlyph(char c) {
  static const uint8_t digits[10][5] = {
      {7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7},
      {5, 5, 7, 1, 1}, {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 1, 1},
      {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7}};
  static const uint8_t dot[5] = {0, 0, 0, 0, 2};
  static const uint8_t minus[5] = {0, 0, 7, 0, 0};
  static const uint8_t plus[5] = {0, 2, 7, 2, 0};
  if (c >= '0' && c <= '9')
    return digits[c - '0'];
  if (c == '.')
    return dot;
  if (c == '-')
    return minus;
  if (c == '+')
    return plus;
  return nullptr;
}

void Image::drawText(int x, int y, llvm::StringRef text, int scale,
                     Color color) {
  for (char c : text) {
    if (const uint8_t *glyph = getGlyph(c))
      for (int row = 0; row < 5; ++row)
        for (int column = 0; column < 3; ++column)
          if (glyph[row] & (4 >> column))
            fill(x + column * scale, y + row * scale, x + (column + 1) * scale,
                 y + (row + 1) * scale, color);
    x += 4 * scale;
  }
}

static void appendBigEndian(std::string &out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

static void appendChunk(std::string &out, llvm::StringRef type,
                        llvm::StringRef data) {
  appendBigEndian(out, data.size());
  std::string body = type.str() + data.str();
  out += body;
  appendBigEndian(out, llvm::crc32(llvm::arrayRefFromStringRef(body)));
}

std::string Image::encodePng() const {
  // The filtered rows: a 0 (no filter) before each row.
  std::string raw;
  raw.reserve(size_t(height) * (width * 3 + 1));
  for (int y = 0; y < height; ++y) {
    raw.push_back(0);
    raw.append(reinterpret_cast<const char *>(&pixels[size_t(y) * width * 3]),
               size_t(width) * 3);
  }
  // zlib: header (deflate, 32K window, no preset dictionary), stored
  // blocks of at most 65535 bytes, Adler-32 of the raw data.
  std::string zlib = {'\x78', '\x01'};
  size_t offset = 0;
  do {
    size_t length = std::min<size_t>(65535, raw.size() - offset);
    bool last = offset + length == raw.size();
    zlib.push_back(last ? 1 : 0);
    zlib.push_back(static_cast<char>(length & 0xFF));
    zlib.push_back(static_cast<char>(length >> 8));
    zlib.push_back(static_cast<char>(~length & 0xFF));
    zlib.push_back(static_cast<char>((~length >> 8) & 0xFF));
    zlib.append(raw, offset, length);
    offset += length;
  } while (offset < raw.size());
  uint32_t a = 1, b = 0;
  for (char c : raw) {
    a = (a + static_cast<uint8_t>(c)) % 65521;
    b = (b + a) % 65521;
  }
  appendBigEndian(zlib, (b << 16) | a);

  std::string png = "\x89PNG\r\n\x1a\n";
  std::string header;
  appendBigEndian(header, width);
  appendBigEndian(header, height);
  header += {'\x08', '\x02', '\x00', '\x00', '\x00'}; // 8-bit RGB
  appendChunk(png, "IHDR", header);
  appendChunk(png, "IDAT", zlib);
  appendChunk(png, "IEND", "");
  return png;
}

Image mlir::mint::driver::drawSqnrChart(llvm::ArrayRef<double> sqnr,
                                        double top) {
  constexpr int kLeft = 40, kRight = 10, kTop = 10, kBottom = 30;
  constexpr int kPlotHeight = 320;
  int barWidth = std::clamp(900 / std::max<int>(sqnr.size(), 1), 2, 12);
  int plotWidth = std::max<int>(barWidth * sqnr.size(), 200);
  Image image(kLeft + plotWidth + kRight, kTop + kPlotHeight + kBottom,
              {255, 255, 255});
  Color grid = {220, 220, 220}, text = {60, 60, 60};
  auto yOf = [&](double db) {
    double clamped = std::clamp(db, 0.0, top);
    return kTop + kPlotHeight - int(std::lround(clamped / top * kPlotHeight));
  };
  for (int db = 0; db <= top; db += 10) {
    int y = yOf(db);
    image.fill(kLeft, y, kLeft + plotWidth, y + 1, grid);
    std::string label = std::to_string(db);
    image.drawText(kLeft - 6 - 8 * int(label.size()), y - 5, label, 2, text);
  }
  for (auto [index, value] : llvm::enumerate(sqnr)) {
    Color color = std::isinf(value) ? Color{90, 120, 200}
                  : value < 10.0    ? Color{210, 50, 40}
                  : value < 20.0    ? Color{235, 150, 40}
                                    : Color{60, 160, 80};
    int x = kLeft + int(index) * barWidth;
    // At least 2 pixels, so that a layer at or below 0 dB shows.
    int y = std::min(std::isinf(value) ? yOf(top) : yOf(value), yOf(0) - 2);
    image.fill(x, y, x + std::max(barWidth - 1, 1), yOf(0), color);
    // Every tenth layer is numbered below the axis.
    if (index % 10 == 0)
      image.drawText(x, kTop + kPlotHeight + 8, std::to_string(index), 2, text);
  }
  image.fill(kLeft, yOf(0), kLeft + plotWidth, yOf(0) + 1, text);
  return image;
}
