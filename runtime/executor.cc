#include "runtime/executor.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "runtime/allocation_limit.h"
#include "runtime/node_profiler.h"

namespace tfjs::runtime {

absl::StatusOr<std::shared_ptr<const Executor::Plan>> Executor::GetPlan(
    absl::Span<const std::pair<Endpoint, Tensor>> feeds, absl::Span<const Endpoint> fetches) const {
  std::string key;
  for (const auto& [endpoint, tensor] : feeds) absl::StrAppend(&key, endpoint.node, ",");
  key += "|";
  for (const Endpoint& endpoint : fetches) absl::StrAppend(&key, endpoint.node, ",");
  {
    absl::MutexLock lock(&mutex_);
    auto it = plans_.find(key);
    if (it != plans_.end()) return it->second;
  }
  std::vector<bool> fed(graph_.nodes().size(), false);
  for (const auto& [endpoint, tensor] : feeds) fed[endpoint.node] = true;
  absl::StatusOr<Plan> plan = MakePlan(fed, fetches);
  if (!plan.ok()) return plan.status();
  auto shared = std::make_shared<const Plan>(*std::move(plan));
  absl::MutexLock lock(&mutex_);
  plans_.emplace(key, shared);
  return shared;
}

absl::StatusOr<Executor::Plan> Executor::MakePlan(const std::vector<bool>& fed,
                                                  absl::Span<const Endpoint> fetches) const {
  const std::vector<Node>& nodes = graph_.nodes();
  enum State : char { kUnvisited, kVisiting, kDone };
  std::vector<State> state(nodes.size(), kUnvisited);
  Plan plan;
  plan.readers.assign(nodes.size(), 0);
  std::vector<int> order;

  // Iterative depth-first search from the fetches; a node is appended once its inputs are.
  std::vector<std::pair<int, size_t>> stack;
  for (const Endpoint& fetch : fetches) {
    ++plan.readers[fetch.node];
    if (state[fetch.node] != kUnvisited) continue;
    stack.emplace_back(fetch.node, 0);
    state[fetch.node] = kVisiting;
    while (!stack.empty()) {
      auto& [index, next] = stack.back();
      const Node& node = nodes[index];
      const size_t data_count = fed[index] ? 0 : node.inputs.size();
      const size_t total = fed[index] ? 0 : data_count + node.control_inputs.size();
      if (next == total) {
        state[index] = kDone;
        order.push_back(index);
        stack.pop_back();
        continue;
      }
      const int input = next < data_count ? node.inputs[next].node
                                          : node.control_inputs[next - data_count];
      ++next;
      if (state[input] == kVisiting) {
        return absl::UnimplementedError(absl::StrCat(
            "node '", node.name, "' is part of a cycle (", node.def->op(),
            "): loops need ExecuteAsync"));
      }
      if (state[input] == kUnvisited) {
        state[input] = kVisiting;
        stack.emplace_back(input, 0);
      }
    }
  }
  for (int index : order) {
    if (nodes[index].is_placeholder && !fed[index]) {
      return absl::InvalidArgumentError(absl::StrCat(
          "input '", nodes[index].name, "' is needed for the requested outputs but was "
          "not provided"));
    }
  }
  plan.steps = ScheduleSteps(order, fed, fetches);
  for (const Step& step : plan.steps) {
    if (step.kernel == nullptr) continue;
    for (const Endpoint& input : nodes[step.node].inputs) ++plan.readers[input.node];
  }
  return plan;
}

std::vector<Executor::Step> Executor::ScheduleSteps(const std::vector<int>& order,
                                                    const std::vector<bool>& fed,
                                                    absl::Span<const Endpoint> fetches) const {
  const std::vector<Node>& nodes = graph_.nodes();
  std::vector<bool> planned(nodes.size(), false);
  for (int index : order) planned[index] = true;
  std::vector<bool> fetched(nodes.size(), false);
  for (const Endpoint& fetch : fetches) fetched[fetch.node] = true;
  // Nodes a taken fusion computes; and per producer, the node its fusion outputs as.
  std::vector<bool> absorbed(nodes.size(), false);
  std::vector<int> fused_output(nodes.size(), -1);
  for (int index : order) {
    const Node::Fusion* fusion = nodes[index].fusion.get();
    // A node inside another fusion's chain runs there (order is topological: its producer came
    // first).
    if (fusion == nullptr || absorbed[index] || fed[index] || fetched[index]) continue;
    bool usable = true;
    for (size_t i = 0; i < fusion->absorbed.size(); ++i) {
      const int member = fusion->absorbed[i];
      const bool last = i + 1 == fusion->absorbed.size();
      usable &= planned[member] && !fed[member] && (last || !fetched[member]);
    }
    if (!usable) continue;
    for (int member : fusion->absorbed) absorbed[member] = true;
    fused_output[index] = fusion->absorbed.back();
  }
  std::vector<Step> steps;
  steps.reserve(order.size());
  for (int index : order) {
    if (absorbed[index]) continue;
    const Node& node = nodes[index];
    Step step{index, fed[index] ? nullptr : node.kernel.get(), index};
    if (fused_output[index] >= 0) {
      step.kernel = node.fusion->kernel.get();
      step.output = fused_output[index];
    }
    steps.push_back(step);
  }
  return steps;
}

absl::StatusOr<std::vector<Tensor>> Executor::Run(
    absl::Span<const std::pair<Endpoint, Tensor>> feeds, absl::Span<const Endpoint> fetches,
    pthreadpool_t threadpool) const {
  absl::StatusOr<std::shared_ptr<const Plan>> plan = GetPlan(feeds, fetches);
  if (!plan.ok()) return plan.status();
  std::unique_ptr<BufferArena> arena = (*plan)->arenas->Take();
  absl::StatusOr<std::vector<Tensor>> results;
  {
    BufferArena::Scope scope(arena.get());
    results = RunPlan(**plan, feeds, fetches, threadpool);
  }
  // The results' buffers leave the arena here, so they never alias a later run's tensors.
  arena->EndRun();
  (*plan)->arenas->Return(std::move(arena));
  return results;
}

ArenaStats Executor::arena_stats() const {
  absl::MutexLock lock(&mutex_);
  ArenaStats total;
  for (const auto& [key, plan] : plans_) {
    const ArenaStats stats = plan->arenas->stats();
    total.peak_live_bytes = std::max(total.peak_live_bytes, stats.peak_live_bytes);
    total.held_bytes = std::max(total.held_bytes, stats.held_bytes);
    total.system_allocations += stats.system_allocations;
  }
  return total;
}

absl::StatusOr<std::vector<Tensor>> Executor::RunPlan(
    const Plan& plan, absl::Span<const std::pair<Endpoint, Tensor>> feeds,
    absl::Span<const Endpoint> fetches, pthreadpool_t threadpool) const {
  const std::vector<Node>& nodes = graph_.nodes();

  std::vector<std::vector<Tensor>> values(nodes.size());
  std::vector<bool> fed(nodes.size(), false);
  for (const auto& [endpoint, tensor] : feeds) {
    auto& outputs = values[endpoint.node];
    if (static_cast<int>(outputs.size()) <= endpoint.output) outputs.resize(endpoint.output + 1);
    outputs[endpoint.output] = tensor;
    fed[endpoint.node] = true;
  }
  bool exact_non_finite = false;
  for (const auto& [endpoint, tensor] : feeds) exact_non_finite |= HasNonFinite(tensor);
  std::vector<int> readers = plan.readers;
  std::vector<Tensor> inputs;

  for (const Step& step : plan.steps) {
    if (fed[step.node]) continue;
    const Node& node = nodes[step.node];
    if (node.is_constant) {
      values[step.node] = {graph_.constant(step.node)};
      continue;
    }
    inputs.clear();
    for (const Endpoint& input : node.inputs) {
      const auto& produced = values[input.node];
      if (input.output >= static_cast<int>(produced.size()) ||
          !produced[input.output].is_valid()) {
        return absl::InternalError(absl::StrCat("node '", node.name, "' reads output ",
                                                input.output, " of '", nodes[input.node].name,
                                                "', which did not produce it"));
      }
      inputs.push_back(produced[input.output]);
    }
    // Release inputs whose last reader this is, so kernels may reuse their buffers in place.
    for (const Endpoint& input : node.inputs) {
      if (--readers[input.node] == 0) values[input.node].clear();
    }
    OpContext context(*node.def, inputs, &values[step.output], threadpool, exact_non_finite);
    absl::Status status;
    {
      NodeProfiler::Timer timer(*node.def);
      status = ComputeNode(*step.kernel, context);
    }
    if (!status.ok()) return status;
  }

  std::vector<Tensor> results;
  results.reserve(fetches.size());
  for (const Endpoint& fetch : fetches) {
    if (nodes[fetch.node].is_constant && graph_.constant_released(fetch.node) &&
        !fed[fetch.node] && fetch.output == 0) {
      absl::StatusOr<Tensor> constant = graph_.ReadConstant(fetch.node);
      if (!constant.ok()) return constant.status();
      results.push_back(*std::move(constant));
      continue;
    }
    const auto& produced = values[fetch.node];
    if (fetch.output >= static_cast<int>(produced.size()) || !produced[fetch.output].is_valid()) {
      return absl::InvalidArgumentError(absl::StrCat("node '", nodes[fetch.node].name,
                                                     "' has no output ", fetch.output));
    }
    results.push_back(produced[fetch.output]);
  }
  return results;
}

}  // namespace tfjs::runtime
