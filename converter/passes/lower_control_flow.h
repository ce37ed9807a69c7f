// LowerControlFlow: turns TF2 functional control flow (While, StatelessWhile, If, StatelessIf,
// Case, StatelessCase) into TF1 dataflow control flow (Switch, Merge, Enter, Exit,
// NextIteration, LoopCond) with the function bodies inlined, as tensorflowjs_converter gets from
// Grappler's lower_functional_ops unless --control_flow_v2 is given.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_LOWER_CONTROL_FLOW_H_
#define TFJS_NATIVE_CONVERTER_PASSES_LOWER_CONTROL_FLOW_H_

#include "absl/status/status.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// Lowers every control-flow node at the graph's top level, including those that inlining a
// lowered body brings there, until none is left; library functions nothing calls any more are
// removed. New nodes are named "<node>/<part>" after the lowered node `node`, which becomes an
// Identity / IdentityN of the results so that "node:k" keeps its meaning:
//   If:    Switch(pred, pred) -> pivots Identity(:1) / Identity(:0); each input through a Switch
//          on pred; both branches inlined (their source nodes wait on the pivot); one Merge per
//          output.
//   Case:  (TF.js has no _SwitchN, which Grappler lowers Case to) per branch j a bool
//          "is_j": index == j, for the last branch index < 0 || index > last - 1 (TF's Case
//          takes the last branch for an out-of-range index); then per branch a Switch on it
//          (pivot Identity of :1, inputs through Switches read at :1) into the inlined branch;
//          one Merge of all branches per output.
//   While: per loop variable Enter (frame = node name) -> Merge(enter, NextIteration) ->
//          Switch(merge, LoopCond(cond)) -> Exit(:0) and Identity(:1) into the inlined body,
//          whose results feed the NextIteration nodes.
// Nodes that cannot be lowered stay functional: If with a non-bool predicate or no outputs,
// Case without outputs or branches, While whose cond returns no bool. Errors on unknown
// functions and inlining failures (the graph is then left partly rewritten).
absl::Status LowerControlFlow(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_LOWER_CONTROL_FLOW_H_
