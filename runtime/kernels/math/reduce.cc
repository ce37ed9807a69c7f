// Reductions over an axis input: Sum, Mean, Prod, Max, Min (numbers) and All, Any (bool), with
// keep_dims. Reducing over zero elements gives the identity (0, 1, lowest, highest, true,
// false; float Mean gives NaN as 0/0). float16 and bfloat16 reduce in float32 (see
// ReduceWidened).
#include <complex>
#include <cstdint>
#include <limits>
#include <memory>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_functors.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/math/reduce_rows.h"
#include "runtime/kernels/math/reduction_shape.h"

namespace tfjs::runtime::math {
namespace {

constexpr int kInput = 0;
constexpr int kAxis = 1;

enum class Reduction { kSum, kMean, kProd, kMax, kMin, kAll, kAny };

// Runs the steps of `shape` from `input` into `output`, through temporaries in between.
template <typename T, typename Combine>
absl::Status RunSteps(pthreadpool_t pool, const Tensor& input, const ReductionShape& shape,
                      T identity, const Combine& combine, Tensor& output) {
  Tensor current = input;
  for (size_t i = 0; i < shape.steps.size(); ++i) {
    const ReductionStep& step = shape.steps[i];
    Tensor next = output;
    if (i + 1 < shape.steps.size()) {
      absl::StatusOr<Tensor> temporary = Tensor::Allocate(input.dtype(), {step.outer * step.inner});
      if (!temporary.ok()) return temporary.status();
      next = *std::move(temporary);
    }
    ReduceStepInto(pool, current.data<T>(), next.mutable_data<T>(), step, identity, combine);
    current = next;
  }
  return absl::OkStatus();
}

template <typename T>
absl::Status Reduce(pthreadpool_t pool, Reduction reduction, const Tensor& input,
                    const ReductionShape& shape, Tensor& output) {
  if constexpr (std::is_same_v<T, bool>) {
    return reduction == Reduction::kAll
               ? RunSteps(pool, input, shape, true, LogicalAndFn(), output)
               : RunSteps(pool, input, shape, false, LogicalOrFn(), output);
  } else if constexpr (kIsComplex<T>) {
    // Complex numbers have no order: only Sum, Mean and Prod take them.
    if (reduction == Reduction::kProd) return RunSteps(pool, input, shape, T{1}, MulFn(), output);
    if (absl::Status status = RunSteps(pool, input, shape, T{0}, AddFn(), output); !status.ok()) {
      return status;
    }
    if (reduction == Reduction::kMean) {
      const T count = static_cast<T>(static_cast<typename T::value_type>(shape.reduced_count));
      T* out = output.mutable_data<T>();
      for (int64_t i = 0; i < output.num_elements(); ++i) out[i] /= count;
    }
    return absl::OkStatus();
  } else {
    switch (reduction) {
      case Reduction::kProd:
        return RunSteps(pool, input, shape, T{1}, MulFn(), output);
      case Reduction::kMax:
        return RunSteps(pool, input, shape,
                        // Negation promotes small integers: cast back so T stays the element type.
                        static_cast<T>(std::numeric_limits<T>::has_infinity
                                           ? -std::numeric_limits<T>::infinity()
                                           : std::numeric_limits<T>::lowest()),
                        MaximumFn(), output);
      case Reduction::kMin:
        return RunSteps(pool, input, shape,
                        std::numeric_limits<T>::has_infinity ? std::numeric_limits<T>::infinity()
                                                             : std::numeric_limits<T>::max(),
                        MinimumFn(), output);
      default:
        break;
    }
    if (absl::Status status = RunSteps(pool, input, shape, T{0}, AddFn(), output); !status.ok()) {
      return status;
    }
    if (reduction == Reduction::kMean) {
      // Integer means truncate; an integer mean of nothing stays 0 rather than dividing by 0.
      if (std::is_floating_point_v<T> || shape.reduced_count != 0) {
        const T count = static_cast<T>(shape.reduced_count);
        T* out = output.mutable_data<T>();
        for (int64_t i = 0; i < output.num_elements(); ++i) out[i] /= count;
      }
    }
    return absl::OkStatus();
  }
}

// A product rounded to T at each step, as TF's product reducer for float16 and bfloat16
// multiplies in T (each Eigen T product rounds to nearest even).
template <typename T>
struct RoundedMulFn {
  float operator()(float a, float b) const { return Widen(Narrow<T>(a * b)); }
};

// float16 and bfloat16: the input widened to float32 (exactly), reduced there and the result
// rounded to T once, so Sum and Mean accumulate and divide in float32; Max and Min are exact
// either way; Prod rounds each product to T (RoundedMulFn).
template <typename T>
absl::Status ReduceWidened(pthreadpool_t pool, Reduction reduction, const Tensor& input,
                           const ReductionShape& shape, Tensor& output) {
  absl::StatusOr<Tensor> wide_input = Tensor::Allocate(tensorflow::DT_FLOAT, input.shape());
  if (!wide_input.ok()) return wide_input.status();
  absl::StatusOr<Tensor> wide_output = Tensor::Allocate(tensorflow::DT_FLOAT, output.shape());
  if (!wide_output.ok()) return wide_output.status();
  const T* in = input.data<T>();
  float* widened = wide_input->mutable_data<float>();
  ParallelFor(pool, input.num_elements(), 1, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) widened[i] = Widen(in[i]);
  });
  const absl::Status status =
      reduction == Reduction::kProd
          ? RunSteps(pool, *wide_input, shape, 1.0f, RoundedMulFn<T>(), *wide_output)
          : Reduce<float>(pool, reduction, *wide_input, shape, *wide_output);
  if (!status.ok()) return status;
  const float* result = wide_output->data<float>();
  T* out = output.mutable_data<T>();
  for (int64_t i = 0; i < output.num_elements(); ++i) out[i] = Narrow<T>(result[i]);
  return absl::OkStatus();
}

