//===- Npy.cpp - Read and write numpy .npy files --------------------------===//
//
// The .npy format: the magic "\x93NUMPY", a major and minor version, a
// header length (2 bytes in version 1, 4 in versions 2 and 3), and a
// Python dict literal with 'descr', 'fortran_order' and 'shape', padded
// so that the data starts at a multiple of 64 bytes.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Npy.h"

#include "llvm/Support/Endian.h"
#include "llvm/Support/FileOutputBuffer.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <zlib.h>

using namespace mlir;
using namespace mlir::mint;

static constexpr llvm::StringLiteral kMagic("\x93NUMPY");

int64_t NpyArray::getNumElements() const {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

/// numpy's type string of `kind`, little-endian.
static llvm::StringRef getDescr(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return "<f4";
  case ElementKind::F16:
    return "<f2";
  case ElementKind::I8:
    return "|i1";
  case ElementKind::U8:
    return "|u1";
  case ElementKind::I16:
    return "<i2";
  case ElementKind::I32:
    return "<i4";
  case ElementKind::I64:
    return "<i8";
  case ElementKind::Bool:
    return "|b1";
  }
  llvm_unreachable("unknown element kind");
}

static std::optional<ElementKind> parseDescr(llvm::StringRef descr) {
  for (ElementKind kind : {ElementKind::F32, ElementKind::F16, ElementKind::I8,
                           ElementKind::U8, ElementKind::I16, ElementKind::I32,
                           ElementKind::I64, ElementKind::Bool}) {
    llvm::StringRef expected = getDescr(kind);
    // Byte-sized types may be written with '|' or '<' or '='.
    if (descr == expected ||
        (descr.size() == 3 && expected.drop_front() == descr.drop_front() &&
         (descr[0] == '<' || descr[0] == '=' || descr[0] == '|') &&
         (expected[0] == '|' || descr[0] != '|')))
      return kind;
  }
  return std::nullopt;
}

/// The value of `key` in the header dict: the text after "'key':" up to the
/// next top-level comma or the closing brace.
static std::optional<llvm::StringRef> findField(llvm::StringRef header,
                                                llvm::StringRef key) {
  std::string quoted = ("'" + key + "'").str();
  size_t at = header.find(quoted);
  if (at == llvm::StringRef::npos)
    return std::nullopt;
  llvm::StringRef rest = header.drop_front(at + quoted.size()).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  rest = rest.ltrim();
  int depth = 0;
  size_t end = 0;
  for (; end < rest.size(); ++end) {
    char c = rest[end];
    if (c == '(' || c == '[')
      ++depth;
    else if (c == ')' || c == ']')
      --depth;
    else if ((c == ',' || c == '}') && depth == 0)
      break;
  }
  return rest.take_front(end).trim();
}

