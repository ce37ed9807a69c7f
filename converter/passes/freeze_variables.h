// FreezeVariables: turns variables into Const nodes holding their checkpoint values.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_FREEZE_VARIABLES_H_
#define TFJS_NATIVE_CONVERTER_PASSES_FREEZE_VARIABLES_H_

#include <functional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "proto/graph.pb.h"
#include "proto/tensor.pb.h"

namespace tfjs::converter {

// Reads the value stored under a checkpoint key.
using CheckpointValueReader =
    std::function<absl::StatusOr<tensorflow::TensorProto>(const std::string& key)>;

// Every VariableV2 / Variable / VarHandleOp node becomes a Const of the same name holding the
// value stored under its key (`variable_keys`, from MapVariablesToCheckpointKeys; a variable
// missing there is looked up under its own node name). The consumers of resource handles are
// then rewritten to take the values (see RewriteResourceConsumers). `read` is called only for
// the graph's variables. Run on a graph already pruned to its outputs, then prune again. Fails
// when a variable has no value or feeds an op that cannot take a constant in its place.
absl::Status FreezeVariables(const absl::flat_hash_map<std::string, std::string>& variable_keys,
                             const CheckpointValueReader& read, tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_FREEZE_VARIABLES_H_
