// FractionalMaxPool and FractionalAvgPool (Graham, "Fractional Max-Pooling"), as TF's
// fractional_max_pool_op.cc / fractional_avg_pool_op.cc: NHWC input, output rows and columns
// floor(size / ratio), pooling regions from TF's GeneratePoolingSequence (a pseudo-random
// sequence a_i = ceil(alpha (i + u)) from one uniform u, or a random shuffle of the k / k + 1
// steps), drawn from TF's Philox generator seeded with (seed, seed2): rows first, then columns,
// each reserving its words from the generator (2 for pseudo-random, one per output for the
// shuffle). With deterministic the seeds are fixed per node (random when both are 0, chosen
// once); otherwise seed and seed2 must be 0 and every run draws new regions. Regions span
// [seq[i], seq[i + 1] - 1], or up to seq[i + 1] when overlapping, clipped to the input. The
// max ignores NaN as Eigen's cwiseMax does; the average divides the sum in T by the count in T.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/random/philox.h"

namespace tfjs::runtime::nn {
namespace {

using random::Philox;

constexpr int kValue = 0;

// A stand-in for GuardedPhiloxRandom: hands out a generator for `words` 32-bit samples and
// moves on past them.
class ReservingGenerator {
 public:
  explicit ReservingGenerator(Philox philox) : philox_(philox) {}
  Philox Reserve(uint64_t words) {
    Philox reserved = philox_;
    philox_.Skip((words + 3) / 4);
    return reserved;
  }

 private:
  Philox philox_;
};

std::vector<int64_t> PseudoRandomSteps(int64_t input_length, int64_t output_length,
                                       ReservingGenerator& generator) {
  const double alpha = static_cast<double>(input_length) / output_length;
  const int64_t k = input_length / output_length;
  // a_i = ceil(alpha (i + u)) with u below the bound that keeps every step k or k + 1.
  const double u_max1 = (k + 2) / alpha - 1;
  const double u_max2 = (input_length + 1 - k) / alpha - (output_length - 1);
  const double max_u = std::min(u_max1, u_max2);
  Philox local = generator.Reserve(2);
  random::SingleSample words(&local);
  const uint32_t x0 = words(), x1 = words();
  const double u = random::Uint64ToDouble(x0, x1) * max_u;
  std::vector<int64_t> cumulative(output_length + 1);
  cumulative[0] = 1;
  cumulative[output_length] = input_length + 1;
  for (int64_t i = 1; i < output_length; ++i) {
    cumulative[i] = static_cast<int>(std::ceil(alpha * (i + u)));
  }
  std::vector<int64_t> steps(output_length);
  for (int64_t i = 0; i < output_length; ++i) steps[i] = cumulative[i + 1] - cumulative[i];
  return steps;
}

std::vector<int64_t> RandomSteps(int64_t input_length, int64_t output_length,
                                 ReservingGenerator& generator) {
  const int64_t k = input_length / output_length;
  std::vector<int64_t> steps(output_length, k);
  for (int64_t i = 0; i < input_length % output_length; ++i) steps[i] = k + 1;
  Philox local = generator.Reserve(output_length);
  random::SingleSample words(&local);
  // TF's RandomShuffle: swap each position with a later one (or itself), word % remaining.
  for (int64_t i = 0; i + 1 < output_length; ++i) {
    std::swap(steps[i], steps[i + words() % static_cast<uint32_t>(output_length - i)]);
  }
  return steps;
}

// TF's GeneratePoolingSequence: the region boundaries 0 = s_0 < ... < s_out = input_length.
// (TF also computes the even split for divisible lengths, then overwrites it with a draw.)
std::vector<int64_t> PoolingSequence(int64_t input_length, int64_t output_length,
                                     ReservingGenerator& generator, bool pseudo_random) {
  const std::vector<int64_t> steps = pseudo_random
                                         ? PseudoRandomSteps(input_length, output_length, generator)
                                         : RandomSteps(input_length, output_length, generator);
  std::vector<int64_t> sequence(output_length + 1, 0);
  for (int64_t i = 1; i <= output_length; ++i) sequence[i] = sequence[i - 1] + steps[i - 1];
  return sequence;
}

uint64_t NewSeed() {
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine();
}

struct FractionalPoolAttrs {
  std::vector<float> ratio;
  bool pseudo_random = false;
  bool overlapping = false;
  bool deterministic = false;
  int64_t seed = 0;
  int64_t seed2 = 0;
};

template <bool kMax>
class FractionalPoolKernel : public Kernel {
 public:
  explicit FractionalPoolKernel(FractionalPoolAttrs attrs) : attrs_(std::move(attrs)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& value = context.input(kValue);
    if (value.rank() != 4) return context.Error("tensor_in must be 4-dimensional");
    int64_t in[4], out[4];
    for (int i = 0; i < 4; ++i) {
      in[i] = value.dim(i);
      if (!(in[i] >= attrs_.ratio[i])) {
        return context.Error(
            absl::StrCat("Pooling ratio is higher than input dimension size for dimension ", i,
                         ". Input dim size: ", in[i], " pooling ratio: ", attrs_.ratio[i]));
      }
      out[i] = static_cast<int64_t>(std::floor(in[i] / attrs_.ratio[i]));
    }
    const bool fixed = attrs_.deterministic;
    ReservingGenerator generator(
        Philox::FromSeeds(fixed ? attrs_.seed : NewSeed(), fixed ? attrs_.seed2 : NewSeed()));
    const std::vector<int64_t> rows =
        PoolingSequence(in[1], out[1], generator, attrs_.pseudo_random);
    const std::vector<int64_t> cols =
        PoolingSequence(in[2], out[2], generator, attrs_.pseudo_random);
    Tensor output = *Tensor::Allocate(value.dtype(), {out[0], out[1], out[2], out[3]});
    absl::Status status =
        math::DispatchDataType(math::TypeList<float, double, int32_t, int64_t>(), context,
                               value.dtype(), "value", [&](auto zero) {
                                 Pool<decltype(zero)>(value, in, out, rows, cols, output);
                                 return absl::OkStatus();
                               });
    if (!status.ok()) return status;
    context.set_output(0, std::move(output));
    context.set_output(1, SequenceTensor(rows));
    context.set_output(2, SequenceTensor(cols));
    return absl::OkStatus();
  }

