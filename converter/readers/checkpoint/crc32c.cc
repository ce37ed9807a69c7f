#include "converter/readers/checkpoint/crc32c.h"

#include <array>
#include <cstddef>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <nmmintrin.h>
#define TFJS_CRC32C_HAVE_SSE42 1
#endif

namespace tfjs::converter::crc32c {
namespace {

// Reflected Castagnoli polynomial.
constexpr uint32_t kPolynomial = 0x82f63b78u;

constexpr std::array<uint32_t, 256> MakeTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t byte = 0; byte < 256; ++byte) {
    uint32_t crc = byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ ((crc & 1) ? kPolynomial : 0);
    table[byte] = crc;
  }
  return table;
}

constexpr std::array<uint32_t, 256> kTable = MakeTable();

// `state` is the inverted running crc.
uint32_t ExtendPortable(uint32_t state, const unsigned char* p, size_t n) {
  for (size_t i = 0; i < n; ++i) state = kTable[(state ^ p[i]) & 0xff] ^ (state >> 8);
  return state;
}

#ifdef TFJS_CRC32C_HAVE_SSE42
__attribute__((target("sse4.2"))) uint32_t ExtendSse42(uint32_t state, const unsigned char* p,
                                                        size_t n) {
  uint64_t state64 = state;
  while (n >= 8) {
    uint64_t word;
    std::memcpy(&word, p, sizeof(word));
    state64 = _mm_crc32_u64(state64, word);
    p += 8;
    n -= 8;
  }
  state = static_cast<uint32_t>(state64);
  while (n > 0) {
    state = _mm_crc32_u8(state, *p++);
    --n;
  }
  return state;
}

bool CpuHasSse42() {
  static const bool has_sse42 = __builtin_cpu_supports("sse4.2");
  return has_sse42;
}
#endif

}  // namespace

uint32_t Extend(uint32_t crc, absl::string_view data) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  const uint32_t state = ~crc;
#ifdef TFJS_CRC32C_HAVE_SSE42
  if (CpuHasSse42()) return ~ExtendSse42(state, bytes, data.size());
#endif
  return ~ExtendPortable(state, bytes, data.size());
}

}  // namespace tfjs::converter::crc32c
