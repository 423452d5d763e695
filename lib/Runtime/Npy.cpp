//===- Npy.cpp - Read and write numpy .npy files --------------------------===//
//
// The .npy format: the magic "\x93NUMPY", a major and minor version, a
// header length (2 bytes in version 1, 4 in versions 2 and 3), and a
// Python dict literal with 'descr', 'fortran_order' and 'shape', padded
// so that the data starts at a multiple of 64 bytes.
//
//===----------------------------------------------------------------------===//

#include "mint/Runtime/Npy.h"

#include "llvm/Support/FileOutputBuffer.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

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
