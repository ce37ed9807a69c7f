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
namespace {

int64_t ConstantBytes(const Tensor& value) {
  if (value.dtype() != tensorflow::DT_STRING) return value.byte_size();
  int64_t total = 0;
  for (const std::string& string : value.strings()) total += string.size();
  return total;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Graph>> Graph::Build(
    tensorflow::GraphDef graph_def, absl::flat_hash_map<std::string, Tensor> weights,
    const tensorflow::FunctionDefLibrary* library,
    absl::flat_hash_map<std::string, WeightReader> weight_readers) {
  std::unique_ptr<Graph> graph(new Graph());
  graph->graph_def_ = std::move(graph_def);
  // mutable_library(): the graph's own library object even when it has no functions (library()
  // would be protobuf's shared default), so its address tells graphs apart for the kernels that
  // keep per-graph resources (KernelBuildContext::library).
  graph->library_ = library != nullptr ? library : graph->graph_def_.mutable_library();
  if (absl::Status status = graph->Index(); !status.ok()) return status;
  if (absl::Status status = graph->BuildKernels(std::move(weights), std::move(weight_readers));
      !status.ok()) {
    return status;
  }
  if (absl::Status status = graph->FuseEpilogues(); !status.ok()) return status;
  graph->ReleasePackedConstants();
  return graph;
}

absl::StatusOr<Tensor> Graph::ReadConstant(int index) const {
  const Node& node = nodes_[index];
  if (!node.constant_released) return node.constant;
  absl::StatusOr<Tensor> value = constant_readers_[index]();
  if (!value.ok()) {
    return absl::Status(value.status().code(),
                        absl::StrCat("reading Const node '", node.def->name(),
                                     "' again: ", value.status().message()));
  }
  return value;
}

int64_t Graph::resident_constant_bytes() const {
  int64_t total = 0;
  for (const Node& node : nodes_) {
    if (node.is_constant && !node.constant_released) total += node.constant_bytes;
  }
  return total;
}

void Graph::ReleasePackedConstants() {
  std::vector<int> packed_readers(nodes_.size(), 0);
  std::vector<int> other_readers(nodes_.size(), 0);
  for (const Node& node : nodes_) {
    std::vector<int> packed;
    if (node.kernel != nullptr) packed = node.kernel->PackedInputs();
    for (int i = 0; i < static_cast<int>(node.inputs.size()); ++i) {
      const bool is_packed = std::find(packed.begin(), packed.end(), i) != packed.end();
      ++(is_packed ? packed_readers : other_readers)[node.inputs[i].node];
    }
  }
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node& node = nodes_[i];
    if (!node.is_constant || constant_readers_[i] == nullptr || packed_readers[i] == 0 ||
        other_readers[i] > 0) {
      continue;
    }
    absl::StatusOr<Tensor> placeholder = Tensor::Allocate(node.constant.dtype(), {0});
    if (!placeholder.ok()) continue;
    node.constant = *std::move(placeholder);
    node.constant_released = true;
  }
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

KernelBuildContext Graph::MakeBuildContext(Node& node, const ops::OpDef& op_def) const {
  const tensorflow::NodeDef& def = *node.def;
  KernelBuildContext context{def, op_def, NodeAttrs(def, &op_def), {}, *library_};
  for (const Endpoint& input : node.inputs) {
    const Node& producer = nodes_[input.node];
    context.constant_inputs.push_back(producer.is_constant ? &producer.constant : nullptr);
  }
  context.read_constant_input = [this, &node](int index) -> absl::StatusOr<Tensor> {
    if (index < 0 || index >= static_cast<int>(node.inputs.size()) ||
        !nodes_[node.inputs[index].node].is_constant) {
      return absl::FailedPreconditionError(absl::StrCat(
          "node '", node.def->name(), "': input ", index, " is not a constant"));
    }
    return ReadConstant(node.inputs[index].node);
  };
  return context;
}

absl::Status Graph::BuildKernels(absl::flat_hash_map<std::string, Tensor> weights,
                                 absl::flat_hash_map<std::string, WeightReader> weight_readers) {
  constant_readers_.resize(nodes_.size());
  // Constants first, so kernels can see (and pack) constant inputs whatever the node order.
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node& node = nodes_[i];
    const tensorflow::NodeDef& def = *node.def;
    // PlaceholderV2 is Placeholder's deprecated twin (same attrs), bound the same way.
    node.is_placeholder = def.op() == "Placeholder" || def.op() == "PlaceholderV2";
    node.is_constant = def.op() == "Const";
    if (!node.is_constant) continue;
    auto weight = weights.find(def.name());
    if (weight != weights.end()) {
      auto dtype = def.attr().find("dtype");
      const DataType declared =
          dtype == def.attr().end() ? tensorflow::DT_INVALID : dtype->second.type();
      absl::StatusOr<Tensor> constant = ToDeclaredDtype(std::move(weight->second), declared);
      if (!constant.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("Const node '", def.name(), "': ", constant.status().message()));
      }
      node.constant = *std::move(constant);
      if (auto reader = weight_readers.find(def.name()); reader != weight_readers.end()) {
        constant_readers_[i] = [read = std::move(reader->second),
                                declared]() -> absl::StatusOr<Tensor> {
          absl::StatusOr<Tensor> value = read();
          if (!value.ok()) return value.status();
          return ToDeclaredDtype(*std::move(value), declared);
        };
      }
      node.constant_bytes = ConstantBytes(node.constant);
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
    node.constant_bytes = ConstantBytes(node.constant);
    // graph_def_ outlives the readers.
    constant_readers_[i] = [proto = &value->second.tensor()] { return TensorFromProto(*proto); };
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
    if (absl::Status status = CheckKernelDtypes(def, *op_def); !status.ok()) return status;
    absl::StatusOr<std::unique_ptr<Kernel>> kernel = (*factory)(MakeBuildContext(node, *op_def));
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
