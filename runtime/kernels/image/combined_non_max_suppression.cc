// CombinedNonMaxSuppression(boxes [batch, num_boxes, q, 4], scores [batch, num_boxes, classes],
// max_output_size_per_class, max_total_size, iou_threshold, score_threshold): per image and class,
// hard non-max suppression (q == 1: every class shares the boxes; q == classes: one box per
// class), then the selections of all classes by descending score (ties: class, then selection
// order), as TF's CPU kernel. Outputs the top max_total_size (or, with pad_per_class, at most
// max_output_size_per_class * classes) boxes clipped to [0, 1] unless clip_boxes is false, their
// scores and classes, zero-padded, and the count of valid detections per image.
#include <algorithm>
#include <queue>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/non_max_suppression.h"

namespace tfjs::runtime {
namespace {

struct Selection {
  int64_t box;
  float score;
  int64_t label;
};

absl::StatusOr<float> FloatScalar(const OpContext& context, int index, const char* name) {
  const Tensor& tensor = context.input(index);
  if (tensor.dtype() != tensorflow::DT_FLOAT || tensor.rank() != 0) {
    return context.Error(
        absl::StrCat(name, " must be 0-D, got shape ", ShapeString(tensor.shape())));
  }
  return *tensor.data<float>();
}

absl::StatusOr<int64_t> IntScalar(const OpContext& context, int index, const char* name) {
  const Tensor& tensor = context.input(index);
  if (tensor.dtype() != tensorflow::DT_INT32 || tensor.rank() != 0) {
    return context.Error(
        absl::StrCat(name, " must be 0-D, got shape ", ShapeString(tensor.shape())));
  }
  return *tensor.data<int32_t>();
}

absl::Status ComputeCombinedNonMaxSuppression(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
  const Tensor& boxes = context.input(0);
  const Tensor& scores = context.input(1);
  absl::StatusOr<int64_t> per_class = IntScalar(context, 2, "max_size_per_class");
  if (!per_class.ok()) return per_class.status();
  if (*per_class <= 0) return context.Error("max_size_per_class must be > 0");
  absl::StatusOr<int64_t> total = IntScalar(context, 3, "max_total_size");
  if (!total.ok()) return total.status();
  if (*total <= 0) return context.Error("max_total_size must be > 0");
  absl::StatusOr<float> iou_threshold = FloatScalar(context, 4, "iou_threshold");
  if (!iou_threshold.ok()) return iou_threshold.status();
  if (!(*iou_threshold >= 0 && *iou_threshold <= 1)) {
    return context.Error("iou_threshold must be in [0, 1]");
  }
  absl::StatusOr<float> score_threshold = FloatScalar(context, 5, "score_threshold");
  if (!score_threshold.ok()) return score_threshold.status();
  if (boxes.dtype() != tensorflow::DT_FLOAT || boxes.rank() != 4) {
    return context.Error(absl::StrCat("boxes must be 4-D", ShapeString(boxes.shape())));
  }
  if (scores.dtype() != tensorflow::DT_FLOAT || scores.rank() != 3) {
    return context.Error(absl::StrCat("scores must be 3-D", ShapeString(scores.shape())));
  }
  const int64_t batch = boxes.dim(0), num_boxes = boxes.dim(1), q = boxes.dim(2);
  const int64_t classes = scores.dim(2);
  if (scores.dim(0) != batch) {
    return context.Error("boxes and scores must have the same batch size");
  }
  if (scores.dim(1) != num_boxes) {
    return context.Error("boxes and scores must have the same number of boxes");
  }
  if (q != 1 && q != classes) {
    return context.Error("third dimension of boxes must be either 1 or num classes");
  }
  if (boxes.dim(3) != 4) return context.Error("boxes must have 4 columns");
  const auto& attrs = context.node().attr();
  const bool pad_per_class = attrs.count("pad_per_class") && attrs.at("pad_per_class").b();
  const bool clip_boxes = !attrs.count("clip_boxes") || attrs.at("clip_boxes").b();
  const int64_t per_batch = pad_per_class ? std::min(*total, *per_class * classes) : *total;
  Tensor out_boxes = *Tensor::Zeros(tensorflow::DT_FLOAT, {batch, per_batch, 4});
  Tensor out_scores = *Tensor::Zeros(tensorflow::DT_FLOAT, {batch, per_batch});
  Tensor out_classes = *Tensor::Zeros(tensorflow::DT_FLOAT, {batch, per_batch});
  Tensor out_valid = *Tensor::Zeros(tensorflow::DT_INT32, {batch});
  std::vector<float> class_boxes(num_boxes * 4), class_scores(num_boxes);
  for (int64_t b = 0; b < batch; ++b) {
    std::vector<Selection> selected;
    for (int64_t c = 0; c < classes; ++c) {
      const int64_t box_class = q == 1 ? 0 : c;
      for (int64_t i = 0; i < num_boxes; ++i) {
        std::copy_n(boxes.data<float>() + ((b * num_boxes + i) * q + box_class) * 4, 4,
                    class_boxes.data() + 4 * i);
        class_scores[i] = scores.data<float>()[(b * num_boxes + i) * classes + c];
      }
      const array::SuppressionResult kept = array::NonMaxSuppression(
          class_boxes, class_scores, *per_class, *iou_threshold, *score_threshold, 0.f);
      for (size_t k = 0; k < kept.indices.size(); ++k) {
        selected.push_back({kept.indices[k], kept.scores[k], c});
      }
    }
    std::stable_sort(selected.begin(), selected.end(),
                     [](const Selection& x, const Selection& y) { return x.score > y.score; });
    const int64_t detections = std::min<int64_t>(static_cast<int64_t>(selected.size()), per_batch);
    out_valid.mutable_data<int32_t>()[b] = static_cast<int32_t>(detections);
    for (int64_t k = 0; k < detections; ++k) {
      const Selection& s = selected[k];
      const int64_t box_class = q == 1 ? 0 : s.label;
      const float* box = boxes.data<float>() + ((b * num_boxes + s.box) * q + box_class) * 4;
      float* out = out_boxes.mutable_data<float>() + (b * per_batch + k) * 4;
      for (int j = 0; j < 4; ++j) out[j] = clip_boxes ? std::clamp(box[j], 0.0f, 1.0f) : box[j];
      out_scores.mutable_data<float>()[b * per_batch + k] = s.score;
      out_classes.mutable_data<float>()[b * per_batch + k] = static_cast<float>(s.label);
    }
  }
  context.set_output(0, std::move(out_boxes));
  context.set_output(1, std::move(out_scores));
  context.set_output(2, std::move(out_classes));
  context.set_output(3, std::move(out_valid));
  return absl::OkStatus();
}

REGISTER_KERNEL("CombinedNonMaxSuppression", ComputeCombinedNonMaxSuppression);

}  // namespace
}  // namespace tfjs::runtime
