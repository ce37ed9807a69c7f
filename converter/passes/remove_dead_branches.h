// RemoveDeadBranches: resolves TF1 conds (Switch/Merge) whose predicate is a Const, keeping only
// the branch taken, as Grappler's constant folding does. TF.js must not see such a cond: it
// treats the untaken branch's Consts as live and its Merge may return them.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_REMOVE_DEAD_BRANCHES_H_
#define TFJS_NATIVE_CONVERTER_PASSES_REMOVE_DEAD_BRANCHES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// A Switch whose predicate is a bool scalar Const (possibly through identities) outputs a dead
// tensor on its untaken side; deadness spreads as in TensorFlow (through data and control
// edges; a Merge is dead only when all its inputs are). Dead nodes are removed, readers of the
// Switch's taken output read its data input instead, and a Merge left with one live input
// becomes an Identity of it (its value_index output a Const). Nothing changes when a node named
// in `keep` would die or deadness would reach a loop (Enter, Exit, NextIteration, LoopCond).
// Returns whether the graph changed.
absl::StatusOr<bool> RemoveDeadBranches(const std::vector<std::string>& keep,
                                        tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_REMOVE_DEAD_BRANCHES_H_
