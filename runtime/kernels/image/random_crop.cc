// RandomCrop(image [height, width, channels], size int64 [2]): a size[0] x size[1] window of the
// image at a random offset, bit for bit as TF's CPU kernel: two words of the node's seeded Philox
// stream (random/guarded_philox.h), the column offset from the first (word % (width - target + 1),
// when the image is wider) and the row offset from the next.
#include <cstring>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/random/guarded_philox.h"

namespace tfjs::runtime {
namespace {

using math::DtypesOf;
using math::TypeList;

using CropTypes = TypeList<float, double, int8_t, int16_t, int32_t, int64_t, uint8_t>;

class RandomCropKernel : public Kernel {
 public:
  explicit RandomCropKernel(const tensorflow::NodeDef& node) : generator_(node) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& image = context.input(0);
    const Tensor& size = context.input(1);
    if (image.rank() != 3) {
      return context.Error(absl::StrCat("input must be 3-dimensional", ShapeString(image.shape())));
    }
    if (size.rank() != 1) {
      return context.Error(
          absl::StrCat("shape_t must be 1-dimensional", ShapeString(size.shape())));
    }
    if (size.num_elements() != 2 || size.dtype() != tensorflow::DT_INT64) {
      return context.Error(
          absl::StrCat("shape_t must have two elements", ShapeString(size.shape())));
    }
    const int64_t target_height = size.data<int64_t>()[0];
    const int64_t target_width = size.data<int64_t>()[1];
    const int64_t height = image.dim(0), width = image.dim(1), channels = image.dim(2);
    absl::StatusOr<Tensor> output =
        Tensor::Allocate(image.dtype(), {target_height, target_width, channels});
    if (!output.ok()) return context.Error(output.status().message());
    if (width < target_width) {
      return absl::FailedPreconditionError(absl::StrCat(
          "width must be >= target_width: width = ", width, ", target_width = ", target_width));
    }
    if (height < target_height) {
      return absl::FailedPreconditionError(
          absl::StrCat("height must be >= target_height: height = ", height,
                       ", target_height = ", target_height));
    }
    random::Philox philox = generator_.ReserveSamples32(2);
    random::SingleSample words(&philox);
    int64_t offset_width = 0, offset_height = 0;
    if (width > target_width) offset_width = words() % (width - target_width + 1);
    if (height > target_height) offset_height = words() % (height - target_height + 1);
    const int64_t element = DataTypeSize(image.dtype());
    const char* in = static_cast<const char*>(image.raw_data());
    char* out = static_cast<char*>(output->mutable_data<void>());
    const int64_t row_bytes = target_width * channels * element;
    for (int64_t y = 0; y < target_height; ++y) {
      std::memcpy(out + y * row_bytes,
                  in + ((y + offset_height) * width + offset_width) * channels * element,
                  row_bytes);
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  random::GuardedPhilox generator_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildRandomCrop(const KernelBuildContext& context) {
  return std::make_unique<RandomCropKernel>(context.node);
}

REGISTER_KERNEL_FACTORY("RandomCrop", BuildRandomCrop, {{"T", DtypesOf(CropTypes())}});

}  // namespace
}  // namespace tfjs::runtime
