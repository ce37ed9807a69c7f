// FreezeVariables: turns variables into Const nodes holding (or referring to) their checkpoint
// values.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_FREEZE_VARIABLES_H_
#define TFJS_NATIVE_CONVERTER_PASSES_FREEZE_VARIABLES_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "converter/weight_source.h"
#include "proto/graph.pb.h"
#include "proto/tensor.pb.h"

namespace tfjs::converter {

// A variable's value as the checkpoint gives it: `tensor` always has dtype and shape, and holds
// the data unless `source` is set, in which case the bytes stay where `source` says.
struct CheckpointValue {
  tensorflow::TensorProto tensor;
  std::optional<WeightSource> source;
};

// Looks up the value stored under a checkpoint key.
using CheckpointValueReader =
    std::function<absl::StatusOr<CheckpointValue>(const std::string& key)>;

// Every VariableV2 / Variable / VarHandleOp node becomes a Const of the same name holding the
// value stored under its key, or, when `read` gives a source, a Const with dtype and shape only
// whose source is recorded in `external_weights` under the node name (FrozenModel's by-reference
// weights) (`variable_keys`, from MapVariablesToCheckpointKeys; a variable
// missing there is looked up under its own node name). The consumers of resource handles are
// then rewritten to take the values (see RewriteResourceConsumers). `read` is called only for
// the graph's variables. Run on a graph already pruned to its outputs, then prune again. Fails
// when a variable has no value or feeds an op that cannot take a constant in its place.
absl::Status FreezeVariables(const absl::flat_hash_map<std::string, std::string>& variable_keys,
                             const CheckpointValueReader& read, tensorflow::GraphDef* graph,
                             absl::flat_hash_map<std::string, WeightSource>* external_weights);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_FREEZE_VARIABLES_H_
