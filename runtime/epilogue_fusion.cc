// Epilogue fusion, a load-time rewrite of the compiled graph: a node whose output is read only
// by a pointwise node with an epilogue form (runtime/epilogue.h) is offered that epilogue, and
// the chain grows while the kernel takes the next reader's. Nothing here knows any op: op facts
// come from the op table (stateless, not control flow, output shaped as its inputs) and from the
// forms and kernels the kernel files register.
#include <vector>

#include "absl/strings/str_cat.h"
#include "ops/op_table.h"
#include "runtime/epilogue.h"
#include "runtime/graph.h"

namespace tfjs::runtime {
namespace {

// True when a node of `op` computes each output element from the same element of its inputs
// (broadcast), with no state: what an epilogue may stand for.
bool IsPointwiseOp(const ops::OpDef& op) {
  return !op.is_stateful && !op.is_random && !op.is_control_flow &&
         (op.shape_rule == ops::ShapeRule::kUnchanged ||
          op.shape_rule == ops::ShapeRule::kBroadcastBinary);
}

}  // namespace

absl::Status Graph::FuseEpilogues() {
  const int count = static_cast<int>(nodes_.size());
  // Per node: data edges leaving it, the last node they reach, and whether anything reads an
  // output but 0 or waits on it by a control edge.
  std::vector<int> data_readers(count, 0);
  std::vector<int> sole_reader(count, -1);
  std::vector<bool> pinned(count, false);
  for (int i = 0; i < count; ++i) {
    for (const Endpoint& input : nodes_[i].inputs) {
      ++data_readers[input.node];
      sole_reader[input.node] = i;
      if (input.output != 0) pinned[input.node] = true;
    }
    for (int input : nodes_[i].control_inputs) pinned[input] = true;
  }

  for (int producer = 0; producer < count; ++producer) {
    Node& node = nodes_[producer];
    if (node.kernel == nullptr || node.kernel->IsControlFlow()) continue;
    std::unique_ptr<Kernel> fused;
    std::vector<int> absorbed;
    for (int tail = producer; data_readers[tail] == 1 && !pinned[tail];) {
      const int reader = sole_reader[tail];
      Node& next = nodes_[reader];
      if (next.kernel == nullptr) break;
      const ops::OpDef* op_def = ops::FindOp(next.def->op());
      const EpilogueFormFunction form_function = FindEpilogueForm(next.def->op());
      if (op_def == nullptr || form_function == nullptr || !IsPointwiseOp(*op_def)) break;
      const std::optional<EpilogueForm> form = form_function(MakeBuildContext(next, *op_def));
      if (!form || form->data_input >= static_cast<int>(next.inputs.size()) ||
          next.inputs[form->data_input].node != tail) {
        break;
      }
      bool others_constant = true;
      for (int i = 0; i < static_cast<int>(next.inputs.size()); ++i) {
        if (i != form->data_input) others_constant &= nodes_[next.inputs[i].node].is_constant;
      }
      if (!others_constant) break;
      const Kernel& current = fused != nullptr ? *fused : *node.kernel;
      absl::StatusOr<std::unique_ptr<Kernel>> taken = current.WithEpilogue(form->epilogue);
      if (!taken.ok()) {
        return absl::Status(taken.status().code(),
                            absl::StrCat("fusing node '", next.def->name(), "' (", next.def->op(),
                                         ") into its input: ", taken.status().message()));
      }
      if (*taken == nullptr) break;
      fused = *std::move(taken);
      absorbed.push_back(reader);
      tail = reader;
    }
    if (fused == nullptr) continue;
    node.fusion = std::make_unique<Node::Fusion>();
    node.fusion->kernel = std::move(fused);
    node.fusion->absorbed = std::move(absorbed);
  }
  return absl::OkStatus();
}

}  // namespace tfjs::runtime
