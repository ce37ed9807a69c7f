// InTopK / InTopKV2 (is each row's target among its k largest predictions?), the deprecated
// TopK (TopKV2 with k as an attr) and ApproxTopK as TF's CPU runs it (exactly): the k largest
// entries of each innermost row, ties taking the lower index first.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kPredictions = 0;
constexpr int kTargets = 1;
constexpr int kK = 2;

// TF's rule: false when the target is out of range or any prediction of the row is not finite;
// else true when fewer than k classes score strictly higher than the target.
absl::Status InTopK(OpContext& context, int64_t k) {
  const Tensor& predictions = context.input(kPredictions);
  const Tensor& targets = context.input(kTargets);
  if (predictions.rank() != 2) {
    return context.Error(
        absl::StrCat("predictions must be 2-dimensional, got ", ShapeString(predictions.shape())));
  }
  if (targets.rank() != 1) {
    return context.Error(
        absl::StrCat("targets must be 1-dimensional, got ", ShapeString(targets.shape())));
  }
  if (targets.dim(0) != predictions.dim(0)) {
    return context.Error(absl::StrCat("First dimension of predictions ", predictions.dim(0),
                                      " must match length of targets ", targets.dim(0)));
  }
  absl::StatusOr<std::vector<int64_t>> target = misc::IndexValues(targets, "targets");
  if (!target.ok()) return context.Error(target.status().message());
  const int64_t classes = predictions.dim(1);
  const float* scores = predictions.data<float>();
  absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_BOOL, {targets.dim(0)});
  if (!output.ok()) return context.Error(output.status().message());
  for (int64_t b = 0; b < targets.dim(0); ++b) {
    const float* row = scores + b * classes;
    const int64_t t = (*target)[b];
    bool cannot_say = t < 0 || t >= classes || !std::isfinite(row[t]);
    int64_t more_probable = 0;
    for (int64_t i = 0; !cannot_say && i < classes; ++i) {
      if (!std::isfinite(row[i])) {
        cannot_say = true;
      } else if (row[i] > row[t]) {
        ++more_probable;
      }
    }
    output->mutable_data<bool>()[b] = !cannot_say && more_probable < k;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeInTopK(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  auto k = context.node().attr().find("k");
  if (k == context.node().attr().end()) return context.Error("needs the k attr");
  return InTopK(context, k->second.i());
}

absl::Status ComputeInTopKV2(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<int64_t> k = misc::IndexScalar(context.input(kK), "k");
  if (!k.ok()) return context.Error(k.status().message());
  return InTopK(context, *k);
}

absl::Status ComputeTopK(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  const auto& attrs = context.node().attr();
  auto k_attr = attrs.find("k");
  if (k_attr == attrs.end()) return context.Error("needs the k attr");
  const int64_t k = k_attr->second.i();
  if (k < 0) return context.Error(absl::StrCat("Need k >= 0, got ", k));
  if (input.rank() < 1) {
    return context.Error(
        absl::StrCat("input must be >= 1-D, got shape ", ShapeString(input.shape())));
  }
  const int64_t n = input.dim(input.rank() - 1);
  if (n < k) {
    return context.Error(
        absl::StrCat("input must have at least k columns. Had ", n, ", needed ", k));
  }
  Shape out_shape = input.shape();
  out_shape.back() = k;
  const int64_t rows = n == 0 ? 0 : input.num_elements() / n;
  absl::StatusOr<Tensor> indices = Tensor::Allocate(tensorflow::DT_INT32, out_shape);
  if (!indices.ok()) return context.Error(indices.status().message());
  absl::StatusOr<Tensor> values = linalg::VisitRealComputeType(input.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const std::vector<T> x = linalg::ValuesAs<T>(input);
    std::vector<T> top(rows * k);
    std::vector<int64_t> order(n);
    for (int64_t r = 0; r < rows; ++r) {
      const T* row = x.data() + r * n;
      std::iota(order.begin(), order.end(), 0);
      // NaN ranks above everything, as in TF's comparison of floats.
      auto greater = [&](int64_t a, int64_t b) {
        if constexpr (std::is_same_v<T, double>) {
          if (std::isnan(row[a]) != std::isnan(row[b])) return std::isnan(row[a]);
        }
        return row[a] > row[b];
      };
      std::stable_sort(order.begin(), order.end(), greater);
      for (int64_t i = 0; i < k; ++i) {
        top[r * k + i] = row[order[i]];
        indices->mutable_data<int32_t>()[r * k + i] = static_cast<int32_t>(order[i]);
      }
    }
    return linalg::TensorFrom(input.dtype(), out_shape, top);
  });
  if (!values.ok()) return context.Error(values.status().message());
  context.set_output(0, *std::move(values));
  context.set_output(1, *std::move(indices));
  return absl::OkStatus();
}

// ApproxTopK on CPU: TF's CPU kernel is the exact top k of the last dim, for
// reduction_dimension -1 (or the last dim) and is_max_k only.
absl::Status ComputeApproxTopK(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const auto& attrs = context.node().attr();
  auto reduction = attrs.find("reduction_dimension");
  const int64_t dimension = reduction == attrs.end() ? -1 : reduction->second.i();
  const int rank = context.input(0).rank();
  if (dimension != -1 && dimension != rank - 1) {
    return context.Error("ApproxTopK on CPU supports only reduction_dimension = -1");
  }
  auto is_max_k = attrs.find("is_max_k");
  if (is_max_k != attrs.end() && !is_max_k->second.b()) {
    return context.Error("ApproxTopK on CPU supports only is_max_k = true");
  }
  return ComputeTopK(context);
}

REGISTER_KERNEL("ApproxTopK", ComputeApproxTopK,
                {{"T", {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT}}});
REGISTER_KERNEL("InTopK", ComputeInTopK, {{"T", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});
REGISTER_KERNEL("InTopKV2", ComputeInTopKV2, {{"T", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});
REGISTER_KERNEL("TopK", ComputeTopK, {{"T", dtypes::RealNumber()}});

}  // namespace
}  // namespace tfjs::runtime::nn
