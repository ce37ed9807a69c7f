// Two deprecated normalization ops old graphs still hold: BiasAddV1 (BiasAdd on the last dim,
// without data_format) and BatchNormWithGlobalNormalization ((t - m) / sqrt(v + epsilon), times
// gamma when scale_after_normalization, plus beta, per last-dim channel).
#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kValue = 0;
constexpr int kBias = 1;

absl::Status ComputeBiasAddV1(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& value = context.input(kValue);
  const Tensor& bias = context.input(kBias);
  if (value.rank() < 2) {
    return context.Error(
        absl::StrCat("Input tensor must be at least 2D: ", ShapeString(value.shape())));
  }
  if (bias.rank() != 1) {
    return context.Error(absl::StrCat("Biases must be 1D: ", ShapeString(bias.shape())));
  }
  const int64_t channels = value.dim(value.rank() - 1);
  if (bias.dim(0) != channels) {
    return context.Error(
        absl::StrCat("Must provide as many biases as the last dimension of the "
                     "input tensor: ",
                     ShapeString(bias.shape()), " vs. ", ShapeString(value.shape())));
  }
  absl::StatusOr<Tensor> output = linalg::VisitComputeType(value.dtype(), [&](auto tag) {
    using T = decltype(tag);
    std::vector<T> x = linalg::ValuesAs<T>(value);
    const std::vector<T> b = linalg::ValuesAs<T>(bias);
    for (size_t i = 0; i < x.size(); ++i) x[i] += b[i % channels];
    return linalg::TensorFrom(value.dtype(), value.shape(), x);
  });
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// Inputs t, m, v, beta, gamma.
absl::Status ComputeBatchNormWithGlobalNormalization(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
  const Tensor& t = context.input(0);
  if (t.rank() != 4) {
    return context.Error(absl::StrCat("input must be 4-dimensional", ShapeString(t.shape())));
  }
  const int64_t depth = t.dim(3);
  const char* names[] = {"mean", "variance", "beta", "gamma"};
  for (int i = 1; i < 5; ++i) {
    if (context.input(i).rank() != 1 || context.input(i).dim(0) != depth) {
      return context.Error(absl::StrCat(names[i - 1], " must be a vector of the input depth ",
                                        depth, ", got shape ",
                                        ShapeString(context.input(i).shape())));
    }
  }
  const auto& attrs = context.node().attr();
  auto epsilon_attr = attrs.find("variance_epsilon");
  auto scale_attr = attrs.find("scale_after_normalization");
  if (epsilon_attr == attrs.end() || scale_attr == attrs.end()) {
    return context.Error("needs the variance_epsilon and scale_after_normalization attrs");
  }
  const double epsilon = epsilon_attr->second.f();
  const bool scale = scale_attr->second.b();
  std::vector<double> x = linalg::ValuesAs<double>(t);
  const std::vector<double> mean = linalg::ValuesAs<double>(context.input(1));
  const std::vector<double> variance = linalg::ValuesAs<double>(context.input(2));
  const std::vector<double> beta = linalg::ValuesAs<double>(context.input(3));
  const std::vector<double> gamma = linalg::ValuesAs<double>(context.input(4));
  for (size_t i = 0; i < x.size(); ++i) {
    const size_t c = i % depth;
    const double factor = (scale ? gamma[c] : 1.0) / std::sqrt(variance[c] + epsilon);
    x[i] = (x[i] - mean[c]) * factor + beta[c];
  }
  absl::StatusOr<Tensor> output = linalg::TensorFrom(t.dtype(), t.shape(), x);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("BiasAddV1", ComputeBiasAddV1, {{"T", dtypes::Number()}});
REGISTER_KERNEL("BatchNormWithGlobalNormalization", ComputeBatchNormWithGlobalNormalization,
                {{"T", {tensorflow::DT_HALF, tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime::nn
