#include "runtime/kernels/array/non_max_suppression.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <queue>

namespace tfjs::runtime::array {

float BoxIoU(const float* a, const float* b) {
  const float a_ymin = std::min(a[0], a[2]);
  const float a_xmin = std::min(a[1], a[3]);
  const float a_ymax = std::max(a[0], a[2]);
  const float a_xmax = std::max(a[1], a[3]);
  const float b_ymin = std::min(b[0], b[2]);
  const float b_xmin = std::min(b[1], b[3]);
  const float b_ymax = std::max(b[0], b[2]);
  const float b_xmax = std::max(b[1], b[3]);
  const float a_area = (a_ymax - a_ymin) * (a_xmax - a_xmin);
  const float b_area = (b_ymax - b_ymin) * (b_xmax - b_xmin);
  if (a_area <= 0 || b_area <= 0) return 0.f;
  const float intersection_ymin = std::max(a_ymin, b_ymin);
  const float intersection_xmin = std::max(a_xmin, b_xmin);
  const float intersection_ymax = std::min(a_ymax, b_ymax);
  const float intersection_xmax = std::min(a_xmax, b_xmax);
  const float intersection = std::max(intersection_ymax - intersection_ymin, 0.f) *
                             std::max(intersection_xmax - intersection_xmin, 0.f);
  return intersection / (a_area + b_area - intersection);
}

SuppressionResult NonMaxSuppression(absl::Span<const float> boxes, absl::Span<const float> scores,
                                    int64_t max_output_size, float iou_threshold,
                                    float score_threshold, float soft_nms_sigma) {
  struct Candidate {
    int32_t box;
    float score;
    // Selected boxes before this position have already been compared with the candidate.
    int64_t compared;
  };
  // Top of the queue: highest score, then lowest index.
  auto lower_priority = [](const Candidate& a, const Candidate& b) {
    return (a.score == b.score && a.box > b.box) || a.score < b.score;
  };
  std::priority_queue<Candidate, std::deque<Candidate>, decltype(lower_priority)> queue(
      lower_priority);
  for (size_t i = 0; i < scores.size(); ++i) {
    if (scores[i] > score_threshold) queue.push({static_cast<int32_t>(i), scores[i], 0});
  }
  const bool soft = soft_nms_sigma > 0.f;
  const float scale = soft ? -0.5f / soft_nms_sigma : 0.f;
  auto weight = [&](float iou) {
    const float decay = std::exp(scale * iou * iou);
    return soft || iou <= iou_threshold ? decay : 0.f;
  };

  SuppressionResult result;
  const int64_t output_size = std::min<int64_t>(max_output_size, scores.size());
  while (static_cast<int64_t>(result.indices.size()) < output_size && !queue.empty()) {
    Candidate candidate = queue.top();
    queue.pop();
    const float original_score = candidate.score;
    bool suppressed = false;
    // Newest selections first: overlapping boxes tend to have close scores.
    for (int64_t j = static_cast<int64_t>(result.indices.size()) - 1; j >= candidate.compared;
         --j) {
      const float iou = BoxIoU(&boxes[4 * candidate.box], &boxes[4 * result.indices[j]]);
      candidate.score *= weight(iou);
      if (!soft && iou > iou_threshold) {
        suppressed = true;
        break;
      }
      if (candidate.score <= score_threshold) break;
    }
    candidate.compared = static_cast<int64_t>(result.indices.size());
    if (suppressed) continue;
    if (candidate.score == original_score) {
      result.indices.push_back(candidate.box);
      result.scores.push_back(candidate.score);
    } else if (candidate.score > score_threshold) {
      queue.push(candidate);
    }
  }
  return result;
}

}  // namespace tfjs::runtime::array
