// The float16 / bfloat16 conversions of half.h and the WidenedKernel adapter.
#include "runtime/kernels/nn/half.h"

#include <algorithm>
#include <cstdint>

#include "runtime/half.h"

namespace tfjs::runtime::nn {

bool Is16BitFloat(DataType dtype) {
  return dtype == tensorflow::DT_HALF || dtype == tensorflow::DT_BFLOAT16;
}

absl::StatusOr<Tensor> WidenToFloat(const Tensor& tensor) {
  absl::StatusOr<Tensor> wide = Tensor::Allocate(tensorflow::DT_FLOAT, tensor.shape());
  if (!wide.ok()) return wide.status();
  const uint16_t* in = tensor.data<uint16_t>();
  float* out = wide->mutable_data<float>();
  const bool half = tensor.dtype() == tensorflow::DT_HALF;
  for (int64_t i = 0; i < tensor.num_elements(); ++i) {
    out[i] = half ? HalfToFloat(in[i]) : BFloat16ToFloat(in[i]);
  }
  return wide;
}

void NarrowFromFloat(const Tensor& wide, Tensor* output) {
  const float* in = wide.data<float>();
  uint16_t* out = output->mutable_data<uint16_t>();
  const bool half = output->dtype() == tensorflow::DT_HALF;
  for (int64_t i = 0; i < wide.num_elements(); ++i) {
    out[i] = half ? FloatToHalf(in[i]) : FloatToBFloat16(in[i]);
  }
}

absl::StatusOr<Tensor> NarrowedFromFloat(const Tensor& wide, DataType dtype) {
  absl::StatusOr<Tensor> narrow = Tensor::Allocate(dtype, wide.shape());
  if (!narrow.ok()) return narrow.status();
  NarrowFromFloat(wide, &*narrow);
  return narrow;
}

absl::Status WidenedKernel::Compute(OpContext& context) const {
  DataType narrow_dtype = tensorflow::DT_INVALID;
  std::vector<Tensor> inputs(context.inputs().begin(), context.inputs().end());
  for (int index : widen_inputs_) {
    if (index >= static_cast<int>(inputs.size()) || !Is16BitFloat(inputs[index].dtype())) continue;
    narrow_dtype = inputs[index].dtype();
    absl::StatusOr<Tensor> wide = WidenToFloat(inputs[index]);
    if (!wide.ok()) return context.Error(wide.status().message());
    inputs[index] = *std::move(wide);
  }
  if (narrow_dtype == tensorflow::DT_INVALID) return inner_->Compute(context);
  std::vector<Tensor> outputs;
  OpContext wide_context(context.node(), inputs, &outputs, context.threadpool(),
                         context.exact_non_finite());
  if (absl::Status status = inner_->Compute(wide_context); !status.ok()) return status;
  for (int index = 0; index < static_cast<int>(outputs.size()); ++index) {
    if (std::find(narrow_outputs_.begin(), narrow_outputs_.end(), index) != narrow_outputs_.end()) {
      absl::StatusOr<Tensor> narrow = NarrowedFromFloat(outputs[index], narrow_dtype);
      if (!narrow.ok()) return context.Error(narrow.status().message());
      outputs[index] = *std::move(narrow);
    }
    context.set_output(index, std::move(outputs[index]));
  }
  return absl::OkStatus();
}

KernelFactory Widened(KernelFactory build, std::vector<int> widen_inputs,
                      std::vector<int> narrow_outputs) {
  return [build = std::move(build), widen_inputs = std::move(widen_inputs),
          narrow_outputs = std::move(narrow_outputs)](
             const KernelBuildContext& context) -> absl::StatusOr<std::unique_ptr<Kernel>> {
    absl::StatusOr<std::unique_ptr<Kernel>> inner = build(context);
    if (!inner.ok()) return inner.status();
    return std::unique_ptr<Kernel>(
        std::make_unique<WidenedKernel>(*std::move(inner), widen_inputs, narrow_outputs));
  };
}

}  // namespace tfjs::runtime::nn
