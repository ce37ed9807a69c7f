// Const NodeDefs from runtime tensors: how folding passes write the values they computed back
// into a GraphDef.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_CONSTANT_NODE_H_
#define TFJS_NATIVE_CONVERTER_PASSES_CONSTANT_NODE_H_

#include <string>

#include "absl/status/statusor.h"
#include "proto/graph.pb.h"
#include "proto/tensor.pb.h"
#include "runtime/tensor.h"

namespace tfjs::converter {

// Fixed-size dtypes go to tensor_content (little-endian, as TF writes it), strings to
// string_val. Fails for resources and variants, which have no TensorProto value.
absl::StatusOr<tensorflow::TensorProto> TensorToProto(const runtime::Tensor& tensor);

// A Const node called `name` holding `tensor`, on `device`.
absl::StatusOr<tensorflow::NodeDef> MakeConstNode(const std::string& name,
                                                  const std::string& device,
                                                  const runtime::Tensor& tensor);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_CONSTANT_NODE_H_
