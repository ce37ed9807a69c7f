// DepthToSpace (NHWC, as TF's CPU kernel): each pixel's depth split into a block x block patch.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"

namespace tfjs::runtime::array {
namespace {

class DepthToSpaceKernel : public Kernel {
 public:
  explicit DepthToSpaceKernel(int64_t block) : block_(block) {}

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
    const int64_t block_area = block_ * block_;
    if (depth % block_area != 0) {
      return context.Error(
          absl::StrCat("Input depth dimension ", depth, " should be divisible by: ", block_area));
    }
    const int64_t out_depth = depth / block_area;
    absl::StatusOr<Tensor> output =
        AllocateOutput(context, input.dtype(), {batch, height * block_, width * block_, out_depth});
    if (!output.ok()) return output.status();
    // The input as [N, H, W, bh, bw, C'] read in the output's order [N, H, bh, W, bw, C'].
    const int64_t copy_shape[] = {batch, height, block_, width, block_, out_depth};
    const int64_t read_strides[] = {
        height * width * depth, width * depth, block_ * out_depth, depth, out_depth, 1};
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

absl::StatusOr<std::unique_ptr<Kernel>> BuildDepthToSpace(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> block = context.attrs.GetInt("block_size");
  if (!block.ok()) return block.status();
  if (*block <= 1) {
    return context.Error(absl::StrCat("Block size should be > 1, but was: ", *block));
  }
  std::string format = "NHWC";
  if (context.attrs.Has("data_format")) {
    absl::StatusOr<std::string> value = context.attrs.GetString("data_format");
    if (!value.ok()) return value.status();
    format = *value;
  }
  if (format != "NHWC") {
    return context.Error(absl::StrCat("Only NHWC data_format supported on CPU. Got ", format));
  }
  return std::make_unique<DepthToSpaceKernel>(*block);
}

REGISTER_KERNEL_FACTORY("DepthToSpace", BuildDepthToSpace, {{"T", dtypes::All()}});

}  // namespace
}  // namespace tfjs::runtime::array
