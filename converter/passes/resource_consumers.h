// RewriteResourceConsumers: once resource variables are Consts, makes every op that took their
// handles take the values, at the top level and inside the functions of control flow.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_RESOURCE_CONSUMERS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_RESOURCE_CONSUMERS_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "proto/graph.pb.h"
#include "proto/tensor.pb.h"

namespace tfjs::converter {

struct FrozenResource {
  tensorflow::DataType dtype = tensorflow::DT_INVALID;
  tensorflow::TensorShapeProto shape;
};

// `frozen` maps the names of former VarHandleOp nodes, now Consts, to their values' types.
// Handles reach consumers through resource-typed Identity / Enter nodes, which are retyped to
// the value's dtype. ReadVariableOp becomes Identity and ResourceGather becomes GatherV2.
// While / If (and their stateless forms) and function calls inside their bodies take the value
// instead of the handle: their functions are cloned with the argument retyped and rewritten the
// same way. Any other op taking a frozen handle is an Unimplemented error naming it.
absl::Status RewriteResourceConsumers(const absl::flat_hash_map<std::string, FrozenResource>& frozen,
                                      tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_RESOURCE_CONSUMERS_H_
