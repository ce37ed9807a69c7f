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
  const Constant& constant = constants_[constant_slot_[index]];
  if (!constant.released) return constant.value;
  absl::StatusOr<Tensor> value = constant.reader();
  if (!value.ok()) {
    return absl::Status(value.status().code(),
                        absl::StrCat("reading Const node '", nodes_[index].name,
                                     "' again: ", value.status().message()));
  }
  return value;
}

int64_t Graph::constant_bytes() const {
  int64_t total = 0;
  for (const Constant& constant : constants_) total += constant.bytes;
  return total;
}

int64_t Graph::resident_constant_bytes() const {
  int64_t total = 0;
  for (const Constant& constant : constants_) {
    if (!constant.released) total += constant.bytes;
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
    if (!nodes_[i].is_constant) continue;
    Constant& constant = constants_[constant_slot_[i]];
    if (constant.reader == nullptr || packed_readers[i] == 0 || other_readers[i] > 0) continue;
    absl::StatusOr<Tensor> placeholder = Tensor::Allocate(constant.value.dtype(), {0});
    if (!placeholder.ok()) continue;
    constant.value = *std::move(placeholder);
    constant.released = true;
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
  // The nodes leave the GraphDef (ReleaseLast keeps heap messages where they are).
  defs_.resize(count);
  for (int i = count - 1; i >= 0; --i) defs_[i].reset(graph_def_.mutable_node()->ReleaseLast());
  size_t name_bytes = 0;
  size_t data_edges = 0;
  size_t control_edges = 0;
  for (const auto& def : defs_) {
    name_bytes += def->name().size();
    for (const std::string& input : def->input()) {
      ++(!input.empty() && input[0] == '^' ? control_edges : data_edges);
    }
  }
  // Reserved in full, so the views into them stay valid as they fill.
  names_.reserve(name_bytes);
  input_edges_.reserve(data_edges);
  control_edges_.reserve(control_edges);
  nodes_.resize(count);
  node_index_.reserve(count);
  for (int i = 0; i < count; ++i) {
    const std::string& name = defs_[i]->name();
    nodes_[i].name = absl::string_view(names_.data() + names_.size(), name.size());
    names_.append(name);
    nodes_[i].def = defs_[i].get();
    if (!node_index_.emplace(nodes_[i].name, i).second) {
      return absl::InvalidArgumentError(absl::StrCat("two nodes are named '", name, "'"));
    }
  }
  for (int i = 0; i < count; ++i) {
    Node& node = nodes_[i];
    const size_t first_input = input_edges_.size();
    const size_t first_control = control_edges_.size();
    for (const std::string& input : node.def->input()) {
      if (!input.empty() && input[0] == '^') {
        auto it = node_index_.find(absl::string_view(input).substr(1));
        if (it == node_index_.end()) {
          return absl::InvalidArgumentError(absl::StrCat("node '", node.name,
                                                         "' has a control input from missing node '",
                                                         input.substr(1), "'"));
        }
        control_edges_.push_back(it->second);
        continue;
      }
      absl::StatusOr<Endpoint> endpoint = Resolve(input);
      if (!endpoint.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("node '", node.name, "' reads missing input '", input, "'"));
      }
      input_edges_.push_back(*endpoint);
    }
    node.inputs = absl::MakeConstSpan(input_edges_).subspan(first_input);
    node.control_inputs = absl::MakeConstSpan(control_edges_).subspan(first_control);
    // Resolved: the names' strings go (a swap with an empty field frees them; Clear keeps them).
    google::protobuf::RepeatedPtrField<std::string> resolved;
    defs_[i]->mutable_input()->Swap(&resolved);
  }
  return absl::OkStatus();
}

KernelBuildContext Graph::MakeBuildContext(Node& node, const ops::OpDef& op_def) const {
  const tensorflow::NodeDef& def = *node.def;
  KernelBuildContext context{def, op_def, NodeAttrs(def, &op_def), {}, *library_};
  for (const Endpoint& input : node.inputs) {
    const Node& producer = nodes_[input.node];
    context.constant_inputs.push_back(
        producer.is_constant ? &constants_[constant_slot_[input.node]].value : nullptr);
  }
  context.read_constant_input = [this, &node](int index) -> absl::StatusOr<Tensor> {
    if (index < 0 || index >= static_cast<int>(node.inputs.size()) ||
        !nodes_[node.inputs[index].node].is_constant) {
      return absl::FailedPreconditionError(absl::StrCat(
          "node '", node.name, "': input ", index, " is not a constant"));
    }
    return ReadConstant(node.inputs[index].node);
  };
  return context;
}

absl::Status Graph::BuildKernels(absl::flat_hash_map<std::string, Tensor> weights,
                                 absl::flat_hash_map<std::string, WeightReader> weight_readers) {
  constant_slot_.assign(nodes_.size(), -1);
  for (Node& node : nodes_) {
    // PlaceholderV2 is Placeholder's deprecated twin (same attrs), bound the same way.
    node.is_placeholder = node.def->op() == "Placeholder" || node.def->op() == "PlaceholderV2";
    node.is_constant = node.def->op() == "Const";
  }
  // Constants first, so kernels can see (and pack) constant inputs whatever the node order.
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node& node = nodes_[i];
    if (!node.is_constant) continue;
    tensorflow::NodeDef& def = *defs_[i];
    constant_slot_[i] = static_cast<int>(constants_.size());
    Constant& constant = constants_.emplace_back();
    auto weight = weights.find(node.name);
    if (weight != weights.end()) {
      auto dtype = def.attr().find("dtype");
      const DataType declared =
          dtype == def.attr().end() ? tensorflow::DT_INVALID : dtype->second.type();
      absl::StatusOr<Tensor> value = ToDeclaredDtype(std::move(weight->second), declared);
      if (!value.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("Const node '", node.name, "': ", value.status().message()));
      }
      constant.value = *std::move(value);
      if (auto reader = weight_readers.find(node.name); reader != weight_readers.end()) {
        constant.reader = [read = std::move(reader->second),
                           declared]() -> absl::StatusOr<Tensor> {
          absl::StatusOr<Tensor> value = read();
          if (!value.ok()) return value.status();
          return ToDeclaredDtype(*std::move(value), declared);
        };
      }
    } else {
      auto value = def.mutable_attr()->find("value");
      if (value == def.mutable_attr()->end()) {
        return absl::InvalidArgumentError(
            absl::StrCat("Const node '", node.name, "' has neither a weight nor a value"));
      }
      absl::StatusOr<Tensor> decoded = TensorFromProto(value->second.tensor());
      if (!decoded.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("Const node '", node.name, "': ", decoded.status().message()));
      }
      constant.value = *std::move(decoded);
      // The proto outlives the node's definition, for the reader.
      std::shared_ptr<const tensorflow::TensorProto> proto(value->second.release_tensor());
      constant.reader = [proto] { return TensorFromProto(*proto); };
    }
    constant.bytes = ConstantBytes(constant.value);
    // The value is decoded: the definition goes.
    node.def = nullptr;
    defs_[i].reset();
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
