#include "converter/passes/optimize.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/add_to_bias_add.h"
#include "converter/passes/fold_batch_norms.h"
#include "converter/passes/fold_constants.h"
#include "converter/passes/fuse_contractions.h"
#include "converter/passes/function_body_graph.h"
#include "converter/passes/fuse_prelu.h"
#include "converter/passes/prune_graph.h"
#include "converter/passes/remove_control_edges.h"
#include "converter/passes/remove_dead_branches.h"
#include "converter/passes/remove_identities.h"
#include "converter/passes/separate_signature_outputs.h"

namespace tfjs::converter {
namespace {

// Folding a cond can make more constants, which can make another cond's predicate constant;
// real graphs settle in two or three rounds.
constexpr int kMaxFoldingRounds = 8;

// Weights held by reference up to this size are read before the passes, so that folding and
// fusion see their values (biases, batch-norm parameters, PReLU alphas, small tables).
constexpr int64_t kReadSmallWeightBytes = 1 << 20;

absl::Status InPass(absl::string_view pass, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(pass, ": ", status.message()));
}

bool IsBatchNorm(const std::string& op) {
  return op == "FusedBatchNorm" || op == "FusedBatchNormV2" || op == "FusedBatchNormV3" ||
         op == "BatchNormWithGlobalNormalization";
}

// Reads the values of the referenced weights the passes rewrite or may fold: small ones, the
// inputs of batch norms, and the filters of the convolutions and MatMuls batch norms follow
// (batch-norm folding rescales those). Others stay references for the writer to copy.
absl::Status MaterializeWeightsPassesRead(FrozenModel& model) {
  if (model.external_weights.empty()) return absl::OkStatus();
  absl::flat_hash_map<std::string, tensorflow::NodeDef*> by_name;
  for (tensorflow::NodeDef& node : *model.graph.mutable_node()) by_name[node.name()] = &node;
  auto producer = [&](const std::string& input) -> tensorflow::NodeDef* {
    if (input.empty() || input[0] == '^') return nullptr;
    auto it = by_name.find(input.substr(0, input.find(':')));
    return it == by_name.end() ? nullptr : it->second;
  };
  // The node behind `input`, looking through Identity chains (bounded against cycles).
  auto through_identities = [&](const std::string& input) {
    tensorflow::NodeDef* node = producer(input);
    for (int hops = 0; node != nullptr && node->op() == "Identity" && hops < 64; ++hops) {
      node = node->input_size() > 0 ? producer(node->input(0)) : nullptr;
    }
    return node;
  };
  std::vector<tensorflow::NodeDef*> wanted;
  for (tensorflow::NodeDef& node : *model.graph.mutable_node()) {
    auto entry = model.external_weights.find(node.name());
    if (entry != model.external_weights.end() && entry->second.size <= static_cast<uint64_t>(kReadSmallWeightBytes)) {
      wanted.push_back(&node);
    }
    if (!IsBatchNorm(node.op())) continue;
    for (const std::string& input : node.input()) wanted.push_back(through_identities(input));
    tensorflow::NodeDef* contraction = node.input_size() > 0 ? producer(node.input(0)) : nullptr;
    while (contraction != nullptr && contraction->input_size() > 0 &&
           (contraction->op() == "Identity" || contraction->op() == "BiasAdd" ||
            contraction->op() == "Add" || contraction->op() == "AddV2")) {
      contraction = producer(contraction->input(0));
    }
    if (contraction != nullptr && contraction->input_size() > 1) {
      wanted.push_back(through_identities(contraction->input(1)));
    }
  }
  for (tensorflow::NodeDef* node : wanted) {
    if (node == nullptr || node->op() != "Const") continue;
    if (absl::Status status = MaterializeConst(&model, node); !status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RunOptimizationPasses(FrozenModel& model) {
  SeparateSignatureOutputs(&model.signature, &model.graph);
  std::vector<std::string> keep;
  for (const auto& [key, info] : model.signature.inputs()) keep.push_back(info.name());
  for (const auto& [key, info] : model.signature.outputs()) keep.push_back(info.name());
  keep.insert(keep.end(), model.output_nodes.begin(), model.output_nodes.end());
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    if (node.op() == "Placeholder") keep.push_back(node.name());
  }
  if (absl::Status status = MaterializeWeightsPassesRead(model); !status.ok()) return status;
  if (absl::Status status = OptimizeGraph(keep, &model.graph); !status.ok()) return status;
  return OptimizeFunctionBodies(&model.graph);
}

absl::Status OptimizeGraph(const std::vector<std::string>& keep, tensorflow::GraphDef* graph) {
  for (int round = 0; round < kMaxFoldingRounds; ++round) {
    absl::StatusOr<bool> folded = FoldConstants(keep, graph);
    if (!folded.ok()) return InPass("constant folding", folded.status());
    absl::StatusOr<bool> resolved = RemoveDeadBranches(keep, graph);
    if (!resolved.ok()) return InPass("dead branch removal", resolved.status());
    if (!*folded && !*resolved) break;
  }
  RemoveIdentities(keep, graph);
  RemoveNeedlessControlEdges(graph);
  // The rewrites tensorflowjs_converter's optimize_graph makes after Grappler's folding.
  FoldBatchNorms(keep, graph);
  ConvertAddToBiasAdd(graph);
  FusePrelu(keep, graph);
  FuseContractions(keep, graph);
  if (absl::Status status = PruneGraph(keep, graph); !status.ok()) {
    return InPass("pruning", status);
  }
  return absl::OkStatus();
}

absl::Status OptimizeFunctionBodies(tensorflow::GraphDef* graph) {
  if (!graph->has_library()) return absl::OkStatus();
  // Rewriting a body changes no signature, which is all FromFunction reads of other functions.
  const tensorflow::FunctionDefLibrary& library = graph->library();
  for (tensorflow::FunctionDef& function : *graph->mutable_library()->mutable_function()) {
    absl::StatusOr<FunctionBodyGraph> body = FunctionBodyGraph::FromFunction(function, library);
    if (body.status().code() == absl::StatusCode::kUnimplemented) continue;
    if (!body.ok()) return body.status();
    absl::Status status = OptimizeGraph(body->Keep(), &body->graph());
    if (status.ok()) status = body->WriteBack(&function);
    if (!status.ok()) {
      return absl::Status(status.code(), absl::StrCat("in function '", function.signature().name(),
                                                      "': ", status.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
