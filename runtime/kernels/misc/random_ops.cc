// Seeded random ops: RandomUniform, RandomStandardNormal, TruncatedNormal, RandomUniformInt and
// Multinomial. Shapes and dtypes follow TF; values come from misc::RandomStream, so they cannot
// equal TF's. As in TF, seed = seed2 = 0 means a fresh random seed per kernel, and a seeded
// kernel yields a new but reproducible sequence on every run.
#include <atomic>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/misc/random_stream.h"

namespace tfjs::runtime {
namespace {

constexpr int kShape = 0;
constexpr int kMinval = 1;
constexpr int kMaxval = 2;
constexpr int kLogits = 0;
constexpr int kNumSamples = 1;

using Stream = misc::RandomStream;

enum class Distribution { kUniform, kNormal, kTruncatedNormal, kUniformInt, kMultinomial };

class RandomKernel : public Kernel {
 public:
  RandomKernel(Distribution distribution, uint64_t seed, DataType dtype)
      : distribution_(distribution), seed_(seed), dtype_(dtype) {}

  absl::Status Compute(OpContext& context) const override {
    Stream stream = misc::StreamForRun(seed_, runs_.fetch_add(1));
    if (distribution_ == Distribution::kMultinomial) return Multinomial(context, stream);
    if (absl::Status status = context.CheckNumInputs(
            1, distribution_ == Distribution::kUniformInt ? 3 : 1);
        !status.ok()) {
      return status;
    }
    absl::StatusOr<std::vector<int64_t>> dims = misc::IndexValues(context.input(kShape), "shape");
    if (!dims.ok()) return context.Error(dims.status().message());
    for (int64_t dim : *dims) {
      if (dim < 0) return context.Error(absl::StrCat("shape has a negative dim: ", dim));
    }
    if (distribution_ == Distribution::kUniformInt) return UniformInt(context, *dims, stream);
    absl::StatusOr<Tensor> output = Tensor::Allocate(dtype_, Shape(dims->begin(), dims->end()));
    if (!output.ok()) return context.Error(output.status().message());
    auto fill = [&](auto* out) {
      using T = std::remove_pointer_t<decltype(out)>;
      for (int64_t i = 0; i < output->num_elements(); ++i) {
        double value;
        if (distribution_ == Distribution::kUniform) {
          // Rounding to float can reach 1.0; TF's range excludes it.
          value = stream.Uniform();
          if (static_cast<T>(value) >= T(1)) value = 0.0;
        } else if (distribution_ == Distribution::kNormal) {
          value = stream.Normal();
        } else {
          do value = stream.Normal(); while (std::fabs(value) > 2.0);
        }
        out[i] = static_cast<T>(value);
      }
    };
    if (dtype_ == tensorflow::DT_FLOAT) fill(output->mutable_data<float>());
    else if (dtype_ == tensorflow::DT_DOUBLE) fill(output->mutable_data<double>());
    else return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(dtype_)));
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  absl::Status UniformInt(OpContext& context, const std::vector<int64_t>& dims,
                          Stream& stream) const {
    if (context.num_inputs() != 3) return context.CheckNumInputs(3, 3);
    const Tensor& minval_tensor = context.input(kMinval);
    if (minval_tensor.rank() != 0 || context.input(kMaxval).rank() != 0) {
      return context.Error("minval and maxval must be scalars");
    }
    absl::StatusOr<int64_t> minval = misc::IndexScalar(minval_tensor, "minval");
    absl::StatusOr<int64_t> maxval = misc::IndexScalar(context.input(kMaxval), "maxval");
    if (!minval.ok()) return context.Error(minval.status().message());
    if (!maxval.ok()) return context.Error(maxval.status().message());
    const int64_t count = NumElements(Shape(dims.begin(), dims.end()));
    if (count > 0 && *minval >= *maxval) {
      return context.Error(absl::StrCat("Need minval < maxval: ", *minval, " >= ", *maxval));
    }
    const uint64_t range = static_cast<uint64_t>(*maxval) - static_cast<uint64_t>(*minval);
    std::vector<int64_t> values(count);
    for (int64_t& value : values) {
      value = static_cast<int64_t>(static_cast<uint64_t>(*minval) + stream.Next() % range);
    }
    absl::StatusOr<Tensor> output =
        misc::IndexTensor(minval_tensor.dtype(), Shape(dims.begin(), dims.end()), values);
    if (!output.ok()) return context.Error(output.status().message());
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

  // Samples class indices from softmax(logits row) by inverting the cumulative distribution.
  absl::Status Multinomial(OpContext& context, Stream& stream) const {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& logits = context.input(kLogits);
    if (logits.rank() != 2) {
      return context.Error(absl::StrCat("logits should be a matrix, got shape ",
                                        ShapeString(logits.shape())));
    }
    absl::StatusOr<int64_t> samples = misc::IndexScalar(context.input(kNumSamples), "num_samples");
    if (!samples.ok()) return context.Error(samples.status().message());
    if (*samples < 0) {
      return context.Error(absl::StrCat("num_samples should be nonnegative, got ", *samples));
    }
    const int64_t batch = logits.dim(0);
    const int64_t classes = logits.dim(1);
    if (classes == 0 && batch > 0 && *samples > 0) {
      return context.Error("num_classes should be positive, got 0");
    }
    std::vector<double> row(classes);
    std::vector<int64_t> drawn(batch * *samples);
    const bool known = misc::DispatchRealNumber(logits.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t b = 0; b < batch; ++b) {
        const T* in = logits.data<T>() + b * classes;
        double max = -INFINITY;
        for (int64_t c = 0; c < classes; ++c) {
          if (std::isfinite(static_cast<double>(in[c]))) max = std::max(max, double(in[c]));
        }
        double total = 0;
        for (int64_t c = 0; c < classes; ++c) {
          const double value = static_cast<double>(in[c]);
          total += std::isfinite(value) ? std::exp(value - max) : 0.0;
          row[c] = total;
        }
        for (int64_t s = 0; s < *samples; ++s) {
          const double target = stream.Uniform() * total;
          const int64_t pick = std::upper_bound(row.begin(), row.end(), target) - row.begin();
          drawn[b * *samples + s] = std::min(pick, classes - 1);
        }
      }
    });
    if (!known) return context.Error("logits must be a real number tensor");
    absl::StatusOr<Tensor> output = misc::IndexTensor(dtype_, {batch, *samples}, drawn);
    if (!output.ok()) return context.Error(output.status().message());
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

