#include "runtime/function.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "ops/output_arg_index.h"

namespace tfjs::runtime {
namespace {

// Rewrites a body reference ("arg", "node:out_arg:k" or "^node") into graph form ("node:k").
absl::StatusOr<std::string> GraphInput(
    absl::string_view input, const absl::flat_hash_map<std::string, const tensorflow::NodeDef*>& nodes,
    const tensorflow::FunctionDefLibrary& library) {
  if (absl::StartsWith(input, "^") || !absl::StrContains(input, ':')) return std::string(input);
  absl::StatusOr<ops::BodyNodeOutput> output = ops::ResolveBodyOutput(input, nodes, library);
  if (!output.ok()) return output.status();
  return absl::StrCat(output->node, ":", output->index);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Function>> Function::Build(
    absl::string_view name, const tensorflow::FunctionDefLibrary& library) {
  const tensorflow::FunctionDef* definition = ops::FindLibraryFunction(library, name);
  auto error = [&](absl::string_view message) {
    return absl::InvalidArgumentError(absl::StrCat("function '", name, "': ", message));
  };
  if (definition == nullptr) return error("not in the graph's function library");

  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> nodes;
  for (const tensorflow::NodeDef& node : definition->node_def()) nodes[node.name()] = &node;

  tensorflow::GraphDef body;
  for (const tensorflow::OpDef::ArgDef& arg : definition->signature().input_arg()) {
    tensorflow::NodeDef* placeholder = body.add_node();
    placeholder->set_name(arg.name());
    placeholder->set_op("Placeholder");
  }
  for (const tensorflow::NodeDef& node : definition->node_def()) {
    tensorflow::NodeDef* copy = body.add_node();
    *copy = node;
    copy->clear_input();
    for (const std::string& input : node.input()) {
      absl::StatusOr<std::string> rewritten = GraphInput(input, nodes, library);
      if (!rewritten.ok()) return error(rewritten.status().message());
      copy->add_input(*rewritten);
    }
  }

  std::unique_ptr<Function> function(new Function());
  function->name_ = std::string(name);
  absl::StatusOr<std::unique_ptr<Graph>> graph = Graph::Build(std::move(body), {}, &library);
  if (!graph.ok()) return error(graph.status().message());
  function->graph_ = *std::move(graph);

  for (const tensorflow::OpDef::ArgDef& arg : definition->signature().input_arg()) {
    absl::StatusOr<Endpoint> endpoint = function->graph_->Resolve(arg.name());
    if (!endpoint.ok()) return error(endpoint.status().message());
    function->inputs_.push_back(*endpoint);
  }
  for (const tensorflow::OpDef::ArgDef& arg : definition->signature().output_arg()) {
    auto ret = definition->ret().find(arg.name());
    if (ret == definition->ret().end()) {
      return error(absl::StrCat("output '", arg.name(), "' has no return value"));
    }
    absl::StatusOr<std::string> tensor = GraphInput(ret->second, nodes, library);
    if (!tensor.ok()) return error(tensor.status().message());
    absl::StatusOr<Endpoint> endpoint = function->graph_->Resolve(*tensor);
    if (!endpoint.ok()) return error(endpoint.status().message());
    function->outputs_.push_back(*endpoint);
  }
  bool has_control_flow = false;
  for (const Node& node : function->graph_->nodes()) {
    has_control_flow |= node.kernel != nullptr && node.kernel->IsControlFlow();
  }
  if (has_control_flow) {
    function->frame_executor_ = std::make_unique<FrameExecutor>(*function->graph_);
  } else {
    function->executor_ = std::make_unique<Executor>(*function->graph_);
  }
  return function;
}

absl::StatusOr<std::vector<Tensor>> Function::Call(absl::Span<const Tensor> args,
                                                   pthreadpool_t threadpool) const {
  if (args.size() != inputs_.size()) {
    return absl::InvalidArgumentError(absl::StrCat("function '", name_, "' takes ",
                                                   inputs_.size(), " arguments, got ",
                                                   args.size()));
  }
  std::vector<std::pair<Endpoint, Tensor>> feeds;
  for (size_t i = 0; i < args.size(); ++i) feeds.emplace_back(inputs_[i], args[i]);
  if (frame_executor_ != nullptr) return frame_executor_->Run(feeds, outputs_, threadpool);
  return executor_->Run(feeds, outputs_, threadpool);
}

}  // namespace tfjs::runtime
