// TensorStridedSliceUpdate and StridedSliceAssign: the input with the strided
// slice that StridedSlice would read (same begin/end/strides and masks)
// replaced by `value`. In a frozen inference graph StridedSliceAssign's ref
// input is a value, so both output the updated tensor.
#include <memory>
#include <utility>
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
constexpr int kValue = 4;

class StridedSliceUpdateKernel : public Kernel {
 public:
  explicit StridedSliceUpdateKernel(StridedSliceMasks masks) : masks_(masks) {}

  absl::Status Compute(OpContext &context) const override {
    if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
    const Tensor &input = context.input(kInput);
    const Tensor &value = context.input(kValue);
    if (value.dtype() != input.dtype()) {
      return context.Error(absl::StrCat("value has dtype ", DataTypeName(value.dtype()),
                                        " but the input has ", DataTypeName(input.dtype())));
    }
    absl::StatusOr<StridedSlicePlan> plan =
        PlanStridedSliceInputs(context, kBegin, input.shape(), masks_);
    if (!plan.ok()) return plan.status();
    if (value.shape() != plan->final_shape) {
      return context.Error(absl::StrCat(
          "sliced l-value shape ", ShapeString(plan->final_shape), " does not match r-value shape ",
          ShapeString(value.shape()), ". Automatic broadcasting not yet implemented."));
    }
    absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), input.shape());
    if (!output.ok()) return output.status();
    const std::vector<int64_t> input_strides = RowMajorStrides(input.shape());
    if (absl::Status status = CopyTensorView(context, input.shape(), input, 0, input_strides,
                                             *output, 0, input_strides);
        !status.ok()) {
      return status;
    }
    const SliceView write = StridedSliceView(*plan, input.shape());
    if (absl::Status status = CopyTensorView(context, plan->processing_shape, value, 0,
                                             RowMajorStrides(plan->processing_shape), *output,
                                             write.offset, write.strides);
        !status.ok()) {
      return status;
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  StridedSliceMasks masks_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildStridedSliceUpdate(const KernelBuildContext &context) {
  absl::StatusOr<StridedSliceMasks> masks = ReadStridedSliceMasks(context);
  if (!masks.ok()) return masks.status();
  return std::make_unique<StridedSliceUpdateKernel>(*masks);
}

// Every dtype whose elements can be copied as bytes (StridedSlice's T); TF also
// takes resource and variant tensors.
KernelDtypes UpdateDtypes() {
  return {{"T", With(With(dtypes::All(), kQuantized8And32), kFloat8)}, {"Index", IndexDtypes()}};
}

REGISTER_KERNEL_FACTORY("TensorStridedSliceUpdate", BuildStridedSliceUpdate, UpdateDtypes());
REGISTER_KERNEL_FACTORY("StridedSliceAssign", BuildStridedSliceUpdate, UpdateDtypes());

}  // namespace
}  // namespace tfjs::runtime::array
