// LowerBound and UpperBound: for each value, where it would be inserted in its row of a sorted
// sequence (batched searchsorted).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kSorted = 0;
constexpr int kValues = 1;

template <bool kUpper>
absl::Status ComputeBound(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& sorted = context.input(kSorted);
  const Tensor& values = context.input(kValues);
  if (sorted.rank() < 1 || sorted.rank() != values.rank() ||
      !std::equal(sorted.shape().begin(), sorted.shape().end() - 1, values.shape().begin())) {
    return context.Error(
        absl::StrCat("sorted_inputs and values must have one rank and matching leading dims, got ",
                     ShapeString(sorted.shape()), " and ", ShapeString(values.shape())));
  }
  if (sorted.dtype() != values.dtype()) {
    return context.Error("sorted_inputs and values must have one dtype");
  }
  NodeAttrs attrs(context.node(), nullptr);
  absl::StatusOr<DataType> out_type =
      attrs.Has("out_type") ? attrs.GetType("out_type") : tensorflow::DT_INT32;
  if (!out_type.ok()) return out_type.status();
  const int64_t row_length = sorted.dim(sorted.rank() - 1);
  const int64_t per_row = values.dim(values.rank() - 1);
  const int64_t rows = row_length == 0 ? 0 : sorted.num_elements() / row_length;
  std::vector<int64_t> positions(values.num_elements(), 0);
  if (absl::Status status = math::DispatchDataType(
          math::AllNumericTypes(), context, sorted.dtype(), "input 'sorted_inputs'",
          [&](auto type) {
            using T = decltype(type);
            // float16 and bfloat16 compare as their (exact) float32 values.
            const auto less = [](T a, T b) { return math::Widen(a) < math::Widen(b); };
            for (int64_t i = 0; i < values.num_elements(); ++i) {
              const int64_t row = per_row == 0 ? 0 : i / per_row;
              if (row >= rows) continue;  // Empty rows: every position is 0.
              const T* begin = sorted.data<T>() + row * row_length;
              const T value = values.data<T>()[i];
              const T* found = kUpper ? std::upper_bound(begin, begin + row_length, value, less)
                                      : std::lower_bound(begin, begin + row_length, value, less);
              positions[i] = found - begin;
            }
            return absl::OkStatus();
          });
      !status.ok()) {
    return status;
  }
  absl::StatusOr<Tensor> output = misc::IndexTensor(*out_type, values.shape(), positions);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("LowerBound", ComputeBound<false>,
                {{"T", math::DtypesOf(math::AllNumericTypes())},
                 {"out_type", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});
REGISTER_KERNEL("UpperBound", ComputeBound<true>,
                {{"T", math::DtypesOf(math::AllNumericTypes())},
                 {"out_type", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
