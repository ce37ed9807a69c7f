// Little-endian fixed-width and varint integer coding, as LevelDB tables and TF bundles use it.
#ifndef TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_CODING_H_
#define TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_CODING_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace tfjs::converter::coding {

inline uint32_t DecodeFixed32(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return static_cast<uint32_t>(b[0]) | (static_cast<uint32_t>(b[1]) << 8) |
         (static_cast<uint32_t>(b[2]) << 16) | (static_cast<uint32_t>(b[3]) << 24);
}

inline uint64_t DecodeFixed64(const char* p) {
  return static_cast<uint64_t>(DecodeFixed32(p)) |
         (static_cast<uint64_t>(DecodeFixed32(p + 4)) << 32);
}

inline void PutFixed32(std::string* out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

inline void PutFixed64(std::string* out, uint64_t value) {
  PutFixed32(out, static_cast<uint32_t>(value));
  PutFixed32(out, static_cast<uint32_t>(value >> 32));
}

inline void PutVarint64(std::string* out, uint64_t value) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// Consumes a varint of at most `max_bits` bits from the front of `input`; false if it is
// truncated or too long.
inline bool GetVarint(absl::string_view* input, int max_bits, uint64_t* value) {
  const int max_bytes = (max_bits + 6) / 7;
  uint64_t result = 0;
  for (int i = 0, shift = 0; i < max_bytes && !input->empty(); ++i, shift += 7) {
    const auto byte = static_cast<unsigned char>(input->front());
    input->remove_prefix(1);
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      if (max_bits < 64 && (result >> max_bits) != 0) return false;
      *value = result;
      return true;
    }
  }
  return false;
}

inline bool GetVarint64(absl::string_view* input, uint64_t* value) {
  return GetVarint(input, 64, value);
}

inline bool GetVarint32(absl::string_view* input, uint32_t* value) {
  uint64_t wide;
  if (!GetVarint(input, 32, &wide)) return false;
  *value = static_cast<uint32_t>(wide);
  return true;
}

}  // namespace tfjs::converter::coding

#endif  // TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_CODING_H_
