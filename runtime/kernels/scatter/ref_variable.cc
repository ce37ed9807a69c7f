// Reference variables: VariableV2 and Variable (one variable per node, for the model's lifetime),
// TemporaryVariable and DestroyTemporaryVariable, IsVariableInitialized and CountUpTo. See
// variable.h for how writers find the variable behind a reference.
#include <memory>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/scatter/element.h"
#include "runtime/kernels/scatter/variable.h"

namespace tfjs::runtime {
namespace {

using scatter::RefVariable;

constexpr int kRef = 0;

// The declared shape; {-1} when even the rank is unknown.
Shape DeclaredShape(const tensorflow::NodeDef& node) {
  std::optional<std::vector<int64_t>> dims = misc::PartialShapeAttr(node, "shape");
  if (!dims) return Shape{-1};
  return Shape(dims->begin(), dims->end());
}

class VariableKernel : public Kernel {
 public:
  explicit VariableKernel(std::shared_ptr<RefVariable> variable) : variable_(std::move(variable)) {}
  absl::Status Compute(OpContext& context) const override {
    context.set_output(0, variable_->storage());
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<RefVariable> variable_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildVariable(const KernelBuildContext& context) {
  absl::StatusOr<DataType> dtype = context.attrs.GetType("dtype");
  if (!dtype.ok()) return dtype.status();
  absl::StatusOr<std::shared_ptr<RefVariable>> variable =
      RefVariable::Create(*dtype, DeclaredShape(context.node));
  if (!variable.ok()) return context.Error(variable.status().message());
  return std::make_unique<VariableKernel>(*std::move(variable));
}

// Temporaries not yet destroyed, with the kernel that made each.
struct LiveTemporaries {
  absl::Mutex mutex;
  absl::flat_hash_map<const RefVariable*, std::pair<const Kernel*, std::shared_ptr<RefVariable>>>
      variables ABSL_GUARDED_BY(mutex);
};

LiveTemporaries& Live() {
  static auto* live = new LiveTemporaries();
  return *live;
}

// TemporaryVariable makes a new variable each run; it lives until DestroyTemporaryVariable
// takes it, or else until the kernel goes with its model (TF's lives until its step ends).
class TemporaryVariableKernel : public Kernel {
 public:
  TemporaryVariableKernel(DataType dtype, Shape shape) : dtype_(dtype), shape_(std::move(shape)) {}
  ~TemporaryVariableKernel() override {
    absl::MutexLock lock(&Live().mutex);
    absl::erase_if(Live().variables,
                   [this](const auto& entry) { return entry.second.first == this; });
  }

  absl::Status Compute(OpContext& context) const override {
    absl::StatusOr<std::shared_ptr<RefVariable>> variable = RefVariable::Create(dtype_, shape_);
    if (!variable.ok()) return context.Error(variable.status().message());
    Tensor storage = (*variable)->storage();
    absl::MutexLock lock(&Live().mutex);
    Live().variables[variable->get()] = {this, *std::move(variable)};
    context.set_output(0, std::move(storage));
    return absl::OkStatus();
  }

 private:
  DataType dtype_;
  Shape shape_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildTemporaryVariable(const KernelBuildContext& context) {
  absl::StatusOr<DataType> dtype = context.attrs.GetType("dtype");
  if (!dtype.ok()) return dtype.status();
  Shape shape = DeclaredShape(context.node);
  if (NumElements(shape) < 0) return context.Error("the shape attr must be fully defined");
  return std::make_unique<TemporaryVariableKernel>(*dtype, std::move(shape));
}

// Outputs the temporary's value and ends it.
absl::Status ComputeDestroyTemporary(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  std::shared_ptr<RefVariable> variable = RefVariable::Find(context.input(kRef));
  if (variable == nullptr) return context.Error("input is not a temporary variable");
  absl::StatusOr<Tensor> value = CopyTensor(variable->storage());
  if (!value.ok()) return context.Error(value.status().message());
  {
    absl::MutexLock lock(&Live().mutex);
    Live().variables.erase(variable.get());
  }
  context.set_output(0, *std::move(value));
  return absl::OkStatus();
}

// A value that is no variable (a frozen one) counts as initialized.
absl::Status ComputeIsVariableInitialized(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  std::shared_ptr<RefVariable> variable = RefVariable::Find(context.input(kRef));
  context.set_output(
      0, Tensor::Scalar<bool>(tensorflow::DT_BOOL, variable == nullptr || variable->initialized()));
  return absl::OkStatus();
}

// CountUpTo(ref): the scalar's value, which is then incremented; OutOfRange at `limit`.
template <typename T>
absl::Status CountUpTo(OpContext& context, const Tensor& ref, int64_t limit) {
  const T count = *ref.data<T>();
  if (count >= limit) {
    return absl::OutOfRangeError(
        absl::StrCat("node '", context.node().name(), "' (CountUpTo): Reached limit of ", limit));
  }
  const Tensor before = Tensor::Scalar<T>(ref.dtype(), count);
  if (std::shared_ptr<RefVariable> variable = RefVariable::Find(ref)) {
    absl::StatusOr<Tensor> stored =
        variable->Assign(Tensor::Scalar<T>(ref.dtype(), static_cast<T>(count + 1)));
    if (!stored.ok()) return context.Error(stored.status().message());
  }
  context.set_output(0, before);
  return absl::OkStatus();
}

absl::Status ComputeCountUpTo(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& ref = context.input(kRef);
  const auto& attrs = context.node().attr();
  const auto limit = attrs.find("limit");
  if (limit == attrs.end()) return context.Error("missing attr 'limit'");
  if (ref.rank() != 0) {
    return context.Error(absl::StrCat("input is not a scalar: ", ShapeString(ref.shape())));
  }
  if (ref.dtype() == tensorflow::DT_INT32)
    return CountUpTo<int32_t>(context, ref, limit->second.i());
  if (ref.dtype() == tensorflow::DT_INT64)
    return CountUpTo<int64_t>(context, ref, limit->second.i());
  return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(ref.dtype())));
}

REGISTER_KERNEL_FACTORY("VariableV2", BuildVariable);
REGISTER_KERNEL_FACTORY("Variable", BuildVariable);
REGISTER_KERNEL_FACTORY("TemporaryVariable", BuildTemporaryVariable);
REGISTER_KERNEL("DestroyTemporaryVariable", ComputeDestroyTemporary);
REGISTER_KERNEL("IsVariableInitialized", ComputeIsVariableInitialized);
REGISTER_KERNEL("CountUpTo", ComputeCountUpTo,
                {{"T", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
