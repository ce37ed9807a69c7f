// Decodes a TensorFlow TensorProto (a Const node's value) into a runtime Tensor, and encodes a
// Tensor as one.
#ifndef TFJS_NATIVE_RUNTIME_TENSOR_PROTO_H_
#define TFJS_NATIVE_RUNTIME_TENSOR_PROTO_H_

#include "absl/status/statusor.h"
#include "proto/tensor.pb.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {

// Handles tensor_content and every typed *_val field, including TF's shorthand of one value
// repeated to fill the shape.
absl::StatusOr<Tensor> TensorFromProto(const tensorflow::TensorProto& proto);

// TF's Tensor::AsProtoTensorContent: fixed-size elements in tensor_content, strings in
// string_val, variants in variant_val (each value's TypeName and Encode, tensors encoded the same
// way). Resource handles name a TF process's device and resource manager, which this runtime
// does not have: InvalidArgument.
absl::StatusOr<tensorflow::TensorProto> TensorToProto(const Tensor& tensor);

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_TENSOR_PROTO_H_
