// ExtractImagePatches: for each output position of a ksizes window (strides, rates = dilation,
// SAME/VALID padding as in convolution) over NHWC images, the window's pixels flattened in
// (row, column, channel) order into the output's depth; padding positions are 0. Any fixed-size
// dtype.
#include <cstring>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/nn/window.h"

namespace tfjs::runtime::nn {
namespace {

struct PatchGeometry {
  WindowDim rows;
  WindowDim cols;
  Padding padding = Padding::kValid;
};

// A 4-entry list attr [1, r, c, 1] into the two spatial values.
absl::Status ReadSpatialPair(const KernelBuildContext& context, const char* name, int64_t* rows,
                             int64_t* cols) {
  absl::StatusOr<std::vector<int64_t>> values = context.attrs.GetIntList(name);
  if (!values.ok()) return values.status();
  if (values->size() != 4 || (*values)[0] != 1 || (*values)[3] != 1) {
    return context.Error(absl::StrCat(name, " must have 4 entries, 1 for batch and depth"));
  }
  if ((*values)[1] < 1 || (*values)[2] < 1) {
    return context.Error(absl::StrCat(name, " must be positive"));
  }
  *rows = (*values)[1];
  *cols = (*values)[2];
  return absl::OkStatus();
}

class ExtractImagePatchesKernel : public Kernel {
 public:
  explicit ExtractImagePatchesKernel(PatchGeometry geometry) : geometry_(geometry) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& images = context.input(0);
    if (images.rank() != 4) {
      return context.Error(
          absl::StrCat("input must be 4-dimensional, got shape ", ShapeString(images.shape())));
    }
    const int64_t element = DataTypeSize(images.dtype());
    if (element == 0) {
      return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(images.dtype())));
    }
    const int64_t batch = images.dim(0), height = images.dim(1), width = images.dim(2),
                  depth = images.dim(3);
    absl::StatusOr<SpatialOutput> out_rows =
        ComputeSpatialOutput(height, geometry_.rows, geometry_.padding);
    absl::StatusOr<SpatialOutput> out_cols =
        ComputeSpatialOutput(width, geometry_.cols, geometry_.padding);
    if (!out_rows.ok()) return context.Error(out_rows.status().message());
    if (!out_cols.ok()) return context.Error(out_cols.status().message());
    const int64_t kernel_rows = geometry_.rows.kernel, kernel_cols = geometry_.cols.kernel;
    absl::StatusOr<Tensor> output = Tensor::Zeros(
        images.dtype(), {batch, out_rows->size, out_cols->size, kernel_rows * kernel_cols * depth});
    if (!output.ok()) return context.Error(output.status().message());
    const char* in = static_cast<const char*>(images.raw_data());
    char* out = output->mutable_data<char>();
    const int64_t pixel_bytes = depth * element;
    for (int64_t b = 0; b < batch; ++b) {
      for (int64_t r = 0; r < out_rows->size; ++r) {
        for (int64_t c = 0; c < out_cols->size; ++c) {
          for (int64_t kr = 0; kr < kernel_rows; ++kr) {
            const int64_t y =
                r * geometry_.rows.stride - out_rows->pad_before + kr * geometry_.rows.dilation;
            for (int64_t kc = 0; kc < kernel_cols; ++kc) {
              const int64_t x =
                  c * geometry_.cols.stride - out_cols->pad_before + kc * geometry_.cols.dilation;
              if (y < 0 || y >= height || x < 0 || x >= width) continue;
              const int64_t patch =
                  (((b * out_rows->size + r) * out_cols->size + c) * kernel_rows + kr) *
                      kernel_cols +
                  kc;
              std::memcpy(out + patch * pixel_bytes,
                          in + ((b * height + y) * width + x) * pixel_bytes, pixel_bytes);
            }
          }
        }
      }
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  PatchGeometry geometry_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildExtractImagePatches(
    const KernelBuildContext& context) {
  PatchGeometry geometry;
  if (absl::Status status =
          ReadSpatialPair(context, "ksizes", &geometry.rows.kernel, &geometry.cols.kernel);
      !status.ok()) {
    return status;
  }
  if (absl::Status status =
          ReadSpatialPair(context, "strides", &geometry.rows.stride, &geometry.cols.stride);
      !status.ok()) {
    return status;
  }
  if (absl::Status status =
          ReadSpatialPair(context, "rates", &geometry.rows.dilation, &geometry.cols.dilation);
      !status.ok()) {
    return status;
  }
  absl::StatusOr<std::string> padding = context.attrs.GetString("padding");
  if (!padding.ok()) return padding.status();
  if (*padding == "SAME") {
    geometry.padding = Padding::kSame;
  } else if (*padding != "VALID") {
    return context.Error(absl::StrCat("padding must be SAME or VALID, got ", *padding));
  }
  return std::make_unique<ExtractImagePatchesKernel>(geometry);
}

REGISTER_KERNEL_FACTORY("ExtractImagePatches", BuildExtractImagePatches, {{"T", dtypes::Number()}});

}  // namespace
}  // namespace tfjs::runtime::nn
