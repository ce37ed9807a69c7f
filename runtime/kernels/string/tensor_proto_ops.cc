// ParseTensor (a serialized TensorProto to its tensor, which must have out_type) and
// SerializeTensor (a tensor to a TensorProto: bytes in tensor_content, strings in string_val, as
// TF's AsProtoTensorContent writes them).
#include "absl/strings/str_cat.h"
#include "proto/tensor.pb.h"
#include "runtime/kernel.h"
#include "runtime/kernels/string/string_util.h"
#include "runtime/tensor_proto.h"

namespace tfjs::runtime {
namespace {

absl::Status ComputeParseTensor(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, 0, "serialized"); !status.ok()) {
    return status;
  }
  absl::StatusOr<DataType> out_type = strings::AttrsOf(context).GetType("out_type");
  if (!out_type.ok()) return context.Error(out_type.status().message());
  const Tensor& serialized = context.input(0);
  if (serialized.rank() != 0) {
    return context.Error(absl::StrCat("Expected `serialized` to be a scalar, got shape: ",
                                      ShapeString(serialized.shape())));
  }
  tensorflow::TensorProto proto;
  if (!proto.ParseFromString(serialized.strings()[0])) {
    return context.Error("Could not parse `serialized` as TensorProto");
  }
  absl::StatusOr<Tensor> tensor = TensorFromProto(proto);
  if (!tensor.ok()) {
    return context.Error(
        absl::StrCat("Could not parse `serialized` as TensorProto: ", tensor.status().message()));
  }
  if (tensor->dtype() != *out_type) {
    return context.Error(absl::StrCat("Type mismatch between parsed tensor (",
                                      DataTypeName(tensor->dtype()), ") and dtype (",
                                      DataTypeName(*out_type), ")"));
  }
  context.set_output(0, *std::move(tensor));
  return absl::OkStatus();
}

absl::Status ComputeSerializeTensor(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& tensor = context.input(0);
  tensorflow::TensorProto proto;
  proto.set_dtype(tensor.dtype());
  for (int64_t dim : tensor.shape()) proto.mutable_tensor_shape()->add_dim()->set_size(dim);
  if (tensor.dtype() == tensorflow::DT_STRING) {
    for (const std::string& value : tensor.strings()) proto.add_string_val(value);
  } else if (DataTypeSize(tensor.dtype()) > 0) {
    proto.set_tensor_content(static_cast<const char*>(tensor.raw_data()),
                             static_cast<size_t>(tensor.byte_size()));
  } else {
    return context.Error(
        absl::StrCat("SerializeTensor cannot serialize ", DataTypeName(tensor.dtype())));
  }
  context.set_output(0, Tensor::Strings({}, {proto.SerializeAsString()}));
  return absl::OkStatus();
}

REGISTER_KERNEL("ParseTensor", ComputeParseTensor);
REGISTER_KERNEL("SerializeTensor", ComputeSerializeTensor);

}  // namespace
}  // namespace tfjs::runtime
