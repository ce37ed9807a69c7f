// SpaceToDepth (NHWC, as TF's CPU kernel): each block x block patch of pixels stacked into one
// pixel's depth, in the patch's row-major order; the inverse of DepthToSpace.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::array {
namespace {

class SpaceToDepthKernel : public Kernel {
 public:
  explicit SpaceToDepthKernel(int64_t block) : block_(block) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(0);
    if (input.rank() != 4) {
      return context.Error(absl::StrCat("Input rank should be: 4 instead of: ", input.rank()));
    }
    const int64_t batch = input.dim(0);
    const int64_t height = input.dim(1);
    const int64_t width = input.dim(2);
    const int64_t depth = input.dim(3);
    if (height % block_ != 0 || width % block_ != 0) {
      return context.Error(absl::StrCat("Image height ", height, " and width ", width,
                                        " should be divisible by block_size: ", block_));
    }
    const int64_t out_height = height / block_;
    const int64_t out_width = width / block_;
    absl::StatusOr<Tensor> output = AllocateOutput(
        context, input.dtype(), {batch, out_height, out_width, depth * block_ * block_});
    if (!output.ok()) return output.status();
    // The input as [N, H', bh, W', bw, C] read in the output's order [N, H', W', bh, bw, C].
    const int64_t copy_shape[] = {batch, out_height, out_width, block_, block_, depth};
    const int64_t read_strides[] = {
        height * width * depth, block_ * width * depth, block_ * depth, width * depth, depth, 1};
    if (absl::Status status = CopyTensorView(context, copy_shape, input, 0, read_strides, *output,
                                             0, RowMajorStrides(copy_shape));
        !status.ok()) {
      return status;
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  int64_t block_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildSpaceToDepth(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> block = context.attrs.GetInt("block_size");
  if (!block.ok()) return block.status();
  if (*block <= 1) {
    return context.Error(absl::StrCat("Block size should be > 1, but was: ", *block));
  }
  absl::StatusOr<std::string> format = context.attrs.GetString("data_format");
  if (!format.ok()) return format.status();
  if (*format != "NHWC") {
    return context.Error(absl::StrCat("Only NHWC data_format supported on CPU. Got ", *format));
  }
  return std::make_unique<SpaceToDepthKernel>(*block);
}

REGISTER_KERNEL_FACTORY("SpaceToDepth", BuildSpaceToDepth, {{"T", dtypes::All()}});

}  // namespace
}  // namespace tfjs::runtime::array
