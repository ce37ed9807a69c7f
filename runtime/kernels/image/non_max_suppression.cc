// NonMaxSuppression (v1) and NonMaxSuppressionWithOverlaps: greedy hard non-max suppression as
// TF's CPU kernel selects boxes (descending score, ties by index). V1 takes [n, 4] corner boxes
// and drops a box whose IoU with a selected one exceeds iou_threshold (an attr in [0, 1]);
// WithOverlaps takes a precomputed [n, n] overlap matrix, an overlap_threshold and a
// score_threshold. The V2-V5 ops live in array/non_max_suppression_ops.cc.
#include "runtime/kernels/array/non_max_suppression.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

absl::Status CheckScalar(const OpContext& context, int index, DataType dtype, const char* name) {
  const Tensor& tensor = context.input(index);
  if (tensor.rank() != 0 || tensor.dtype() != dtype) {
    return context.Error(absl::StrCat(name, " must be a ", DataTypeName(dtype),
                                      " scalar, got shape ", ShapeString(tensor.shape())));
  }
  return absl::OkStatus();
}

absl::Status SetIndices(OpContext& context, const std::vector<int32_t>& indices) {
  Tensor output = *Tensor::Allocate(tensorflow::DT_INT32, {static_cast<int64_t>(indices.size())});
  std::copy(indices.begin(), indices.end(), output.mutable_data<int32_t>());
  context.set_output(0, std::move(output));
  return absl::OkStatus();
}

absl::Status CheckScores(const OpContext& context, const Tensor& scores, int64_t boxes) {
  if (scores.dtype() != tensorflow::DT_FLOAT || scores.rank() != 1) {
    return context.Error(
        absl::StrCat("scores must be 1-D float32, got shape ", ShapeString(scores.shape())));
  }
  if (scores.dim(0) != boxes) {
    return context.Error(absl::StrCat("scores has incompatible shape ", ShapeString(scores.shape()),
                                      " for ", boxes, " boxes"));
  }
  return absl::OkStatus();
}

absl::Status ComputeNonMaxSuppression(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& boxes = context.input(0);
  const Tensor& scores = context.input(1);
  if (absl::Status status = CheckScalar(context, 2, tensorflow::DT_INT32, "max_output_size");
      !status.ok()) {
    return status;
  }
  const auto it = context.node().attr().find("iou_threshold");
  const float iou_threshold = it == context.node().attr().end() ? 0.5f : it->second.f();
  if (!(iou_threshold >= 0 && iou_threshold <= 1)) {
    return context.Error("iou_threshold must be in [0, 1]");
  }
  if (boxes.dtype() != tensorflow::DT_FLOAT || boxes.rank() != 2 || boxes.dim(1) != 4) {
    return context.Error(absl::StrCat("boxes must be float32 of shape [num_boxes, 4], got shape ",
                                      ShapeString(boxes.shape())));
  }
  if (absl::Status status = CheckScores(context, scores, boxes.dim(0)); !status.ok()) {
    return status;
  }
  const int32_t max_output_size = *context.input(2).data<int32_t>();
  if (max_output_size < 0) return context.Error("max_output_size must be non-negative");
  const array::SuppressionResult result =
      array::NonMaxSuppression(boxes.values<float>(), scores.values<float>(), max_output_size,
                               iou_threshold, -std::numeric_limits<float>::infinity(), 0.f);
  return SetIndices(context, result.indices);
}

absl::Status ComputeNonMaxSuppressionWithOverlaps(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
  const Tensor& overlaps = context.input(0);
  const Tensor& scores = context.input(1);
  if (overlaps.dtype() != tensorflow::DT_FLOAT || overlaps.rank() != 2 ||
      overlaps.dim(0) != overlaps.dim(1)) {
    return context.Error(absl::StrCat("overlaps must be a square float32 matrix, got shape ",
                                      ShapeString(overlaps.shape())));
  }
  if (absl::Status status = CheckScores(context, scores, overlaps.dim(0)); !status.ok()) {
    return status;
  }
  if (absl::Status status = CheckScalar(context, 2, tensorflow::DT_INT32, "max_output_size");
      !status.ok()) {
    return status;
  }
  for (int k : {3, 4}) {
    if (absl::Status status = CheckScalar(context, k, tensorflow::DT_FLOAT,
                                          k == 3 ? "overlap_threshold" : "score_threshold");
        !status.ok()) {
      return status;
    }
  }
  const int32_t max_output_size = *context.input(2).data<int32_t>();
  if (max_output_size < 0) return context.Error("max_output_size must be non-negative");
  const float overlap_threshold = *context.input(3).data<float>();
  const float score_threshold = *context.input(4).data<float>();
  const int64_t n = overlaps.dim(0);
  const float* overlap = overlaps.data<float>();
  const float* score = scores.data<float>();
  // Highest score first, then lowest index.
  auto lower_priority = [&](int64_t a, int64_t b) {
    return score[a] < score[b] || (score[a] == score[b] && a > b);
  };
  std::priority_queue<int64_t, std::vector<int64_t>, decltype(lower_priority)> queue(
      lower_priority);
  for (int64_t i = 0; i < n; ++i) {
    if (score[i] > score_threshold) queue.push(i);
  }
  std::vector<int32_t> selected;
  const int64_t limit = std::min<int64_t>(max_output_size, n);
  while (static_cast<int64_t>(selected.size()) < limit && !queue.empty()) {
    const int64_t candidate = queue.top();
    queue.pop();
    bool suppressed = false;
    for (int32_t kept : selected) {
      if (overlap[candidate * n + kept] > overlap_threshold) {
        suppressed = true;
        break;
      }
    }
    if (!suppressed) selected.push_back(static_cast<int32_t>(candidate));
  }
  return SetIndices(context, selected);
}

REGISTER_KERNEL("NonMaxSuppression", ComputeNonMaxSuppression);
REGISTER_KERNEL("NonMaxSuppressionWithOverlaps", ComputeNonMaxSuppressionWithOverlaps);

}  // namespace
}  // namespace tfjs::runtime
