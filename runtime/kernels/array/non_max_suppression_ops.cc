// NonMaxSuppressionV2..V5: validate inputs, run NonMaxSuppression, and shape the outputs (V4/V5
// can pad to max_output_size and report how many entries are valid; V5 returns the scores).
// float16 boxes and scores are computed in float32.
#include <algorithm>
#include <limits>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/non_max_suppression.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kBoxes = 0;
constexpr int kScores = 1;
constexpr int kMaxOutputSize = 2;
constexpr int kIouThreshold = 3;
constexpr int kScoreThreshold = 4;
constexpr int kSoftNmsSigma = 5;

// What one version of the op reads and returns.
struct NmsVersion {
  int num_inputs;
  bool has_valid_outputs;
  bool has_scores;
};

// The elements of a float32 or float16 input as floats.
absl::StatusOr<std::vector<float>> FloatValues(const OpContext& context, int index,
                                               absl::string_view name) {
  const Tensor& tensor = context.input(index);
  std::vector<float> values(tensor.num_elements());
  if (tensor.dtype() == tensorflow::DT_FLOAT) {
    std::copy_n(tensor.data<float>(), values.size(), values.begin());
  } else if (tensor.dtype() == tensorflow::DT_HALF) {
    for (size_t i = 0; i < values.size(); ++i) values[i] = HalfToFloat(tensor.data<uint16_t>()[i]);
  } else {
    return context.Error(
        absl::StrCat(name, " must be float32 or float16, got ", DataTypeName(tensor.dtype())));
  }
  return values;
}

absl::StatusOr<float> FloatScalar(const OpContext& context, int index, absl::string_view name) {
  const Tensor& tensor = context.input(index);
  if (tensor.rank() != 0) {
    return context.Error(
        absl::StrCat(name, " must be 0-D, got shape ", ShapeString(tensor.shape())));
  }
  absl::StatusOr<std::vector<float>> values = FloatValues(context, index, name);
  if (!values.ok()) return values.status();
  return (*values)[0];
}

