// FusedPadConv2D (MirrorPad, then Conv2D) and FusedResizeAndPadConv2D (legacy bilinear resize to
// `size`, then MirrorPad, then Conv2D), the fusions TF's graph transforms make of those chains:
// NHWC, REFLECT or SYMMETRIC padding of every dim, computed in double and rounded once.
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/nn/conv_reference.h"

namespace tfjs::runtime::nn {
namespace {

struct FusedSpec {
  bool resize = false;
};

// Bilinear resize of NHWC `x` to [out_h, out_w] with TF's legacy coordinates (no half-pixel
// centers): source = out * scale, scale (in - 1) / (out - 1) when align_corners, else in / out.
std::vector<double> ResizeBilinear(const std::vector<double>& x, const Shape& shape, int64_t out_h,
                                   int64_t out_w, bool align_corners) {
  const int64_t batch = shape[0], in_h = shape[1], in_w = shape[2], depth = shape[3];
  auto scale = [&](int64_t in, int64_t out) {
    return align_corners && out > 1 ? static_cast<double>(in - 1) / (out - 1)
                                    : static_cast<double>(in) / out;
  };
  const double sy = scale(in_h, out_h), sx = scale(in_w, out_w);
  std::vector<double> y(batch * out_h * out_w * depth);
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t r = 0; r < out_h; ++r) {
      const double in_y = r * sy;
      const int64_t top = static_cast<int64_t>(std::floor(in_y));
      const int64_t bottom = std::min(static_cast<int64_t>(std::ceil(in_y)), in_h - 1);
      const double y_lerp = in_y - top;
      for (int64_t c = 0; c < out_w; ++c) {
        const double in_x = c * sx;
        const int64_t left = static_cast<int64_t>(std::floor(in_x));
        const int64_t right = std::min(static_cast<int64_t>(std::ceil(in_x)), in_w - 1);
        const double x_lerp = in_x - left;
        for (int64_t d = 0; d < depth; ++d) {
          auto at = [&](int64_t i, int64_t j) {
            return x[((b * in_h + i) * in_w + j) * depth + d];
          };
          const double top_value = at(top, left) + (at(top, right) - at(top, left)) * x_lerp;
          const double bottom_value =
              at(bottom, left) + (at(bottom, right) - at(bottom, left)) * x_lerp;
          y[((b * out_h + r) * out_w + c) * depth + d] =
              top_value + (bottom_value - top_value) * y_lerp;
        }
      }
    }
  }
  return y;
}

class FusedPadConvKernel : public Kernel {
 public:
  FusedPadConvKernel(FusedSpec spec, ConvAttrs attrs, bool symmetric, bool align_corners)
      : spec_(spec),
        attrs_(std::move(attrs)),
        symmetric_(symmetric),
        align_corners_(align_corners) {}

