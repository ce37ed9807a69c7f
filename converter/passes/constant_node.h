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

// A Const node called `name` holding `tensor` (as runtime::TensorToProto encodes it), on
// `device`. Fails for resources and variants, which cannot be Const values.
absl::StatusOr<tensorflow::NodeDef> MakeConstNode(const std::string& name,
                                                  const std::string& device,
                                                  const runtime::Tensor& tensor);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_CONSTANT_NODE_H_
