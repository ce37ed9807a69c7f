// Roll: elements shifted along axes with wrap-around; shift and axis are int32/int64 scalars or
// vectors of one length, and shifts on a repeated axis add up.
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/element_types.h"

namespace tfjs::runtime {
namespace {

using array::DispatchByElement;
using array::ElementsOf;
using array::MutableElementsOf;

constexpr int kInput = 0;
constexpr int kShift = 1;
constexpr int kAxis = 2;

absl::StatusOr<std::vector<int64_t>> Int64Values(const Tensor& tensor, const char* what) {
  std::vector<int64_t> values;
  if (tensor.dtype() == tensorflow::DT_INT32) {
    for (int32_t value : tensor.values<int32_t>()) values.push_back(value);
  } else if (tensor.dtype() == tensorflow::DT_INT64) {
    for (int64_t value : tensor.values<int64_t>()) values.push_back(value);
  } else {
    return absl::InvalidArgumentError(absl::StrCat(what, " must be int32 or int64"));
  }
  if (tensor.rank() > 1) {
    return absl::InvalidArgumentError(absl::StrCat(what, " must be a scalar or a 1-D vector"));
  }
  return values;
}

absl::Status ComputeRoll(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  absl::StatusOr<std::vector<int64_t>> shifts = Int64Values(context.input(kShift), "shift");
  if (!shifts.ok()) return context.Error(shifts.status().message());
  absl::StatusOr<std::vector<int64_t>> axes = Int64Values(context.input(kAxis), "axis");
  if (!axes.ok()) return context.Error(axes.status().message());
  if (shifts->size() != axes->size()) {
    return context.Error(absl::StrCat("shift and axis must have the same size, got ",
                                      shifts->size(), " and ", axes->size()));
  }
  if (input.rank() < 1) return context.Error("input must be 1-D or higher");
  const int rank = input.rank();
  std::vector<int64_t> total(rank, 0);
  for (size_t k = 0; k < axes->size(); ++k) {
    int64_t axis = (*axes)[k];
    if (axis < 0) axis += rank;
    if (axis < 0 || axis >= rank) {
      return context.Error(absl::StrCat("axis ", (*axes)[k], " is out of range"));
    }
    total[axis] += (*shifts)[k];
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  std::vector<int64_t> strides(rank, 1);
  for (int d = rank - 2; d >= 0; --d) strides[d] = strides[d + 1] * input.dim(d + 1);
  for (int d = 0; d < rank; ++d) {
    if (input.dim(d) > 0) total[d] = ((total[d] % input.dim(d)) + input.dim(d)) % input.dim(d);
  }
  absl::Status status = DispatchByElement(input.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* in = ElementsOf<T>(input);
    T* out = MutableElementsOf<T>(*output);
    for (int64_t i = 0; i < input.num_elements(); ++i) {
      int64_t target = 0;
      for (int d = 0; d < rank; ++d) {
        int64_t at = (i / strides[d]) % input.dim(d) + total[d];
        if (at >= input.dim(d)) at -= input.dim(d);
        target += at * strides[d];
      }
      out[target] = in[i];
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return context.Error(status.message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Roll", ComputeRoll,
                {{"T", dtypes::All()},
                 {"Tshift", array::IndexDtypes()},
                 {"Taxis", array::IndexDtypes()}});

}  // namespace
}  // namespace tfjs::runtime
