// StridedSlice: Python-style slicing with begin/end/strides and the five TF masks.
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"
#include "runtime/kernels/array/strided_slice_spec.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kBegin = 1;
constexpr int kEnd = 2;
constexpr int kStrides = 3;

class StridedSliceKernel : public Kernel {
 public:
  explicit StridedSliceKernel(StridedSliceMasks masks) : masks_(masks) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    const Tensor& begin_tensor = context.input(kBegin);
    const Tensor& end_tensor = context.input(kEnd);
    const Tensor& strides_tensor = context.input(kStrides);
    if (begin_tensor.rank() != 1 || begin_tensor.shape() != end_tensor.shape() ||
        begin_tensor.shape() != strides_tensor.shape()) {
      return context.Error(absl::StrCat(
          "Expected begin, end, and strides to be 1D equal size tensors, but got shapes ",
          ShapeString(begin_tensor.shape()), ", ", ShapeString(end_tensor.shape()), ", and ",
          ShapeString(strides_tensor.shape()), " instead."));
    }
    absl::StatusOr<std::vector<int64_t>> begin = IndexValues(context, kBegin, "begin");
    if (!begin.ok()) return begin.status();
    absl::StatusOr<std::vector<int64_t>> end = IndexValues(context, kEnd, "end");
    if (!end.ok()) return end.status();
    absl::StatusOr<std::vector<int64_t>> strides = IndexValues(context, kStrides, "strides");
    if (!strides.ok()) return strides.status();
    absl::StatusOr<StridedSlicePlan> plan =
        PlanStridedSlice(input.shape(), *begin, *end, *strides, masks_);
    if (!plan.ok()) return context.Error(plan.status().message());
    if (plan->is_identity) {
      context.set_output(0, *input.Reshaped(plan->final_shape));
      return absl::OkStatus();
    }
    absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), plan->final_shape);
    if (!output.ok()) return output.status();
    const std::vector<int64_t> input_strides = RowMajorStrides(input.shape());
    std::vector<int64_t> read_strides(input.rank());
    int64_t offset = 0;
    for (int i = 0; i < input.rank(); ++i) {
      read_strides[i] = plan->strides[i] * input_strides[i];
      if (plan->processing_shape[i] > 0) offset += plan->begin[i] * input_strides[i];
    }
    if (absl::Status status =
            CopyTensorView(context, plan->processing_shape, input, offset, read_strides, *output, 0,
                           RowMajorStrides(plan->processing_shape));
        !status.ok()) {
      return status;
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  StridedSliceMasks masks_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildStridedSlice(const KernelBuildContext& context) {
  StridedSliceMasks masks;
  const std::pair<const char*, int64_t*> attrs[] = {{"begin_mask", &masks.begin},
                                                    {"end_mask", &masks.end},
                                                    {"ellipsis_mask", &masks.ellipsis},
                                                    {"new_axis_mask", &masks.new_axis},
                                                    {"shrink_axis_mask", &masks.shrink_axis}};
  for (const auto& [name, mask] : attrs) {
    if (!context.attrs.Has(name)) continue;
    absl::StatusOr<int64_t> value = context.attrs.GetInt(name);
    if (!value.ok()) return value.status();
    *mask = *value;
  }
  return std::make_unique<StridedSliceKernel>(masks);
}

REGISTER_KERNEL_FACTORY("StridedSlice", BuildStridedSlice,
                        {{"T", With(With(dtypes::PodString(), kQuantized8And32), kFloat8)},
                         {"Index",
                          {tensorflow::DT_INT16, tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime::array
