// Requantize (qint32 to quint8 or qint8 in a requested range), RequantizationRange (the float range
// a qint32 tensor actually uses) and QuantizeDownAndShrinkRange (both in one).
#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/quantization_utils.h"

namespace tfjs::runtime::quantized {
namespace {

constexpr int kInput = 0;
constexpr int kInputMin = 1;
constexpr int kInputMax = 2;
constexpr int kRequestedMin = 3;
constexpr int kRequestedMax = 4;

// The qint32 input, checked.
absl::StatusOr<const Tensor*> Qint32Input(const OpContext& context) {
  const Tensor& input = context.input(kInput);
  if (input.dtype() != tensorflow::DT_QINT32) {
    return context.Error(absl::StrCat("input must be qint32, got ", DataTypeName(input.dtype())));
  }
  return &input;
}

// The float range the values of `input` in [input_min, input_max] span, with the minimum no
// larger than zero (TF's RequantizationRange).
std::pair<float, float> ActualRange(const Tensor& input, float input_min, float input_max) {
  int32_t actual_min = std::numeric_limits<int32_t>::max();
  int32_t actual_max = std::numeric_limits<int32_t>::lowest();
  for (int32_t value : input.values<int32_t>()) {
    actual_min = std::min(actual_min, value);
    actual_max = std::max(actual_max, value);
  }
  return {std::min(0.0f, QuantizedToFloat<int32_t>(actual_min, input_min, input_max)),
          QuantizedToFloat<int32_t>(actual_max, input_min, input_max)};
}

// qint32 values to quint8 (TF's fixed-point path) or qint8 (float path).
absl::StatusOr<Tensor> RequantizeTo(const OpContext& context, DataType out_type,
                                    const Tensor& input, float input_min, float input_max,
                                    float output_min, float output_max) {
  absl::StatusOr<Tensor> output = Tensor::Allocate(out_type, input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  if (out_type == tensorflow::DT_QINT8) {
    RequantizeMany<int32_t, int8_t>(input.data<int32_t>(), input.num_elements(), input_min,
                                    input_max, output_min, output_max,
                                    output->mutable_data<int8_t>());
  } else {
    RequantizeMany<int32_t, uint8_t>(input.data<int32_t>(), input.num_elements(), input_min,
                                     input_max, output_min, output_max,
                                     output->mutable_data<uint8_t>());
  }
  return output;
}

absl::Status ComputeRequantizationRange(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<const Tensor*> input = Qint32Input(context);
  absl::StatusOr<float> input_min = RangeValue(context, kInputMin, "input_min");
  absl::StatusOr<float> input_max = RangeValue(context, kInputMax, "input_max");
  for (const absl::Status& status : {input.status(), input_min.status(), input_max.status()}) {
    if (!status.ok()) return status;
  }
  const auto [min, max] = ActualRange(**input, *input_min, *input_max);
  context.set_output(0, FloatScalar(min));
  context.set_output(1, FloatScalar(max));
  return absl::OkStatus();
}

class RequantizeKernel : public Kernel {
 public:
  explicit RequantizeKernel(DataType out_type) : out_type_(out_type) {}
  absl::Status Compute(OpContext& context) const override;

 private:
  DataType out_type_;
};

absl::Status RequantizeKernel::Compute(OpContext& context) const {
  if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
  absl::StatusOr<const Tensor*> input = Qint32Input(context);
  absl::StatusOr<float> input_min = RangeValue(context, kInputMin, "input_min");
  absl::StatusOr<float> input_max = RangeValue(context, kInputMax, "input_max");
  absl::StatusOr<float> requested_min = RangeValue(context, kRequestedMin, "requested_output_min");
  absl::StatusOr<float> requested_max = RangeValue(context, kRequestedMax, "requested_output_max");
  for (const absl::Status& status : {input.status(), input_min.status(), input_max.status(),
                                     requested_min.status(), requested_max.status()}) {
    if (!status.ok()) return status;
  }
  if (!(*requested_min <= 0.0f)) {
    return context.Error(
        absl::StrCat("requested_output_min must be <= 0, but got ", *requested_min));
  }
  if (!(*requested_max >= *requested_min)) {
    return context.Error(
        absl::StrCat("requested_output_max must be >= requested_output_min, but got ",
                     *requested_max, " and ", *requested_min));
  }
  absl::StatusOr<Tensor> output = RequantizeTo(context, out_type_, **input, *input_min, *input_max,
                                               *requested_min, *requested_max);
  if (!output.ok()) return output.status();
  context.set_output(0, *std::move(output));
  context.set_output(1, FloatScalar(*requested_min));
  context.set_output(2, FloatScalar(*requested_max));
  return absl::OkStatus();
}

absl::Status ComputeQuantizeDownAndShrinkRange(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<const Tensor*> input = Qint32Input(context);
  absl::StatusOr<float> input_min = RangeValue(context, kInputMin, "input_min");
  absl::StatusOr<float> input_max = RangeValue(context, kInputMax, "input_max");
  for (const absl::Status& status : {input.status(), input_min.status(), input_max.status()}) {
    if (!status.ok()) return status;
  }
  const auto [min, max] = ActualRange(**input, *input_min, *input_max);
  absl::StatusOr<Tensor> output =
      RequantizeTo(context, tensorflow::DT_QUINT8, **input, *input_min, *input_max, min, max);
  if (!output.ok()) return output.status();
  context.set_output(0, *std::move(output));
  context.set_output(1, FloatScalar(min));
  context.set_output(2, FloatScalar(max));
  return absl::OkStatus();
}

REGISTER_KERNEL("RequantizationRange", ComputeRequantizationRange,
                {{"Tinput", {tensorflow::DT_QINT32}}});
absl::StatusOr<std::unique_ptr<Kernel>> BuildRequantize(const KernelBuildContext& context) {
  absl::StatusOr<DataType> out_type = context.attrs.GetType("out_type");
  if (!out_type.ok()) return out_type.status();
  return std::make_unique<RequantizeKernel>(*out_type);
}

REGISTER_KERNEL_FACTORY("Requantize", BuildRequantize,
                        {{"Tinput", {tensorflow::DT_QINT32}},
                         {"out_type", {tensorflow::DT_QINT8, tensorflow::DT_QUINT8}}});
REGISTER_KERNEL("QuantizeDownAndShrinkRange", ComputeQuantizeDownAndShrinkRange,
                {{"Tinput", {tensorflow::DT_QINT32}}, {"out_type", {tensorflow::DT_QUINT8}}});

}  // namespace
}  // namespace tfjs::runtime::quantized
