// ExtractVolumePatches(input [batch, planes, rows, cols, depth]): every ksize window of the
// volume, strides apart, flattened into the depth of one output voxel in (plane, row, col,
// depth) order, as TF's CPU kernel: VALID windows lie inside the volume, SAME windows are centred
// (padding split with the smaller half first) and read zeros outside.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

using math::DtypesOf;
using math::TypeList;

using PatchTypes = TypeList<math::Half, math::BFloat16, float, double, int8_t, int16_t, int32_t,
                            int64_t, uint8_t, uint16_t, uint32_t, uint64_t>;

struct Axis {
  int64_t size, window, stride, out, pad;
};

class ExtractVolumePatchesKernel : public Kernel {
 public:
  ExtractVolumePatchesKernel(std::vector<int64_t> ksizes, std::vector<int64_t> strides, bool same)
      : ksizes_(std::move(ksizes)), strides_(std::move(strides)), same_(same) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(0);
    if (input.rank() != 5) {
      return context.Error(absl::StrCat("input must be 5-dimensional", ShapeString(input.shape())));
    }
    Axis axes[3];
    for (int i = 0; i < 3; ++i) {
      Axis& axis = axes[i];
      axis.size = input.dim(i + 1);
      axis.window = ksizes_[i + 1];
      axis.stride = strides_[i + 1];
      if (same_) {
        axis.out = (axis.size + axis.stride - 1) / axis.stride;
        axis.pad = std::max<int64_t>((axis.out - 1) * axis.stride + axis.window - axis.size, 0) / 2;
      } else {
        axis.out = axis.size >= axis.window ? (axis.size - axis.window) / axis.stride + 1 : 0;
        axis.pad = 0;
      }
    }
    const int64_t batch = input.dim(0), depth = input.dim(4);
    const int64_t patch = axes[0].window * axes[1].window * axes[2].window * depth;
    absl::StatusOr<Tensor> output =
        Tensor::Zeros(input.dtype(), {batch, axes[0].out, axes[1].out, axes[2].out, patch});
    if (!output.ok()) return context.Error(output.status().message());
    const int64_t element = DataTypeSize(input.dtype());
    const char* in = static_cast<const char*>(input.raw_data());
    char* out = static_cast<char*>(output->mutable_data<void>());
    int64_t o = 0;
    for (int64_t b = 0; b < batch; ++b) {
      for (int64_t p = 0; p < axes[0].out; ++p) {
        for (int64_t r = 0; r < axes[1].out; ++r) {
          for (int64_t c = 0; c < axes[2].out; ++c) {
            for (int64_t kp = 0; kp < axes[0].window; ++kp) {
              const int64_t ip = p * axes[0].stride + kp - axes[0].pad;
              for (int64_t kr = 0; kr < axes[1].window; ++kr) {
                const int64_t ir = r * axes[1].stride + kr - axes[1].pad;
                for (int64_t kc = 0; kc < axes[2].window; ++kc, o += depth) {
                  const int64_t ic = c * axes[2].stride + kc - axes[2].pad;
                  if (ip < 0 || ip >= axes[0].size || ir < 0 || ir >= axes[1].size || ic < 0 ||
                      ic >= axes[2].size) {
                    continue;
                  }
                  const int64_t source =
                      (((b * axes[0].size + ip) * axes[1].size + ir) * axes[2].size + ic) * depth;
                  std::memcpy(out + o * element, in + source * element, depth * element);
                }
              }
            }
          }
        }
      }
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  std::vector<int64_t> ksizes_, strides_;
  bool same_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildExtractVolumePatches(
    const KernelBuildContext& context) {
  absl::StatusOr<std::vector<int64_t>> ksizes = context.attrs.GetIntList("ksizes");
  absl::StatusOr<std::vector<int64_t>> strides = context.attrs.GetIntList("strides");
  absl::StatusOr<std::string> padding = context.attrs.GetString("padding");
  if (!ksizes.ok()) return context.Error(ksizes.status().message());
  if (!strides.ok()) return context.Error(strides.status().message());
  if (!padding.ok()) return context.Error(padding.status().message());
  if (ksizes->size() != 5 || (*ksizes)[0] != 1 || (*ksizes)[4] != 1) {
    return context.Error(
        "Only ksizes in the planes, rows and columns dimensions are supported; the first and "
        "last must be 1 of 5 values");
  }
  if (strides->size() != 5 || (*strides)[0] != 1 || (*strides)[4] != 1) {
    return context.Error(
        "Only strides in the planes, rows and columns dimensions are supported; the first and "
        "last must be 1 of 5 values");
  }
  for (int i = 1; i < 4; ++i) {
    if ((*ksizes)[i] < 1 || (*strides)[i] < 1) {
      return context.Error("ksizes and strides must be positive");
    }
  }
  if (*padding != "SAME" && *padding != "VALID") {
    return context.Error(absl::StrCat("padding must be SAME or VALID, got ", *padding));
  }
  return std::make_unique<ExtractVolumePatchesKernel>(*ksizes, *strides, *padding == "SAME");
}

REGISTER_KERNEL_FACTORY("ExtractVolumePatches", BuildExtractVolumePatches,
                        {{"T", DtypesOf(PatchTypes())}});

}  // namespace
}  // namespace tfjs::runtime
