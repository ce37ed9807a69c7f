// ParameterizedTruncatedNormal (seeded) and StatelessParameterizedTruncatedNormal (a [2] seed):
// normal samples of mean and stddev truncated to [minval, maxval], bit for bit as TF's CPU kernel
// run as one shard (TF splits big outputs over its threads, each shard skipping ahead, which
// depends on TF's thread count). Per batch member TF picks one of three rejection samplers: plain
// normals when a bound is more than 1.3 stddevs beyond the mean, uniform proposals on a narrow
// interval, else exponential proposals (Robert, 1995); all arithmetic in the element type, as
// Eigen does it for float16 (each step rounded).
//
// The seeded op's parameters are scalars or [batch] vectors, batch = shape[0]; when all are
// scalars TF regroups the output in batches of 100. The stateless op broadcasts its parameters to
// a batch shape the output shape ends with: sample s of member b is element s * batches + b.
#include <array>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/random/guarded_philox.h"
#include "runtime/kernels/random/philox.h"
#include "runtime/kernels/random/random_inputs.h"

namespace tfjs::runtime {
namespace {

using math::DispatchDataType;
using math::DtypesOf;
using math::TypeList;
using random::Half;
using random::Philox;

using ValueTypes = TypeList<Half, float, double>;
constexpr int kMaxIterations = 1000;
constexpr int kDesiredBatchSize = 100;

// float16 arithmetic as Eigen's: every result rounded to float16.
struct HalfValue {
  float v;
  HalfValue() : v(0) {}
  HalfValue(double x) : v(HalfToFloat(FloatToHalf(static_cast<float>(x)))) {}  // NOLINT
  friend HalfValue operator+(HalfValue a, HalfValue b) { return HalfValue(a.v + b.v); }
  friend HalfValue operator-(HalfValue a, HalfValue b) { return HalfValue(a.v - b.v); }
  friend HalfValue operator*(HalfValue a, HalfValue b) { return HalfValue(a.v * b.v); }
  friend HalfValue operator/(HalfValue a, HalfValue b) { return HalfValue(a.v / b.v); }
  HalfValue operator-() const { return HalfValue(-v); }
  friend bool operator<(HalfValue a, HalfValue b) { return a.v < b.v; }
  friend bool operator<=(HalfValue a, HalfValue b) { return a.v <= b.v; }
  friend bool operator>(HalfValue a, HalfValue b) { return a.v > b.v; }
  friend bool operator>=(HalfValue a, HalfValue b) { return a.v >= b.v; }
};
HalfValue Exp(HalfValue x) { return HalfValue(std::exp(x.v)); }
HalfValue Log(HalfValue x) { return HalfValue(std::log(x.v)); }
HalfValue Sqrt(HalfValue x) { return HalfValue(std::sqrt(x.v)); }
bool IsFinite(HalfValue x) { return std::isfinite(x.v); }
bool IsInf(HalfValue x) { return std::isinf(x.v); }
template <typename F>
F Exp(F x) {
  return std::exp(x);
}
template <typename F>
F Log(F x) {
  return std::log(x);
}
template <typename F>
F Sqrt(F x) {
  return std::sqrt(x);
}
template <typename F>
bool IsFinite(F x) {
  return std::isfinite(x);
}
template <typename F>
bool IsInf(F x) {
  return std::isinf(x);
}

// The arithmetic type of element type T, and conversions.
template <typename T>
struct Arith {
  using type = T;
};
template <>
struct Arith<Half> {
  using type = HalfValue;
};
template <typename T>
typename Arith<T>::type Load(T value) {
  if constexpr (std::is_same_v<T, Half>) {
    return HalfValue(HalfToFloat(value.bits));
  } else {
    return value;
  }
}
template <typename T>
T Store(typename Arith<T>::type value) {
  if constexpr (std::is_same_v<T, Half>) {
    return Half{FloatToHalf(value.v)};
  } else {
    return value;
  }
}

// TF's UniformDistribution / NormalDistribution for T: one block gives 4 values (2 for double).
template <typename T>
constexpr int kBlockValues = std::is_same_v<T, double> ? 2 : 4;

template <typename T>
std::array<typename Arith<T>::type, 4> UniformBlock(Philox& philox) {
  const Philox::Block b = philox();
  std::array<typename Arith<T>::type, 4> out{};
  for (int i = 0; i < kBlockValues<T>; ++i) {
    if constexpr (std::is_same_v<T, double>) {
      out[i] = random::Uint64ToDouble(b[2 * i], b[2 * i + 1]);
    } else if constexpr (std::is_same_v<T, Half>) {
      out[i] = HalfValue(random::Uint16ToHalfValue(b[i]));
    } else {
      out[i] = random::Uint32ToFloat(b[i]);
    }
  }
  return out;
}

template <typename T>
std::array<typename Arith<T>::type, 4> NormalBlock(Philox& philox) {
  const Philox::Block b = philox();
  std::array<typename Arith<T>::type, 4> out{};
  if constexpr (std::is_same_v<T, double>) {
    random::BoxMullerDouble(b[0], b[1], b[2], b[3], &out[0], &out[1]);
  } else {
    float f[4];
    random::BoxMullerFloat(b[0], b[1], &f[0], &f[1]);
    random::BoxMullerFloat(b[2], b[3], &f[2], &f[3]);
    for (int i = 0; i < 4; ++i) out[i] = f[i];
  }
  return out;
}

// Draws `count` samples of one batch member from `philox` (which moves on), writing sample i to
// `write(i, value)`.
template <typename T, typename Write>
absl::Status SampleMember(const OpContext& context, T mean_t, T stddev_t, T minval_t, T maxval_t,
                          int64_t count, Philox& philox, const Write& write) {
  using V = typename Arith<T>::type;
  constexpr int kN = kBlockValues<T>;
  V mean = Load(mean_t), stddev = Load(stddev_t), minval = Load(minval_t), maxval = Load(maxval_t);
  if (!(stddev > V(0) && minval < maxval && (IsFinite(minval) || IsFinite(maxval)))) {
    return context.Error("Invalid parameters");
  }
  if ((IsInf(minval) && minval < V(0)) || maxval < mean) {
    std::swap(minval, maxval);
    stddev = -stddev;
  }
  const V norm_min = (minval - mean) / stddev;
  const V norm_max = (maxval - mean) / stddev;
  const V sqrt_factor = Sqrt((norm_min * norm_min) + V(4));
  const V cutoff =
      V(2) * Exp(V(0.5) + (norm_min * (norm_min - sqrt_factor)) / V(4)) / (norm_min + sqrt_factor);
  const V diff = norm_max - norm_min;
  const V inside(1.3);
  int64_t sample = 0;
  int iterations = 0;
  if (((norm_min < -inside) && (norm_max >= V(0))) || ((norm_max > inside) && (norm_min <= V(0)))) {
    while (sample < count) {
      const auto normals = NormalBlock<T>(philox);
      for (int i = 0; i < kN; ++i) {
        if (normals[i] >= norm_min && normals[i] <= norm_max) {
          write(sample++, normals[i] * stddev + mean);
          if (sample >= count) break;
          iterations = 0;
        } else if (++iterations > kMaxIterations) {
          return absl::InternalError(
              "TruncatedNormal randn rejection sampler failed to accept a sample.");
        }
      }
    }
  } else if (diff < cutoff) {
    const V plus_factor = norm_min < V(0) ? V(0) : norm_min * norm_min;
    while (sample < count) {
      const auto uniforms = UniformBlock<T>(philox);
      std::array<V, 4> z, g;
      for (int i = 0; i < kN; ++i) z[i] = uniforms[i] * diff + norm_min;
      for (int i = 0; i < kN; ++i) g[i] = (plus_factor - z[i] * z[i]) / V(2);
      const auto u = UniformBlock<T>(philox);
      for (int i = 0; i < kN; ++i) {
        const bool accept = u[i] <= Exp(g[i]);
        if (accept || iterations + 1 >= kMaxIterations) {
          if (!accept) {
            return absl::InternalError(
                "TruncatedNormal uniform rejection sampler failed to  accept a sample.");
          }
          write(sample++, z[i] * stddev + mean);
          if (sample >= count) break;
          iterations = 0;
        } else {
          ++iterations;
        }
      }
    }
  } else {
    const V alpha = (norm_min + Sqrt((norm_min * norm_min) + V(4))) / V(2);
    while (sample < count) {
      const auto uniforms = UniformBlock<T>(philox);
      for (int i = 0; i < kN;) {
        const V z = -Log(uniforms[i]) / alpha + norm_min;
        ++i;
        const V x = norm_min < alpha ? alpha - z : norm_min - alpha;
        const V g = Exp(-x * x / V(2));
        const V u = uniforms[i];
        ++i;
        const bool accept = u <= g && z < norm_max;
        if (accept || iterations + 1 >= kMaxIterations) {
          if (!accept) {
            return absl::InternalError(
                "TruncatedNormal exponential distribution rejection sampler failed to accept a "
                "sample.");
          }
          write(sample++, z * stddev + mean);
          if (sample >= count) break;
          iterations = 0;
        } else {
          ++iterations;
        }
      }
    }
  }
  return absl::OkStatus();
}

constexpr int kMeans = 0, kStddevs = 1, kMinvals = 2, kMaxvals = 3;

class ParameterizedTruncatedNormalKernel : public Kernel {
 public:
  explicit ParameterizedTruncatedNormalKernel(const tensorflow::NodeDef& node) : generator_(node) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
    const Tensor& shape_tensor = context.input(0);
    if (shape_tensor.rank() != 1) {
      return context.Error(absl::StrCat("Input shape should be a vector, got shape: ",
                                        ShapeString(shape_tensor.shape())));
    }
    if (shape_tensor.num_elements() == 0) {
      return context.Error("Shape tensor must not be empty");
    }
    absl::StatusOr<Shape> shape = random::ReadShape(shape_tensor);
    if (!shape.ok()) return context.Error(shape.status().message());
    int64_t batches = (*shape)[0];
    const int64_t elements = NumElements(*shape);
    int64_t per_batch = batches == 0 ? 0 : elements / batches;
    const Tensor* params[4] = {&context.input(1), &context.input(2), &context.input(3),
                               &context.input(4)};
    const char* names[4] = {"means", "stdevs", "minvals", "maxvals"};
    for (int k = 0; k < 4; ++k) {
      if (params[k]->rank() > 1) {
        return context.Error(absl::StrCat(
            "Input ", names[k],
            " should be a scalar or vector, got shape: ", ShapeString(params[k]->shape())));
      }
    }
    auto length_one = [](const Tensor* t) { return t->rank() == 0 || t->dim(0) == 1; };
    if (length_one(params[kMeans]) && length_one(params[kStddevs]) &&
        params[kMinvals]->rank() == 0 && params[kMaxvals]->rank() == 0) {
      per_batch = kDesiredBatchSize;
      batches = (elements + kDesiredBatchSize - 1) / kDesiredBatchSize;
    } else {
      for (int k = 0; k < 4; ++k) {
        if (params[k]->rank() == 1 && params[k]->dim(0) != 1 && params[k]->dim(0) != batches) {
          return context.Error(absl::StrCat(
              "Input ", names[k],
              " should have length 1 or shape[0], got shape: ", ShapeString(params[k]->shape())));
        }
      }
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(params[kMeans]->dtype(), *shape);
    if (!output.ok()) return context.Error(output.status().message());
    Philox philox = generator_.ReserveSamples128(
        static_cast<uint64_t>(batches * 2 * kMaxIterations * (per_batch + 3) / 4));
    absl::Status status =
        DispatchDataType(ValueTypes(), context, output->dtype(), "dtype", [&](auto tag) {
          using T = decltype(tag);
          T* out = output->mutable_data<T>();
          auto param = [&](int k, int64_t b) {
            const Tensor& t = *params[k];
            return t.data<T>()[t.num_elements() == 1 ? 0 : b];
          };
          for (int64_t b = 0; b < batches; ++b) {
            const int64_t first = b * per_batch;
            const int64_t count = std::min(first + per_batch, elements) - first;
            absl::Status member =
                SampleMember<T>(context, param(kMeans, b), param(kStddevs, b), param(kMinvals, b),
                                param(kMaxvals, b), count, philox,
                                [&](int64_t i, auto value) { out[first + i] = Store<T>(value); });
            if (!member.ok()) return member;
          }
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  random::GuardedPhilox generator_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildParameterizedTruncatedNormal(
    const KernelBuildContext& context) {
  return std::make_unique<ParameterizedTruncatedNormalKernel>(context.node);
}

// The flat index into `param` of element `flat` of the broadcast batch shape `batch`.
int64_t BroadcastIndex(const Shape& param, const Shape& batch, int64_t flat) {
  int64_t index = 0, stride = 1;
  for (size_t i = batch.size(); i-- > 0;) {
    const int64_t coordinate = flat % batch[i];
    flat /= batch[i];
    const size_t offset = batch.size() - param.size();
    const int64_t dim = i >= offset ? param[i - offset] : 1;
    if (dim != 1) index += coordinate * stride;
    stride *= dim;
  }
  return index;
}

absl::Status ComputeStatelessParameterizedTruncatedNormal(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
  const Tensor& seed = context.input(1);
  if (seed.rank() != 1 || seed.dim(0) != 2) {
    return context.Error(absl::StrCat("seed must have shape [2], not ", ShapeString(seed.shape())));
  }
  const Tensor* params[4] = {&context.input(2), &context.input(3), &context.input(4),
                             &context.input(5)};
  Shape batch_shape;
  for (const Tensor* param : params) {
    const Shape& s = param->shape();
    if (s.size() > batch_shape.size())
      batch_shape.insert(batch_shape.begin(), s.size() - batch_shape.size(), 1);
    for (size_t i = 0; i < s.size(); ++i) {
      int64_t& dim = batch_shape[batch_shape.size() - s.size() + i];
      if (s[i] == dim || s[i] == 1) continue;
      if (dim != 1) {
        return context.Error(absl::StrCat(
            "means, stddevs, minvals, maxvals must have compatible batch dimensions: ",
            ShapeString(params[0]->shape()), " vs. ", ShapeString(params[1]->shape()), " vs. ",
            ShapeString(params[2]->shape()), " vs. ", ShapeString(params[3]->shape())));
      }
      dim = s[i];
    }
  }
  const Tensor& shape_tensor = context.input(0);
  if (shape_tensor.rank() != 1) {
    return context.Error(absl::StrCat("Input shape should be a vector, got shape: ",
                                      ShapeString(shape_tensor.shape())));
  }
  absl::StatusOr<Shape> shape = random::ReadShape(shape_tensor);
  if (!shape.ok()) return context.Error(shape.status().message());
  if (batch_shape.size() > shape->size() ||
      !std::equal(batch_shape.begin(), batch_shape.end(), shape->end() - batch_shape.size())) {
    return context.Error("Shape passed in must end with broadcasted shape.");
  }
  const int64_t batches = NumElements(batch_shape);
  const int64_t per_batch = batches == 0 ? 0 : NumElements(*shape) / batches;
  absl::StatusOr<Philox> philox = random::ReadStatelessSeed(seed);
  if (!philox.ok()) return context.Error(philox.status().message());
  absl::StatusOr<Tensor> output = Tensor::Allocate(params[0]->dtype(), *shape);
  if (!output.ok()) return context.Error(output.status().message());
  absl::Status status =
      DispatchDataType(ValueTypes(), context, output->dtype(), "dtype", [&](auto tag) {
        using T = decltype(tag);
        T* out = output->mutable_data<T>();
        for (int64_t b = 0; b < batches && per_batch > 0; ++b) {
          T p[4];
          for (int k = 0; k < 4; ++k) {
            p[k] = params[k]->data<T>()[BroadcastIndex(params[k]->shape(), batch_shape, b)];
          }
          absl::Status member = SampleMember<T>(
              context, p[0], p[1], p[2], p[3], per_batch, *philox,
              [&](int64_t i, auto value) { out[i * batches + b] = Store<T>(value); });
          if (!member.ok()) return member;
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

const std::vector<DataType> kIndexDtypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

REGISTER_KERNEL_FACTORY("ParameterizedTruncatedNormal", BuildParameterizedTruncatedNormal,
                        {{"dtype", DtypesOf(ValueTypes())}, {"T", kIndexDtypes}});
REGISTER_KERNEL("StatelessParameterizedTruncatedNormal",
                ComputeStatelessParameterizedTruncatedNormal,
                {{"dtype", DtypesOf(ValueTypes())}, {"S", kIndexDtypes}, {"Tseed", kIndexDtypes}});

}  // namespace
}  // namespace tfjs::runtime
