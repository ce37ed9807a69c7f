// Which ops graph passes must treat specially: control flow, identities, ops with side effects
// or random results, and elementwise ops whose output shape follows their inputs'. Each reads
// the op's row in the op table (ops/op_table.h).
#ifndef TFJS_NATIVE_CONVERTER_PASSES_OP_KINDS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_OP_KINDS_H_

#include "absl/strings/string_view.h"

namespace tfjs::converter {

// TF1 control flow (Switch, Merge, Enter, Exit, NextIteration, LoopCond and their Ref forms,
// ControlTrigger) and the functional If/While/Case/For ops.
bool IsControlFlowOp(absl::string_view op);

// Ops that are the identity at inference: Identity, IdentityN, Snapshot, StopGradient, ...
bool IsIdentityOp(absl::string_view op);

// Ops whose result is not a function of their inputs, or that change state, so they must run
// when the model runs: TF's stateful ops (random ops, variables, resources, printing and
// assertions), placeholders, and ops the table does not know.
bool HasSideEffectsOrRandomness(absl::string_view op);

// Elementwise ops with one tensor input whose output has that input's shape.
bool IsShapePreservingUnaryOp(absl::string_view op);
// Elementwise ops of two inputs whose output has their broadcast shape.
bool IsBroadcastingBinaryOp(absl::string_view op);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_OP_KINDS_H_
