#include "converter/passes/constant_node.h"

#include "absl/strings/str_cat.h"
#include "runtime/tensor_proto.h"

namespace tfjs::converter {

absl::StatusOr<tensorflow::NodeDef> MakeConstNode(const std::string& name,
                                                  const std::string& device,
                                                  const runtime::Tensor& tensor) {
  if (runtime::IsHandleDtype(tensor.dtype())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Const '", name, "': a ", runtime::DataTypeName(tensor.dtype()),
        " tensor cannot be a Const value"));
  }
  absl::StatusOr<tensorflow::TensorProto> value = runtime::TensorToProto(tensor);
  if (!value.ok()) {
    return absl::Status(value.status().code(),
                        absl::StrCat("Const '", name, "': ", value.status().message()));
  }
  tensorflow::NodeDef node;
  node.set_name(name);
  node.set_op("Const");
  node.set_device(device);
  (*node.mutable_attr())["dtype"].set_type(tensor.dtype());
  *(*node.mutable_attr())["value"].mutable_tensor() = *std::move(value);
  return node;
}

}  // namespace tfjs::converter
