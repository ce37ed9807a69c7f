// The Philox4x32-10 counter-based generator (Salmon et al., "Parallel random numbers: as easy as
// 1, 2, 3", SC 2011) as TF's stateless random ops use it: a 64-bit key, a 128-bit counter that
// advances by one per call, four 32-bit words per call; and TF's conversion of those words to
// uniform floats in [0, 1) (random bits in the mantissa of a number in [1, 2), minus 1).
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_PHILOX_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_PHILOX_H_

#include <array>
#include <cstdint>
#include <cstring>

namespace tfjs::runtime::math {

class Philox {
 public:
  using Words = std::array<uint32_t, 4>;

  // TF's PhiloxRandom(seed_lo, seed_hi): the key is seed_lo, the counter's upper half seed_hi.
  Philox(uint64_t seed_lo, uint64_t seed_hi)
      : key_{static_cast<uint32_t>(seed_lo), static_cast<uint32_t>(seed_lo >> 32)},
        counter_{0, 0, static_cast<uint32_t>(seed_hi), static_cast<uint32_t>(seed_hi >> 32)} {}

  // The block for an explicit counter and key (for known-answer tests).
  static Words Block(Words counter, std::array<uint32_t, 2> key) {
    for (int round = 0; round < 10; ++round) {
      counter = Round(counter, key);
      key[0] += kWeylA;
      key[1] += kWeylB;
    }
    return counter;
  }

  // The next four words; advances the counter.
  Words Next() {
    const Words block = Block(counter_, key_);
    for (uint32_t& word : counter_) {
      if (++word != 0) break;
    }
    return block;
  }

 private:
  static constexpr uint32_t kWeylA = 0x9E3779B9;
  static constexpr uint32_t kWeylB = 0xBB67AE85;
  static constexpr uint32_t kMultiplierA = 0xD2511F53;
  static constexpr uint32_t kMultiplierB = 0xCD9E8D57;

  static Words Round(const Words& counter, const std::array<uint32_t, 2>& key) {
    const uint64_t product_a = static_cast<uint64_t>(kMultiplierA) * counter[0];
    const uint64_t product_b = static_cast<uint64_t>(kMultiplierB) * counter[2];
    return {static_cast<uint32_t>(product_b >> 32) ^ counter[1] ^ key[0],
            static_cast<uint32_t>(product_b),
            static_cast<uint32_t>(product_a >> 32) ^ counter[3] ^ key[1],
            static_cast<uint32_t>(product_a)};
  }

  std::array<uint32_t, 2> key_;
  Words counter_;
};

// A uniform float in [0, 1) from the low 23 bits of `word`.
inline float UniformFloat(uint32_t word) {
  const uint32_t bits = (127u << 23) | (word & 0x7fffffu);
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return value - 1.0f;
}

// A uniform double in [0, 1) from 20 bits of `high` and all of `low`.
inline double UniformDouble(uint32_t high, uint32_t low) {
  const uint64_t bits =
      (uint64_t{1023} << 52) | (static_cast<uint64_t>(high & 0xfffffu) << 32) | low;
  double value;
  std::memcpy(&value, &bits, sizeof(value));
  return value - 1.0;
}

// The bits of a uniform float16 in [1, 2) from the low 10 bits of `word`; subtract 1 in float16.
inline uint16_t UniformHalfPlusOneBits(uint32_t word) {
  return static_cast<uint16_t>((15u << 10) | (word & 0x3ffu));
}

// The bits of a uniform bfloat16 in [1, 2) from the low 7 bits of `word`.
inline uint16_t UniformBFloat16PlusOneBits(uint32_t word) {
  return static_cast<uint16_t>((127u << 7) | (word & 0x7fu));
}

}  // namespace tfjs::runtime::math

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_PHILOX_H_
