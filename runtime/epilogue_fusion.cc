// Epilogue fusion, a load-time rewrite of the compiled graph: a node whose output is read only
// by a pointwise node with an epilogue form (runtime/epilogue.h) is offered that epilogue, and
// the chain grows while the kernel takes the next reader's. An output read by two such chains
// that a product (Mul) joins is offered their gated step. Nothing here knows any op: op facts
// come from the op table (stateless, not control flow, output shaped as its inputs) and from the
// forms and kernels the kernel files register.
#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ops/op_table.h"
#include "runtime/epilogue.h"
#include "runtime/graph.h"

namespace tfjs::runtime {
namespace {

// True when a node of `op` computes each output element from the same element of its inputs
// (broadcast), with no state: what an epilogue may stand for. TF.js's own ops (Prelu) are not in
// TF's registry and their rows carry no shape rule: for them the registered form is the fact.
bool IsPointwiseOp(const ops::OpDef& op) {
  return !op.is_stateful && !op.is_random && !op.is_control_flow &&
         (op.shape_rule == ops::ShapeRule::kUnchanged ||
          op.shape_rule == ops::ShapeRule::kBroadcastBinary || !op.in_tf_registry);
}

// `steps` in order as one step (the identity for none), or nullopt when they do not compose.
std::optional<Epilogue> ComposeAll(const std::vector<Epilogue>& steps) {
  size_t channels = 1;
  for (const Epilogue& step : steps) {
    channels = std::max({channels, step.scale.size(), step.bias.size()});
  }
  Epilogue composed;
  for (const Epilogue& step : steps) {
    std::optional<Epilogue> next =
        ComposeEpilogues(composed, step, static_cast<int64_t>(channels));
    if (!next) return std::nullopt;
    composed = *std::move(next);
  }
  return composed;
}

}  // namespace

absl::Status Graph::FuseEpilogues() {
  const int count = static_cast<int>(nodes_.size());
  // Per node: the nodes reading it by data edges (once per edge), and whether anything reads an
  // output but 0 or waits on it by a control edge.
  std::vector<std::vector<int>> readers(count);
  std::vector<bool> pinned(count, false);
  for (int i = 0; i < count; ++i) {
    for (const Endpoint& input : nodes_[i].inputs) {
      readers[input.node].push_back(i);
      if (input.output != 0) pinned[input.node] = true;
    }
    for (int input : nodes_[i].control_inputs) pinned[input] = true;
  }

  // The epilogue node `reader` is of its input `input`, when it is one.
  auto form_of = [&](int reader, int input) -> std::optional<Epilogue> {
    Node& node = nodes_[reader];
    if (node.kernel == nullptr) return std::nullopt;
    const ops::OpDef* op_def = ops::FindOp(node.def->op());
    const EpilogueFormFunction form_function = FindEpilogueForm(node.def->op());
    if (op_def == nullptr || form_function == nullptr || !IsPointwiseOp(*op_def)) {
      return std::nullopt;
    }
    std::optional<EpilogueForm> form = form_function(MakeBuildContext(node, *op_def));
    if (!form || form->data_input >= static_cast<int>(node.inputs.size()) ||
        node.inputs[form->data_input].node != input) {
      return std::nullopt;
    }
    for (int i = 0; i < static_cast<int>(node.inputs.size()); ++i) {
      if (i != form->data_input && !nodes_[node.inputs[i].node].is_constant) return std::nullopt;
    }
    return std::move(form->epilogue);
  };

  // From `from`, read by `reader`: the chain of epilogue nodes that each alone read the one
  // before (unpinned), their steps, the chain's last node (or `from`), and its reader.
  struct Branch {
    std::vector<int> nodes;
    std::vector<Epilogue> steps;
    int end = -1;
    int next = -1;
  };
  auto follow = [&](int from, int reader) {
    Branch branch{{}, {}, from, reader};
    while (branch.next >= 0 && !pinned[branch.next]) {
      std::optional<Epilogue> step = form_of(branch.next, branch.end);
      if (!step) break;
      branch.nodes.push_back(branch.next);
      branch.steps.push_back(*std::move(step));
      branch.end = branch.next;
      branch.next = readers[branch.end].size() == 1 ? readers[branch.end][0] : -1;
    }
    return branch;
  };

  // Two chains from `tail` joined by a product node: their gated step and the nodes it takes
  // (the product last); nullopt when `tail`'s two readers are not that.
  struct Gated {
    Epilogue step;
    std::vector<int> nodes;
  };
  auto gated_of = [&](int tail) -> std::optional<Gated> {
    if (readers[tail].size() != 2) return std::nullopt;
    const Branch a = follow(tail, readers[tail][0]);
    const Branch b = follow(tail, readers[tail][1]);
    if (a.next < 0 || a.next != b.next || pinned[a.end] || pinned[b.end]) return std::nullopt;
    Node& product = nodes_[a.next];
    const ProductFormFunction form = FindProductForm(product.def->op());
    const ops::OpDef* op_def = ops::FindOp(product.def->op());
    if (product.kernel == nullptr || form == nullptr || op_def == nullptr ||
        !IsPointwiseOp(*op_def) || product.inputs.size() != 2 ||
        !form(MakeBuildContext(product, *op_def))) {
      return std::nullopt;
    }
    const int first = product.inputs[0].node, second = product.inputs[1].node;
    if (!((first == a.end && second == b.end) || (first == b.end && second == a.end))) {
      return std::nullopt;
    }
    std::optional<Epilogue> self = ComposeAll(a.steps);
    std::optional<Epilogue> gate = ComposeAll(b.steps);
    if (!self || !gate) return std::nullopt;
    Gated gated{*std::move(self), a.nodes};
    gated.step.gate = std::make_shared<const Epilogue>(*std::move(gate));
    gated.nodes.insert(gated.nodes.end(), b.nodes.begin(), b.nodes.end());
    gated.nodes.push_back(a.next);
    return gated;
  };

  for (int producer = 0; producer < count; ++producer) {
    Node& node = nodes_[producer];
    if (node.kernel == nullptr || node.kernel->IsControlFlow()) continue;
    std::unique_ptr<Kernel> fused;
    std::vector<int> absorbed;
    for (int tail = producer; !pinned[tail];) {
      Epilogue step;
      std::vector<int> taken;
      if (readers[tail].size() == 1) {
        std::optional<Epilogue> form = form_of(readers[tail][0], tail);
        if (!form) break;
        step = *std::move(form);
        taken = {readers[tail][0]};
      } else {
        std::optional<Gated> gated = gated_of(tail);
        if (!gated) break;
        step = std::move(gated->step);
        taken = std::move(gated->nodes);
      }
      const Kernel& current = fused != nullptr ? *fused : *node.kernel;
      absl::StatusOr<std::unique_ptr<Kernel>> next = current.WithEpilogue(step);
      if (!next.ok()) {
        const Node& last = nodes_[taken.back()];
        return absl::Status(next.status().code(),
                            absl::StrCat("fusing node '", last.def->name(), "' (", last.def->op(),
                                         ") into node '", node.def->name(),
                                         "': ", next.status().message()));
      }
      if (*next == nullptr) break;
      fused = *std::move(next);
      absorbed.insert(absorbed.end(), taken.begin(), taken.end());
      tail = taken.back();
    }
    if (fused == nullptr) continue;
    node.fusion = std::make_unique<Node::Fusion>();
    node.fusion->kernel = std::move(fused);
    node.fusion->absorbed = std::move(absorbed);
  }
  return absl::OkStatus();
}

}  // namespace tfjs::runtime
