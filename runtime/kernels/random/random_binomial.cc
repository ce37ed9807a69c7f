// StatelessRandomBinomial (a [2] seed) and StatefulRandomBinomial (an RNG state, as the stateful
// ops of stateful_random.cc keep it): samples of Binomial(count, prob), bit for bit as TF's CPU
// kernel. counts and probs broadcast to a batch shape the output shape must end with; sample s of
// batch member b is element s * batches + b and draws from block 256 * (b * samples + s) for BTRS
// (count * prob >= 10) or 42 * (b * samples + s) for inversion, prob > 0.5 sampling count minus
// Binomial(count, 1 - prob). count <= 0 or prob <= 0 gives 0, prob >= 1 count, a NaN prob NaN.
// The stateful op moves its state on by batches * 2 * 100 * ceil(samples / 4) blocks.
#include <mutex>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/random/philox.h"
#include "runtime/kernels/random/random_inputs.h"
#include "runtime/kernels/random/samplers.h"

namespace tfjs::runtime {
namespace {

using math::DispatchDataType;
using math::DtypesOf;
using math::TypeList;
using random::Half;
using random::Philox;

using ParamTypes = TypeList<Half, float, double>;
using OutputTypes = TypeList<Half, float, double, int32_t, int64_t>;

// Flat indices into `a` and `b` of each element of their broadcast shape (numpy rules).
struct Broadcast {
  Shape shape;
  std::vector<int64_t> a_index;
  std::vector<int64_t> b_index;
};

absl::StatusOr<Broadcast> BroadcastPair(const Shape& a, const Shape& b) {
  Broadcast result;
  const size_t rank = std::max(a.size(), b.size());
  result.shape.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    const int64_t da = i + a.size() >= rank ? a[i + a.size() - rank] : 1;
    const int64_t db = i + b.size() >= rank ? b[i + b.size() - rank] : 1;
    if (da != db && da != 1 && db != 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("counts and probs must have compatible batch dimensions: ", ShapeString(a),
                       " vs. ", ShapeString(b)));
    }
    result.shape[i] = da == 1 ? db : da;
  }
  const int64_t total = NumElements(result.shape);
  result.a_index.resize(total);
  result.b_index.resize(total);
  for (int64_t flat = 0; flat < total; ++flat) {
    int64_t rest = flat, ia = 0, ib = 0, stride_a = 1, stride_b = 1;
    for (size_t i = rank; i-- > 0;) {
      const int64_t coordinate = rest % result.shape[i];
      rest /= result.shape[i];
      const int64_t da = i + a.size() >= rank ? a[i + a.size() - rank] : 1;
      const int64_t db = i + b.size() >= rank ? b[i + b.size() - rank] : 1;
      if (da != 1) ia += coordinate * stride_a;
      if (db != 1) ib += coordinate * stride_b;
      stride_a *= da;
      stride_b *= db;
    }
    result.a_index[flat] = ia;
    result.b_index[flat] = ib;
  }
  return result;
}

// The checked output shape and its split into samples (leading dims) and batches (trailing).
struct BinomialPlan {
  Shape shape;
  Broadcast broadcast;
  int64_t batches = 1;
  int64_t samples = 1;
};

absl::StatusOr<BinomialPlan> Plan(const Tensor& shape_tensor, const Tensor& counts,
                                  const Tensor& probs) {
  BinomialPlan plan;
  absl::StatusOr<Broadcast> broadcast = BroadcastPair(counts.shape(), probs.shape());
  if (!broadcast.ok()) return broadcast.status();
  plan.broadcast = *std::move(broadcast);
  if (shape_tensor.rank() != 1) {
    return absl::InvalidArgumentError(absl::StrCat("Input shape should be a vector, got shape: ",
                                                   ShapeString(shape_tensor.shape())));
  }
  absl::StatusOr<Shape> shape = random::ReadShape(shape_tensor);
  if (!shape.ok()) return shape.status();
  plan.shape = *shape;
  const Shape& batch_shape = plan.broadcast.shape;
  if (batch_shape.size() > plan.shape.size() ||
      !std::equal(batch_shape.begin(), batch_shape.end(), plan.shape.end() - batch_shape.size())) {
    return absl::InvalidArgumentError("Shape passed in must end with broadcasted shape.");
  }
  const size_t sample_dims = plan.shape.size() - batch_shape.size();
  for (size_t i = 0; i < plan.shape.size(); ++i) {
    (i < sample_dims ? plan.samples : plan.batches) *= plan.shape[i];
  }
  return plan;
}

template <typename T>
double Param(T value) {
  return math::Widen(value);
}

