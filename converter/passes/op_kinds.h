// Which ops graph passes must treat specially: control flow, identities, ops with side effects
// or random results, and elementwise ops whose output shape follows their inputs'.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_OP_KINDS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_OP_KINDS_H_

#include "absl/strings/string_view.h"

namespace tfjs::converter {

// TF1 control flow (Switch, Merge, Enter, Exit, NextIteration, LoopCond and their Ref forms)
// and the functional If/While/Case ops.
bool IsControlFlowOp(absl::string_view op);

// Ops whose output k is their data input k: Identity, IdentityN, Snapshot, StopGradient.
bool IsIdentityOp(absl::string_view op);

// Ops whose result is not a function of their inputs, or that change state, so they must run
// when the model runs: random ops, variables, resources (tensor arrays and lists, hash tables),
// inputs, printing and assertions, NoOp.
bool HasSideEffectsOrRandomness(absl::string_view op);

// Elementwise ops with one tensor input whose output has that input's shape.
bool IsShapePreservingUnaryOp(absl::string_view op);
// Elementwise ops of two inputs whose output has their broadcast shape.
bool IsBroadcastingBinaryOp(absl::string_view op);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_OP_KINDS_H_
