// Greedy non-max suppression over [y1, x1, y2, x2] boxes, hard or soft (Gaussian), in the order
// TF's CPU kernel selects boxes.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_NON_MAX_SUPPRESSION_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_NON_MAX_SUPPRESSION_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"

namespace tfjs::runtime::array {

// Intersection over union of two boxes given by any two opposite corners; 0 when either box has
// no area.
float BoxIoU(const float* a, const float* b);

struct SuppressionResult {
  std::vector<int32_t> indices;
  // The selected boxes' scores after soft suppression (their input scores for hard NMS).
  std::vector<float> scores;
};

// Selects up to `max_output_size` boxes by descending score (ties: lower index first), among
// scores above `score_threshold`. With soft_nms_sigma == 0 a box is dropped when its IoU with a
// selected box exceeds `iou_threshold`; with sigma > 0 its score decays by
// exp(-0.5 * iou^2 / sigma) per selected box and it is re-queued while above the threshold.
SuppressionResult NonMaxSuppression(absl::Span<const float> boxes, absl::Span<const float> scores,
                                    int64_t max_output_size, float iou_threshold,
                                    float score_threshold, float soft_nms_sigma);

}  // namespace tfjs::runtime::array

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_NON_MAX_SUPPRESSION_H_
