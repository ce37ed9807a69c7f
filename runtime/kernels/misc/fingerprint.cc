// Written from FarmHash's published farmhashna::Hash64 and farmhashcc::CityHash128WithSeed and
// CityMurmur (little-endian loads, 64-bit wrapping arithmetic).
#include "runtime/kernels/misc/fingerprint.h"

#include <cstring>
#include <utility>

namespace tfjs::runtime::misc {
namespace {

constexpr uint64_t k0 = 0xc3a5c85c97cb3127ULL;
constexpr uint64_t k1 = 0xb492b66fbe98f273ULL;
constexpr uint64_t k2 = 0x9ae16a3b2f90404fULL;
constexpr uint64_t kMul = 0x9ddfea08eb382d69ULL;

uint64_t Load64(const char* p) {
  uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = value << 8 | static_cast<unsigned char>(p[i]);
  return value;
}

uint64_t Load32(const char* p) {
  uint64_t value = 0;
  for (int i = 3; i >= 0; --i) value = value << 8 | static_cast<unsigned char>(p[i]);
  return value;
}

uint64_t RotateRight(uint64_t value, int shift) {
  return shift == 0 ? value : (value >> shift) | (value << (64 - shift));
}

uint64_t ShiftMix(uint64_t value) { return value ^ (value >> 47); }

uint64_t HashLen16(uint64_t u, uint64_t v, uint64_t mul = kMul) {
  uint64_t a = (u ^ v) * mul;
  a ^= a >> 47;
  uint64_t b = (v ^ a) * mul;
  b ^= b >> 47;
  return b * mul;
}

uint64_t HashLen0to16(const char* s, size_t len) {
  if (len >= 8) {
    const uint64_t mul = k2 + len * 2;
    const uint64_t a = Load64(s) + k2;
    const uint64_t b = Load64(s + len - 8);
    const uint64_t c = RotateRight(b, 37) * mul + a;
    const uint64_t d = (RotateRight(a, 25) + b) * mul;
    return HashLen16(c, d, mul);
  }
  if (len >= 4) {
    const uint64_t mul = k2 + len * 2;
    const uint64_t a = Load32(s);
    return HashLen16(len + (a << 3), Load32(s + len - 4), mul);
  }
  if (len > 0) {
    const uint32_t a = static_cast<unsigned char>(s[0]);
    const uint32_t b = static_cast<unsigned char>(s[len >> 1]);
    const uint32_t c = static_cast<unsigned char>(s[len - 1]);
    const uint32_t y = a + (b << 8);
    const uint32_t z = static_cast<uint32_t>(len) + (c << 2);
    return ShiftMix(y * k2 ^ z * k0) * k2;
  }
  return k2;
}

uint64_t HashLen17to32(const char* s, size_t len) {
  const uint64_t mul = k2 + len * 2;
  const uint64_t a = Load64(s) * k1;
  const uint64_t b = Load64(s + 8);
  const uint64_t c = Load64(s + len - 8) * mul;
  const uint64_t d = Load64(s + len - 16) * k2;
  return HashLen16(RotateRight(a + b, 43) + RotateRight(c, 30) + d, a + RotateRight(b + k2, 18) + c,
                   mul);
}

uint64_t HashLen33to64(const char* s, size_t len) {
  const uint64_t mul = k2 + len * 2;
  const uint64_t a = Load64(s) * k2;
  const uint64_t b = Load64(s + 8);
  const uint64_t c = Load64(s + len - 8) * mul;
  const uint64_t d = Load64(s + len - 16) * k2;
  const uint64_t y = RotateRight(a + b, 43) + RotateRight(c, 30) + d;
  const uint64_t z = HashLen16(y, a + RotateRight(b + k2, 18) + c, mul);
  const uint64_t e = Load64(s + 16) * mul;
  const uint64_t f = Load64(s + 24);
  const uint64_t g = (y + Load64(s + len - 32)) * mul;
  const uint64_t h = (z + Load64(s + len - 24)) * mul;
  return HashLen16(RotateRight(e + f, 43) + RotateRight(g, 30) + h, e + RotateRight(f + a, 18) + g,
                   mul);
}

std::pair<uint64_t, uint64_t> WeakHashLen32WithSeeds(const char* s, uint64_t a, uint64_t b) {
  const uint64_t w = Load64(s);
  const uint64_t x = Load64(s + 8);
  const uint64_t y = Load64(s + 16);
  const uint64_t z = Load64(s + 24);
  a += w;
  b = RotateRight(b + a + z, 21);
  const uint64_t c = a;
  a += x;
  a += y;
  b += RotateRight(a, 44);
  return {a + z, b + c};
}

// The 64-byte round of the long-input loops (Fingerprint64's and CityHash128's): mixes
// s[0, 64) into x, y, z, v and w, then swaps z and x.
void MixChunk64(const char* s, uint64_t& x, uint64_t& y, uint64_t& z,
                std::pair<uint64_t, uint64_t>& v, std::pair<uint64_t, uint64_t>& w) {
  x = RotateRight(x + y + v.first + Load64(s + 8), 37) * k1;
  y = RotateRight(y + v.second + Load64(s + 48), 42) * k1;
  x ^= w.second;
  y += v.first + Load64(s + 40);
  z = RotateRight(z + w.first, 33) * k1;
  v = WeakHashLen32WithSeeds(s, v.second * k1, x + w.first);
  w = WeakHashLen32WithSeeds(s + 32, z + w.second, y + Load64(s + 16));
  std::swap(z, x);
}

// Inputs shorter than 128 bytes.
Fprint128 CityMurmur(const char* s, size_t len, Fprint128 seed) {
  uint64_t a = seed.low64;
  uint64_t b = seed.high64;
  uint64_t c = 0;
  uint64_t d = 0;
  if (len <= 16) {
    a = ShiftMix(a * k1) * k1;
    c = b * k1 + HashLen0to16(s, len);
    d = ShiftMix(a + (len >= 8 ? Load64(s) : c));
  } else {
    c = HashLen16(Load64(s + len - 8) + k1, a);
    d = HashLen16(b + len, c + Load64(s + len - 16));
    a += d;
    int64_t l = static_cast<int64_t>(len) - 16;
    do {
      a ^= ShiftMix(Load64(s) * k1) * k1;
      a *= k1;
      b ^= a;
      c ^= ShiftMix(Load64(s + 8) * k1) * k1;
      c *= k1;
      d ^= c;
      s += 16;
      l -= 16;
    } while (l > 0);
  }
  a = HashLen16(a, c);
  b = HashLen16(d, b);
  return {a ^ b, HashLen16(b, a)};
}

Fprint128 CityHash128WithSeed(const char* s, size_t len, Fprint128 seed) {
  if (len < 128) return CityMurmur(s, len, seed);
  std::pair<uint64_t, uint64_t> v, w;
  uint64_t x = seed.low64;
  uint64_t y = seed.high64;
  uint64_t z = len * k1;
  v.first = RotateRight(y ^ k1, 49) * k1 + Load64(s);
  v.second = RotateRight(v.first, 42) * k1 + Load64(s + 8);
  w.first = RotateRight(y + z, 35) * k1 + x;
  w.second = RotateRight(x + Load64(s + 88), 53) * k1;
  do {
    for (int half = 0; half < 2; ++half) {
      MixChunk64(s, x, y, z, v, w);
      s += 64;
    }
    len -= 128;
  } while (len >= 128);
  x += RotateRight(v.first + z, 49) * k0;
  y = y * k0 + RotateRight(w.second, 37);
  z = z * k0 + RotateRight(w.first, 27);
  w.first *= 9;
  v.first *= k0;
  // Up to 4 chunks of 32 bytes from the end.
  for (size_t tail_done = 0; tail_done < len;) {
    tail_done += 32;
    y = RotateRight(x + y, 42) * k0 + v.second;
    w.first += Load64(s + len - tail_done + 16);
    x = x * k0 + w.first;
    z += w.second + Load64(s + len - tail_done);
    w.second += v.first;
    v = WeakHashLen32WithSeeds(s + len - tail_done, v.first + z, v.second);
    v.first *= k0;
  }
  x = HashLen16(x, v.first);
  y = HashLen16(y + z, w.first);
  return {HashLen16(x + v.second, w.second) + y, HashLen16(x + w.second, y + v.second)};
}

}  // namespace

uint64_t Fingerprint64(absl::string_view text) {
  const char* s = text.data();
  const size_t len = text.size();
  if (len <= 16) return HashLen0to16(s, len);
  if (len <= 32) return HashLen17to32(s, len);
  if (len <= 64) return HashLen33to64(s, len);

  constexpr uint64_t kSeed = 81;
  uint64_t x = kSeed;
  uint64_t y = kSeed * k1 + 113;
  uint64_t z = ShiftMix(y * k2 + 113) * k2;
  std::pair<uint64_t, uint64_t> v = {0, 0};
  std::pair<uint64_t, uint64_t> w = {0, 0};
  x = x * k2 + Load64(s);
  const char* end = s + ((len - 1) / 64) * 64;
  const char* last64 = end + ((len - 1) & 63) - 63;
  do {
    MixChunk64(s, x, y, z, v, w);
    s += 64;
  } while (s != end);
  const uint64_t mul = k1 + ((z & 0xff) << 1);
  s = last64;
  w.first += ((len - 1) & 63);
  v.first += w.first;
  w.first += v.first;
  x = RotateRight(x + y + v.first + Load64(s + 8), 37) * mul;
  y = RotateRight(y + v.second + Load64(s + 48), 42) * mul;
  x ^= w.second * 9;
  y += v.first * 9 + Load64(s + 40);
  z = RotateRight(z + w.first, 33) * mul;
  v = WeakHashLen32WithSeeds(s, v.second * mul, x + w.first);
  w = WeakHashLen32WithSeeds(s + 32, z + w.second, y + Load64(s + 16));
  std::swap(z, x);
  return HashLen16(HashLen16(v.first, w.first, mul) + ShiftMix(y) * k0 + z,
                   HashLen16(v.second, w.second, mul) + x, mul);
}

Fprint128 Fingerprint128(absl::string_view text) {
  const char* s = text.data();
  const size_t len = text.size();
  if (len >= 16) {
    return CityHash128WithSeed(s + 16, len - 16, {Load64(s), Load64(s + 8) + k0});
  }
  return CityHash128WithSeed(s, len, {k0, k1});
}

}  // namespace tfjs::runtime::misc
