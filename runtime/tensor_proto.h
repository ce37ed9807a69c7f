// Decodes a TensorFlow TensorProto (a Const node's value) into a runtime Tensor.
#ifndef TFJS_NATIVE_RUNTIME_TENSOR_PROTO_H_
#define TFJS_NATIVE_RUNTIME_TENSOR_PROTO_H_

#include "absl/status/statusor.h"
#include "proto/tensor.pb.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {

// Handles tensor_content and every typed *_val field, including TF's shorthand of one value
// repeated to fill the shape.
absl::StatusOr<Tensor> TensorFromProto(const tensorflow::TensorProto& proto);

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_TENSOR_PROTO_H_
