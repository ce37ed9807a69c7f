// Written from FarmHash's published farmhashcc::CityHash128WithSeed and CityMurmur
// (little-endian loads, 64-bit wrapping arithmetic).
#include "runtime/kernels/linear/fingerprint128.h"

#include <cstddef>
#include <utility>

namespace tfjs::runtime::linear {
namespace {

constexpr uint64_t k0 = 0xc3a5c85c97cb3127ULL;
constexpr uint64_t k1 = 0xb492b66fbe98f273ULL;
constexpr uint64_t k2 = 0x9ae16a3b2f90404fULL;
constexpr uint64_t kMul = 0x9ddfea08eb382d69ULL;

uint64_t Fetch64(const char* p) {
  uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = value << 8 | static_cast<unsigned char>(p[i]);
  return value;
}

uint64_t Fetch32(const char* p) {
  uint64_t value = 0;
  for (int i = 3; i >= 0; --i) value = value << 8 | static_cast<unsigned char>(p[i]);
  return value;
}

uint64_t Rotate(uint64_t value, int shift) {
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
    const uint64_t a = Fetch64(s) + k2;
    const uint64_t b = Fetch64(s + len - 8);
    const uint64_t c = Rotate(b, 37) * mul + a;
    const uint64_t d = (Rotate(a, 25) + b) * mul;
    return HashLen16(c, d, mul);
  }
  if (len >= 4) {
    const uint64_t mul = k2 + len * 2;
    const uint64_t a = Fetch32(s);
    return HashLen16(len + (a << 3), Fetch32(s + len - 4), mul);
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

// (w, x, y, z) mixed into the seeds (a, b).
std::pair<uint64_t, uint64_t> WeakHashLen32WithSeeds(uint64_t w, uint64_t x, uint64_t y, uint64_t z,
                                                     uint64_t a, uint64_t b) {
  a += w;
  b = Rotate(b + a + z, 21);
  const uint64_t c = a;
  a += x;
  a += y;
  b += Rotate(a, 44);
  return {a + z, b + c};
}

std::pair<uint64_t, uint64_t> WeakHashLen32WithSeeds(const char* s, uint64_t a, uint64_t b) {
  return WeakHashLen32WithSeeds(Fetch64(s), Fetch64(s + 8), Fetch64(s + 16), Fetch64(s + 24), a, b);
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
    d = ShiftMix(a + (len >= 8 ? Fetch64(s) : c));
  } else {
    c = HashLen16(Fetch64(s + len - 8) + k1, a);
    d = HashLen16(b + len, c + Fetch64(s + len - 16));
    a += d;
    int64_t l = static_cast<int64_t>(len) - 16;
    do {
      a ^= ShiftMix(Fetch64(s) * k1) * k1;
      a *= k1;
      b ^= a;
      c ^= ShiftMix(Fetch64(s + 8) * k1) * k1;
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
  v.first = Rotate(y ^ k1, 49) * k1 + Fetch64(s);
  v.second = Rotate(v.first, 42) * k1 + Fetch64(s + 8);
  w.first = Rotate(y + z, 35) * k1 + x;
  w.second = Rotate(x + Fetch64(s + 88), 53) * k1;
  do {
    for (int half = 0; half < 2; ++half) {
      x = Rotate(x + y + v.first + Fetch64(s + 8), 37) * k1;
      y = Rotate(y + v.second + Fetch64(s + 48), 42) * k1;
      x ^= w.second;
      y += v.first + Fetch64(s + 40);
      z = Rotate(z + w.first, 33) * k1;
      v = WeakHashLen32WithSeeds(s, v.second * k1, x + w.first);
      w = WeakHashLen32WithSeeds(s + 32, z + w.second, y + Fetch64(s + 16));
      std::swap(z, x);
      s += 64;
    }
    len -= 128;
  } while (len >= 128);
  x += Rotate(v.first + z, 49) * k0;
  y = y * k0 + Rotate(w.second, 37);
  z = z * k0 + Rotate(w.first, 27);
  w.first *= 9;
  v.first *= k0;
  // Up to 4 chunks of 32 bytes from the end.
  for (size_t tail_done = 0; tail_done < len;) {
    tail_done += 32;
    y = Rotate(x + y, 42) * k0 + v.second;
    w.first += Fetch64(s + len - tail_done + 16);
    x = x * k0 + w.first;
    z += w.second + Fetch64(s + len - tail_done);
    w.second += v.first;
    v = WeakHashLen32WithSeeds(s + len - tail_done, v.first + z, v.second);
    v.first *= k0;
  }
  x = HashLen16(x, v.first);
  y = HashLen16(y + z, w.first);
  return {HashLen16(x + v.second, w.second) + y, HashLen16(x + w.second, y + v.second)};
}

}  // namespace

Fprint128 Fingerprint128(absl::string_view text) {
  const char* s = text.data();
  const size_t len = text.size();
  if (len >= 16) {
    return CityHash128WithSeed(s + 16, len - 16, {Fetch64(s), Fetch64(s + 8) + k0});
  }
  return CityHash128WithSeed(s, len, {k0, k1});
}

}  // namespace tfjs::runtime::linear
