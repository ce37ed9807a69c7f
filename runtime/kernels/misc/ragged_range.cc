// RaggedRange(starts, limits, deltas): one range per row (the three inputs are scalars or vectors
// of one length, scalars broadcast), returned as row splits (Tsplits) and the concatenated values.
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

absl::Status ComputeRaggedRange(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor* inputs[3] = {&context.input(0), &context.input(1), &context.input(2)};
  int64_t rows = 1;
  bool any_vector = false;
  for (const Tensor* input : inputs) {
    if (input->rank() > 1) return context.Error("starts, limits and deltas must be 0-D or 1-D");
    if (input->dtype() != inputs[0]->dtype()) {
      return context.Error("starts, limits and deltas must have one dtype");
    }
    if (input->rank() == 1) {
      if (any_vector && input->dim(0) != rows) {
        return context.Error("starts, limits, and deltas must have the same shape");
      }
      rows = input->dim(0);
      any_vector = true;
    }
  }
  const auto& attrs = context.node().attr();
  const DataType splits_type =
      attrs.count("Tsplits") ? attrs.at("Tsplits").type() : tensorflow::DT_INT64;
  if (!misc::IsIndexType(splits_type)) return context.Error("Tsplits must be int32 or int64");
  std::vector<int64_t> splits = {0};
  Tensor values;
  absl::Status status;
  const bool known = math::DispatchTag(misc::NoHalfRealTypes(), inputs[0]->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto at = [&](int k, int64_t row) {
      return inputs[k]->data<T>()[inputs[k]->rank() == 0 ? 0 : row];
    };
    std::vector<T> out;
    for (int64_t row = 0; row < rows; ++row) {
      const T start = at(0, row), limit = at(1, row), delta = at(2, row);
      if (delta == T(0)) {
        status = context.Error("Requires delta != 0");
        return;
      }
      int64_t size = 0;
      if ((delta > T(0) && limit > start) || (delta < T(0) && limit < start)) {
        if constexpr (std::is_integral_v<T>) {
          const int64_t span = static_cast<int64_t>(limit) - static_cast<int64_t>(start);
          const int64_t step = static_cast<int64_t>(delta);
          size = span / step + (span % step != 0 ? 1 : 0);
        } else {
          size = static_cast<int64_t>(std::ceil(std::abs((limit - start) / delta)));
        }
      }
      for (int64_t i = 0; i < size; ++i) out.push_back(static_cast<T>(start + T(i) * delta));
      splits.push_back(static_cast<int64_t>(out.size()));
    }
    absl::StatusOr<Tensor> tensor =
        Tensor::Allocate(inputs[0]->dtype(), {static_cast<int64_t>(out.size())});
    if (!tensor.ok()) {
      status = context.Error(tensor.status().message());
      return;
    }
    std::copy(out.begin(), out.end(), tensor->mutable_data<T>());
    values = *std::move(tensor);
  });
  if (!known) {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(inputs[0]->dtype())));
  }
  if (!status.ok()) return status;
  absl::StatusOr<Tensor> split_tensor =
      misc::IndexTensor(splits_type, {static_cast<int64_t>(splits.size())}, splits);
  if (!split_tensor.ok()) return context.Error(split_tensor.status().message());
  context.set_output(0, *std::move(split_tensor));
  context.set_output(1, std::move(values));
  return absl::OkStatus();
}

REGISTER_KERNEL("RaggedRange", ComputeRaggedRange,
                {{"T",
                  {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE, tensorflow::DT_INT32,
                   tensorflow::DT_INT64}},
                 {"Tsplits", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