llvm::Expected<NpyArray> mint::parseNpy(llvm::StringRef bytes,
                                        llvm::StringRef name) {
  auto error = [&](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   name + ": " + message);
  };
  if (!bytes.starts_with(kMagic) || bytes.size() < 10)
    return error("not a .npy file (bad magic)");
  uint8_t major = bytes[6];
  size_t headerLength, headerStart;
  if (major == 1) {
    headerLength =
        static_cast<uint8_t>(bytes[8]) | static_cast<uint8_t>(bytes[9]) << 8;
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return error("truncated header");
    headerLength = 0;
    for (int i = 3; i >= 0; --i)
      headerLength = headerLength << 8 | static_cast<uint8_t>(bytes[8 + i]);
    headerStart = 12;
  } else {
    return error("unsupported .npy format version " + llvm::Twine(major));
  }
  if (bytes.size() < headerStart + headerLength)
    return error("truncated header");
  llvm::StringRef header = bytes.substr(headerStart, headerLength);

  std::optional<llvm::StringRef> descr = findField(header, "descr");
  std::optional<llvm::StringRef> fortran = findField(header, "fortran_order");
  std::optional<llvm::StringRef> shapeText = findField(header, "shape");
  if (!descr || !fortran || !shapeText)
    return error("header lacks descr, fortran_order or shape");
  NpyArray array;
  std::optional<ElementKind> kind = parseDescr(descr->trim("'\""));
  if (!kind)
    return error("unsupported dtype " + *descr +
                 " (expected little-endian float32, float16, int8, uint8, "
                 "int16, int32, int64 or bool)");
  array.kind = *kind;
  if (*fortran != "False")
    return error("Fortran-ordered arrays are not supported");
  llvm::StringRef dims = shapeText->trim();
  if (!dims.consume_front("(") || !dims.consume_back(")"))
    return error("malformed shape " + *shapeText);
  llvm::SmallVector<llvm::StringRef> parts;
  dims.split(parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef part : parts) {
    int64_t dim;
    if (part.trim().getAsInteger(10, dim) || dim < 0)
      return error("malformed shape " + *shapeText);
    array.shape.push_back(dim);
  }
  size_t expected = array.getNumElements() * getElementKindSize(array.kind);
  llvm::StringRef payload = bytes.drop_front(headerStart + headerLength);
  if (payload.size() != expected)
    return error("expected " + llvm::Twine(expected) +
                 " data bytes for shape " + *shapeText + ", found " +
                 llvm::Twine(payload.size()));
  array.data.assign(payload.begin(), payload.end());
  return array;
}

llvm::Expected<NpyArray> mint::readNpy(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError(buffer.getError(),
                                   path + ": " + buffer.getError().message());
  return parseNpy((*buffer)->getBuffer(), path);
}

std::string mint::serializeNpy(const NpyArray &array) {
  std::string header;
  llvm::raw_string_ostream os(header);
  os << "{'descr': '" << getDescr(array.kind)
     << "', 'fortran_order': False, 'shape': (";
  for (int64_t dim : array.shape)
    os << dim << (array.shape.size() == 1 ? "," : ", ");
  if (array.shape.size() > 1)
    header.resize(header.size() - 2);
  os << "), }";
  // Pad with spaces so that magic + version + length + header + '\n' is a
  // multiple of 64.
  size_t total = kMagic.size() + 4 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  std::string bytes(kMagic);
  bytes.push_back(1);
  bytes.push_back(0);
  bytes.push_back(static_cast<char>(header.size() & 0xff));
  bytes.push_back(static_cast<char>(header.size() >> 8));
  bytes += header;
  bytes.append(array.data.begin(), array.data.end());
  return bytes;
}

llvm::Error mint::writeNpy(llvm::StringRef path, const NpyArray &array) {
  std::string bytes = serializeNpy(array);
  auto buffer = llvm::FileOutputBuffer::create(path, bytes.size());
  if (!buffer)
    return buffer.takeError();
  std::copy(bytes.begin(), bytes.end(), (*buffer)->getBufferStart());
  return (*buffer)->commit();
}

//===----------------------------------------------------------------------===//
// .npz
//===----------------------------------------------------------------------===//

/// Inflates raw deflate data (no zlib header) into `size` bytes.
static llvm::Expected<std::string> inflateRaw(llvm::StringRef data,
                                              uint64_t size,
                                              llvm::StringRef name) {
  std::string out(size, '\0');
  z_stream stream = {};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
    return llvm::createStringError(name + ": cannot start inflating");
  stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
  stream.avail_in = data.size();
  stream.next_out = reinterpret_cast<Bytef *>(out.data());
  stream.avail_out = out.size();
  int status = inflate(&stream, Z_FINISH);
  uint64_t produced = stream.total_out;
  inflateEnd(&stream);
  if (status != Z_STREAM_END || produced != size)
    return llvm::createStringError(name + ": corrupt deflate data");
  return out;
}

