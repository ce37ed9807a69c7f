// DrawBoundingBoxes(images, boxes) and DrawBoundingBoxesV2(images, boxes, colors): each box's
// one-pixel outline drawn on a copy of its image, box k in color k modulo the table (TF's default
// ten colors, or V2's `colors` rows), with TF's rounding of box corners (truncation of
// y * (height - 1)) and its skipping of inverted or outside boxes.
#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

using math::DispatchDataType;
using math::Half;
using math::Narrow;
using math::TypeList;

constexpr int kImages = 0;
constexpr int kBoxes = 1;
constexpr int kColors = 2;

std::vector<std::vector<float>> DefaultColorTable(int64_t depth) {
  std::vector<std::vector<float>> table = {
      {1, 1, 0, 1},     {0, 0, 1, 1},   {1, 0, 0, 1},   {0, 1, 0, 1}, {0.5, 0, 0.5, 1},
      {0.5, 0.5, 0, 1}, {0.5, 0, 0, 1}, {0, 0, 0.5, 1}, {0, 1, 1, 1}, {1, 0, 1, 1}};
  // A single channel draws in white.
  if (depth == 1) {
    for (std::vector<float>& color : table) color[0] = 1;
  }
  return table;
}

absl::Status ComputeDrawBoundingBoxes(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 3); !status.ok()) return status;
  const Tensor& images = context.input(kImages);
  const Tensor& boxes = context.input(kBoxes);
  if (images.rank() != 4) {
    return context.Error(
        absl::StrCat("The rank of the images should be 4, got ", ShapeString(images.shape())));
  }
  const int64_t batch = images.dim(0), height = images.dim(1), width = images.dim(2);
  const int64_t depth = images.dim(3);
  if (depth != 1 && depth != 3 && depth != 4) {
    return context.Error(
        absl::StrCat("Channel depth should be either 1 (GRY), 3 (RGB), or 4 (RGBA), got ", depth));
  }
  if (boxes.dtype() != tensorflow::DT_FLOAT || boxes.rank() != 3 || boxes.dim(0) != batch ||
      boxes.dim(2) != 4) {
    return context.Error(absl::StrCat("boxes must be float32 [batch, num_boxes, 4], got ",
                                      ShapeString(boxes.shape())));
  }
  std::vector<std::vector<float>> colors;
  if (context.num_inputs() == 3) {
    const Tensor& table = context.input(kColors);
    if (table.dtype() != tensorflow::DT_FLOAT || table.rank() != 2) {
      return context.Error(
          absl::StrCat("colors must be a 2-D float32 matrix, got ", ShapeString(table.shape())));
    }
    if (table.dim(0) > 0 && table.dim(1) < depth) {
      return context.Error(
          absl::StrCat("colors must have at least ", depth, " channels, got ", table.dim(1)));
    }
    for (int64_t i = 0; i < table.dim(0); ++i) {
      colors.emplace_back(table.data<float>() + i * table.dim(1),
                          table.data<float>() + (i + 1) * table.dim(1));
    }
  }
  if (colors.empty()) colors = DefaultColorTable(depth);
  absl::StatusOr<Tensor> output = Tensor::Allocate(images.dtype(), images.shape());
  if (!output.ok()) return context.Error(output.status().message());
  return DispatchDataType(
      TypeList<float, Half>(), context, images.dtype(), "images", [&](auto tag) {
        using T = decltype(tag);
        T* canvas = output->mutable_data<T>();
        std::memcpy(canvas, images.data<T>(), images.num_elements() * sizeof(T));
        const int64_t num_boxes = boxes.dim(1);
        for (int64_t b = 0; b < batch; ++b) {
          auto paint = [&](int64_t y, int64_t x, const std::vector<float>& color) {
            for (int64_t c = 0; c < depth; ++c) {
              canvas[((b * height + y) * width + x) * depth + c] = Narrow<T>(color[c]);
            }
          };
          for (int64_t k = 0; k < num_boxes; ++k) {
            const std::vector<float>& color = colors[k % colors.size()];
            const float* box = boxes.data<float>() + (b * num_boxes + k) * 4;
            const int64_t top = static_cast<int64_t>(box[0] * (height - 1));
            const int64_t left = static_cast<int64_t>(box[1] * (width - 1));
            const int64_t bottom = static_cast<int64_t>(box[2] * (height - 1));
            const int64_t right = static_cast<int64_t>(box[3] * (width - 1));
            if (top > bottom || left > right) continue;
            if (top >= height || bottom < 0 || left >= width || right < 0) continue;
            const int64_t top_clamp = std::max<int64_t>(top, 0);
            const int64_t bottom_clamp = std::min<int64_t>(bottom, height - 1);
            const int64_t left_clamp = std::max<int64_t>(left, 0);
            const int64_t right_clamp = std::min<int64_t>(right, width - 1);
            if (top >= 0) {
              for (int64_t x = left_clamp; x <= right_clamp; ++x) paint(top, x, color);
            }
            if (bottom < height) {
              for (int64_t x = left_clamp; x <= right_clamp; ++x) paint(bottom, x, color);
            }
            if (left >= 0) {
              for (int64_t y = top_clamp; y <= bottom_clamp; ++y) paint(y, left, color);
            }
            if (right < width) {
              for (int64_t y = top_clamp; y <= bottom_clamp; ++y) paint(y, right, color);
            }
          }
        }
        context.set_output(0, *std::move(output));
        return absl::OkStatus();
      });
}

REGISTER_KERNEL("DrawBoundingBoxes", ComputeDrawBoundingBoxes,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_HALF}}});
REGISTER_KERNEL("DrawBoundingBoxesV2", ComputeDrawBoundingBoxes,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_HALF}}});

}  // namespace
}  // namespace tfjs::runtime
