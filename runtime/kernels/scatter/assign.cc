// Assign, AssignAdd, AssignSub on a frozen variable: the output is the variable's value after
// the write (see README.md for why these run with value semantics).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/scatter/scatter_types.h"

namespace tfjs::runtime {
namespace {

constexpr int kRef = 0;
constexpr int kValue = 1;

// Assign: the new value. With validate_shape (TF's default) it must have the variable's shape.
absl::Status ComputeAssign(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& ref = context.input(kRef);
  const Tensor& value = context.input(kValue);
  const auto& attrs = context.node().attr();
  const bool validate_shape = !attrs.count("validate_shape") || attrs.at("validate_shape").b();
  if (validate_shape && ref.shape() != value.shape()) {
    return context.Error(absl::StrCat(
        "Assign requires shapes of both tensors to match. lhs shape= ", ShapeString(ref.shape()),
        " rhs shape= ", ShapeString(value.shape())));
  }
  if (ref.dtype() != value.dtype()) {
    return context.Error(absl::StrCat("ref and value must have one dtype, got ",
                                      DataTypeName(ref.dtype()), " and ",
                                      DataTypeName(value.dtype())));
  }
  context.set_output(0, value);
  return absl::OkStatus();
}

// AssignAdd / AssignSub: ref + value or ref - value, same shapes (TF does not broadcast).
template <bool kSubtract>
absl::Status ComputeAssignUpdate(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& ref = context.input(kRef);
  const Tensor& value = context.input(kValue);
  if (ref.shape() != value.shape()) {
    return context.Error(absl::StrCat("Cannot update variable with shape ",
                                      ShapeString(ref.shape()), " using a Tensor with shape ",
                                      ShapeString(value.shape()), ", shapes must be equal."));
  }
  if (ref.dtype() != value.dtype()) return context.Error("ref and value must have one dtype");
  absl::StatusOr<Tensor> output = Tensor::Allocate(ref.dtype(), ref.shape());
  if (!output.ok()) return context.Error(output.status().message());
  const bool known = scatter::DispatchNumber<true>(ref.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* a = ref.data<T>();
    const T* b = value.data<T>();
    T* out = output->mutable_data<T>();
    for (int64_t i = 0; i < ref.num_elements(); ++i) {
      const auto x = math::Widen<T>(a[i]);
      const auto y = math::Widen<T>(b[i]);
      out[i] = math::Narrow<T>(kSubtract ? x - y : x + y);
    }
  });
  if (!known) return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(ref.dtype())));
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// Assign forwards its value, so it takes every dtype TF's does.
std::vector<DataType> AssignTypes() {
  std::vector<DataType> types = scatter::NumberTypes();
  for (DataType type : {tensorflow::DT_BOOL, tensorflow::DT_STRING, tensorflow::DT_QINT8,
                        tensorflow::DT_QUINT8, tensorflow::DT_QUINT16, tensorflow::DT_QINT32,
                        tensorflow::DT_RESOURCE, tensorflow::DT_VARIANT}) {
    types.push_back(type);
  }
  return types;
}

REGISTER_KERNEL("Assign", ComputeAssign, {{"T", AssignTypes()}});
REGISTER_KERNEL("AssignAdd", ComputeAssignUpdate<false>, {{"T", scatter::NumberTypes()}});
REGISTER_KERNEL("AssignSub", ComputeAssignUpdate<true>, {{"T", scatter::NumberTypes()}});

}  // namespace
}  // namespace tfjs::runtime