// Fills `output` per `plan` from `philox`.
absl::Status FillBinomial(const OpContext& context, const BinomialPlan& plan, const Tensor& counts,
                          const Tensor& probs, const Philox& philox, Tensor& output) {
  if (counts.dtype() != probs.dtype()) return context.Error("counts and probs must share a dtype");
  return DispatchDataType(ParamTypes(), context, counts.dtype(), "counts", [&](auto param_tag) {
    using T = decltype(param_tag);
    using C = math::ComputeType<T>;
    return DispatchDataType(OutputTypes(), context, output.dtype(), "dtype", [&](auto out_tag) {
      using U = decltype(out_tag);
      U* out = output.mutable_data<U>();
      for (int64_t b = 0; b < plan.batches; ++b) {
        const T count_t = counts.data<T>()[plan.broadcast.a_index[b]];
        const T prob_t = probs.data<T>()[plan.broadcast.b_index[b]];
        const double count = Param(count_t);
        const double prob = Param(prob_t);
        for (int64_t s = 0; s < plan.samples; ++s) {
          const uint64_t index = static_cast<uint64_t>(b * plan.samples + s);
          double sample;
          if (count <= 0.0 || prob <= 0.0) {
            sample = 0;
          } else if (prob >= 1.0) {
            sample = count;
          } else if (prob <= 0.5 || prob > 0.5) {
            // TF computes count * p and 1 - prob in the parameter type.
            const bool low = prob <= 0.5;
            const double p = low ? prob : Param(math::Narrow<T>(C(1) - math::Widen(prob_t)));
            const bool large =
                Param(math::Narrow<T>(math::Widen(count_t) * static_cast<C>(p))) >= 10;
            Philox local = philox;
            local.Skip((large ? 256 : 42) * index);
            const double drawn = random::SampleBinomialLowProb(count, p, large, local);
            sample = low ? drawn : count - drawn;
          } else {
            sample = std::numeric_limits<double>::quiet_NaN();
          }
          out[s * plan.batches + b] = random::StoreSample<U>(sample);
        }
      }
      return absl::OkStatus();
    });
  });
}

DataType OutputDtype(const OpContext& context) {
  const auto it = context.node().attr().find("dtype");
  return it == context.node().attr().end() ? tensorflow::DT_INT64 : it->second.type();
}

absl::Status ComputeStatelessBinomial(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const Tensor& seed = context.input(1);
  if (seed.rank() != 1 || seed.dim(0) != 2) {
    return context.Error(absl::StrCat("seed must have shape [2], not ", ShapeString(seed.shape())));
  }
  absl::StatusOr<BinomialPlan> plan = Plan(context.input(0), context.input(2), context.input(3));
  if (!plan.ok()) return context.Error(plan.status().message());
  absl::StatusOr<Tensor> output = Tensor::Allocate(OutputDtype(context), plan->shape);
  if (!output.ok()) return context.Error(output.status().message());
  if (output->num_elements() > 0) {
    absl::StatusOr<Philox> philox = random::ReadStatelessSeed(seed);
    if (!philox.ok()) return context.Error(philox.status().message());
    if (absl::Status status =
            FillBinomial(context, *plan, context.input(2), context.input(3), *philox, *output);
        !status.ok()) {
      return status;
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// StatefulRandomBinomial(resource, algorithm, shape, counts, probs): the state is the value of
// the RNG variable (int64 [3+]: counter words 0-1, key), loaded on first use and then kept here.
class StatefulBinomialKernel : public Kernel {
 public:
  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
    const Tensor& alg = context.input(1);
    absl::StatusOr<BinomialPlan> plan = Plan(context.input(2), context.input(3), context.input(4));
    if (!plan.ok()) return context.Error(plan.status().message());
    if (alg.rank() != 0 || alg.dtype() != tensorflow::DT_INT64) {
      return context.Error(
          absl::StrCat("algorithm must be of shape [], not ", ShapeString(alg.shape())));
    }
    if (*alg.data<int64_t>() != random::kAlgPhilox) {
      return context.Error(absl::StrCat("Unsupported algorithm id: ", *alg.data<int64_t>()));
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(OutputDtype(context), plan->shape);
    if (!output.ok()) return context.Error(output.status().message());
    Philox philox;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!state_.has_value()) {
        const Tensor& state = context.input(0);
        if (state.dtype() != tensorflow::DT_INT64 || state.rank() != 1 || state.dim(0) < 3) {
          return context.Error(
              absl::StrCat("RNG state must be an int64 vector of at least 3 elements, got ",
                           DataTypeName(state.dtype()), " ", ShapeString(state.shape())));
        }
        state_.emplace(state.values<int64_t>().begin(), state.values<int64_t>().end());
      }
      philox = random::PhiloxFromState(state_->data());
      Philox next = philox;
      next.Skip(static_cast<uint64_t>(plan->batches * 2 * 100 * ((plan->samples + 3) / 4)));
      random::WritePhiloxState(next, state_->data());
    }
    if (absl::Status status =
            FillBinomial(context, *plan, context.input(3), context.input(4), philox, *output);
        !status.ok()) {
      return status;
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  mutable std::mutex mutex_;
  mutable std::optional<std::vector<int64_t>> state_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildStatefulBinomial(const KernelBuildContext&) {
  return std::make_unique<StatefulBinomialKernel>();
}

const std::vector<DataType> kIndexDtypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

REGISTER_KERNEL("StatelessRandomBinomial", ComputeStatelessBinomial,
                {{"T", DtypesOf(ParamTypes())},
                 {"dtype", DtypesOf(OutputTypes())},
                 {"S", kIndexDtypes},
                 {"Tseed", kIndexDtypes}});
REGISTER_KERNEL_FACTORY("StatefulRandomBinomial", BuildStatefulBinomial,
                        {{"T", DtypesOf(ParamTypes())},
                         {"dtype", DtypesOf(OutputTypes())},
                         {"S", kIndexDtypes}});

}  // namespace
}  // namespace tfjs::runtime
