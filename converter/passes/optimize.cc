#include "converter/passes/optimize.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/fold_constants.h"
#include "converter/passes/prune_graph.h"
#include "converter/passes/remove_control_edges.h"
#include "converter/passes/remove_dead_branches.h"
#include "converter/passes/remove_identities.h"

namespace tfjs::converter {
namespace {

// Folding a cond can make more constants, which can make another cond's predicate constant;
// real graphs settle in two or three rounds.
constexpr int kMaxFoldingRounds = 8;

absl::Status InPass(absl::string_view pass, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(pass, ": ", status.message()));
}

}  // namespace

absl::Status RunOptimizationPasses(FrozenModel& model) {
  std::vector<std::string> keep;
  for (const auto& [key, info] : model.signature.inputs()) keep.push_back(info.name());
  for (const auto& [key, info] : model.signature.outputs()) keep.push_back(info.name());
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    if (node.op() == "Placeholder") keep.push_back(node.name());
  }
  tensorflow::GraphDef& graph = model.graph;
  for (int round = 0; round < kMaxFoldingRounds; ++round) {
    absl::StatusOr<bool> folded = FoldConstants(keep, &graph);
    if (!folded.ok()) return InPass("constant folding", folded.status());
    absl::StatusOr<bool> resolved = RemoveDeadBranches(keep, &graph);
    if (!resolved.ok()) return InPass("dead branch removal", resolved.status());
    if (!*folded && !*resolved) break;
  }
  RemoveIdentities(keep, &graph);
  RemoveNeedlessControlEdges(&graph);
  if (absl::Status status = PruneGraph(keep, &graph); !status.ok()) {
    return InPass("pruning", status);
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