llvm::Expected<std::vector<std::pair<std::string, NpyArray>>>
mlir::mint::readNpz(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!file)
    return llvm::createStringError(path + ": cannot read the file: " +
                                   file.getError().message());
  llvm::StringRef bytes = (*file)->getBuffer();
  auto read16 = [&](size_t offset) {
    return llvm::support::endian::read16le(bytes.data() + offset);
  };
  auto read32 = [&](size_t offset) {
    return llvm::support::endian::read32le(bytes.data() + offset);
  };
  auto corrupt = [&](const llvm::Twine &what) {
    return llvm::createStringError(path + ": not a readable .npz (" + what +
                                   ")");
  };
  // The end of central directory record: 22 bytes plus a comment of up to
  // 65535 bytes, at the end of the file.
  constexpr uint32_t kEndSignature = 0x06054b50;
  constexpr uint32_t kCentralSignature = 0x02014b50;
  constexpr uint32_t kLocalSignature = 0x04034b50;
  if (bytes.size() < 22)
    return corrupt("too short for a zip file");
  size_t end = bytes.size() - 22;
  size_t lowest = bytes.size() > 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
  while (read32(end) != kEndSignature) {
    if (end == lowest)
      return corrupt("no zip directory");
    --end;
  }
  uint16_t entries = read16(end + 10);
  uint32_t directorySize = read32(end + 12);
  uint32_t directoryOffset = read32(end + 16);
  if (directoryOffset == 0xFFFFFFFF || entries == 0xFFFF)
    return corrupt("ZIP64 archives, for arrays over 4 GB, are not read");
  if (uint64_t(directoryOffset) + directorySize > end)
    return corrupt("directory out of bounds");

  std::vector<std::pair<std::string, NpyArray>> arrays;
  size_t offset = directoryOffset;
  for (uint16_t i = 0; i < entries; ++i) {
    if (offset + 46 > end || read32(offset) != kCentralSignature)
      return corrupt("bad directory entry");
    uint16_t method = read16(offset + 10);
    uint32_t compressedSize = read32(offset + 20);
    uint32_t size = read32(offset + 24);
    uint16_t nameLength = read16(offset + 28);
    uint16_t extraLength = read16(offset + 30);
    uint16_t commentLength = read16(offset + 32);
    uint32_t localOffset = read32(offset + 42);
    if (offset + 46 + nameLength > end)
      return corrupt("bad directory entry");
    std::string name = bytes.substr(offset + 46, nameLength).str();
    offset += 46 + nameLength + extraLength + commentLength;
    if (compressedSize == 0xFFFFFFFF || size == 0xFFFFFFFF ||
        localOffset == 0xFFFFFFFF)
      return corrupt("ZIP64 archives, for arrays over 4 GB, are not read");

    if (uint64_t(localOffset) + 30 > bytes.size() ||
        read32(localOffset) != kLocalSignature)
      return corrupt("bad entry header for '" + name + "'");
    size_t dataOffset =
        localOffset + 30 + read16(localOffset + 26) + read16(localOffset + 28);
    if (uint64_t(dataOffset) + compressedSize > bytes.size())
      return corrupt("entry '" + name + "' out of bounds");
    llvm::StringRef stored = bytes.substr(dataOffset, compressedSize);
    std::string inflated;
    std::string where = (path + ":" + name).str();
    if (method == 8) {
      llvm::Expected<std::string> data = inflateRaw(stored, size, where);
      if (!data)
        return data.takeError();
      inflated = std::move(*data);
      stored = inflated;
    } else if (method != 0) {
      return corrupt("entry '" + name + "' uses compression method " +
                     llvm::Twine(method) + "; numpy writes stored or deflated");
    }
    llvm::Expected<NpyArray> array = parseNpy(stored, where);
    if (!array)
      return array.takeError();
    llvm::StringRef stem = name;
    stem.consume_back(".npy");
    arrays.emplace_back(stem.str(), std::move(*array));
  }
  return arrays;
}