class NonMaxSuppressionKernel : public Kernel {
 public:
  NonMaxSuppressionKernel(NmsVersion version, bool pad_to_max_output_size)
      : version_(version), pad_to_max_output_size_(pad_to_max_output_size) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(version_.num_inputs, version_.num_inputs);
        !status.ok()) {
      return status;
    }
    const Tensor& boxes = context.input(kBoxes);
    const Tensor& scores = context.input(kScores);
    if (boxes.rank() != 2) {
      return context.Error(absl::StrCat("boxes must be 2-D", ShapeString(boxes.shape())));
    }
    if (boxes.dim(1) != 4) return context.Error("boxes must have 4 columns");
    if (scores.rank() != 1) {
      return context.Error(absl::StrCat("scores must be 1-D", ShapeString(scores.shape())));
    }
    if (scores.dim(0) != boxes.dim(0)) return context.Error("scores has incompatible shape");
    if (boxes.dtype() != scores.dtype()) {
      return context.Error("boxes and scores must have the same dtype");
    }
    absl::StatusOr<std::vector<float>> box_values = FloatValues(context, kBoxes, "boxes");
    if (!box_values.ok()) return box_values.status();
    absl::StatusOr<std::vector<float>> score_values = FloatValues(context, kScores, "scores");
    if (!score_values.ok()) return score_values.status();
    if (context.input(kMaxOutputSize).rank() != 0) {
      return context.Error(absl::StrCat("max_output_size must be 0-D, got shape ",
                                        ShapeString(context.input(kMaxOutputSize).shape())));
    }
    absl::StatusOr<int64_t> max_output_size =
        IndexScalar(context, kMaxOutputSize, "max_output_size");
    if (!max_output_size.ok()) return max_output_size.status();
    if (*max_output_size < 0) return context.Error("max_output_size must be non-negative");
    absl::StatusOr<float> iou_threshold = FloatScalar(context, kIouThreshold, "iou_threshold");
    if (!iou_threshold.ok()) return iou_threshold.status();
    if (!(*iou_threshold >= 0.f && *iou_threshold <= 1.f)) {
      return context.Error("iou_threshold must be in [0, 1]");
    }
    float score_threshold = std::numeric_limits<float>::lowest();
    if (version_.num_inputs > kScoreThreshold) {
      absl::StatusOr<float> value = FloatScalar(context, kScoreThreshold, "score_threshold");
      if (!value.ok()) return value.status();
      score_threshold = *value;
    }
    float soft_nms_sigma = 0.f;
    if (version_.num_inputs > kSoftNmsSigma) {
      absl::StatusOr<float> value = FloatScalar(context, kSoftNmsSigma, "soft_nms_sigma");
      if (!value.ok()) return value.status();
      if (*value < 0.f) return context.Error("soft_nms_sigma must be non-negative");
      soft_nms_sigma = *value;
    }

    SuppressionResult result = NonMaxSuppression(*box_values, *score_values, *max_output_size,
                                                 *iou_threshold, score_threshold, soft_nms_sigma);
    const int32_t valid = static_cast<int32_t>(result.indices.size());
    if (pad_to_max_output_size_) {
      const int64_t padded = std::min<int64_t>(*max_output_size, boxes.dim(0));
      result.indices.resize(padded, 0);
      result.scores.resize(padded, 0.f);
    }
    const int64_t count = static_cast<int64_t>(result.indices.size());
    absl::StatusOr<Tensor> indices = AllocateOutput(context, tensorflow::DT_INT32, {count});
    if (!indices.ok()) return indices.status();
    std::copy(result.indices.begin(), result.indices.end(), indices->mutable_data<int32_t>());
    context.set_output(0, *std::move(indices));
    int next_output = 1;
    if (version_.has_scores) {
      absl::StatusOr<Tensor> selected = AllocateOutput(context, scores.dtype(), {count});
      if (!selected.ok()) return selected.status();
      for (int64_t i = 0; i < count; ++i) {
        if (scores.dtype() == tensorflow::DT_HALF) {
          selected->mutable_data<uint16_t>()[i] = FloatToHalf(result.scores[i]);
        } else {
          selected->mutable_data<float>()[i] = result.scores[i];
        }
      }
      context.set_output(next_output++, *std::move(selected));
    }
    if (version_.has_valid_outputs) {
      context.set_output(next_output, Tensor::Scalar<int32_t>(tensorflow::DT_INT32, valid));
    }
    return absl::OkStatus();
  }

 private:
  NmsVersion version_;
  bool pad_to_max_output_size_;
};

template <int kNumInputs, bool kHasValidOutputs, bool kHasScores>
absl::StatusOr<std::unique_ptr<Kernel>> BuildNonMaxSuppression(const KernelBuildContext& context) {
  bool pad = false;
  if (context.attrs.Has("pad_to_max_output_size")) {
    absl::StatusOr<bool> value = context.attrs.GetBool("pad_to_max_output_size");
    if (!value.ok()) return value.status();
    pad = *value;
  }
  return std::make_unique<NonMaxSuppressionKernel>(
      NmsVersion{kNumInputs, kHasValidOutputs, kHasScores}, pad && kHasValidOutputs);
}

// TF's non-max suppression takes float32 and float16 boxes, scores and thresholds.
std::vector<DataType> HalfAndFloat() { return {tensorflow::DT_HALF, tensorflow::DT_FLOAT}; }

REGISTER_KERNEL_FACTORY("NonMaxSuppressionV2", (BuildNonMaxSuppression<4, false, false>),
                        {{"T", HalfAndFloat()}, {"T_threshold", HalfAndFloat()}});
REGISTER_KERNEL_FACTORY("NonMaxSuppressionV3", (BuildNonMaxSuppression<5, false, false>),
                        {{"T", HalfAndFloat()}, {"T_threshold", HalfAndFloat()}});
REGISTER_KERNEL_FACTORY("NonMaxSuppressionV4", (BuildNonMaxSuppression<5, true, false>),
                        {{"T", HalfAndFloat()}, {"T_threshold", HalfAndFloat()}});
REGISTER_KERNEL_FACTORY("NonMaxSuppressionV5", (BuildNonMaxSuppression<6, true, true>),
                        {{"T", HalfAndFloat()}});

}  // namespace
}  // namespace tfjs::runtime::array
