// ArgMax and ArgMin: the index of the largest / smallest element along one axis, the first on
// ties, as int64 (TF's default) or the output_type TF's kernels take (int32, and for ArgMax also
// int16 and uint16).
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/math/reduction_shape.h"

namespace tfjs::runtime::math {
namespace {

constexpr int kInput = 0;
constexpr int kAxis = 1;

using ArgTypes = TypeList<float, double, Half, BFloat16, int32_t, int64_t, uint8_t, int8_t, int16_t,
                          uint16_t, uint32_t, uint64_t, bool>;

std::vector<DataType> ArgDtypes() { return DtypesOf(ArgTypes()); }

// For each (o, j) of an [outer, reduced, inner] input, the r whose element wins `better`
// (strictly, so the first wins ties; a NaN is never better than an earlier element).
template <typename T, typename Index, typename Better>
void ArgReduce(pthreadpool_t pool, const T* in, Index* out, const ReductionStep& step,
               const Better& better) {
  const int64_t inner = step.inner;
  const int64_t reduced = step.reduced;
  ParallelFor(pool, step.outer * inner, reduced, [&](int64_t begin, int64_t end) {
    for (int64_t position = begin; position < end; ++position) {
      const T* column = in + (position / inner) * reduced * inner + position % inner;
      T best = column[0];
      int64_t best_index = 0;
      for (int64_t r = 1; r < reduced; ++r) {
        if (better(column[r * inner], best)) {
          best = column[r * inner];
          best_index = r;
        }
      }
      out[position] = static_cast<Index>(best_index);
    }
  });
}

class ArgReduceKernel : public Kernel {
 public:
  ArgReduceKernel(bool is_max, DataType output_type) : is_max_(is_max), output_type_(output_type) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    const Tensor& axis_tensor = context.input(kAxis);
    if (axis_tensor.num_elements() != 1) {
      return context.Error(
          absl::StrCat("axis must hold one value, got shape ", ShapeString(axis_tensor.shape())));
    }
    absl::StatusOr<std::vector<int>> axes = ReadReductionAxes(axis_tensor, input.rank());
    if (!axes.ok()) return context.Error(axes.status().message());
    const int axis = (*axes)[0];
    if (input.dim(axis) == 0) {
      return context.Error(
          absl::StrCat("Reduction axis ", axis, " is empty in shape ", ShapeString(input.shape())));
    }
    ReductionStep step;
    for (int d = 0; d < axis; ++d) step.outer *= input.dim(d);
    step.reduced = input.dim(axis);
    for (int d = axis + 1; d < input.rank(); ++d) step.inner *= input.dim(d);
    Shape output_shape = input.shape();
    output_shape.erase(output_shape.begin() + axis);
    absl::StatusOr<Tensor> output = Tensor::Allocate(output_type_, output_shape);
    if (!output.ok()) return output.status();
    absl::Status status =
        DispatchDataType(ArgTypes(), context, input.dtype(), "input", [&](auto type) {
          using T = decltype(type);
          auto run = [&](auto* out) {
            if (is_max_) {
              ArgReduce(context.threadpool(), input.data<T>(), out, step,
                        [](T a, T b) { return Widen(a) > Widen(b); });
            } else {
              ArgReduce(context.threadpool(), input.data<T>(), out, step,
                        [](T a, T b) { return Widen(a) < Widen(b); });
            }
          };
          switch (output_type_) {
            case tensorflow::DT_INT16:
              run(output->mutable_data<int16_t>());
              break;
            case tensorflow::DT_UINT16:
              run(output->mutable_data<uint16_t>());
              break;
            case tensorflow::DT_INT32:
              run(output->mutable_data<int32_t>());
              break;
            default:
              run(output->mutable_data<int64_t>());
          }
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  bool is_max_;
  DataType output_type_;
};

template <bool kIsMax>
absl::StatusOr<std::unique_ptr<Kernel>> BuildArgReduce(const KernelBuildContext& build) {
  DataType output_type = tensorflow::DT_INT64;
  if (build.attrs.Has("output_type")) {
    absl::StatusOr<DataType> attr = build.attrs.GetType("output_type");
    if (!attr.ok()) return attr.status();
    output_type = *attr;
  }
  return std::make_unique<ArgReduceKernel>(kIsMax, output_type);
}

// ArgMax also takes an int16 axis.
const std::vector<DataType>& AxisDtypes(bool with_int16) {
  static const auto* const kDtypes =
      new std::vector<DataType>{tensorflow::DT_INT32, tensorflow::DT_INT64};
  static const auto* const kWithInt16 =
      new std::vector<DataType>{tensorflow::DT_INT16, tensorflow::DT_INT32, tensorflow::DT_INT64};
  return with_int16 ? *kWithInt16 : *kDtypes;
}

REGISTER_KERNEL_FACTORY("ArgMax", BuildArgReduce<true>,
                        {{"T", ArgDtypes()},
                         {"Tidx", AxisDtypes(true)},
                         {"output_type",
                          {tensorflow::DT_INT16, tensorflow::DT_UINT16, tensorflow::DT_INT32,
                           tensorflow::DT_INT64}}});
REGISTER_KERNEL_FACTORY("ArgMin", BuildArgReduce<false>,
                        {{"T", ArgDtypes()},
                         {"Tidx", AxisDtypes(false)},
                         {"output_type", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime::math
