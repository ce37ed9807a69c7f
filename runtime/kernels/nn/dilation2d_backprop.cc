// Dilation2DBackpropInput and Dilation2DBackpropFilter: each out_backprop entry flows to the one
// input pixel (or filter tap) that won the max of Dilation2D's window: the first in row-major
// scan order with the largest input + filter.
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/nn/window.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInput = 0;
constexpr int kFilter = 1;
constexpr int kOutBackprop = 2;

// [1, rows, cols, 1] list attr.
absl::Status ReadPair(const OpContext& context, const char* name, int64_t* rows, int64_t* cols) {
  auto attr = context.node().attr().find(name);
  if (attr == context.node().attr().end()) return context.Error(absl::StrCat("needs ", name));
  const auto& list = attr->second.list().i();
  if (list.size() != 4 || list[0] != 1 || list[3] != 1 || list[1] < 1 || list[2] < 1) {
    return context.Error(absl::StrCat(name,
                                      " must be [1, rows, cols, 1] with positive rows and "
                                      "cols, got [",
                                      absl::StrJoin(list, ","), "]"));
  }
  *rows = list[1];
  *cols = list[2];
  return absl::OkStatus();
}

template <bool kFilterGradient>
absl::Status ComputeDilationBackprop(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  const Tensor& filter = context.input(kFilter);
  const Tensor& out_backprop = context.input(kOutBackprop);
  if (input.rank() != 4 || filter.rank() != 3 || out_backprop.rank() != 4) {
    return context.Error(absl::StrCat("input and out_backprop must be 4-D and filter 3-D, got ",
                                      ShapeString(input.shape()), ", ", ShapeString(filter.shape()),
                                      ", ", ShapeString(out_backprop.shape())));
  }
  if (input.dim(3) != filter.dim(2)) {
    return context.Error(absl::StrCat("input and filter must have the same depth: ", input.dim(3),
                                      " vs ", filter.dim(2)));
  }
  WindowDim h, w;
  if (absl::Status status = ReadPair(context, "strides", &h.stride, &w.stride); !status.ok()) {
    return status;
  }
  if (absl::Status status = ReadPair(context, "rates", &h.dilation, &w.dilation); !status.ok()) {
    return status;
  }
  auto padding_attr = context.node().attr().find("padding");
  const Padding padding =
      padding_attr != context.node().attr().end() && padding_attr->second.s() == "SAME"
          ? Padding::kSame
          : Padding::kValid;
  h.kernel = filter.dim(0);
  w.kernel = filter.dim(1);
  absl::StatusOr<SpatialOutput> oh = ComputeSpatialOutput(input.dim(1), h, padding);
  if (!oh.ok()) return context.Error(oh.status().message());
  absl::StatusOr<SpatialOutput> ow = ComputeSpatialOutput(input.dim(2), w, padding);
  if (!ow.ok()) return context.Error(ow.status().message());
  const Shape expected = {input.dim(0), oh->size, ow->size, input.dim(3)};
  if (out_backprop.shape() != expected) {
    return context.Error(
        absl::StrCat("out_backprop has incompatible size: ", ShapeString(out_backprop.shape()),
                     " vs expected ", ShapeString(expected)));
  }
  const int64_t height = input.dim(1), width = input.dim(2), depth = input.dim(3);
  const int64_t rows = filter.dim(0), cols = filter.dim(1);
  absl::StatusOr<Tensor> output = linalg::VisitRealComputeType(input.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const std::vector<T> x = linalg::ValuesAs<T>(input);
    const std::vector<T> f = linalg::ValuesAs<T>(filter);
    const std::vector<T> dy = linalg::ValuesAs<T>(out_backprop);
    std::vector<T> grad(kFilterGradient ? filter.num_elements() : input.num_elements(), T(0));
    for (int64_t b = 0; b < input.dim(0); ++b) {
      for (int64_t y = 0; y < oh->size; ++y) {
        const int64_t y_start = y * h.stride - oh->pad_before;
        for (int64_t xo = 0; xo < ow->size; ++xo) {
          const int64_t x_start = xo * w.stride - ow->pad_before;
          for (int64_t d = 0; d < depth; ++d) {
            T best = std::numeric_limits<T>::lowest();
            // TF starts the argmax at the window's first in-image pixel (or tap 0, 0).
            int64_t best_y = y_start < 0 ? 0 : y_start, best_x = x_start < 0 ? 0 : x_start;
            int64_t best_r = 0, best_c = 0;
            for (int64_t r = 0; r < rows; ++r) {
              const int64_t iy = y_start + r * h.dilation;
              if (iy < 0 || iy >= height) continue;
              for (int64_t c = 0; c < cols; ++c) {
                const int64_t ix = x_start + c * w.dilation;
                if (ix < 0 || ix >= width) continue;
                const T value =
                    x[((b * height + iy) * width + ix) * depth + d] + f[(r * cols + c) * depth + d];
                if (value > best) {
                  best = value;
                  best_y = iy;
                  best_x = ix;
                  best_r = r;
                  best_c = c;
                }
              }
            }
            const T g = dy[((b * oh->size + y) * ow->size + xo) * depth + d];
            if (kFilterGradient) {
              grad[(best_r * cols + best_c) * depth + d] += g;
            } else {
              grad[((b * height + best_y) * width + best_x) * depth + d] += g;
            }
          }
        }
      }
    }
    return linalg::TensorFrom(input.dtype(), kFilterGradient ? filter.shape() : input.shape(),
                              grad);
  });
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Dilation2DBackpropInput", ComputeDilationBackprop<false>,
                {{"T", dtypes::RealNumber()}});
REGISTER_KERNEL("Dilation2DBackpropFilter", ComputeDilationBackprop<true>,
                {{"T", dtypes::RealNumber()}});

}  // namespace
}  // namespace tfjs::runtime::nn
