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
// The crc32 instruction takes 3 cycles but can start one per cycle, so large inputs run as three
// independent streams over adjacent blocks of kStreamBytes, joined by the linearity of the crc:
// crc(s, A || B) = shift(crc(s, A), |B|) ^ crc(0, B), where shift advances a state over |B| zero
// bytes.
constexpr size_t kStreamBytes = 8192;

// shift over kStreamBytes zero bytes as four byte-indexed tables (the map is linear in the state).
struct StreamShift {
  uint32_t table[4][256];
};

__attribute__((target("sse4.2"))) StreamShift MakeStreamShift() {
  uint32_t column[32];  // The shifted image of each state bit.
  for (int bit = 0; bit < 32; ++bit) {
    uint64_t state = uint64_t{1} << bit;
    for (size_t i = 0; i < kStreamBytes; i += 8) state = _mm_crc32_u64(state, 0);
    column[bit] = static_cast<uint32_t>(state);
  }
  StreamShift shift;
  for (int byte = 0; byte < 4; ++byte) {
    for (uint32_t value = 0; value < 256; ++value) {
      uint32_t image = 0;
      for (int bit = 0; bit < 8; ++bit) {
        if (value & (1u << bit)) image ^= column[8 * byte + bit];
      }
      shift.table[byte][value] = image;
    }
  }
  return shift;
}

uint32_t Shift(const StreamShift& shift, uint32_t state) {
  return shift.table[0][state & 0xff] ^ shift.table[1][(state >> 8) & 0xff] ^
         shift.table[2][(state >> 16) & 0xff] ^ shift.table[3][state >> 24];
}

uint64_t Load64(const unsigned char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof(word));
  return word;
}

__attribute__((target("sse4.2"))) uint32_t ExtendSse42(uint32_t state, const unsigned char* p,
                                                       size_t n) {
  if (n >= 3 * kStreamBytes) {
    static const StreamShift shift = MakeStreamShift();
    while (n >= 3 * kStreamBytes) {
      uint64_t s0 = state;
      uint64_t s1 = 0;
      uint64_t s2 = 0;
      for (size_t i = 0; i < kStreamBytes; i += 8) {
        s0 = _mm_crc32_u64(s0, Load64(p + i));
        s1 = _mm_crc32_u64(s1, Load64(p + kStreamBytes + i));
        s2 = _mm_crc32_u64(s2, Load64(p + 2 * kStreamBytes + i));
      }
      state = Shift(shift, Shift(shift, static_cast<uint32_t>(s0)) ^ static_cast<uint32_t>(s1)) ^
              static_cast<uint32_t>(s2);
      p += 3 * kStreamBytes;
      n -= 3 * kStreamBytes;
    }
  }
  uint64_t state64 = state;
  while (n >= 8) {
    state64 = _mm_crc32_u64(state64, Load64(p));
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
