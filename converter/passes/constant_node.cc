#include "converter/passes/constant_node.h"

#include "absl/strings/str_cat.h"

namespace tfjs::converter {

absl::StatusOr<tensorflow::TensorProto> TensorToProto(const runtime::Tensor& tensor) {
  tensorflow::TensorProto proto;
  proto.set_dtype(tensor.dtype());
  for (int64_t dim : tensor.shape()) proto.mutable_tensor_shape()->add_dim()->set_size(dim);
  if (tensor.dtype() == tensorflow::DT_STRING) {
    for (const std::string& value : tensor.strings()) proto.add_string_val(value);
    return proto;
  }
  if (DataTypeSize(tensor.dtype()) == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a ", runtime::DataTypeName(tensor.dtype()), " tensor cannot be a Const value"));
  }
  if (tensor.num_elements() > 0) {
    proto.set_tensor_content(tensor.data<char>(), tensor.byte_size());
  }
  return proto;
}

absl::StatusOr<tensorflow::NodeDef> MakeConstNode(const std::string& name,
                                                  const std::string& device,
                                                  const runtime::Tensor& tensor) {
  absl::StatusOr<tensorflow::TensorProto> value = TensorToProto(tensor);
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
