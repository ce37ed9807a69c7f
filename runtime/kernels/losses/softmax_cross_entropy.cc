// SoftmaxCrossEntropyWithLogits (labels are probabilities, broadcast against the logits to a
// [batch, classes] matrix) and SparseSoftmaxCrossEntropyWithLogits (labels are class indices):
// outputs the per-row loss [batch] and the gradient softmax(logits) - labels [batch, classes].
#include "runtime/kernels/losses/softmax_cross_entropy.h"

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kLogits = 0;
constexpr int kLabels = 1;

// `shape` as a matrix: [1, n] for a vector, [1, 1] for a scalar.
Shape AsMatrix(const Shape& shape) {
  Shape matrix = shape;
  while (matrix.size() < 2) matrix.insert(matrix.begin(), 1);
  return matrix;
}

// TF's CPU dtypes; 16-bit floats are widened, computed in double and rounded once.
using LossTypes = math::AllFloatTypes;

absl::Status ComputeSoftmaxCrossEntropy(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& logits = context.input(kLogits);
  const Tensor& labels = context.input(kLabels);
  if (logits.dtype() != labels.dtype()) {
    return context.Error("logits and labels must have one dtype");
  }
  absl::StatusOr<Shape> shape = misc::BroadcastShapes(logits.shape(), labels.shape());
  if (!shape.ok() || shape->size() != 2) {
    return context.Error(
        absl::StrCat("logits and labels must be broadcastable to a 2-D shape: logits_size=",
                     ShapeString(logits.shape()), " labels_size=", ShapeString(labels.shape())));
  }
  if (logits.rank() > 2 || labels.rank() > 2) {
    return context.Error(
        "logits and labels must be either 2-dimensional, or broadcasted to be "
        "2-dimensional");
  }
  const int64_t batch = (*shape)[0];
  const int64_t classes = (*shape)[1];
  const Shape logits_shape = AsMatrix(logits.shape());
  const Shape labels_shape = AsMatrix(labels.shape());
  absl::StatusOr<Tensor> loss = Tensor::Allocate(logits.dtype(), {batch});
  absl::StatusOr<Tensor> backprop = Tensor::Allocate(logits.dtype(), *shape);
  if (!loss.ok()) return context.Error(loss.status().message());
  if (!backprop.ok()) return context.Error(backprop.status().message());
  absl::Status status =
      math::DispatchDataType(LossTypes(), context, logits.dtype(), "logits", [&](auto zero) {
        using T = decltype(zero);
        for (int64_t b = 0; b < batch; ++b) {
          const T* logit_base = logits.data<T>() + (logits_shape[0] == 1 ? 0 : b) * logits_shape[1];
          const T* label_base = labels.data<T>() + (labels_shape[0] == 1 ? 0 : b) * labels_shape[1];
          const bool logit_broadcast = logits_shape[1] == 1;
          const bool label_broadcast = labels_shape[1] == 1;
          T* backprop_row = backprop->mutable_data<T>() + b * classes;
          loss->mutable_data<T>()[b] = math::Narrow<T>(losses::SoftmaxCrossEntropyRow(
              [&](int64_t c) {
                return static_cast<double>(math::Widen(logit_base[logit_broadcast ? 0 : c]));
              },
              classes,
              [&](int64_t c) {
                return static_cast<double>(math::Widen(label_base[label_broadcast ? 0 : c]));
              },
              [&](int64_t c, double value) { backprop_row[c] = math::Narrow<T>(value); }));
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  context.set_output(0, *std::move(loss));
  context.set_output(1, *std::move(backprop));
  return absl::OkStatus();
}

absl::Status ComputeSparseSoftmaxCrossEntropy(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& logits = context.input(kLogits);
  const Tensor& labels = context.input(kLabels);
  if (logits.rank() != 2) {
    return context.Error(
        absl::StrCat("logits must be 2-D, but got shape ", ShapeString(logits.shape())));
  }
  if (labels.rank() != 1 || labels.dim(0) != logits.dim(0)) {
    return context.Error(absl::StrCat(
        "logits and labels must have the same first dimension, got "
        "logits shape ",
        ShapeString(logits.shape()), " and labels shape ", ShapeString(labels.shape())));
  }
  const int64_t batch = logits.dim(0);
  const int64_t classes = logits.dim(1);
  if (classes == 0 && batch > 0) {
    return context.Error("Must have at least one class, but got logits shape " +
                         ShapeString(logits.shape()));
  }
  absl::StatusOr<std::vector<int64_t>> label_values = misc::IndexValues(labels, "labels");
  if (!label_values.ok()) return context.Error(label_values.status().message());
  for (int64_t label : *label_values) {
    if (label < 0 || label >= classes) {
      return context.Error(absl::StrCat("Received a label value of ", label,
                                        " which is outside the valid range of [0, ", classes,
                                        ")."));
    }
  }
  absl::StatusOr<Tensor> loss = Tensor::Allocate(logits.dtype(), {batch});
  absl::StatusOr<Tensor> backprop = Tensor::Allocate(logits.dtype(), logits.shape());
  if (!loss.ok()) return context.Error(loss.status().message());
  if (!backprop.ok()) return context.Error(backprop.status().message());
  absl::Status status =
      math::DispatchDataType(LossTypes(), context, logits.dtype(), "logits", [&](auto zero) {
        using T = decltype(zero);
        for (int64_t b = 0; b < batch; ++b) {
          const int64_t label = (*label_values)[b];
          const T* logit_row = logits.data<T>() + b * classes;
          T* backprop_row = backprop->mutable_data<T>() + b * classes;
          loss->mutable_data<T>()[b] = math::Narrow<T>(losses::SoftmaxCrossEntropyRow(
              [&](int64_t c) { return static_cast<double>(math::Widen(logit_row[c])); }, classes,
              [&](int64_t c) { return c == label ? 1.0 : 0.0; },
              [&](int64_t c, double value) { backprop_row[c] = math::Narrow<T>(value); }));
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  context.set_output(0, *std::move(loss));
  context.set_output(1, *std::move(backprop));
  return absl::OkStatus();
}

REGISTER_KERNEL("SoftmaxCrossEntropyWithLogits", ComputeSoftmaxCrossEntropy,
                {{"T", math::DtypesOf(LossTypes())}});
REGISTER_KERNEL("SparseSoftmaxCrossEntropyWithLogits", ComputeSparseSoftmaxCrossEntropy,
                {{"T", math::DtypesOf(LossTypes())},
                 {"Tlabels", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