class ReduceKernel : public Kernel {
 public:
  ReduceKernel(Reduction reduction, bool keep_dims)
      : reduction_(reduction), keep_dims_(keep_dims) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    absl::StatusOr<std::vector<int>> axes = ReadReductionAxes(context.input(kAxis), input.rank());
    if (!axes.ok()) return context.Error(axes.status().message());
    const ReductionShape shape = MakeReductionShape(input.shape(), *axes, keep_dims_);
    const bool logical = reduction_ == Reduction::kAll || reduction_ == Reduction::kAny;
    auto reduce = [&](auto type) -> absl::Status {
      using T = decltype(type);
      if (shape.steps.empty()) {
        // Only dims of size 1 are reduced: every output element is its one input element.
        absl::StatusOr<Tensor> output = input.Reshaped(shape.output);
        if (!output.ok()) return context.Error(output.status().message());
        context.set_output(0, *std::move(output));
        return absl::OkStatus();
      }
      absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), shape.output);
      if (!output.ok()) return output.status();
      absl::Status status;
      if constexpr (std::is_same_v<ComputeType<T>, T>) {
        status = Reduce<T>(context.threadpool(), reduction_, input, shape, *output);
      } else {
        status = ReduceWidened<T>(context.threadpool(), reduction_, input, shape, *output);
      }
      if (!status.ok()) return status;
      context.set_output(0, *std::move(output));
      return absl::OkStatus();
    };
    if (logical) {
      return DispatchDataType(TypeList<bool>(), context, input.dtype(), "input", reduce);
    }
    if (reduction_ == Reduction::kMax || reduction_ == Reduction::kMin) {
      return DispatchDataType(AllNumericTypes(), context, input.dtype(), "input", reduce);
    }
    return DispatchDataType(NumberTypes(), context, input.dtype(), "input", reduce);
  }

 private:
  Reduction reduction_;
  bool keep_dims_;
};

template <Reduction kReduction>
absl::StatusOr<std::unique_ptr<Kernel>> BuildReduce(const KernelBuildContext& build) {
  bool keep_dims = false;
  if (build.attrs.Has("keep_dims")) {
    absl::StatusOr<bool> attr = build.attrs.GetBool("keep_dims");
    if (!attr.ok()) return attr.status();
    keep_dims = *attr;
  }
  return std::make_unique<ReduceKernel>(kReduction, keep_dims);
}

const std::vector<DataType>& AxisDtypes() {
  static const auto* const kDtypes =
      new std::vector<DataType>{tensorflow::DT_INT32, tensorflow::DT_INT64};
  return *kDtypes;
}

REGISTER_KERNEL_FACTORY("Sum", BuildReduce<Reduction::kSum>,
                        {{"T", DtypesOf(NumberTypes())}, {"Tidx", AxisDtypes()}});
REGISTER_KERNEL_FACTORY("Mean", BuildReduce<Reduction::kMean>,
                        {{"T", DtypesOf(NumberTypes())}, {"Tidx", AxisDtypes()}});
REGISTER_KERNEL_FACTORY("Prod", BuildReduce<Reduction::kProd>,
                        {{"T", DtypesOf(NumberTypes())}, {"Tidx", AxisDtypes()}});
REGISTER_KERNEL_FACTORY("Max", BuildReduce<Reduction::kMax>,
                        {{"T", DtypesOf(AllNumericTypes())}, {"Tidx", AxisDtypes()}});
REGISTER_KERNEL_FACTORY("Min", BuildReduce<Reduction::kMin>,
                        {{"T", DtypesOf(AllNumericTypes())}, {"Tidx", AxisDtypes()}});
REGISTER_KERNEL_FACTORY("All", BuildReduce<Reduction::kAll>, {{"Tidx", AxisDtypes()}});
REGISTER_KERNEL_FACTORY("Any", BuildReduce<Reduction::kAny>, {{"Tidx", AxisDtypes()}});

}  // namespace
}  // namespace tfjs::runtime::math
