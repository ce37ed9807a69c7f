#include "converter/readers/hdf5/checksum.h"

#include <algorithm>

namespace tfjs::converter::hdf5 {
namespace {

uint32_t Rotate(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

void Mix(uint32_t& a, uint32_t& b, uint32_t& c) {
  a -= c;
  a ^= Rotate(c, 4);
  c += b;
  b -= a;
  b ^= Rotate(a, 6);
  a += c;
  c -= b;
  c ^= Rotate(b, 8);
  b += a;
  a -= c;
  a ^= Rotate(c, 16);
  c += b;
  b -= a;
  b ^= Rotate(a, 19);
  a += c;
  c -= b;
  c ^= Rotate(b, 4);
  b += a;
}

void Final(uint32_t& a, uint32_t& b, uint32_t& c) {
  c ^= b;
  c -= Rotate(b, 14);
  a ^= c;
  a -= Rotate(c, 11);
  b ^= a;
  b -= Rotate(a, 25);
  c ^= b;
  c -= Rotate(b, 16);
  a ^= c;
  a -= Rotate(c, 4);
  b ^= a;
  b -= Rotate(a, 14);
  c ^= b;
  c -= Rotate(b, 24);
}

// Bytes [start, start + count) (count <= 4) as a little-endian word.
uint32_t Word(const unsigned char* bytes, size_t count) {
  uint32_t word = 0;
  for (size_t i = 0; i < count; ++i) word |= static_cast<uint32_t>(bytes[i]) << (8 * i);
  return word;
}

}  // namespace

uint32_t Lookup3Checksum(absl::string_view bytes, uint32_t initial_value) {
  const auto* key = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t length = bytes.size();
  uint32_t a = 0xdeadbeef + static_cast<uint32_t>(length) + initial_value;
  uint32_t b = a;
  uint32_t c = a;
  while (length > 12) {
    a += Word(key, 4);
    b += Word(key + 4, 4);
    c += Word(key + 8, 4);
    Mix(a, b, c);
    key += 12;
    length -= 12;
  }
  if (length == 0) return c;
  // The last 1 to 12 bytes, zero-extended.
  a += Word(key, std::min<size_t>(length, 4));
  if (length > 4) b += Word(key + 4, std::min<size_t>(length - 4, 4));
  if (length > 8) c += Word(key + 8, length - 8);
  Final(a, b, c);
  return c;
}

}  // namespace tfjs::converter::hdf5
