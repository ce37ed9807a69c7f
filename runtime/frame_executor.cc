#include "runtime/frame_executor.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "runtime/allocation_limit.h"
#include "runtime/node_profiler.h"

namespace tfjs::runtime {
namespace {

// Where a value lives: the chain of loop frames (with their iteration) from the outermost in.
// The root context is the empty chain.
struct Frame {
  std::string name;
  int64_t iteration = 0;
};

class Context {
 public:
  Context() = default;

  Context Enter(const std::string& frame_name) const {
    Context child = *this;
    child.frames_.push_back({frame_name, 0});
    child.UpdateIds();
    return child;
  }
  absl::StatusOr<Context> Exit() const {
    if (frames_.empty()) return absl::InvalidArgumentError("Exit outside of any loop frame");
    Context parent = *this;
    parent.frames_.pop_back();
    parent.UpdateIds();
    return parent;
  }
  absl::StatusOr<Context> NextIteration() const {
    if (frames_.empty()) {
      return absl::InvalidArgumentError("NextIteration outside of any loop frame");
    }
    Context next = *this;
    ++next.frames_.back().iteration;
    next.UpdateIds();
    return next;
  }
  // Names one loop: its frame within one enclosing context, shared by all its iterations. Only
  // for contexts inside a frame.
  std::string LoopKey() const { return absl::StrCat(ids_[1], "|", frames_.back().name); }
  // This context's id, then its enclosing contexts' ids, out to the root's "".
  const std::vector<std::string>& ids() const { return ids_; }
  const std::string& id() const { return ids_.front(); }
  bool frames_empty() const { return frames_.empty(); }

 private:
  void UpdateIds() {
    ids_.clear();
    for (size_t depth = frames_.size(); depth > 0; --depth) {
      std::string id;
      for (size_t i = 0; i < depth; ++i) {
        absl::StrAppend(&id, i ? "/" : "", frames_[i].name, "-", frames_[i].iteration);
      }
      ids_.push_back(std::move(id));
    }
    ids_.push_back("");
  }

  std::vector<Frame> frames_;
  std::vector<std::string> ids_ = {""};
};

// The values of one Run: each node's outputs per context.
class ValueStore {
 public:
  void Put(int node, const std::string& context_id, std::vector<Tensor> outputs) {
    values_[Key(node, context_id)] = std::move(outputs);
  }
  // The node's outputs as seen from `context`: its own, else the nearest enclosing context's.
  const std::vector<Tensor>* Find(int node, const Context& context) const {
    for (const std::string& id : context.ids()) {
      auto it = values_.find(Key(node, id));
      if (it != values_.end()) return &it->second;
    }
    return nullptr;
  }
  // The value of `endpoint`, or nullptr when it is missing or dead (an untaken branch).
  const Tensor* FindValue(const Endpoint& endpoint, const Context& context) const {
    const std::vector<Tensor>* outputs = Find(endpoint.node, context);
    if (outputs == nullptr || endpoint.output >= static_cast<int>(outputs->size())) return nullptr;
    const Tensor& tensor = (*outputs)[endpoint.output];
    return tensor.is_valid() ? &tensor : nullptr;
  }