 private:
  static Tensor SequenceTensor(const std::vector<int64_t>& sequence) {
    Tensor tensor =
        *Tensor::Allocate(tensorflow::DT_INT64, {static_cast<int64_t>(sequence.size())});
    std::copy(sequence.begin(), sequence.end(), tensor.mutable_data<int64_t>());
    return tensor;
  }

  // The clipped inclusive end of region i of `sequence` over an input of `size`.
  int64_t RegionEnd(const std::vector<int64_t>& sequence, int64_t i, int64_t size) const {
    return std::min(attrs_.overlapping ? sequence[i + 1] : sequence[i + 1] - 1, size - 1);
  }

  template <typename T>
  void Pool(const Tensor& value, const int64_t* in, const int64_t* out,
            const std::vector<int64_t>& rows, const std::vector<int64_t>& cols,
            Tensor& output) const {
    const T* input = value.data<T>();
    T* result = output.mutable_data<T>();
    const int64_t depth = in[3];
    std::vector<T> sum(depth);
    for (int64_t b = 0; b < in[0]; ++b) {
      for (int64_t r = 0; r < out[1]; ++r) {
        const int64_t r_end = RegionEnd(rows, r, in[1]);
        for (int64_t c = 0; c < out[2]; ++c) {
          const int64_t c_end = RegionEnd(cols, c, in[2]);
          std::fill(sum.begin(), sum.end(), kMax ? std::numeric_limits<T>::lowest() : T(0));
          T count = 0;
          for (int64_t h = rows[r]; h <= r_end; ++h) {
            for (int64_t w = cols[c]; w <= c_end; ++w) {
              const T* pixel = input + ((b * in[1] + h) * in[2] + w) * depth;
              for (int64_t d = 0; d < depth; ++d) {
                if (kMax) {
                  if (sum[d] < pixel[d]) sum[d] = pixel[d];
                } else {
                  sum[d] += pixel[d];
                }
              }
              ++count;
            }
          }
          T* target = result + ((b * out[1] + r) * out[2] + c) * depth;
          for (int64_t d = 0; d < depth; ++d) target[d] = kMax ? sum[d] : sum[d] / count;
        }
      }
    }
  }

  FractionalPoolAttrs attrs_;
};

template <bool kMax>
absl::StatusOr<std::unique_ptr<Kernel>> BuildFractionalPool(const KernelBuildContext& context) {
  FractionalPoolAttrs attrs;
  const auto& node_attrs = context.node.attr();
  if (auto it = node_attrs.find("pooling_ratio"); it != node_attrs.end()) {
    attrs.ratio.assign(it->second.list().f().begin(), it->second.list().f().end());
  }
  if (attrs.ratio.size() != 4) {
    return context.Error("pooling_ratio field must specify 4 dimensions");
  }
  for (float ratio : attrs.ratio) {
    if (!(ratio >= 1)) {
      return context.Error(absl::StrCat("pooling_ratio cannot be smaller than 1, got: ", ratio));
    }
  }
  if (attrs.ratio[0] != 1 || attrs.ratio[3] != 1) {
    return context.Error(absl::StrCat("Fractional ", kMax ? "max" : "average",
                                      " pooling is not yet supported on the batch nor channel "
                                      "dimension."));
  }
  auto flag = [&](const char* name) {
    auto it = node_attrs.find(name);
    return it != node_attrs.end() && it->second.b();
  };
  auto integer = [&](const char* name) {
    auto it = node_attrs.find(name);
    return it == node_attrs.end() ? int64_t{0} : it->second.i();
  };
  attrs.pseudo_random = flag("pseudo_random");
  attrs.overlapping = flag("overlapping");
  attrs.deterministic = flag("deterministic");
  attrs.seed = integer("seed");
  attrs.seed2 = integer("seed2");
  if (attrs.deterministic) {
    if (attrs.seed == 0 && attrs.seed2 == 0) {
      attrs.seed = static_cast<int64_t>(NewSeed());
      attrs.seed2 = static_cast<int64_t>(NewSeed());
    }
  } else if (attrs.seed != 0 || attrs.seed2 != 0) {
    return context.Error("Both seed and seed2 should be 0 if deterministic is false.");
  }
  return std::make_unique<FractionalPoolKernel<kMax>>(std::move(attrs));
}

const KernelDtypes kFractionalPoolDtypes = {
    {"T",
     {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE, tensorflow::DT_INT32, tensorflow::DT_INT64}}};

REGISTER_KERNEL_FACTORY("FractionalMaxPool", BuildFractionalPool<true>, kFractionalPoolDtypes);
REGISTER_KERNEL_FACTORY("FractionalAvgPool", BuildFractionalPool<false>, kFractionalPoolDtypes);

}  // namespace
}  // namespace tfjs::runtime::nn
