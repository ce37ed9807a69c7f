// FoldConstants: computes, with the runtime's own kernels, every node whose value does not
// depend on the model's inputs, and replaces what the rest of the graph reads of them by Const
// nodes, as Grappler's constant folding does for tensorflowjs_converter.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_FOLD_CONSTANTS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_FOLD_CONSTANTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

struct FoldConstantsOptions {
  // Consts larger than this are not folded through (big weights stay as they are), and a folded
  // tensor larger than this is kept unfolded when it is also larger than the Consts it is
  // computed from.
  int64_t max_constant_bytes = 10 << 20;
};

// A node folds when all its inputs (data and control) are Consts with their value in the
// GraphDef or nodes that fold, its op has a runtime kernel, no side effects, no randomness and
// is not control flow; Shape, Size and Rank also fold when their input's shape is known
// statically (static_shapes.h). What reads a folded node reads a Const instead: one with the
// node's name when only its output 0 is read, else one "<node>/folded_<k>" per read output.
// Some nodes stay as they are and read folded inputs, while what reads them still folds:
// nodes named in `keep` ("node", "node:k"; Grappler preserves them too, as a fetch may read
// any of their outputs), identity-like nodes (never copied into new Consts), and nodes whose
// value is of a dtype TF.js cannot hold (after the writer's float64/int64 narrowing) or too
// large (see FoldConstantsOptions). Control edges from folded nodes are dropped, and folded
// nodes nothing reads any more are removed. A node the runtime fails to compute is left as it
// is. Returns whether the graph changed.
absl::StatusOr<bool> FoldConstants(const std::vector<std::string>& keep,
                                   tensorflow::GraphDef* graph,
                                   const FoldConstantsOptions& options = {});

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_FOLD_CONSTANTS_H_
