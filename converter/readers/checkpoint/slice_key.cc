#include "converter/readers/checkpoint/slice_key.h"

#include <cstdint>

namespace tfjs::converter {
namespace {

// Ordered code of an unsigned number: a length byte, then the big-endian bytes without leading
// zeros (0 is the single byte 0x00).
void AppendUnsigned(std::string* out, uint64_t value) {
  char digits[8];
  int length = 0;
  for (; value > 0; value >>= 8) digits[7 - length++] = static_cast<char>(value & 0xff);
  out->push_back(static_cast<char>(length));
  out->append(digits + 8 - length, length);
}

// Ordered code of a string: 0x00 becomes 00 ff, 0xff becomes ff 00, then the 00 01 separator.
void AppendString(std::string* out, absl::string_view text) {
  for (const char c : text) {
    if (c == '\0') {
      out->append({'\0', '\xff'});
    } else if (c == '\xff') {
      out->append({'\xff', '\0'});
    } else {
      out->push_back(c);
    }
  }
  out->append({'\0', '\x01'});
}

// Ordered code of a signed number: the value in big-endian two's complement, sign-extended to
// the encoded length, with the high bits replaced by a header: sign bit (1 = non-negative) and
// one more copy of the sign bit per extra byte, ended by the opposite bit. n bytes hold values
// in [-2^(7n-1), 2^(7n-1)); 10 bytes hold any int64.
void AppendSigned(std::string* out, int64_t value) {
  const uint64_t magnitude_bits = value < 0 ? ~static_cast<uint64_t>(value)
                                            : static_cast<uint64_t>(value);
  int length = 1;
  while (length < 10 && (magnitude_bits >> (7 * length - 1)) != 0) ++length;
  // The value, sign-extended to 10 bytes, big-endian.
  unsigned char bytes[10];
  const unsigned char sign_fill = value < 0 ? 0xff : 0x00;
  bytes[0] = bytes[1] = sign_fill;
  for (int i = 0; i < 8; ++i) {
    bytes[2 + i] = static_cast<unsigned char>(static_cast<uint64_t>(value) >> (56 - 8 * i));
  }
  unsigned char* begin = bytes + 10 - length;
  // Header bits for a non-negative value: `length` ones then a zero, starting at the top bit.
  // XOR-ing them in also gives the right (inverted) header for negative values.
  for (int bit = 0; bit < length; ++bit) begin[bit / 8] ^= static_cast<unsigned char>(0x80 >> (bit % 8));
  out->append(reinterpret_cast<const char*>(begin), length);
}

}  // namespace

std::string EncodeSliceKey(absl::string_view tensor_name,
                           const tensorflow::TensorSliceProto& slice) {
  std::string key;
  AppendUnsigned(&key, 0);
  AppendString(&key, tensor_name);
  AppendUnsigned(&key, static_cast<uint64_t>(slice.extent_size()));
  for (const tensorflow::TensorSliceProto::Extent& extent : slice.extent()) {
    const bool full = extent.has_length_case() != tensorflow::TensorSliceProto::Extent::kLength;
    AppendSigned(&key, full ? 0 : extent.start());
    AppendSigned(&key, full ? -1 : extent.length());
  }
  return key;
}

}  // namespace tfjs::converter
