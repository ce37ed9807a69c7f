// StochasticCastToInt: each float rounded to one of its two neighbouring integers at random, up
// with probability equal to its fractional part, using TF's Philox stream for the given key,
// counter and algorithm; NaN gives 0, values beyond the integer type saturate, integers stay.
// Elements draw one Philox block each, in order (TF's scalar path; its vectorized and
// multi-threaded paths share blocks between elements, so TF's own values vary with the host).
#include <cmath>
#include <cstdint>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/philox.h"

namespace tfjs::runtime::math {
namespace {

constexpr int kInput = 0;
constexpr int kKey = 1;
constexpr int kCounter = 2;
constexpr int kAlg = 3;

// TF's RNG algorithm ids.
constexpr int32_t kPhilox = 1;
constexpr int32_t kAutoSelect = 3;

using InputTypes = TypeList<Half, BFloat16, float, double>;
using OutputTypes = TypeList<int8_t, int16_t, int32_t>;

// A uniform value in [0, 1) of type T, from one Philox block.
template <typename T>
ComputeType<T> Uniform(const Philox::Words& words) {
  if constexpr (std::is_same_v<T, double>) {
    return UniformDouble(words[0], words[1]);
  } else if constexpr (std::is_same_v<T, float>) {
    return UniformFloat(words[0]);
  } else if constexpr (std::is_same_v<T, Half>) {
    return HalfToFloat(UniformHalfPlusOneBits(words[0])) - 1.0f;
  } else {
    return BFloat16ToFloat(UniformBFloat16PlusOneBits(words[0])) - 1.0f;
  }
}

// s rounded down or up at random as TF does it in T: floor(s + u) below zero,
// floor(s + 1 - u) above, each sum rounded to T.
template <typename T, typename Out>
Out StochasticRound(T element, Philox& generator) {
  using Compute = ComputeType<T>;
  const Compute s = Widen(element);
  if (std::isnan(s)) return 0;
  const Compute high = static_cast<Compute>(std::numeric_limits<Out>::max());
  const Compute low = static_cast<Compute>(std::numeric_limits<Out>::min());
  if (s >= high) return std::numeric_limits<Out>::max();
  if (s <= low) return std::numeric_limits<Out>::min();
  if (std::floor(s) == s) return static_cast<Out>(s);
  const Compute random = Uniform<T>(generator.Next());
  const Compute rounded =
      s < 0 ? std::floor(Widen(Narrow<T>(s + random)))
            : std::floor(Widen(Narrow<T>(Widen(Narrow<T>(s + Compute{1})) - random)));
  // Saturate what rounding to T carried past the integer range.
  if (rounded >= high) return std::numeric_limits<Out>::max();
  if (rounded <= low) return std::numeric_limits<Out>::min();
  return static_cast<Out>(rounded);
}

absl::Status ComputeStochasticCastToInt(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const Tensor& key = context.input(kKey);
  const Tensor& counter = context.input(kCounter);
  const Tensor& alg = context.input(kAlg);
  if (alg.dtype() != tensorflow::DT_INT32 || alg.rank() != 0) {
    return context.Error(
        absl::StrCat("alg must be an int32 scalar, got ", ShapeString(alg.shape())));
  }
  const int32_t algorithm = alg.data<int32_t>()[0];
  if (algorithm != kPhilox && algorithm != kAutoSelect) {
    // ThreeFry (2) and unknown ids, as TF's CPU kernel.
    return context.Error(absl::StrCat("Unsupported algorithm id: ", algorithm));
  }
  if (key.dtype() != tensorflow::DT_UINT64 || key.rank() != 1 || key.dim(0) != 1) {
    return context.Error(absl::StrCat("key must have shape [1], not ", ShapeString(key.shape())));
  }
  if (counter.dtype() != tensorflow::DT_UINT64 || counter.rank() != 1 || counter.dim(0) < 2) {
    return context.Error(absl::StrCat("counter must be a vector of at least 2 uint64, not ",
                                      ShapeString(counter.shape())));
  }
  // TF seeds its generator with (counter, key) in that order.
  Philox generator(counter.data<uint64_t>()[0], key.data<uint64_t>()[0]);
  auto out_type = context.node().attr().find("Tout");
  if (out_type == context.node().attr().end()) return context.Error("missing attr 'Tout'");
  const Tensor& input = context.input(kInput);
  return DispatchDataType(InputTypes(), context, input.dtype(), "input 'input'", [&](auto in_type) {
    using T = decltype(in_type);
    return DispatchDataType(
        OutputTypes(), context, out_type->second.type(), "attr 'Tout'", [&](auto out) {
          using Out = decltype(out);
          absl::StatusOr<Tensor> output = Tensor::Allocate(DataTypeOf<Out>::value, input.shape());
          if (!output.ok()) return context.Error(output.status().message());
          const T* in = input.data<T>();
          Out* result = output->mutable_data<Out>();
          for (int64_t i = 0; i < input.num_elements(); ++i) {
            result[i] = StochasticRound<T, Out>(in[i], generator);
          }
          context.set_output(0, *std::move(output));
          return absl::OkStatus();
        });
  });
}

REGISTER_KERNEL("StochasticCastToInt", ComputeStochasticCastToInt,
                {{"Tin", DtypesOf(InputTypes())}, {"Tout", DtypesOf(OutputTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
