#include "converter/readers/checkpoint/snappy_decompress.h"

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "converter/readers/checkpoint/coding.h"

namespace tfjs::converter {
namespace {

// Element tags: the low two bits of each element's first byte.
constexpr int kLiteral = 0;
constexpr int kCopy1ByteOffset = 1;
constexpr int kCopy2ByteOffset = 2;

// Reads `n` little-endian bytes from the front of `input`.
bool TakeLittleEndian(absl::string_view* input, int n, uint32_t* value) {
  if (input->size() < static_cast<size_t>(n)) return false;
  uint32_t result = 0;
  for (int i = 0; i < n; ++i) {
    result |= static_cast<uint32_t>(static_cast<unsigned char>((*input)[i])) << (8 * i);
  }
  input->remove_prefix(n);
  *value = result;
  return true;
}

absl::Status Corrupt(absl::string_view what) {
  return absl::DataLossError(absl::StrCat("corrupt snappy block: ", what));
}

}  // namespace

absl::StatusOr<std::string> SnappyDecompress(absl::string_view compressed) {
  absl::string_view input = compressed;
  uint32_t expected_size;
  if (!coding::GetVarint32(&input, &expected_size)) return Corrupt("bad length header");
  // Each compressed byte expands to at most a few dozen bytes; refuse absurd headers.
  if (expected_size > 64 * (compressed.size() + 1)) return Corrupt("implausible length header");
  std::string output;
  output.reserve(expected_size);
  while (!input.empty()) {
    const auto tag = static_cast<unsigned char>(input.front());
    input.remove_prefix(1);
    const int kind = tag & 3;
    if (kind == kLiteral) {
      uint32_t length = tag >> 2;
      if (length >= 60) {
        const int length_bytes = static_cast<int>(length) - 59;
        if (!TakeLittleEndian(&input, length_bytes, &length)) return Corrupt("truncated literal");
      }
      const uint64_t literal_size = static_cast<uint64_t>(length) + 1;
      if (literal_size > input.size()) return Corrupt("truncated literal");
      output.append(input.data(), literal_size);
      input.remove_prefix(literal_size);
    } else {
      uint32_t length;
      uint32_t offset;
      if (kind == kCopy1ByteOffset) {
        length = 4 + ((tag >> 2) & 7);
        uint32_t low;
        if (!TakeLittleEndian(&input, 1, &low)) return Corrupt("truncated copy");
        offset = ((static_cast<uint32_t>(tag) >> 5) << 8) | low;
      } else {
        length = 1 + (tag >> 2);
        const int offset_bytes = kind == kCopy2ByteOffset ? 2 : 4;
        if (!TakeLittleEndian(&input, offset_bytes, &offset)) return Corrupt("truncated copy");
      }
      if (offset == 0 || offset > output.size()) return Corrupt("copy offset out of range");
      // Copies may overlap their own output (run-length style), so go byte by byte.
      const size_t from = output.size() - offset;
      for (uint32_t i = 0; i < length; ++i) output.push_back(output[from + i]);
    }
    if (output.size() > expected_size) return Corrupt("output longer than its header says");
  }
  if (output.size() != expected_size) return Corrupt("output shorter than its header says");
  return output;
}

}  // namespace tfjs::converter
