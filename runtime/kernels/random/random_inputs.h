// Reading the inputs TF's random ops share: an output shape tensor, a stateless [2] seed, V2
// key/counter/alg tensors and an RNG state, each with TF's checks and error messages.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_RANDOM_RANDOM_INPUTS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_RANDOM_RANDOM_INPUTS_H_

#include "absl/status/statusor.h"
#include "runtime/kernel.h"
#include "runtime/kernels/random/philox.h"

namespace tfjs::runtime::random {

// The shape an int32/int64 vector (or scalar) holds; negative dims are refused.
absl::StatusOr<Shape> ReadShape(const Tensor& tensor);
// The generator of a stateless op's seed: an int32 or int64 tensor of shape [2].
absl::StatusOr<Philox> ReadStatelessSeed(const Tensor& seed);
// The generator of a V2 op's key (uint64 [1]), counter (uint64 [>=2]) and alg (int32 scalar):
// Philox for alg 1 and 3 (auto-select), refused otherwise as TF's CPU kernels refuse ThreeFry.
absl::StatusOr<Philox> ReadKeyCounterAlg(const Tensor& key, const Tensor& counter,
                                         const Tensor& alg);
// An algorithm id from an int64 (stateful ops) or int32 scalar, resolved as TF's CPU kernels do.
absl::StatusOr<int64_t> ReadAlgorithm(const Tensor& alg);

}  // namespace tfjs::runtime::random

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_RANDOM_RANDOM_INPUTS_H_