  absl::Status Compute(OpContext& context) const override {
    const int count = spec_.resize ? 4 : 3;
    if (absl::Status status = context.CheckNumInputs(count, count); !status.ok()) return status;
    const Tensor& input = context.input(0);
    const Tensor& paddings = context.input(spec_.resize ? 2 : 1);
    const Tensor& filter = context.input(spec_.resize ? 3 : 2);
    if (input.rank() != 4 || filter.rank() != 4) {
      return context.Error(absl::StrCat("input and filter must be 4-dimensional, got ",
                                        ShapeString(input.shape()), " and ",
                                        ShapeString(filter.shape())));
    }
    std::vector<double> x = linalg::ValuesAs<double>(input);
    Shape shape = input.shape();
    if (spec_.resize) {
      absl::StatusOr<std::vector<int64_t>> size = misc::IndexValues(context.input(1), "size");
      if (!size.ok()) return context.Error(size.status().message());
      if (size->size() != 2 || (*size)[0] <= 0 || (*size)[1] <= 0) {
        return context.Error("size must be 1-dimensional with 2 positive elements");
      }
      x = ResizeBilinear(x, shape, (*size)[0], (*size)[1], align_corners_);
      shape = {shape[0], (*size)[0], (*size)[1], shape[3]};
    }
    absl::StatusOr<std::vector<int64_t>> pads = misc::IndexValues(paddings, "paddings");
    if (!pads.ok()) return context.Error(pads.status().message());
    if (paddings.rank() != 2 || paddings.dim(0) != 4 || paddings.dim(1) != 2) {
      return context.Error(absl::StrCat("paddings must be a matrix of shape [4, 2], got ",
                                        ShapeString(paddings.shape())));
    }
    Shape padded = shape;
    for (int d = 0; d < 4; ++d) {
      const int64_t limit = symmetric_ ? shape[d] : shape[d] - 1;
      for (int side = 0; side < 2; ++side) {
        const int64_t pad = (*pads)[2 * d + side];
        if (pad < 0 || pad > limit) {
          return context.Error(absl::StrCat("paddings must be no greater than the dimension size: ",
                                            pad, " vs ", shape[d], " in dim ", d));
        }
      }
      padded[d] = shape[d] + (*pads)[2 * d] + (*pads)[2 * d + 1];
    }
    std::vector<double> p(NumElements(padded));
    auto source = [&](int64_t i, int d) {
      i -= (*pads)[2 * d];
      const int64_t n = shape[d];
      if (i < 0) return symmetric_ ? -i - 1 : -i;
      if (i >= n) return symmetric_ ? 2 * n - 1 - i : 2 * n - 2 - i;
      return i;
    };
    for (int64_t i = 0; i < static_cast<int64_t>(p.size()); ++i) {
      int64_t rest = i, at = 0, stride = 1;
      for (int d = 3; d >= 0; --d) {
        at += source(rest % padded[d], d) * stride;
        rest /= padded[d];
        stride *= shape[d];
      }
      p[i] = x[at];
    }
    absl::StatusOr<ConvGeometry> geometry =
        MakeConvGeometry(attrs_, padded[0], {padded[1], padded[2]}, padded[3],
                         {filter.dim(0), filter.dim(1)}, filter.dim(2), filter.dim(3));
    if (!geometry.ok()) return context.Error(geometry.status().message());
    if (filter.dim(2) != padded[3]) {
      return context.Error(
          absl::StrCat("input depth must equal the filter's: ", padded[3], " vs ", filter.dim(2)));
    }
    absl::StatusOr<Tensor> output =
        linalg::TensorFrom(input.dtype(), ConvOutputShape(*geometry),
                           ConvForward(*geometry, p, linalg::ValuesAs<double>(filter)));
    if (!output.ok()) return context.Error(output.status().message());
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  FusedSpec spec_;
  ConvAttrs attrs_;
  bool symmetric_;
  bool align_corners_;
};

KernelFactory FusedFactory(FusedSpec spec) {
  return [spec](const KernelBuildContext& context) -> absl::StatusOr<std::unique_ptr<Kernel>> {
    absl::StatusOr<std::string> padding = context.attrs.GetString("padding");
    if (!padding.ok()) return padding.status();
    if (*padding != "SAME" && *padding != "VALID") {
      return context.Error(absl::StrCat("padding must be SAME or VALID, got '", *padding, "'"));
    }
    absl::StatusOr<ConvAttrs> attrs = ReadConvAttrs(context, 2, "NCHW");
    if (!attrs.ok()) return attrs.status();
    absl::StatusOr<std::string> mode = context.attrs.GetString("mode");
    if (!mode.ok()) return mode.status();
    if (*mode != "REFLECT" && *mode != "SYMMETRIC") {
      return context.Error(absl::StrCat("mode must be REFLECT or SYMMETRIC, got '", *mode, "'"));
    }
    bool align_corners = false;
    if (spec.resize) {
      absl::StatusOr<bool> align = context.attrs.GetBool("resize_align_corners");
      if (!align.ok()) return align.status();
      align_corners = *align;
    }
    return std::make_unique<FusedPadConvKernel>(spec, *std::move(attrs), *mode == "SYMMETRIC",
                                                align_corners);
  };
}

std::vector<DataType> FusedTypes() {
  return {tensorflow::DT_HALF, tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE};
}

REGISTER_KERNEL_FACTORY("FusedPadConv2D", FusedFactory({}), {{"T", linalg::HalfAndFloatTypes()}});
REGISTER_KERNEL_FACTORY("FusedResizeAndPadConv2D", FusedFactory({.resize = true}),
                        {{"T", FusedTypes()}});

}  // namespace
}  // namespace tfjs::runtime::nn
