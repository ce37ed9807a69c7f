#include "runtime/kernels/nn/layout.h"

#include <cstdint>

namespace tfjs::runtime::nn {
namespace {

// Copies [batch, rows, cols] float blocks to [batch, cols, rows].
void TransposeInner(const float* in, float* out, int64_t batch, int64_t rows, int64_t cols) {
  for (int64_t b = 0; b < batch; ++b) {
    const float* in_block = in + b * rows * cols;
    float* out_block = out + b * rows * cols;
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) out_block[c * rows + r] = in_block[r * cols + c];
    }
  }
}

}  // namespace

absl::StatusOr<Tensor> NchwToNhwc(const Tensor& input) {
  const Shape& s = input.shape();
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), {s[0], s[2], s[3], s[1]});
  if (!output.ok()) return output.status();
  TransposeInner(input.data<float>(), output->mutable_data<float>(), s[0], s[1], s[2] * s[3]);
  return output;
}

absl::StatusOr<Tensor> NhwcToNchw(const Tensor& input) {
  const Shape& s = input.shape();
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), {s[0], s[3], s[1], s[2]});
  if (!output.ok()) return output.status();
  TransposeInner(input.data<float>(), output->mutable_data<float>(), s[0], s[1] * s[2], s[3]);
  return output;
}

absl::StatusOr<Tensor> ChannelsFirstToLast(const Tensor& input) {
  const Shape& s = input.shape();
  Shape shape = {s[0]};
  int64_t spatial = 1;
  for (size_t i = 2; i < s.size(); ++i) {
    shape.push_back(s[i]);
    spatial *= s[i];
  }
  shape.push_back(s[1]);
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), shape);
  if (!output.ok()) return output.status();
  TransposeInner(input.data<float>(), output->mutable_data<float>(), s[0], s[1], spatial);
  return output;
}

absl::StatusOr<Tensor> ChannelsLastToFirst(const Tensor& input) {
  const Shape& s = input.shape();
  Shape shape = {s[0], s.back()};
  int64_t spatial = 1;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    shape.push_back(s[i]);
    spatial *= s[i];
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), shape);
  if (!output.ok()) return output.status();
  TransposeInner(input.data<float>(), output->mutable_data<float>(), s[0], spatial, s.back());
  return output;
}

}  // namespace tfjs::runtime::nn
