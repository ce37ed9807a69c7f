// StridedSlice: Python-style slicing with begin/end/strides and the five TF masks.
#include <memory>
#include <vector>

#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"
#include "runtime/kernels/array/strided_slice_spec.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kBegin = 1;

class StridedSliceKernel : public Kernel {
 public:
  explicit StridedSliceKernel(StridedSliceMasks masks) : masks_(masks) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    absl::StatusOr<StridedSlicePlan> plan =
        PlanStridedSliceInputs(context, kBegin, input.shape(), masks_);
    if (!plan.ok()) return plan.status();
    if (plan->is_identity) {
      context.set_output(0, *input.Reshaped(plan->final_shape));
      return absl::OkStatus();
    }
    absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), plan->final_shape);
    if (!output.ok()) return output.status();
    const SliceView read = StridedSliceView(*plan, input.shape());
    if (absl::Status status =
            CopyTensorView(context, plan->processing_shape, input, read.offset, read.strides,
                           *output, 0, RowMajorStrides(plan->processing_shape));
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
  absl::StatusOr<StridedSliceMasks> masks = ReadStridedSliceMasks(context);
  if (!masks.ok()) return masks.status();
  return std::make_unique<StridedSliceKernel>(*masks);
}

REGISTER_KERNEL_FACTORY("StridedSlice", BuildStridedSlice,
                        {{"T", With(With(dtypes::All(), kQuantized8And32), kFloat8)},
                         {"Index",
                          {tensorflow::DT_INT16, tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime::array
