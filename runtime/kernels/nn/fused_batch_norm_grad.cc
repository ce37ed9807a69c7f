// FusedBatchNormGradV3: the gradients of FusedBatchNormV3 for x, scale and offset, per channel
// over every other dim (NHWC, NCHW, NDHWC, NCDHW). reserve_space_1/2 hold the batch mean and
// variance (the population ones when !is_training); reserve_space_4/5 come out empty, as on TF's
// CPU.
//   training:  dx = scale / sqrt(var + eps) * (dy - mean(dy) - (x - mean) * mean(dy * (x - mean))
//                   / (var + eps))
//   inference: dx = dy * scale / sqrt(var + eps)
//   dscale = sum(dy * (x - mean)) / sqrt(var + eps), doffset = sum(dy).
#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kYBackprop = 0;
constexpr int kX = 1;
constexpr int kScale = 2;
constexpr int kMean = 3;
constexpr int kVariance = 4;

absl::Status ComputeFusedBatchNormGrad(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
  const Tensor& dy_tensor = context.input(kYBackprop);
  const Tensor& x_tensor = context.input(kX);
  const auto& attrs = context.node().attr();
  auto format_attr = attrs.find("data_format");
  const std::string format = format_attr == attrs.end() ? "NHWC" : format_attr->second.s();
  auto epsilon_attr = attrs.find("epsilon");
  const double epsilon = epsilon_attr == attrs.end() ? 1e-4 : epsilon_attr->second.f();
  auto training_attr = attrs.find("is_training");
  const bool training = training_attr == attrs.end() || training_attr->second.b();
  const int rank = format.size() == 5 ? 5 : 4;
  if (x_tensor.rank() != rank || dy_tensor.shape() != x_tensor.shape()) {
    return context.Error(absl::StrCat("x and y_backprop must have the same ", rank,
                                      "-D shape, got ", ShapeString(x_tensor.shape()), " and ",
                                      ShapeString(dy_tensor.shape())));
  }
  const bool channels_first = format[1] == 'C';
  const int channel_dim = channels_first ? 1 : rank - 1;
  const int64_t channels = x_tensor.dim(channel_dim);
  for (int i = kScale; i <= kVariance; ++i) {
    if (context.input(i).rank() != 1 || context.input(i).dim(0) != channels) {
      return context.Error(absl::StrCat("scale, mean and variance must be vectors of the ",
                                        channels, " channels, got ",
                                        ShapeString(context.input(i).shape())));
    }
  }
  // Element i's channel: channels last, i % C; channels first, (i / inner) % C.
  int64_t inner = 1;
  if (channels_first) {
    for (int d = 2; d < rank; ++d) inner *= x_tensor.dim(d);
  }
  const std::vector<double> x = linalg::ValuesAs<double>(x_tensor);
  const std::vector<double> dy = linalg::ValuesAs<double>(dy_tensor);
  const std::vector<double> scale = linalg::ValuesAs<double>(context.input(kScale));
  const std::vector<double> mean = linalg::ValuesAs<double>(context.input(kMean));
  const std::vector<double> variance = linalg::ValuesAs<double>(context.input(kVariance));
  auto channel_of = [&](size_t i) {
    return static_cast<int64_t>(channels_first ? (i / inner) % channels : i % channels);
  };
  std::vector<double> sum_dy(channels, 0.0), sum_dy_centered(channels, 0.0);
  for (size_t i = 0; i < x.size(); ++i) {
    const int64_t c = channel_of(i);
    sum_dy[c] += dy[i];
    sum_dy_centered[c] += dy[i] * (x[i] - mean[c]);
  }
  const double count = channels == 0 ? 0 : static_cast<double>(x.size()) / channels;
  std::vector<double> dx(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    const int64_t c = channel_of(i);
    const double inv_std = 1.0 / std::sqrt(variance[c] + epsilon);
    if (training) {
      dx[i] = scale[c] * inv_std *
              (dy[i] - sum_dy[c] / count -
               (x[i] - mean[c]) * inv_std * inv_std * sum_dy_centered[c] / count);
    } else {
      dx[i] = dy[i] * scale[c] * inv_std;
    }
  }
  std::vector<double> dscale(channels);
  for (int64_t c = 0; c < channels; ++c) {
    dscale[c] = sum_dy_centered[c] / std::sqrt(variance[c] + epsilon);
  }
  absl::StatusOr<Tensor> x_backprop = linalg::TensorFrom(x_tensor.dtype(), x_tensor.shape(), dx);
  absl::StatusOr<Tensor> scale_backprop =
      linalg::TensorFrom(tensorflow::DT_FLOAT, {channels}, dscale);
  absl::StatusOr<Tensor> offset_backprop =
      linalg::TensorFrom(tensorflow::DT_FLOAT, {channels}, sum_dy);
  absl::StatusOr<Tensor> empty4 = Tensor::Allocate(tensorflow::DT_FLOAT, {0});
  absl::StatusOr<Tensor> empty5 = Tensor::Allocate(tensorflow::DT_FLOAT, {0});
  for (const auto* tensor : {&x_backprop, &scale_backprop, &offset_backprop, &empty4, &empty5}) {
    if (!tensor->ok()) return context.Error(tensor->status().message());
  }
  context.set_output(0, *std::move(x_backprop));
  context.set_output(1, *std::move(scale_backprop));
  context.set_output(2, *std::move(offset_backprop));
  context.set_output(3, *std::move(empty4));
  context.set_output(4, *std::move(empty5));
  return absl::OkStatus();
}

REGISTER_KERNEL("FusedBatchNormGradV3", ComputeFusedBatchNormGrad,
                {{"T", {tensorflow::DT_HALF, tensorflow::DT_FLOAT}},
                 {"U", {tensorflow::DT_FLOAT}}});

}  // namespace
}  // namespace tfjs::runtime::nn
