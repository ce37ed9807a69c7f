// Assign, AssignAdd, AssignSub. On a reference variable (variable.h) they write its storage in
// place and output it; on a frozen variable's value they output the value after the write (see
// README.md).
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/scatter/element.h"
#include "runtime/kernels/scatter/variable.h"

namespace tfjs::runtime {
namespace {

constexpr int kRef = 0;
constexpr int kValue = 1;

// Outputs `value` as the new value of `ref`: stored into its variable when it has one.
absl::Status Store(OpContext& context, const Tensor& ref, Tensor value) {
  if (std::shared_ptr<scatter::RefVariable> variable = scatter::RefVariable::Find(ref)) {
    absl::StatusOr<Tensor> stored = variable->Assign(value);
    if (!stored.ok()) return context.Error(stored.status().message());
    value = *std::move(stored);
  }
  context.set_output(0, std::move(value));
  return absl::OkStatus();
}

// Assign: the new value. With validate_shape (TF's default) it must have the variable's shape,
// unless the variable is still uninitialized.
absl::Status ComputeAssign(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& ref = context.input(kRef);
  const Tensor& value = context.input(kValue);
  const auto& attrs = context.node().attr();
  const bool validate_shape = !attrs.count("validate_shape") || attrs.at("validate_shape").b();
  std::shared_ptr<scatter::RefVariable> variable = scatter::RefVariable::Find(ref);
  const bool initialized = variable == nullptr || variable->initialized();
  if (validate_shape && initialized && ref.shape() != value.shape()) {
    return context.Error(absl::StrCat(
        "Assign requires shapes of both tensors to match. lhs shape= ", ShapeString(ref.shape()),
        " rhs shape= ", ShapeString(value.shape())));
  }
  if (ref.dtype() != value.dtype()) {
    return context.Error(absl::StrCat("ref and value must have one dtype, got ",
                                      DataTypeName(ref.dtype()), " and ",
                                      DataTypeName(value.dtype())));
  }
  return Store(context, ref, value);
}

// AssignAdd / AssignSub: ref + value or ref - value, same shapes (TF does not broadcast).
template <scatter::Combine kCombine>
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
  bool known = false;
  math::DispatchTag(math::PodTypes(), ref.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (!std::is_same_v<T, bool>) {
      const T* a = ref.data<T>();
      const T* b = value.data<T>();
      T* out = output->mutable_data<T>();
      for (int64_t i = 0; i < ref.num_elements(); ++i) {
        out[i] = scatter::Apply<kCombine, T>(a[i], b[i]);
      }
      known = true;
    }
  });
  if (!known) return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(ref.dtype())));
  return Store(context, ref, *std::move(output));
}

// TF's CPU registrations (dense_update_ops.cc).
REGISTER_KERNEL("Assign", ComputeAssign,
                {{"T",
                  dtypes::Join({dtypes::All(), dtypes::Quantized(), {tensorflow::DT_QUINT16}})}});
REGISTER_KERNEL("AssignAdd", ComputeAssignUpdate<scatter::Combine::kAdd>,
                {{"T", dtypes::Number()}});
REGISTER_KERNEL("AssignSub", ComputeAssignUpdate<scatter::Combine::kSub>,
                {{"T", dtypes::Number()}});

}  // namespace
}  // namespace tfjs::runtime
