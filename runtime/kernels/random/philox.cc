// Philox4x32-10 rounds and TF's seeding and Box-Muller rules (see philox.h).
#include "runtime/kernels/random/philox.h"

#include <cmath>

namespace tfjs::runtime::random {
namespace {

constexpr uint32_t kW32A = 0x9E3779B9;
constexpr uint32_t kW32B = 0xBB67AE85;
constexpr uint32_t kM4x32A = 0xD2511F53;
constexpr uint32_t kM4x32B = 0xCD9E8D57;
constexpr int kRounds = 10;

Philox::Block Round(const Philox::Block& counter, const Philox::Key& key) {
  const uint64_t product0 = uint64_t{kM4x32A} * counter[0];
  const uint64_t product1 = uint64_t{kM4x32B} * counter[2];
  return {
      static_cast<uint32_t>(product1 >> 32) ^ counter[1] ^ key[0], static_cast<uint32_t>(product1),
      static_cast<uint32_t>(product0 >> 32) ^ counter[3] ^ key[1], static_cast<uint32_t>(product0)};
}

}  // namespace

Philox Philox::FromSeeds(uint64_t seed_lo, uint64_t seed_hi) {
  return Philox({0, 0, static_cast<uint32_t>(seed_hi), static_cast<uint32_t>(seed_hi >> 32)},
                {static_cast<uint32_t>(seed_lo), static_cast<uint32_t>(seed_lo >> 32)});
}

Philox::Block Philox::operator()() {
  Block block = counter_;
  Key key = key_;
  for (int round = 0; round < kRounds; ++round) {
    if (round > 0) {
      key[0] += kW32A;
      key[1] += kW32B;
    }
    block = Round(block, key);
  }
  Skip(1);
  return block;
}

void Philox::Skip(uint64_t count) {
  const uint32_t count_lo = static_cast<uint32_t>(count);
  uint32_t count_hi = static_cast<uint32_t>(count >> 32);
  counter_[0] += count_lo;
  if (counter_[0] < count_lo) ++count_hi;
  counter_[1] += count_hi;
  if (counter_[1] < count_hi) {
    if (++counter_[2] == 0) ++counter_[3];
  }
}

Philox StatelessPhilox(uint64_t seed0, uint64_t seed1) {
  const Philox::Block counter = {static_cast<uint32_t>(seed0), static_cast<uint32_t>(seed0 >> 32),
                                 static_cast<uint32_t>(seed1), static_cast<uint32_t>(seed1 >> 32)};
  const Philox::Block mix = Philox(counter, {0x3ec8f720, 0x02461e29})();
  return Philox({0, 0, mix[2], mix[3]}, {mix[0], mix[1]});
}

void KeyCounterWords(const Philox& philox, uint64_t* key, uint64_t* counter) {
  key[0] = philox.key()[0] | (uint64_t{philox.key()[1]} << 32);
  counter[0] = philox.counter()[0] | (uint64_t{philox.counter()[1]} << 32);
  counter[1] = philox.counter()[2] | (uint64_t{philox.counter()[3]} << 32);
}

Philox PhiloxFromKeyCounter(uint64_t key, const uint64_t* counter) {
  return Philox({static_cast<uint32_t>(counter[0]), static_cast<uint32_t>(counter[0] >> 32),
                 static_cast<uint32_t>(counter[1]), static_cast<uint32_t>(counter[1] >> 32)},
                {static_cast<uint32_t>(key), static_cast<uint32_t>(key >> 32)});
}

Philox PhiloxFromState(const int64_t* state) {
  const uint64_t counter[2] = {static_cast<uint64_t>(state[0]), static_cast<uint64_t>(state[1])};
  return PhiloxFromKeyCounter(static_cast<uint64_t>(state[2]), counter);
}

void WritePhiloxState(const Philox& philox, int64_t* state) {
  uint64_t key, counter[2];
  KeyCounterWords(philox, &key, counter);
  state[0] = static_cast<int64_t>(counter[0]);
  state[1] = static_cast<int64_t>(counter[1]);
  state[2] = static_cast<int64_t>(key);
}

void BoxMullerFloat(uint32_t x0, uint32_t x1, float* f0, float* f1) {
  const float epsilon = 1.0e-7f;
  float u1 = Uint32ToFloat(x0);
  if (u1 < epsilon) u1 = epsilon;
  // TF's 2.0f * M_PI promotes to double: the product is rounded to float once.
  const float v1 = static_cast<float>(2.0f * M_PI * Uint32ToFloat(x1));
  const float u2 = std::sqrt(-2.0f * std::log(u1));
  sincosf(v1, f0, f1);
  *f0 *= u2;
  *f1 *= u2;
}

void BoxMullerDouble(uint32_t x0, uint32_t x1, uint32_t x2, uint32_t x3, double* d0, double* d1) {
  const double epsilon = 1.0e-7;
  double u1 = Uint64ToDouble(x0, x1);
  if (u1 < epsilon) u1 = epsilon;
  const double v1 = 2 * M_PI * Uint64ToDouble(x2, x3);
  const double u2 = std::sqrt(-2.0 * std::log(u1));
  sincos(v1, d0, d1);
  *d0 *= u2;
  *d1 *= u2;
}

}  // namespace tfjs::runtime::random
