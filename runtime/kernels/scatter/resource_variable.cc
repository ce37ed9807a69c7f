// Resource variables: VarHandleOp (one variable per node, for the model's lifetime),
// ReadVariableOp, AssignVariableOp, AssignAddVariableOp, AssignSubVariableOp,
// VarIsInitializedOp, VariableShape, ResourceCountUpTo, DestroyResourceOp and DisableCopyOnRead.
// Writes replace the value (copy-on-write), so tensors read earlier keep theirs, as in TF.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/scatter/element.h"
#include "runtime/kernels/scatter/variable.h"

namespace tfjs::runtime {
namespace {

using scatter::ResourceVariable;

constexpr int kHandle = 0;
constexpr int kValue = 1;

absl::StatusOr<ResourceVariable*> Variable(const OpContext& context) {
  if (context.num_inputs() < 1) return context.Error("missing the resource handle input");
  ResourceVariable* variable = context.input(kHandle).resource<ResourceVariable>();
  if (variable == nullptr) return context.Error("input 0 is not a variable handle");
  return variable;
}

// The value of the node's variable, with the node named in the error.
absl::StatusOr<Tensor> ReadValue(const OpContext& context) {
  absl::StatusOr<ResourceVariable*> variable = Variable(context);
  if (!variable.ok()) return variable.status();
  absl::StatusOr<Tensor> value = (*variable)->Read();
  if (!value.ok()) return context.Error(value.status().message());
  return value;
}

class VarHandleKernel : public Kernel {
 public:
  explicit VarHandleKernel(std::shared_ptr<ResourceVariable> variable)
      : variable_(std::move(variable)) {}
  absl::Status Compute(OpContext& context) const override {
    context.set_output(0, Tensor::ForResource(variable_));
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<ResourceVariable> variable_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildVarHandle(const KernelBuildContext& context) {
  absl::StatusOr<DataType> dtype = context.attrs.GetType("dtype");
  if (!dtype.ok()) return dtype.status();
  std::string name = context.node.name();
  if (auto shared = context.attrs.GetString("shared_name"); shared.ok() && !shared->empty()) {
    name = *shared;
  }
  return std::make_unique<VarHandleKernel>(std::make_shared<ResourceVariable>(name, *dtype));
}

absl::StatusOr<DataType> DtypeAttr(const OpContext& context) {
  const auto& attrs = context.node().attr();
  auto it = attrs.find("dtype");
  if (it == attrs.end()) return context.Error("missing attr 'dtype'");
  return it->second.type();
}

absl::Status ComputeRead(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<Tensor> value = ReadValue(context);
  if (!value.ok()) return value.status();
  absl::StatusOr<DataType> dtype = DtypeAttr(context);
  if (!dtype.ok()) return dtype.status();
  if (value->dtype() != *dtype) {
    return context.Error(absl::StrCat("Trying to read variable with wrong dtype. Expected ",
                                      DataTypeName(*dtype), " got ", DataTypeName(value->dtype())));
  }
  context.set_output(0, *std::move(value));
  return absl::OkStatus();
}

// AssignVariableOp: the variable takes the value (shared, never written in place). With
// validate_shape (default false) an initialized variable keeps its shape.
absl::Status ComputeAssign(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<ResourceVariable*> variable = Variable(context);
  if (!variable.ok()) return variable.status();
  const Tensor& value = context.input(kValue);
  absl::StatusOr<DataType> dtype = DtypeAttr(context);
  if (!dtype.ok()) return dtype.status();
  if (value.dtype() != *dtype || value.dtype() != (*variable)->dtype()) {
    return context.Error(absl::StrCat("Variable and value dtypes don't match; respectively, ",
                                      DataTypeName((*variable)->dtype()), " and ",
                                      DataTypeName(value.dtype())));
  }
  const auto& attrs = context.node().attr();
  const auto validate = attrs.find("validate_shape");
  if (validate != attrs.end() && validate->second.b()) {
    absl::StatusOr<Tensor> current = (*variable)->Read();
    if (current.ok() && current->shape() != value.shape()) {
      return context.Error(
          absl::StrCat("Trying to assign to variable with tensor with wrong shape. Expected ",
                       ShapeString(current->shape()), " got ", ShapeString(value.shape())));
    }
  }
  (*variable)->Write(value);
  return absl::OkStatus();
}

// AssignAddVariableOp / AssignSubVariableOp: value + delta, shapes equal.
template <scatter::Combine kCombine>
absl::Status ComputeAssignUpdate(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<ResourceVariable*> variable = Variable(context);
  if (!variable.ok()) return variable.status();
  absl::StatusOr<Tensor> current = ReadValue(context);
  if (!current.ok()) return current.status();
  const Tensor& delta = context.input(kValue);
  if (current->shape() != delta.shape()) {
    return context.Error(absl::StrCat("Cannot update variable with shape ",
                                      ShapeString(current->shape()), " using a Tensor with shape ",
                                      ShapeString(delta.shape()), ", shapes must be equal."));
  }
  if (current->dtype() != delta.dtype()) {
    return context.Error("DType of variable handle and value does not match.");
  }
  absl::StatusOr<Tensor> updated = Tensor::Allocate(current->dtype(), current->shape());
  if (!updated.ok()) return context.Error(updated.status().message());
  const bool known = math::DispatchTag(math::PodTypes(), current->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (!std::is_same_v<T, bool>) {
      const T* a = current->data<T>();
      const T* b = delta.data<T>();
      T* out = updated->mutable_data<T>();
      for (int64_t i = 0; i < current->num_elements(); ++i) {
        out[i] = scatter::Apply<kCombine, T>(a[i], b[i]);
      }
    }
  });
  if (!known || current->dtype() == tensorflow::DT_BOOL) {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(current->dtype())));
  }
  (*variable)->Write(*std::move(updated));
  return absl::OkStatus();
}

absl::Status ComputeIsInitialized(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  ResourceVariable* variable = context.input(kHandle).resource<ResourceVariable>();
  context.set_output(
      0, Tensor::Scalar<bool>(tensorflow::DT_BOOL, variable != nullptr && variable->initialized()));
  return absl::OkStatus();
}

absl::Status ComputeVariableShape(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<Tensor> value = ReadValue(context);
  if (!value.ok()) return value.status();
  const auto& attrs = context.node().attr();
  const auto out_type = attrs.find("out_type");
  const DataType dtype = out_type == attrs.end() ? tensorflow::DT_INT32 : out_type->second.type();
  absl::StatusOr<Tensor> shape = Tensor::Allocate(dtype, {value->rank()});
  if (!shape.ok()) return context.Error(shape.status().message());
  for (int i = 0; i < value->rank(); ++i) {
    if (dtype == tensorflow::DT_INT32) {
      shape->mutable_data<int32_t>()[i] = static_cast<int32_t>(value->dim(i));
    } else {
      shape->mutable_data<int64_t>()[i] = value->dim(i);
    }
  }
  context.set_output(0, *std::move(shape));
  return absl::OkStatus();
}

// ResourceCountUpTo: outputs the scalar variable's value and increments it, until `limit`.
absl::Status ComputeCountUpTo(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<ResourceVariable*> variable = Variable(context);
  if (!variable.ok()) return variable.status();
  absl::StatusOr<Tensor> current = ReadValue(context);
  if (!current.ok()) return current.status();
  const auto& attrs = context.node().attr();
  const auto limit = attrs.find("limit");
  if (limit == attrs.end()) return context.Error("missing attr 'limit'");
  if (current->rank() != 0) {
    return context.Error(absl::StrCat("input is not a scalar: ", ShapeString(current->shape())));
  }
  int64_t count = 0;
  if (current->dtype() == tensorflow::DT_INT32) {
    count = *current->data<int32_t>();
  } else if (current->dtype() == tensorflow::DT_INT64) {
    count = *current->data<int64_t>();
  } else {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(current->dtype())));
  }
  if (count >= limit->second.i()) {
    return absl::OutOfRangeError(absl::StrCat("node '", context.node().name(),
                                              "' (ResourceCountUpTo): Reached limit of ",
                                              limit->second.i()));
  }
  if (current->dtype() == tensorflow::DT_INT32) {
    (*variable)->Write(Tensor::Scalar<int32_t>(tensorflow::DT_INT32, count + 1));
  } else {
    (*variable)->Write(Tensor::Scalar<int64_t>(tensorflow::DT_INT64, count + 1));
  }
  context.set_output(0, *std::move(current));
  return absl::OkStatus();
}

