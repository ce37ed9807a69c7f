#include "converter/passes/op_kinds.h"

#include "ops/op_table.h"

namespace tfjs::converter {

bool IsControlFlowOp(absl::string_view op) {
  const ops::OpDef* def = ops::FindOp(op);
  return def != nullptr && def->is_control_flow;
}

bool IsIdentityOp(absl::string_view op) {
  const ops::OpDef* def = ops::FindOp(op);
  return def != nullptr && def->forwards_inputs;
}

bool HasSideEffectsOrRandomness(absl::string_view op) {
  const ops::OpDef* def = ops::FindOp(op);
  if (def == nullptr) return true;
  return def->is_stateful || def->is_random || def->is_graph_input;
}

bool IsShapePreservingUnaryOp(absl::string_view op) {
  const ops::OpDef* def = ops::FindOp(op);
  return def != nullptr && def->shape_rule == ops::ShapeRule::kUnchanged;
}

bool IsBroadcastingBinaryOp(absl::string_view op) {
  const ops::OpDef* def = ops::FindOp(op);
  return def != nullptr && def->shape_rule == ops::ShapeRule::kBroadcastBinary;
}

}  // namespace tfjs::converter