 private:
  static std::string Key(int node, const std::string& context_id) {
    return absl::StrCat(node, "@", context_id);
  }
  absl::flat_hash_map<std::string, std::vector<Tensor>> values_;
};

}  // namespace

FrameExecutor::FrameExecutor(const Graph& graph)
    : graph_(graph), readers_(graph.nodes().size()) {
  const std::vector<Node>& nodes = graph.nodes();
  for (size_t i = 0; i < nodes.size(); ++i) {
    absl::flat_hash_set<int> inputs;
    for (const Endpoint& input : nodes[i].inputs) inputs.insert(input.node);
    for (int input : nodes[i].control_inputs) inputs.insert(input);
    for (int input : inputs) readers_[input].push_back(static_cast<int>(i));
  }
}

absl::StatusOr<std::vector<Tensor>> FrameExecutor::Run(
    absl::Span<const std::pair<Endpoint, Tensor>> feeds, absl::Span<const Endpoint> fetches,
    pthreadpool_t threadpool) const {
  std::unique_ptr<BufferArena> arena = arenas_.Take();
  absl::StatusOr<std::vector<Tensor>> results;
  {
    BufferArena::Scope scope(arena.get());
    results = RunFrames(feeds, fetches, threadpool);
  }
  arena->EndRun();  // The results leave the arena.
  arenas_.Return(std::move(arena));
  return results;
}

absl::StatusOr<std::vector<Tensor>> FrameExecutor::RunFrames(
    absl::Span<const std::pair<Endpoint, Tensor>> feeds, absl::Span<const Endpoint> fetches,
    pthreadpool_t threadpool) const {
  bool exact_non_finite = false;
  for (const auto& [endpoint, tensor] : feeds) exact_non_finite |= HasNonFinite(tensor);
  const std::vector<Node>& nodes = graph_.nodes();
  std::vector<bool> fed(nodes.size(), false);
  for (const auto& [endpoint, tensor] : feeds) fed[endpoint.node] = true;

  // The nodes the fetches need, walking back from them and stopping at fed nodes.
  std::vector<bool> used(nodes.size(), false);
  std::vector<int> pending;
  for (const Endpoint& fetch : fetches) pending.push_back(fetch.node);
  while (!pending.empty()) {
    const int index = pending.back();
    pending.pop_back();
    if (used[index]) continue;
    used[index] = true;
    if (fed[index]) continue;
    for (const Endpoint& input : nodes[index].inputs) pending.push_back(input.node);
    for (int input : nodes[index].control_inputs) pending.push_back(input);
  }

  ValueStore values;
  struct Item {
    int node;
    Context context;
  };
  std::vector<Item> stack;
  absl::flat_hash_set<std::string> scheduled;
  const Context root;
  // Per loop (Context::LoopKey): the iterations started so far, and the loop-invariant Enters
  // done, whose values every iteration reads from the enclosing context. An invariant that
  // completes late reaches the iterations already started; an iteration that starts late (every
  // one after the first; in nested loops, every run of the inner loop) gets the invariants done.
  absl::flat_hash_map<std::string, std::vector<Context>> iterations;
  absl::flat_hash_map<std::string, std::vector<int>> invariants;
  absl::flat_hash_set<std::string> started;

  // Schedules the readers of `node` that became ready in `context`.
  auto schedule_readers = [&](int node, const Context& context) {
    for (int reader : readers_[node]) {
      if (!used[reader] || fed[reader]) continue;
      const std::string key = absl::StrCat(reader, "@", context.id());
      if (scheduled.contains(key)) continue;
      const Node& candidate = nodes[reader];
      const bool any = candidate.kernel != nullptr && candidate.kernel->RunsOnAnyInput();
      bool ready = !any;
      for (const Endpoint& input : candidate.inputs) {
        const bool available = values.FindValue(input, context) != nullptr;
        if (any && available) ready = true;
        if (!any && !available) ready = false;
      }
      // A Merge fires on its first live data input without waiting for its control inputs, as in
      // TF.js: those from an untaken branch never arrive, since dead nodes never run here.
      for (int input : candidate.control_inputs) {
        if (!any && values.Find(input, context) == nullptr) ready = false;
      }
      if (!ready) continue;
      scheduled.insert(key);
      stack.push_back({reader, context});
    }
  };
  // Records a context a transition led to; a new iteration gets the loop's invariants.
  auto start_iteration = [&](const Context& context) {
    if (context.frames_empty() || !started.insert(context.id()).second) return;
    const std::string key = context.LoopKey();
    iterations[key].push_back(context);
    for (int enter : invariants[key]) schedule_readers(enter, context);
  };

  for (const auto& [endpoint, tensor] : feeds) {
    std::vector<Tensor> outputs(endpoint.output + 1);
    outputs[endpoint.output] = tensor;
    values.Put(endpoint.node, root.id(), std::move(outputs));
  }
  for (const auto& [endpoint, tensor] : feeds) schedule_readers(endpoint.node, root);
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (used[i] && !fed[i] && nodes[i].inputs.empty() && nodes[i].control_inputs.empty()) {
      if (nodes[i].is_placeholder) {
        return absl::InvalidArgumentError(absl::StrCat(
            "input '", nodes[i].name,
            "' is needed for the requested outputs but was not provided"));
      }
      stack.push_back({static_cast<int>(i), root});
      scheduled.insert(absl::StrCat(i, "@"));
    }
  }

  std::vector<Tensor> inputs;
  while (!stack.empty()) {
    Item item = std::move(stack.back());
    stack.pop_back();
    const Node& node = nodes[item.node];
    std::vector<Tensor> outputs;
    if (node.is_constant) {
      outputs = {graph_.constant(item.node)};
    } else {
      inputs.clear();
      for (const Endpoint& input : node.inputs) {
        const Tensor* value = values.FindValue(input, item.context);
        inputs.push_back(value != nullptr ? *value : Tensor());
      }
      OpContext context(*node.def, inputs, &outputs, threadpool, exact_non_finite);
      absl::Status status;
      {
        NodeProfiler::Timer timer(*node.def);
        status = ComputeNode(*node.kernel, context);
      }
      if (!status.ok()) return status;
      const FrameTransition& transition = context.frame_transition();
      Context output_context = item.context;
      switch (transition.kind) {
        case FrameTransition::Kind::kNone:
          break;
        case FrameTransition::Kind::kEnter:
          output_context = item.context.Enter(transition.frame_name);
          break;
        case FrameTransition::Kind::kExit:
        case FrameTransition::Kind::kNextIteration: {
          absl::StatusOr<Context> moved = transition.kind == FrameTransition::Kind::kExit
                                              ? item.context.Exit()
                                              : item.context.NextIteration();
          if (!moved.ok()) return context.Error(moved.status().message());
          output_context = *std::move(moved);
          break;
        }
      }
      if (transition.kind == FrameTransition::Kind::kEnter && transition.is_constant) {
        // Stored in the enclosing context so every iteration of the loop sees it.
        values.Put(item.node, item.context.id(), std::move(outputs));
        start_iteration(output_context);
        const std::string key = output_context.LoopKey();
        invariants[key].push_back(item.node);
        for (const Context& iteration : iterations[key]) schedule_readers(item.node, iteration);
        continue;
      }
      if (transition.kind != FrameTransition::Kind::kNone) {
        values.Put(item.node, output_context.id(), std::move(outputs));
        start_iteration(output_context);
        schedule_readers(item.node, output_context);
        continue;
      }
    }
    values.Put(item.node, item.context.id(), std::move(outputs));
    schedule_readers(item.node, item.context);
  }

  std::vector<Tensor> results;
  for (const Endpoint& fetch : fetches) {
    if (nodes[fetch.node].is_constant && graph_.constant_released(fetch.node) &&
        !fed[fetch.node] && fetch.output == 0) {
      absl::StatusOr<Tensor> constant = graph_.ReadConstant(fetch.node);
      if (!constant.ok()) return constant.status();
      results.push_back(*std::move(constant));
      continue;
    }
    const Tensor* value = values.FindValue(fetch, root);
    if (value == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "output ", fetch.output, " of node '", nodes[fetch.node].name,
          "' was not computed (its inputs are on an untaken branch or never became ready)"));
    }
    results.push_back(*value);
  }
  return results;
}

}  // namespace tfjs::runtime