  Distribution distribution_;
  uint64_t seed_;
  DataType dtype_;
  mutable std::atomic<uint64_t> runs_{0};
};

template <Distribution kDistribution>
absl::StatusOr<std::unique_ptr<Kernel>> BuildRandom(const KernelBuildContext& context) {
  const auto& attrs = context.node.attr();
  const uint64_t key = misc::KernelSeed(context.node);
  // Output dtype: `dtype` for the float ops, `output_dtype` for Multinomial; RandomUniformInt
  // follows its minval input.
  DataType dtype = tensorflow::DT_FLOAT;
  const char* dtype_attr = kDistribution == Distribution::kMultinomial ? "output_dtype" : "dtype";
  if (kDistribution == Distribution::kMultinomial) dtype = tensorflow::DT_INT64;
  if (attrs.count(dtype_attr)) dtype = attrs.at(dtype_attr).type();
  if (kDistribution == Distribution::kMultinomial && !misc::IsIndexType(dtype)) {
    return context.Error("output_dtype must be int32 or int64");
  }
  if (kDistribution != Distribution::kMultinomial && kDistribution != Distribution::kUniformInt &&
      dtype != tensorflow::DT_FLOAT && dtype != tensorflow::DT_DOUBLE) {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(dtype)));
  }
  return std::make_unique<RandomKernel>(kDistribution, key, dtype);
}

REGISTER_KERNEL_FACTORY("RandomUniform", BuildRandom<Distribution::kUniform>);
REGISTER_KERNEL_FACTORY("RandomStandardNormal", BuildRandom<Distribution::kNormal>);
REGISTER_KERNEL_FACTORY("TruncatedNormal", BuildRandom<Distribution::kTruncatedNormal>);
REGISTER_KERNEL_FACTORY("RandomUniformInt", BuildRandom<Distribution::kUniformInt>);
REGISTER_KERNEL_FACTORY("Multinomial", BuildRandom<Distribution::kMultinomial>);

}  // namespace
}  // namespace tfjs::runtime
