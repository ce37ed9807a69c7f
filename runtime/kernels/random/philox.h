// TensorFlow's random number engine, bit for bit: Philox4x32-10 (Salmon et al., SC 2011), TF's
// seeding rules (op seeds, stateless seeds, key/counter tensors, RNG state variables), its
// conversions of random bits to uniform, normal and truncated-normal values, and its way of
// spreading a tensor's elements over the Philox stream (so every output equals TF's CPU kernel's).
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_RANDOM_PHILOX_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_RANDOM_PHILOX_H_

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::random {

using math::BFloat16;
using math::Half;

// The Philox4x32-10 generator: each call gives the 128-bit block of the current counter and
// moves the counter on by one.
class Philox {
 public:
  using Block = std::array<uint32_t, 4>;
  using Key = std::array<uint32_t, 2>;
  static constexpr int kBlockSize = 4;

  Philox() = default;
  Philox(Block counter, Key key) : counter_(counter), key_(key) {}
  // TF's PhiloxRandom(seed_lo, seed_hi): the key is seed_lo, the counter's upper half seed_hi.
  static Philox FromSeeds(uint64_t seed_lo, uint64_t seed_hi);

  Block operator()();
  // Moves the counter on by `count` blocks (128-bit addition on the counter).
  void Skip(uint64_t count);

  const Block& counter() const { return counter_; }
  const Key& key() const { return key_; }

 private:
  Block counter_{};
  Key key_{};
};

// One 32-bit word at a time from a Philox stream (TF's SingleSampleAdapter).
class SingleSample {
 public:
  explicit SingleSample(Philox* philox) : philox_(philox) {}
  uint32_t operator()() {
    if (used_ == Philox::kBlockSize) {
      block_ = (*philox_)();
      used_ = 0;
    }
    return block_[used_++];
  }

 private:
  Philox* philox_;
  Philox::Block block_{};
  int used_ = Philox::kBlockSize;
};

// The generator of a stateless op's [2] seed (TF's GenerateKey: the seed is scrambled through one
// Philox block under a fixed key).
Philox StatelessPhilox(uint64_t seed0, uint64_t seed1);
// The key (uint64 [1]) and counter (uint64 [2]) tensors StatelessRandomGetKeyCounter gives, and
// the generator the V2 ops make from them.
void KeyCounterWords(const Philox& philox, uint64_t* key, uint64_t* counter);
Philox PhiloxFromKeyCounter(uint64_t key, const uint64_t* counter);
// An RNG state variable's Philox part: counter words 0-1 then the key.
Philox PhiloxFromState(const int64_t* state);
void WritePhiloxState(const Philox& philox, int64_t* state);

// TF's algorithm ids (rng_alg.h); CPU kernels resolve auto-select to Philox and refuse ThreeFry.
constexpr int64_t kAlgPhilox = 1;
constexpr int64_t kAlgThreeFry = 2;
constexpr int64_t kAlgAutoSelect = 3;

// Random bits as values in [0, 1), as TF builds them from the mantissa bits.
inline float Uint32ToFloat(uint32_t x) {
  const uint32_t bits = (127u << 23) | (x & 0x7fffffu);
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return value - 1.0f;
}
inline double Uint64ToDouble(uint32_t x0, uint32_t x1) {
  const uint64_t bits = (uint64_t{1023} << 52) | (uint64_t{x0 & 0xfffffu} << 32) | x1;
  double value;
  std::memcpy(&value, &bits, sizeof(value));
  return value - 1.0;
}
// float16 from the low 10 bits, bfloat16 from the low 7: exact in float32.
inline float Uint16ToHalfValue(uint32_t x) { return 1.0f * (x & 0x3ffu) / 1024.0f; }
inline float Uint16ToBFloat16Value(uint32_t x) { return 1.0f * (x & 0x7fu) / 128.0f; }

// Two standard normal values from two (float) or four (double) words, by Box-Muller with TF's
// clamp of the first uniform at 1e-7.
void BoxMullerFloat(uint32_t x0, uint32_t x1, float* f0, float* f1);
void BoxMullerDouble(uint32_t x0, uint32_t x1, uint32_t x2, uint32_t x3, double* d0, double* d1);

// How many values one Philox block yields for element type T (two words per 64-bit value).
template <typename T>
constexpr int ValuesPerBlock() {
  return sizeof(T) == 8 ? 2 : 4;
}

// Fills `data[0, size)` as TF's FillPhiloxRandom does for a distribution taking one block per
// group of ValuesPerBlock<T>() values: group g reads block g of `philox`; `group(block, out, n)`
// writes the group's first n values.
template <typename T, typename GroupFn>
void FillFixed(Philox philox, T* data, int64_t size, GroupFn group) {
  constexpr int kGroup = ValuesPerBlock<T>();
  for (int64_t offset = 0; offset < size; offset += kGroup) {
    const Philox::Block block = philox();
    group(block, data + offset, static_cast<int>(std::min<int64_t>(kGroup, size - offset)));
  }
}

// As FillFixed for distributions drawing a variable number of words (truncated normal): group g
// starts at block g * kGroup * 256 / 4 of `philox` and reads words through a SingleSample.
template <typename T, typename GroupFn>
void FillVariable(const Philox& philox, T* data, int64_t size, int group_size, GroupFn group) {
  const uint64_t skip_per_group = static_cast<uint64_t>(group_size) * 256 / Philox::kBlockSize;
  for (int64_t offset = 0, g = 0; offset < size; offset += group_size, ++g) {
    Philox local = philox;
    local.Skip(static_cast<uint64_t>(g) * skip_per_group);
    SingleSample words(&local);
    group(words, data + offset, static_cast<int>(std::min<int64_t>(group_size, size - offset)));
  }
}

// The element types of the float distributions and their stored form.
template <typename T>
T StoreFloat(float value) {
  if constexpr (std::is_same_v<T, Half>) {
    return Half{FloatToHalf(value)};
  } else if constexpr (std::is_same_v<T, BFloat16>) {
    return BFloat16{FloatToBFloat16(value)};
  } else {
    return static_cast<T>(value);
  }
}

// TF's UniformDistribution for float16, bfloat16, float32 and float64: values in [0, 1).
template <typename T>
void FillUniform(const Philox& philox, T* data, int64_t size) {
  FillFixed(philox, data, size, [](const Philox::Block& b, T* out, int n) {
    for (int i = 0; i < n; ++i) {
      if constexpr (std::is_same_v<T, double>) {
        out[i] = Uint64ToDouble(b[2 * i], b[2 * i + 1]);
      } else if constexpr (std::is_same_v<T, Half>) {
        out[i] = Half{FloatToHalf(Uint16ToHalfValue(b[i]))};
      } else if constexpr (std::is_same_v<T, BFloat16>) {
        out[i] = BFloat16{FloatToBFloat16(Uint16ToBFloat16Value(b[i]))};
      } else {
        out[i] = Uint32ToFloat(b[i]);
      }
    }
  });
}

// TF's NormalDistribution: Box-Muller on each pair of words (float32, rounded once for the
// 16-bit types) or on all four (float64).
template <typename T>
void FillNormal(const Philox& philox, T* data, int64_t size) {
  FillFixed(philox, data, size, [](const Philox::Block& b, T* out, int n) {
    if constexpr (std::is_same_v<T, double>) {
      double d[2];
      BoxMullerDouble(b[0], b[1], b[2], b[3], &d[0], &d[1]);
      for (int i = 0; i < n; ++i) out[i] = d[i];
    } else {
      float f[4];
      BoxMullerFloat(b[0], b[1], &f[0], &f[1]);
      BoxMullerFloat(b[2], b[3], &f[2], &f[3]);
      for (int i = 0; i < n; ++i) out[i] = StoreFloat<T>(f[i]);
    }
  });
}

// TF's TruncatedNormalDistribution: normal values with |x| < 2, drawn pairwise until the group
// (4 values; 2 for float64) is full.
template <typename T>
void FillTruncatedNormal(const Philox& philox, T* data, int64_t size) {
  constexpr int kGroup = std::is_same_v<T, double> ? 2 : 4;
  FillVariable(philox, data, size, kGroup, [](SingleSample& words, T* out, int n) {
    int index = 0;
    while (index < n) {
      double pair[2];
      if constexpr (std::is_same_v<T, double>) {
        const uint32_t x0 = words(), x1 = words(), x2 = words(), x3 = words();
        BoxMullerDouble(x0, x1, x2, x3, &pair[0], &pair[1]);
      } else {
        const uint32_t x0 = words(), x1 = words();
        float f[2];
        BoxMullerFloat(x0, x1, &f[0], &f[1]);
        pair[0] = f[0];
        pair[1] = f[1];
      }
      for (int k = 0; k < 2 && index < n; ++k) {
        if (std::fabs(pair[k]) < 2.0) {
          if constexpr (std::is_same_v<T, double>) {
            out[index++] = pair[k];
          } else {
            out[index++] = StoreFloat<T>(static_cast<float>(pair[k]));
          }
        }
      }
    }
  });
}

// TF's UniformDistribution for int32/int64: lo + bits % (hi - lo), with lo < hi.
template <typename T>
void FillUniformInt(const Philox& philox, T* data, int64_t size, T lo, T hi) {
  using U = std::make_unsigned_t<T>;
  const U range = static_cast<U>(static_cast<U>(hi) - static_cast<U>(lo));
  FillFixed(philox, data, size, [&](const Philox::Block& b, T* out, int n) {
    for (int i = 0; i < n; ++i) {
      U bits;
      if constexpr (sizeof(T) == 8) {
        bits = b[2 * i] | (uint64_t{b[2 * i + 1]} << 32);
      } else {
        bits = b[i];
      }
      out[i] = static_cast<T>(static_cast<U>(lo) + bits % range);
    }
  });
}

// TF's UniformFullIntDistribution: the raw bits (two words per 64-bit value).
template <typename T>
void FillFullInt(const Philox& philox, T* data, int64_t size) {
  FillFixed(philox, data, size, [](const Philox::Block& b, T* out, int n) {
    for (int i = 0; i < n; ++i) {
      if constexpr (sizeof(T) == 8) {
        out[i] = static_cast<T>(b[2 * i] | (uint64_t{b[2 * i + 1]} << 32));
      } else {
        out[i] = static_cast<T>(b[i]);
      }
    }
  });
}

// Draws TF's UniformDistribution<double> / NormalDistribution<double> values one at a time, as
// TF's gamma, Poisson and binomial samplers do: a fresh block gives two values, used from the
// last to the first.
class DoubleDraws {
 public:
  explicit DoubleDraws(Philox* philox) : philox_(philox) {}
  double Uniform() {
    if (uniform_left_ == 0) {
      const Philox::Block b = (*philox_)();
      uniform_[0] = Uint64ToDouble(b[0], b[1]);
      uniform_[1] = Uint64ToDouble(b[2], b[3]);
      uniform_left_ = 2;
    }
    return uniform_[--uniform_left_];
  }
  double Normal() {
    if (normal_left_ == 0) {
      const Philox::Block b = (*philox_)();
      BoxMullerDouble(b[0], b[1], b[2], b[3], &normal_[0], &normal_[1]);
      normal_left_ = 2;
    }
    return normal_[--normal_left_];
  }

 private:
  Philox* philox_;
  double uniform_[2] = {0, 0};
  double normal_[2] = {0, 0};
  int uniform_left_ = 0;
  int normal_left_ = 0;
};

}  // namespace tfjs::runtime::random

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_RANDOM_PHILOX_H_
