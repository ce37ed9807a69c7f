// ParseTensor (a serialized TensorProto to its tensor, which must have out_type) and
// SerializeTensor (a tensor to a TensorProto, as TF's AsProtoTensorContent writes it).
#include "absl/strings/str_cat.h"
#include "proto/tensor.pb.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
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
  absl::StatusOr<tensorflow::TensorProto> proto = TensorToProto(context.input(0));
  if (!proto.ok()) return context.Error(proto.status().message());
  context.set_output(0, Tensor::Strings({}, {proto->SerializeAsString()}));
  return absl::OkStatus();
}

REGISTER_KERNEL("ParseTensor", ComputeParseTensor);
REGISTER_KERNEL("SerializeTensor", ComputeSerializeTensor,
                {{"T", dtypes::Join({dtypes::PodString(), {tensorflow::DT_VARIANT}})}});

}  // namespace
}  // namespace tfjs::runtime
