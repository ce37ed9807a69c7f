#include "converter/passes/fold_constants.h"

#include <map>
#include <optional>
#include <set>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/constant_node.h"
#include "converter/passes/op_kinds.h"
#include "converter/passes/static_shapes.h"
#include "converter/passes/tensor_name.h"
#include "converter/passes/topological_order.h"
#include "google/protobuf/descriptor.h"
#include "runtime/executor.h"
#include "runtime/graph.h"
#include "runtime/kernel.h"
#include "runtime/tensor_proto.h"

namespace tfjs::converter {
namespace {

using runtime::Tensor;
// Output `second` of the node at index `first` of the GraphDef.
using Output = std::pair<int, int>;

bool IsFoldableOp(const tensorflow::NodeDef& node) {
  if (IsControlFlowOp(node.op()) || HasSideEffectsOrRandomness(node.op())) return false;
  if (runtime::FindKernel(node.op()) == nullptr) return false;
  for (const auto& [name, value] : node.attr()) {
    if (value.has_func() || value.list().func_size() > 0) return false;
  }
  return true;
}

// Dtypes a folded Const may have: what TF.js holds, plus float64 and int64, which the writer
// narrows as tensorflowjs_converter does.
bool IsWritableDtype(runtime::DataType dtype) {
  switch (dtype) {
    case tensorflow::DT_FLOAT:
    case tensorflow::DT_DOUBLE:
    case tensorflow::DT_INT32:
    case tensorflow::DT_INT64:
    case tensorflow::DT_BOOL:
    case tensorflow::DT_STRING:
    case tensorflow::DT_COMPLEX64:
      return true;
    default:
      return false;
  }
}

int64_t TensorBytes(const Tensor& tensor) {
  if (tensor.dtype() != tensorflow::DT_STRING) return tensor.byte_size();
  int64_t bytes = 0;
  for (const std::string& value : tensor.strings()) bytes += value.size();
  return bytes;
}

// The size of a Const's value when the GraphDef itself holds it (in tensor_content or a typed
// *_val field); nullopt when the value is stored elsewhere or missing.
std::optional<int64_t> InlineValueBytes(const tensorflow::NodeDef& node) {
  auto value = node.attr().find("value");
  if (value == node.attr().end() || !value->second.has_tensor()) return std::nullopt;
  const tensorflow::TensorProto& tensor = value->second.tensor();
  if (tensor.tensor_shape().unknown_rank()) return std::nullopt;
  int64_t count = 1;
  for (const auto& dim : tensor.tensor_shape().dim()) count *= dim.size();
  if (count < 0) return std::nullopt;
  const int64_t element_bytes = std::max<int64_t>(1, DataTypeSize(tensor.dtype()));
  if (count == 0 || !tensor.tensor_content().empty()) return count * element_bytes;
  const google::protobuf::Reflection* reflection = tensor.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(tensor, &fields);
  for (const google::protobuf::FieldDescriptor* field : fields) {
    if (field->is_repeated() && absl::EndsWith(field->name(), "_val")) {
      return count * element_bytes;
    }
  }
  return std::nullopt;
}

// Shape, Size or Rank of a statically known shape, as the op would compute it.
std::optional<Tensor> ShapeFact(const tensorflow::NodeDef& node, const StaticShape& shape) {
  runtime::DataType out_type = tensorflow::DT_INT32;
  if (auto it = node.attr().find("out_type"); it != node.attr().end()) {
    out_type = it->second.type();
  }
  if (out_type != tensorflow::DT_INT32 && out_type != tensorflow::DT_INT64) return std::nullopt;
  std::vector<int64_t> values;
  runtime::Shape tensor_shape;
  if (node.op() == "Rank") {
    out_type = tensorflow::DT_INT32;
    values.push_back(static_cast<int64_t>(shape.dims.size()));
  } else if (!shape.IsFullyDefined()) {
    return std::nullopt;
  } else if (node.op() == "Shape") {
    values = shape.dims;
    tensor_shape.push_back(static_cast<int64_t>(values.size()));
  } else if (node.op() == "Size") {
    int64_t size = 1;
    for (int64_t dim : shape.dims) size *= dim;
    values.push_back(size);
  } else {
    return std::nullopt;
  }
  absl::StatusOr<Tensor> tensor = Tensor::Allocate(out_type, tensor_shape);
  if (!tensor.ok()) return std::nullopt;
  for (size_t i = 0; i < values.size(); ++i) {
    if (out_type == tensorflow::DT_INT32) {
      tensor->mutable_data<int32_t>()[i] = static_cast<int32_t>(values[i]);
    } else {
      tensor->mutable_data<int64_t>()[i] = values[i];
    }
  }
  return *std::move(tensor);
}

// A copy of `node` for evaluation: control inputs dropped (folded nodes only wait on other
// folded nodes, which the evaluation graph computes anyway).
tensorflow::NodeDef WithoutControlInputs(const tensorflow::NodeDef& node) {
  tensorflow::NodeDef copy = node;
  copy.clear_input();
  for (const std::string& input : node.input()) {
    if (!IsControlInput(input)) copy.add_input(input);
  }
  return copy;
}

// Runs `graph_def` with the runtime and returns the `fetches` ("node:k").
absl::StatusOr<std::vector<Tensor>> RunGraph(tensorflow::GraphDef graph_def,
                                             absl::flat_hash_map<std::string, Tensor> weights,
                                             const std::vector<std::string>& fetches) {
  absl::StatusOr<std::unique_ptr<runtime::Graph>> graph =
      runtime::Graph::Build(std::move(graph_def), std::move(weights));
  if (!graph.ok()) return graph.status();
  std::vector<runtime::Endpoint> endpoints;
  for (const std::string& fetch : fetches) {
    absl::StatusOr<runtime::Endpoint> endpoint = (*graph)->Resolve(fetch);
    if (!endpoint.ok()) return endpoint.status();
    endpoints.push_back(*endpoint);
  }
  runtime::Executor executor(**graph);
  return executor.Run({}, endpoints, /*threadpool=*/nullptr);
}

class ConstantFolder {
 public:
  ConstantFolder(const std::vector<std::string>& keep, tensorflow::GraphDef* graph,
                 const FoldConstantsOptions& options)
      : graph_(*graph), options_(options) {
    Index(keep);
  }

