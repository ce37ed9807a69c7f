#include "tools/npy/npy.h"

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace tfjs::tools {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kAlignment = 64;

std::string ShapeTuple(const std::vector<int64_t>& shape) {
  if (shape.size() == 1) return absl::StrCat("(", shape[0], ",)");
  return absl::StrCat("(", absl::StrJoin(shape, ", "), ")");
}

// The text after `'key':` in a header dict, up to the matching delimiter.
absl::StatusOr<std::string> HeaderValue(absl::string_view header, absl::string_view key,
                                        absl::string_view source) {
  const std::string quoted = absl::StrCat("'", key, "':");
  size_t at = header.find(quoted);
  if (at == absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": .npy header lacks '", key, "'"));
  }
  absl::string_view rest = absl::StripLeadingAsciiWhitespace(header.substr(at + quoted.size()));
  if (absl::ConsumePrefix(&rest, "'")) return std::string(rest.substr(0, rest.find('\'')));
  if (absl::ConsumePrefix(&rest, "(")) return std::string(rest.substr(0, rest.find(')')));
  return std::string(rest.substr(0, rest.find_first_of(",}")));
}

// Bytes per element of a descr such as "<f4" or "|S7".
int64_t ItemSize(absl::string_view descr) {
  int64_t size = 0;
  if (descr.size() < 3 || !absl::SimpleAtoi(descr.substr(2), &size)) return 0;
  return descr[1] == 'U' ? size * 4 : size;
}

}  // namespace

std::string EncodeNpy(const NpyArray& array) {
  std::string header = absl::StrCat("{'descr': '", array.descr,
                                    "', 'fortran_order': False, 'shape': ",
                                    ShapeTuple(array.shape), ", }");
  const size_t unpadded = 10 + header.size() + 1;
  header.append((kAlignment - unpadded % kAlignment) % kAlignment, ' ');
  header.push_back('\n');
  std::string npy(kMagic, 6);
  npy.push_back('\x01');
  npy.push_back('\x00');
  npy.push_back(static_cast<char>(header.size() & 0xff));
  npy.push_back(static_cast<char>(header.size() >> 8));
  npy += header;
  npy += array.data;
  return npy;
}

absl::StatusOr<NpyArray> DecodeNpy(absl::string_view bytes, absl::string_view source) {
  if (bytes.size() < 10 || bytes.substr(0, 6) != absl::string_view(kMagic, 6)) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": not a .npy file"));
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  size_t header_length;
  size_t header_start;
  if (major == 1) {
    header_length = static_cast<unsigned char>(bytes[8]) |
                    (static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) return absl::InvalidArgumentError(absl::StrCat(source, ": truncated"));
    uint32_t length;
    std::memcpy(&length, bytes.data() + 8, 4);
    header_length = length;
    header_start = 12;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(source, ": unsupported .npy version ", major));
  }
  if (bytes.size() < header_start + header_length) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": truncated .npy header"));
  }
  const absl::string_view header = bytes.substr(header_start, header_length);
  NpyArray array;
  absl::StatusOr<std::string> descr = HeaderValue(header, "descr", source);
  absl::StatusOr<std::string> fortran = HeaderValue(header, "fortran_order", source);
  absl::StatusOr<std::string> shape = HeaderValue(header, "shape", source);
  for (const auto* value : {&descr, &fortran, &shape}) {
    if (!value->ok()) return value->status();
  }
  if (absl::StripAsciiWhitespace(*fortran) != "False") {
    return absl::InvalidArgumentError(absl::StrCat(source, ": Fortran-order arrays are not supported"));
  }
  array.descr = *descr;
  if (array.descr.size() < 3 || array.descr[0] == '>') {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": unsupported dtype '", array.descr, "' (big-endian or unknown)"));
  }
  for (absl::string_view dim : absl::StrSplit(*shape, ',', absl::SkipWhitespace())) {
    int64_t value;
    if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(dim), &value) || value < 0) {
      return absl::InvalidArgumentError(absl::StrCat(source, ": bad shape (", *shape, ")"));
    }
    array.shape.push_back(value);
  }
  int64_t expected = ItemSize(array.descr);  // data bytes
  for (int64_t dim : array.shape) {
    if (__builtin_mul_overflow(expected, dim, &expected)) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ": shape (", *shape, ") has more bytes than a file can"));
    }
  }
  const absl::string_view data = bytes.substr(header_start + header_length);
  if (static_cast<int64_t>(data.size()) != expected) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": header says ", expected,
                                                   " data bytes, file has ", data.size()));
  }
  array.data = std::string(data);
  return array;
}

}  // namespace tfjs::tools
