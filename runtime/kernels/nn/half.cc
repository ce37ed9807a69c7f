#include "runtime/kernels/nn/half.h"

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

}  // namespace tfjs::runtime::nn
