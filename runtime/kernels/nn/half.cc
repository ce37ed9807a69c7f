#include "runtime/kernels/nn/half.h"

#include "runtime/half.h"

namespace tfjs::runtime::nn {

absl::StatusOr<Tensor> HalfTensorToFloat(const Tensor& half) {
  absl::StatusOr<Tensor> out = Tensor::Allocate(tensorflow::DT_FLOAT, half.shape());
  if (!out.ok()) return out.status();
  const uint16_t* in = half.data<uint16_t>();
  float* values = out->mutable_data<float>();
  for (int64_t i = 0; i < half.num_elements(); ++i) values[i] = HalfToFloat(in[i]);
  return out;
}

absl::StatusOr<Tensor> FloatTensorToHalf(const Tensor& value) {
  absl::StatusOr<Tensor> out = Tensor::Allocate(tensorflow::DT_HALF, value.shape());
  if (!out.ok()) return out.status();
  const float* in = value.data<float>();
  uint16_t* halves = out->mutable_data<uint16_t>();
  for (int64_t i = 0; i < value.num_elements(); ++i) halves[i] = FloatToHalf(in[i]);
  return out;
}

}  // namespace tfjs::runtime::nn
