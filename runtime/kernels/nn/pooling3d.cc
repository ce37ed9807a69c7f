// AvgPool3D and MaxPool3D: direct loops over NDHWC (NCDHW is moved to NDHWC and back). As in TF,
// padding never counts: the max skips it and the average divides by the real voxels only.
#include <pthreadpool.h>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/nn/half.h"
#include "runtime/kernels/nn/layout.h"
#include "runtime/kernels/nn/window3d.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInput = 0;

struct Pool3DTask {
  bool max = false;
  const Window3DAttrs* attrs;
  std::array<SpatialOutput, 3> out;
  std::array<int64_t, 3> in_size;
  int64_t channels = 0;
  const float* input;
  float* output;

  // The window's clipped [begin, end) along spatial dim `d` for output index `o`.
  void Range(int d, int64_t o, int64_t* begin, int64_t* end) const {
    const int64_t start = o * attrs->dims[d].stride - out[d].pad_before;
    *begin = std::max<int64_t>(start, 0);
    *end = std::min<int64_t>(start + attrs->dims[d].kernel, in_size[d]);
  }

  void ComputeRow(int64_t row) const {
    const int64_t y = row % out[1].size;
    const int64_t z = (row / out[1].size) % out[0].size;
    const int64_t n = row / (out[1].size * out[0].size);
    int64_t z0, z1, y0, y1;
    Range(0, z, &z0, &z1);
    Range(1, y, &y0, &y1);
    for (int64_t x = 0; x < out[2].size; ++x) {
      int64_t x0, x1;
      Range(2, x, &x0, &x1);
      float* result = output + (row * out[2].size + x) * channels;
      std::fill(result, result + channels, max ? -std::numeric_limits<float>::infinity() : 0.f);
      for (int64_t iz = z0; iz < z1; ++iz) {
        for (int64_t iy = y0; iy < y1; ++iy) {
          for (int64_t ix = x0; ix < x1; ++ix) {
            const float* pixel =
                input + (((n * in_size[0] + iz) * in_size[1] + iy) * in_size[2] + ix) * channels;
            for (int64_t c = 0; c < channels; ++c) {
              if (max) {
                result[c] = std::max(result[c], pixel[c]);
              } else {
                result[c] += pixel[c];
              }
            }
          }
        }
      }
      if (!max) {
        const float count = static_cast<float>((z1 - z0) * (y1 - y0) * (x1 - x0));
        for (int64_t c = 0; c < channels; ++c) result[c] /= count;
      }
    }
  }

  static void Run(void* task, size_t row) {
    static_cast<const Pool3DTask*>(task)->ComputeRow(static_cast<int64_t>(row));
  }
};

class Pool3DKernel : public Kernel {
 public:
  Pool3DKernel(bool max, Window3DAttrs attrs) : max_(max), attrs_(std::move(attrs)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& given = context.input(kInput);
    if (given.dtype() != tensorflow::DT_FLOAT) {
      return context.Error(
          absl::StrCat("input must be float32, got ", DataTypeName(given.dtype())));
    }
    if (given.rank() != 5) {
      return context.Error(
          absl::StrCat("input must be 5-D, got shape ", ShapeString(given.shape())));
    }
    Tensor input = given;
    if (attrs_.channels_first) {
      absl::StatusOr<Tensor> moved = ChannelsFirstToLast(given);
      if (!moved.ok()) return moved.status();
      input = *std::move(moved);
    }
    absl::StatusOr<std::array<SpatialOutput, 3>> out = ComputeOutput3D(input.shape(), attrs_);
    if (!out.ok()) return context.Error(out.status().message());
    absl::StatusOr<Tensor> output = Tensor::Allocate(
        tensorflow::DT_FLOAT,
        {input.dim(0), (*out)[0].size, (*out)[1].size, (*out)[2].size, input.dim(4)});
    if (!output.ok()) return output.status();
    if (output->num_elements() > 0) {
      Pool3DTask task{max_,
                      &attrs_,
                      *out,
                      {input.dim(1), input.dim(2), input.dim(3)},
                      input.dim(4),
                      input.data<float>(),
                      output->mutable_data<float>()};
      pthreadpool_parallelize_1d(
          context.threadpool(), &Pool3DTask::Run, &task,
          static_cast<size_t>(input.dim(0) * (*out)[0].size * (*out)[1].size), 0);
    }
    if (attrs_.channels_first) {
      absl::StatusOr<Tensor> moved = ChannelsLastToFirst(*output);
      if (!moved.ok()) return moved.status();
      output = std::move(moved);
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  bool max_;
  Window3DAttrs attrs_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildPool3D(const KernelBuildContext& context, bool max) {
  absl::StatusOr<Window3DAttrs> attrs =
      ReadWindow3DAttrs(context, /*has_dilations=*/false, /*has_ksize=*/true);
  if (!attrs.ok()) return attrs.status();
  return std::make_unique<Pool3DKernel>(max, *std::move(attrs));
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildMaxPool3D(const KernelBuildContext& context) {
  return BuildPool3D(context, /*max=*/true);
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildAvgPool3D(const KernelBuildContext& context) {
  return BuildPool3D(context, /*max=*/false);
}

// bfloat16 is computed in float32 and rounded once.
REGISTER_KERNEL_FACTORY("MaxPool3D", Widened(BuildMaxPool3D, {kInput}, {0}),
                        {{"T", {tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT}}});
REGISTER_KERNEL_FACTORY("AvgPool3D", Widened(BuildAvgPool3D, {kInput}, {0}),
                        {{"T", {tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT}}});

}  // namespace
}  // namespace tfjs::runtime::nn
