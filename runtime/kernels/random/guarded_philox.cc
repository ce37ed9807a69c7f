// A seeded op's shared Philox generator (see guarded_philox.h).
#include "runtime/kernels/random/guarded_philox.h"

#include <random>

namespace tfjs::runtime::random {
namespace {

uint64_t FreshSeed() {
  std::random_device device;
  return (uint64_t{device()} << 32) | device();
}

int64_t IntAttr(const tensorflow::NodeDef& node, const char* name) {
  const auto it = node.attr().find(name);
  return it == node.attr().end() ? 0 : it->second.i();
}

}  // namespace

GuardedPhilox::GuardedPhilox(const tensorflow::NodeDef& node)
    : GuardedPhilox(IntAttr(node, "seed"), IntAttr(node, "seed2")) {}

GuardedPhilox::GuardedPhilox(int64_t seed, int64_t seed2) {
  uint64_t lo = static_cast<uint64_t>(seed);
  uint64_t hi = static_cast<uint64_t>(seed2);
  if (seed == 0 && seed2 == 0) {
    lo = FreshSeed();
    hi = FreshSeed();
  }
  generator_ = Philox::FromSeeds(lo, hi);
}

Philox GuardedPhilox::ReserveSamples128(uint64_t blocks) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Philox reserved = generator_;
  generator_.Skip(blocks);
  return reserved;
}

}  // namespace tfjs::runtime::random
