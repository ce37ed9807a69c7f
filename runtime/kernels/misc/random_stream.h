// The seeded random streams of the random kernels: SplitMix64 (Steele et al., a counter-based
// generator: word i of a stream hashes its base + i * stride), not TF's Philox, so values
// cannot equal TF's; and TF's seeding rule (seed = seed2 = 0: a fresh random seed per kernel).
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MISC_RANDOM_STREAM_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MISC_RANDOM_STREAM_H_

#include <cmath>
#include <cstdint>

#include "proto/graph.pb.h"

namespace tfjs::runtime::misc {

inline uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A stream of 64-bit words for one run of one kernel.
class RandomStream {
 public:
  explicit RandomStream(uint64_t base) : base_(base) {}
  uint64_t Next() { return SplitMix64(base_ + 0x9e3779b97f4a7c15ULL * next_++); }
  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Normal() {
    // Box-Muller; 1 - u keeps the log argument in (0, 1].
    const double u = 1.0 - Uniform();
    const double v = Uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * 3.14159265358979323846 * v);
  }

 private:
  uint64_t base_;
  uint64_t next_ = 0;
};

// The kernel's key from its seed and seed2 attrs; random when both are 0 (or absent), as in TF.
uint64_t KernelSeed(const tensorflow::NodeDef& node);

// The stream for run number `run` of a kernel keyed `seed`: reproducible for a seeded kernel, a
// new sequence on every run.
inline RandomStream StreamForRun(uint64_t seed, uint64_t run) {
  return RandomStream(SplitMix64(seed ^ SplitMix64(run)));
}

}  // namespace tfjs::runtime::misc

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MISC_RANDOM_STREAM_H_