// DestroyResourceOp: a destroyed variable reads as uninitialized. Other resources (tables,
// arrays) live as long as their handles, as TF's anonymous resources do.
absl::Status ComputeDestroy(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  if (ResourceVariable* variable = context.input(kHandle).resource<ResourceVariable>()) {
    const auto& attrs = context.node().attr();
    const auto ignore = attrs.find("ignore_lookup_error");
    const bool ignore_missing = ignore == attrs.end() || ignore->second.b();
    if (!variable->initialized() && !ignore_missing) {
      return absl::NotFoundError(absl::StrCat("node '", context.node().name(),
                                              "' (DestroyResourceOp): Resource ", variable->name(),
                                              " does not exist."));
    }
    variable->Destroy();
  }
  return absl::OkStatus();
}

// Reads never copy here (writes replace the value), so there is no copy-on-read mode to leave.
absl::Status ComputeDisableCopyOnRead(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  return ReadValue(context).status();
}

REGISTER_KERNEL_FACTORY("VarHandleOp", BuildVarHandle);
REGISTER_KERNEL("ReadVariableOp", ComputeRead);
REGISTER_KERNEL("AssignVariableOp", ComputeAssign,
                {{"dtype", dtypes::Join({dtypes::All(),
                                         dtypes::Quantized(),
                                         {tensorflow::DT_FLOAT8_E5M2, tensorflow::DT_FLOAT8_E4M3FN,
                                          tensorflow::DT_INT4, tensorflow::DT_UINT4}})}});
REGISTER_KERNEL("AssignAddVariableOp", ComputeAssignUpdate<scatter::Combine::kAdd>,
                {{"dtype", dtypes::Number()}});
REGISTER_KERNEL("AssignSubVariableOp", ComputeAssignUpdate<scatter::Combine::kSub>,
                {{"dtype", dtypes::Number()}});
REGISTER_KERNEL("VarIsInitializedOp", ComputeIsInitialized);
REGISTER_KERNEL("VariableShape", ComputeVariableShape,
                {{"out_type", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});
REGISTER_KERNEL("ResourceCountUpTo", ComputeCountUpTo,
                {{"T", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});
REGISTER_KERNEL("DestroyResourceOp", ComputeDestroy);
REGISTER_KERNEL("DisableCopyOnRead", ComputeDisableCopyOnRead);

}  // namespace
}  // namespace tfjs::runtime