  absl::StatusOr<bool> Run();

 private:
  void Index(const std::vector<std::string>& keep);
  // Per node: whether its value is known before the model runs.
  std::vector<bool> ConstantNodes() const;
  // The outputs of constant nodes that nodes staying in the graph read (`materialized`), and
  // which nodes stay (`stays`): every non-constant or pinned node and the constant identities
  // and pinned nodes they read.
  void Plan(const std::vector<bool>& constant, std::map<int, std::set<int>>* materialized,
            std::vector<bool>* stays) const;
  // The values of `materialized`, computed in one run of the runtime. When that run fails, the
  // nodes that fail on their own are excluded and nullopt asks for another plan.
  absl::StatusOr<std::optional<std::map<Output, Tensor>>> Evaluate(
      const std::map<int, std::set<int>>& materialized);
  std::vector<bool> Ancestors(const std::vector<int>& nodes) const;
  // Runs each needed node alone, excluding those the runtime cannot compute; returns how many.
  int ExcludeFailingNodes(const std::vector<bool>& needed);
  // Pins the producers of values that must not become Consts; returns how many.
  int PinUnwritable(const std::map<Output, Tensor>& values);
  absl::StatusOr<bool> Rewrite(const std::vector<bool>& constant,
                               const std::map<int, std::set<int>>& materialized,
                               const std::vector<bool>& stays,
                               const std::map<Output, Tensor>& values);
  std::string UniqueName(const std::string& base);

