#include "runtime/graph.h"

#include <algorithm>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ops/op_table.h"
#include "runtime/declared_dtype.h"
#include "runtime/tensor_proto.h"

namespace tfjs::runtime {

absl::StatusOr<std::unique_ptr<Graph>> Graph::Build(
    tensorflow::GraphDef graph_def, absl::flat_hash_map<std::string, Tensor> weights,
    const tensorflow::FunctionDefLibrary* library) {
  std::unique_ptr<Graph> graph(new Graph());
  graph->graph_def_ = std::move(graph_def);
  graph->library_ = library != nullptr ? library : &graph->graph_def_.library();
  if (absl::Status status = graph->Index(); !status.ok()) return status;
  if (absl::Status status = graph->BuildKernels(std::move(weights)); !status.ok()) return status;
  return graph;
}

absl::StatusOr<Endpoint> Graph::Resolve(absl::string_view tensor_name) const {
  absl::string_view name = tensor_name;
  int output = 0;
  const size_t colon = tensor_name.rfind(':');
  if (colon != absl::string_view::npos &&
      absl::SimpleAtoi(tensor_name.substr(colon + 1), &output)) {
    name = tensor_name.substr(0, colon);
  }
  auto it = node_index_.find(name);
  if (it == node_index_.end() || output < 0) {
    return absl::NotFoundError(absl::StrCat("the graph has no tensor '", tensor_name, "'"));
  }
  return Endpoint{it->second, output};
}

absl::Status Graph::Index() {
  const int count = graph_def_.node_size();
  nodes_.resize(count);
  for (int i = 0; i < count; ++i) {
    const tensorflow::NodeDef& def = graph_def_.node(i);
    if (!node_index_.emplace(def.name(), i).second) {
      return absl::InvalidArgumentError(absl::StrCat("two nodes are named '", def.name(), "'"));
    }
    nodes_[i].def = &def;
  }
  for (Node& node : nodes_) {
    for (const std::string& input : node.def->input()) {
      if (!input.empty() && input[0] == '^') {
        auto it = node_index_.find(absl::string_view(input).substr(1));
        if (it == node_index_.end()) {
          return absl::InvalidArgumentError(absl::StrCat("node '", node.def->name(),
                                                         "' has a control input from missing node '",
                                                         input.substr(1), "'"));
        }
        node.control_inputs.push_back(it->second);
        continue;
      }
      absl::StatusOr<Endpoint> endpoint = Resolve(input);
      if (!endpoint.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "node '", node.def->name(), "' reads missing input '", input, "'"));
      }
      node.inputs.push_back(*endpoint);
    }
  }
  return absl::OkStatus();
}

absl::Status Graph::BuildKernels(absl::flat_hash_map<std::string, Tensor> weights) {
  // Constants first, so kernels can see (and pack) constant inputs whatever the node order.
  for (Node& node : nodes_) {
    const tensorflow::NodeDef& def = *node.def;
    node.is_placeholder = def.op() == "Placeholder";
    node.is_constant = def.op() == "Const";
    if (!node.is_constant) continue;
    auto weight = weights.find(def.name());
    if (weight != weights.end()) {
      auto dtype = def.attr().find("dtype");
      absl::StatusOr<Tensor> constant = ToDeclaredDtype(
          std::move(weight->second),
          dtype == def.attr().end() ? tensorflow::DT_INVALID : dtype->second.type());
      if (!constant.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("Const node '", def.name(), "': ", constant.status().message()));
      }
      node.constant = *std::move(constant);
      continue;
    }
    auto value = def.attr().find("value");
    if (value == def.attr().end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("Const node '", def.name(), "' has neither a weight nor a value"));
    }
    absl::StatusOr<Tensor> constant = TensorFromProto(value->second.tensor());
    if (!constant.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("Const node '", def.name(), "': ", constant.status().message()));
    }
    node.constant = *std::move(constant);
  }

  // Every op without a kernel, with the nodes that use it, is reported at once.
  std::map<std::string, std::vector<std::string>> missing;
  for (Node& node : nodes_) {
    if (node.is_placeholder || node.is_constant) continue;
    const tensorflow::NodeDef& def = *node.def;
    const KernelFactory* factory = FindKernel(def.op());
    const ops::OpDef* op_def = ops::FindOp(def.op());
    if (factory == nullptr || op_def == nullptr) {
      missing[def.op()].push_back(def.name());
      continue;
    }
    KernelBuildContext context{def, *op_def, NodeAttrs(def, op_def), {}, *library_};
    for (const Endpoint& input : node.inputs) {
      const Node& producer = nodes_[input.node];
      context.constant_inputs.push_back(producer.is_constant ? &producer.constant : nullptr);
    }
    absl::StatusOr<std::unique_ptr<Kernel>> kernel = (*factory)(context);
    if (!kernel.ok()) return kernel.status();
    node.kernel = *std::move(kernel);
  }
  if (!missing.empty()) {
    std::vector<std::string> lines;
    for (const auto& [op, names] : missing) {
      lines.push_back(absl::StrCat(op, " (", absl::StrJoin(names, ", "), ")"));
    }
    return absl::UnimplementedError(
        absl::StrCat("no kernel for these ops: ", absl::StrJoin(lines, "; ")));
  }
  return absl::OkStatus();
}

}  // namespace tfjs::runtime
