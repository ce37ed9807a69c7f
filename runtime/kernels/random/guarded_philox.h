// TF's GuardedPhiloxRandom: the generator of a seeded TF1 random op (RandomUniform, RandomGamma,
// RandomShuffle, Multinomial, ...). Its seed and seed2 attrs (the op seed and the graph seed as
// TF's Python layer resolved them) give Philox(seed, seed2); both 0 means fresh random seeds. Each
// run reserves a stretch of the stream and moves the shared generator past it, so a node yields
// TF's sequence run after run.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_RANDOM_GUARDED_PHILOX_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_RANDOM_GUARDED_PHILOX_H_

#include <cstdint>
#include <mutex>

#include "proto/graph.pb.h"
#include "runtime/kernels/random/philox.h"

namespace tfjs::runtime::random {

class GuardedPhilox {
 public:
  // From the node's seed and seed2 attrs (absent = 0).
  explicit GuardedPhilox(const tensorflow::NodeDef& node);
  GuardedPhilox(int64_t seed, int64_t seed2);

  // The generator at the current position; the shared one moves on by `blocks` 128-bit blocks.
  Philox ReserveSamples128(uint64_t blocks) const;
  // For `samples` 32-bit words.
  Philox ReserveSamples32(uint64_t samples) const { return ReserveSamples128((samples + 3) / 4); }
  // TF's conservative reservation: `multiplier` blocks per output.
  Philox ReserveRandomOutputs(uint64_t outputs, uint64_t multiplier) const {
    return ReserveSamples128(outputs * multiplier);
  }

 private:
  mutable std::mutex mutex_;
  mutable Philox generator_;
};

}  // namespace tfjs::runtime::random

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_RANDOM_GUARDED_PHILOX_H_