  tensorflow::GraphDef& graph_;
  const FoldConstantsOptions options_;
  absl::flat_hash_map<std::string, int> index_;
  std::vector<int> order_;
  std::vector<bool> kept_;
  // Output indices of each node that some data input refers to.
  std::vector<std::set<int>> read_outputs_;
  // Shape/Size/Rank nodes whose value follows from a static shape.
  absl::flat_hash_map<int, Tensor> shape_facts_;
  // Nodes the runtime cannot compute: not constant.
  std::vector<bool> excluded_;
  // Constant nodes that stay as they are (kept names, values no Const may hold); what reads
  // them can still fold.
  std::vector<bool> pinned_;
  absl::flat_hash_set<std::string> names_;
};

void ConstantFolder::Index(const std::vector<std::string>& keep) {
  const int count = graph_.node_size();
  for (int i = 0; i < count; ++i) {
    index_.emplace(graph_.node(i).name(), i);
    names_.insert(graph_.node(i).name());
  }
  order_ = TopologicalOrder(graph_);
  kept_.assign(count, false);
  excluded_.assign(count, false);
  pinned_.assign(count, false);
  read_outputs_.resize(count);
  for (const tensorflow::NodeDef& node : graph_.node()) {
    for (const std::string& input : node.input()) {
      if (IsControlInput(input)) continue;
      const TensorName tensor = TensorName::Parse(input);
      if (auto it = index_.find(tensor.node); it != index_.end()) {
        read_outputs_[it->second].insert(tensor.output_index);
      }
    }
  }
  // Like Grappler, nodes to preserve are not folded: a fetch may read any of their outputs.
  // Their values still count as known, so what reads them can fold.
  for (const std::string& name : keep) {
    const TensorName tensor = TensorName::Parse(name);
    auto it = index_.find(tensor.node);
    if (it == index_.end()) continue;
    kept_[it->second] = true;
    pinned_[it->second] = graph_.node(it->second).op() != "Const";
  }
  std::vector<int> shape_ops;
  for (int i = 0; i < count; ++i) {
    const std::string& op = graph_.node(i).op();
    if (op == "Shape" || op == "Size" || op == "Rank") shape_ops.push_back(i);
  }
  // Static shapes only matter to Shape/Size/Rank nodes.
  if (shape_ops.empty()) return;
  const absl::flat_hash_map<std::string, StaticShape> shapes = InferStaticShapes(graph_);
  for (int i : shape_ops) {
    const tensorflow::NodeDef& node = graph_.node(i);
    if (node.input_size() == 0 || IsControlInput(node.input(0))) continue;
    const TensorName input = TensorName::Parse(node.input(0));
    auto shape = shapes.find(input.node);
    if (input.output_index != 0 || shape == shapes.end()) continue;
    if (std::optional<Tensor> fact = ShapeFact(node, shape->second); fact.has_value()) {
      shape_facts_.emplace(i, *std::move(fact));
    }
  }
}

std::vector<bool> ConstantFolder::ConstantNodes() const {
  std::vector<bool> constant(graph_.node_size(), false);
  for (int index : order_) {
    if (excluded_[index]) continue;
    const tensorflow::NodeDef& node = graph_.node(index);
    const bool is_fact = shape_facts_.contains(index);
    if (node.op() == "Const") {
      std::optional<int64_t> bytes = InlineValueBytes(node);
      if (!bytes.has_value() || *bytes > options_.max_constant_bytes) continue;
    } else if (!is_fact && !IsFoldableOp(node)) {
      continue;
    }
    bool inputs_constant = true;
    for (const std::string& input : node.input()) {
      if (is_fact && !IsControlInput(input)) continue;
      auto source = index_.find(InputNodeName(input));
      inputs_constant = inputs_constant && source != index_.end() && constant[source->second];
    }
    constant[index] = inputs_constant;
  }
  return constant;
}

void ConstantFolder::Plan(const std::vector<bool>& constant,
                          std::map<int, std::set<int>>* materialized,
                          std::vector<bool>* stays) const {
  const int count = graph_.node_size();
  stays->assign(count, false);
  std::vector<int> pending;
  for (int i = 0; i < count; ++i) {
    if (!constant[i] || pinned_[i]) {
      (*stays)[i] = true;
      pending.push_back(i);
    }
  }
  // What a staying node reads of a constant node: a Const as it is, an identity or a pinned
  // node by staying as well, anything else as a materialized value.
  auto read = [&](int source, int output) {
    const std::string& op = graph_.node(source).op();
    if (!constant[source] || op == "Const") return;
    if (IsIdentityOp(op) || pinned_[source]) {
      if (!(*stays)[source]) {
        (*stays)[source] = true;
        pending.push_back(source);
      }
      return;
    }
    (*materialized)[source].insert(output);
  };
  while (!pending.empty()) {
    const int index = pending.back();
    pending.pop_back();
    for (const std::string& input : graph_.node(index).input()) {
      if (IsControlInput(input)) continue;
      const TensorName tensor = TensorName::Parse(input);
      if (auto it = index_.find(tensor.node); it != index_.end()) {
        read(it->second, tensor.output_index);
      }
    }
  }
}

std::vector<bool> ConstantFolder::Ancestors(const std::vector<int>& nodes) const {
  std::vector<bool> reached(graph_.node_size(), false);
  std::vector<int> pending = nodes;
  for (int node : nodes) reached[node] = true;
  while (!pending.empty()) {
    const int index = pending.back();
    pending.pop_back();
    if (shape_facts_.contains(index)) continue;
    for (const std::string& input : graph_.node(index).input()) {
      if (IsControlInput(input)) continue;
      auto source = index_.find(InputNodeName(input));
      if (source != index_.end() && !reached[source->second]) {
        reached[source->second] = true;
        pending.push_back(source->second);
      }
    }
  }
  return reached;
}

absl::StatusOr<std::optional<std::map<Output, Tensor>>> ConstantFolder::Evaluate(
    const std::map<int, std::set<int>>& materialized) {
  std::vector<int> roots;
  std::vector<Output> outputs;
  std::vector<std::string> fetches;
  for (const auto& [node, indices] : materialized) {
    roots.push_back(node);
    for (int output : indices) {
      outputs.emplace_back(node, output);
      fetches.push_back(absl::StrCat(graph_.node(node).name(), ":", output));
    }
  }
  const std::vector<bool> needed = Ancestors(roots);
  tensorflow::GraphDef evaluation;
  absl::flat_hash_map<std::string, Tensor> weights;
  for (int index : order_) {
    if (!needed[index]) continue;
    const tensorflow::NodeDef& node = graph_.node(index);
    if (auto fact = shape_facts_.find(index); fact != shape_facts_.end()) {
      tensorflow::NodeDef* stub = evaluation.add_node();
      stub->set_name(node.name());
      stub->set_op("Const");
      weights.emplace(node.name(), fact->second);
      continue;
    }
    *evaluation.add_node() = WithoutControlInputs(node);
  }
  absl::StatusOr<std::vector<Tensor>> results =
      RunGraph(std::move(evaluation), std::move(weights), fetches);
  if (!results.ok()) {
    if (ExcludeFailingNodes(needed) == 0) return results.status();
    return std::nullopt;
  }
  std::map<Output, Tensor> values;
  for (size_t i = 0; i < outputs.size(); ++i) values.emplace(outputs[i], (*results)[i]);
  return values;
}

int ConstantFolder::ExcludeFailingNodes(const std::vector<bool>& needed) {
  std::map<Output, Tensor> values;
  int failed = 0;
  for (int index : order_) {
    if (!needed[index]) continue;
    const tensorflow::NodeDef& node = graph_.node(index);
    if (auto fact = shape_facts_.find(index); fact != shape_facts_.end()) {
      values.emplace(Output(index, 0), fact->second);
      continue;
    }
    if (node.op() == "Const") {
      absl::StatusOr<Tensor> value = runtime::TensorFromProto(node.attr().at("value").tensor());
      if (value.ok()) {
        values.emplace(Output(index, 0), *std::move(value));
      } else {
        excluded_[index] = true;
        ++failed;
      }
      continue;
    }
    // The node alone, reading its inputs' values from stand-in Consts.
    tensorflow::GraphDef single;
    absl::flat_hash_map<std::string, Tensor> weights;
    tensorflow::NodeDef* copy = single.add_node();
    *copy = WithoutControlInputs(node);
    bool inputs_known = true;
    for (int i = 0; i < copy->input_size(); ++i) {
      const TensorName tensor = TensorName::Parse(copy->input(i));
      auto value = values.find(Output(index_.at(tensor.node), tensor.output_index));
      if (value == values.end()) {
        inputs_known = false;
        break;
      }
      const std::string stub = absl::StrCat(node.name(), "/_fold_input_", i);
      tensorflow::NodeDef* stub_node = single.add_node();
      stub_node->set_name(stub);
      stub_node->set_op("Const");
      weights.emplace(stub, value->second);
      copy->set_input(i, stub);
    }
    // Nodes downstream of a failed one are not constant in the next plan anyway.
    if (!inputs_known) continue;
    std::vector<std::string> fetches;
    for (int output : read_outputs_[index]) {
      fetches.push_back(absl::StrCat(node.name(), ":", output));
    }
    absl::StatusOr<std::vector<Tensor>> results =
        RunGraph(std::move(single), std::move(weights), fetches);
    if (!results.ok()) {
      excluded_[index] = true;
      ++failed;
      continue;
    }
    int i = 0;
    for (int output : read_outputs_[index]) values.emplace(Output(index, output), (*results)[i++]);
  }
  return failed;
}

int ConstantFolder::PinUnwritable(const std::map<Output, Tensor>& values) {
  int rejected = 0;
  for (const auto& [output, tensor] : values) {
    const int node = output.first;
    if (pinned_[node]) continue;
    bool writable = IsWritableDtype(tensor.dtype());
    const int64_t bytes = TensorBytes(tensor);
    if (writable && bytes > options_.max_constant_bytes) {
      // Worth it only when the Consts it replaces are at least as big.
      int64_t source_bytes = 0;
      const std::vector<bool> ancestors = Ancestors({node});
      for (int i = 0; i < graph_.node_size(); ++i) {
        if (ancestors[i] && graph_.node(i).op() == "Const") {
          source_bytes += InlineValueBytes(graph_.node(i)).value_or(0);
        }
      }
      writable = bytes <= source_bytes;
    }
    if (!writable) {
      pinned_[node] = true;
      ++rejected;
    }
  }
  return rejected;
}

std::string ConstantFolder::UniqueName(const std::string& base) {
  std::string name = base;
  for (int suffix = 1; names_.contains(name); ++suffix) name = absl::StrCat(base, "_", suffix);
  names_.insert(name);
  return name;
}

absl::StatusOr<bool> ConstantFolder::Rewrite(const std::vector<bool>& constant,
                                             const std::map<int, std::set<int>>& materialized,
                                             const std::vector<bool>& stays,
                                             const std::map<Output, Tensor>& values) {
  const int count = graph_.node_size();
  bool changed = false;
  std::vector<bool> replaced(count, false);
  // Input strings of materialized outputs that move to a new Const.
  absl::flat_hash_map<std::string, std::string> moved;
  std::vector<tensorflow::NodeDef> added;
  for (const auto& [index, outputs] : materialized) {
    const tensorflow::NodeDef& node = graph_.node(index);
    const bool in_place = *outputs.rbegin() == 0;
    for (int output : outputs) {
      const std::string name =
          in_place ? node.name() : UniqueName(absl::StrCat(node.name(), "/folded_", output));
      absl::StatusOr<tensorflow::NodeDef> folded =
          MakeConstNode(name, node.device(), values.at(Output(index, output)));
      if (!folded.ok()) return folded.status();
      if (in_place) {
        *graph_.mutable_node(index) = *std::move(folded);
        replaced[index] = true;
      } else {
        moved.emplace(TensorName{node.name(), output, false}.ToInput(), name);
        added.push_back(*std::move(folded));
      }
    }
    changed = true;
  }
  // Nodes read the new Consts and no longer wait on constant nodes.
  for (int i = 0; i < count; ++i) {
    if (replaced[i]) continue;
    tensorflow::NodeDef* node = graph_.mutable_node(i);
    google::protobuf::RepeatedPtrField<std::string> inputs;
    for (const std::string& input : node->input()) {
      const TensorName tensor = TensorName::Parse(input);
      auto source = index_.find(tensor.node);
      if (tensor.is_control && source != index_.end() && constant[source->second]) {
        changed = true;
        continue;
      }
      auto it = moved.find(input);
      *inputs.Add() = it != moved.end() ? it->second : input;
    }
    node->mutable_input()->Swap(&inputs);
  }
  // Constant nodes that neither stay nor are read by what stays go.
  std::vector<bool> remains(count, false);
  for (int i = 0; i < count; ++i) remains[i] = !constant[i] || stays[i] || replaced[i] || kept_[i];
  std::vector<bool> removed(count, false);
  for (int i = 0; i < count; ++i) {
    if (!remains[i]) continue;
    for (const std::string& input : graph_.node(i).input()) {
      if (auto source = index_.find(InputNodeName(input)); source != index_.end()) {
        remains[source->second] = true;
      }
    }
  }
  for (int i = 0; i < count; ++i) {
    removed[i] = !remains[i];
    changed = changed || removed[i];
  }
  google::protobuf::RepeatedPtrField<tensorflow::NodeDef> nodes;
  for (int i = 0; i < count; ++i) {
    if (!removed[i]) *nodes.Add() = std::move(*graph_.mutable_node(i));
  }
  for (tensorflow::NodeDef& node : added) *nodes.Add() = std::move(node);
  graph_.mutable_node()->Swap(&nodes);
  return changed;
}

absl::StatusOr<bool> ConstantFolder::Run() {
  while (true) {
    const std::vector<bool> constant = ConstantNodes();
    std::map<int, std::set<int>> materialized;
    std::vector<bool> stays;
    Plan(constant, &materialized, &stays);
    std::map<Output, Tensor> values;
    if (!materialized.empty()) {
      absl::StatusOr<std::optional<std::map<Output, Tensor>>> evaluated = Evaluate(materialized);
      // The runtime fails on the whole but on no single node: leave the graph as it is.
      if (!evaluated.ok()) return false;
      if (!evaluated->has_value()) continue;
      values = **std::move(evaluated);
      if (PinUnwritable(values) > 0) continue;
    }
    return Rewrite(constant, materialized, stays, values);
  }
}

}  // namespace

absl::StatusOr<bool> FoldConstants(const std::vector<std::string>& keep,
                                   tensorflow::GraphDef* graph,
                                   const FoldConstantsOptions& options) {
  ConstantFolder folder(keep, graph, options);
  return folder.Run();
}

}  // namespace tfjs::converter
