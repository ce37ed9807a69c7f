// TF's per-element samplers of the gamma, Poisson and binomial distributions (random_op.cc's
// RandomGammaOp, random_poisson_op.cc, random_binomial_op.cc), each drawing from its own Philox
// position in TF's order, so the stateful, seeded and stateless ops built on them give TF's
// numbers. Where TF's loop would never end (a NaN parameter, Marsaglia-Tsang's d <= 0), the sample
// is NaN instead.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_RANDOM_SAMPLERS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_RANDOM_SAMPLERS_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "runtime/kernels/random/philox.h"

namespace tfjs::runtime::random {

// The blocks TF reserves per gamma or Poisson output: output i starts at block 256 * i.
constexpr uint64_t kBlocksPerSample = 256;

// Gamma(alpha, 1) by Marsaglia and Tsang's transformation-rejection (alpha < 1 boosted by
// U^(1/alpha)), exponential for alpha == 1; normals and uniforms as TF draws them.
double SampleGamma(double alpha, Philox philox);

// Poisson(rate): Knuth's product of uniforms below rate 10, Hormann's PTRS above, as TF;
// `highest` is the output type's largest value (TF retries draws above it).
double SamplePoisson(double rate, double highest, Philox philox);

// Binomial(count, prob) for 0 < prob <= 0.5: BTRS (Hormann) when count * prob >= 10, else
// inversion by summing geometric draws. `count_times_prob_large` is TF's test, computed in the
// parameter type.
double SampleBinomialLowProb(double count, double prob, bool count_times_prob_large, Philox philox);

// The largest finite value of an output type (float16 and bfloat16 as their own).
template <typename T>
double HighestValue() {
  if constexpr (std::is_same_v<T, Half>) {
    return 65504.0;
  } else if constexpr (std::is_same_v<T, BFloat16>) {
    return 3.3895313892515355e38;
  } else {
    return static_cast<double>(std::numeric_limits<T>::max());
  }
}

// A double sample stored as T as TF's static_cast does: through float for the 16-bit types; for
// integers NaN gives 0 and values past the range saturate.
template <typename T>
T StoreSample(double value) {
  if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16> ||
                std::is_floating_point_v<T>) {
    if constexpr (std::is_same_v<T, double>) {
      return value;
    } else {
      return StoreFloat<T>(static_cast<float>(value));
    }
  } else {
    if (std::isnan(value)) return 0;
    if (value >= static_cast<double>(std::numeric_limits<T>::max())) {
      return std::numeric_limits<T>::max();
    }
    if (value <= static_cast<double>(std::numeric_limits<T>::lowest())) {
      return std::numeric_limits<T>::lowest();
    }
    return static_cast<T>(value);
  }
}

}  // namespace tfjs::runtime::random

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_RANDOM_SAMPLERS_H_
