// MapVariablesToCheckpointKeys: finds the checkpoint key of each variable by following the
// SavedModel's restore op the way TF's loader runs it.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_RESTORE_PATH_H_
#define TFJS_NATIVE_CONVERTER_PASSES_RESTORE_PATH_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// `graph` has its function calls inlined. From `restore_op_name` (SaverDef.restore_op_name) the
// walk visits every node the op depends on; each Assign / AssignVariableOp found there whose
// value comes (through Identity) from output k of a RestoreV2 ties its variable (VariableV2 or
// VarHandleOp, through Identity) to tensor_names[k]. Returns variable node name -> key.
absl::StatusOr<absl::flat_hash_map<std::string, std::string>> MapVariablesToCheckpointKeys(
    const tensorflow::GraphDef& graph, const std::string& restore_op_name);

// True for the ops that hold a variable: VariableV2, Variable, VarHandleOp.
bool IsVariableOp(const std::string& op);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_RESTORE_PATH_H_
