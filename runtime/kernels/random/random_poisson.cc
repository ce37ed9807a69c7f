// RandomPoisson(shape, rate) and RandomPoissonV2(shape, rate): samples of Poisson(rate) with
// shape `shape` + rate.shape (sample s for rate r at s * rate.size + r). V1 gives rate's dtype
// (float16/32/64); V2 takes float16/32/64 or int32/int64 rates and gives `dtype` (the same set,
// default int64). Knuth's product of uniforms below rate 10, Hormann's transformed rejection
// (PTRS) above, as TF chooses; as in TF, a negative rate samples 0. A NaN rate gives NaN and an
// infinite one +inf (the dtype's largest value for integers). Seeded like the other random
// kernels (misc/random_stream.h); values cannot equal TF's.
#include <atomic>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/misc/random_stream.h"

namespace tfjs::runtime {
namespace {

constexpr int kShape = 0;
constexpr int kRate = 1;
// Below this rate the product-of-uniforms method is cheap enough.
constexpr double kRejectionThreshold = 10;

// The least k with U_1 * ... * U_(k+1) <= e^-rate.
double SampleByProduct(double rate, misc::RandomStream& stream) {
  const double limit = std::exp(-rate);
  double product = 1;
  double count = 0;
  while (true) {
    product *= stream.Uniform();
    if (product <= limit) return count;
    count += 1;
  }
}

// Hormann (1993), "The transformed rejection method for generating Poisson random variables".
double SampleByTransformedRejection(double rate, misc::RandomStream& stream) {
  const double b = 0.931 + 2.53 * std::sqrt(rate);
  const double a = -0.059 + 0.02483 * b;
  const double inverse_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double v_r = 0.9277 - 3.6224 / (b - 2);
  const double log_rate = std::log(rate);
  while (true) {
    const double u = stream.Uniform() - 0.5;
    const double v = stream.Uniform();
    const double u_s = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / u_s + b) * u + rate + 0.43);
    if (u_s >= 0.07 && v <= v_r) return k;
    if (k < 0 || (u_s < 0.013 && v > u_s)) continue;
    if (std::log(v * inverse_alpha / (a / (u_s * u_s) + b)) <=
        -rate + k * log_rate - std::lgamma(k + 1)) {
      return k;
    }
  }
}

double SamplePoisson(double rate, misc::RandomStream& stream) {
  if (std::isnan(rate)) return rate;
  if (std::isinf(rate) && rate > 0) return rate;
  if (rate < kRejectionThreshold) return SampleByProduct(rate, stream);
  return SampleByTransformedRejection(rate, stream);
}

bool IsPoissonDtype(DataType dtype) {
  switch (dtype) {
    case tensorflow::DT_HALF:
    case tensorflow::DT_FLOAT:
    case tensorflow::DT_DOUBLE:
    case tensorflow::DT_INT32:
    case tensorflow::DT_INT64:
      return true;
    default:
      return false;
  }
}

double ReadRate(const Tensor& rate, int64_t index) {
  switch (rate.dtype()) {
    case tensorflow::DT_HALF: return HalfToFloat(rate.data<uint16_t>()[index]);
    case tensorflow::DT_FLOAT: return rate.data<float>()[index];
    case tensorflow::DT_DOUBLE: return rate.data<double>()[index];
    case tensorflow::DT_INT32: return rate.data<int32_t>()[index];
    default: return static_cast<double>(rate.data<int64_t>()[index]);
  }
}

// Integer outputs: NaN becomes 0 and anything past the type's range its largest value.
template <typename Int>
Int ToInteger(double sample) {
  if (std::isnan(sample)) return 0;
  if (sample >= static_cast<double>(std::numeric_limits<Int>::max())) {
    return std::numeric_limits<Int>::max();
  }
  return static_cast<Int>(sample);
}

void WriteSample(double sample, int64_t index, Tensor& output) {
  switch (output.dtype()) {
    case tensorflow::DT_HALF:
      output.mutable_data<uint16_t>()[index] = FloatToHalf(static_cast<float>(sample));
      break;
    case tensorflow::DT_FLOAT: output.mutable_data<float>()[index] = float(sample); break;
    case tensorflow::DT_DOUBLE: output.mutable_data<double>()[index] = sample; break;
    case tensorflow::DT_INT32:
      output.mutable_data<int32_t>()[index] = ToInteger<int32_t>(sample);
      break;
    default: output.mutable_data<int64_t>()[index] = ToInteger<int64_t>(sample); break;
  }
}

class RandomPoissonKernel : public Kernel {
 public:
  // `output_dtype` unset (DT_INVALID) means rate's dtype (V1).
  RandomPoissonKernel(uint64_t seed, DataType output_dtype)
      : seed_(seed), output_dtype_(output_dtype) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& rate = context.input(kRate);
    const bool v1 = output_dtype_ == tensorflow::DT_INVALID;
    const bool rate_ok = v1 ? (rate.dtype() == tensorflow::DT_HALF ||
                               rate.dtype() == tensorflow::DT_FLOAT ||
                               rate.dtype() == tensorflow::DT_DOUBLE)
                            : IsPoissonDtype(rate.dtype());
    if (!rate_ok) {
      return context.Error(absl::StrCat("unsupported rate dtype ", DataTypeName(rate.dtype())));
    }
    const Tensor& shape_input = context.input(kShape);
    if (shape_input.rank() != 1) {
      return context.Error(absl::StrCat("shape must be a vector, got shape ",
                                        ShapeString(shape_input.shape())));
    }
    absl::StatusOr<std::vector<int64_t>> dims = misc::IndexValues(shape_input, "shape");
    if (!dims.ok()) return context.Error(dims.status().message());
    Shape shape(dims->begin(), dims->end());
    for (int64_t dim : shape) {
      if (dim < 0) return context.Error(absl::StrCat("shape has a negative dim: ", dim));
    }
    const int64_t samples = NumElements(shape);
    shape.insert(shape.end(), rate.shape().begin(), rate.shape().end());
    absl::StatusOr<Tensor> output = Tensor::Allocate(v1 ? rate.dtype() : output_dtype_, shape);
    if (!output.ok()) return context.Error(output.status().message());
    misc::RandomStream stream = misc::StreamForRun(seed_, runs_.fetch_add(1));
    const int64_t rates = rate.num_elements();
    for (int64_t s = 0; s < samples; ++s) {
      for (int64_t r = 0; r < rates; ++r) {
        WriteSample(SamplePoisson(ReadRate(rate, r), stream), s * rates + r, *output);
      }
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  uint64_t seed_;
  DataType output_dtype_;
  mutable std::atomic<uint64_t> runs_{0};
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildRandomPoisson(const KernelBuildContext& context) {
  return std::make_unique<RandomPoissonKernel>(misc::KernelSeed(context.node),
                                               tensorflow::DT_INVALID);
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildRandomPoissonV2(const KernelBuildContext& context) {
  const auto& attrs = context.node.attr();
  const DataType dtype = attrs.count("dtype") ? attrs.at("dtype").type() : tensorflow::DT_INT64;
  if (!IsPoissonDtype(dtype)) {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(dtype),
                                      ", expected float16, float32, float64, int32 or int64"));
  }
  return std::make_unique<RandomPoissonKernel>(misc::KernelSeed(context.node), dtype);
}

REGISTER_KERNEL_FACTORY("RandomPoisson", BuildRandomPoisson);
REGISTER_KERNEL_FACTORY("RandomPoissonV2", BuildRandomPoissonV2);

}  // namespace
}  // namespace tfjs::runtime
