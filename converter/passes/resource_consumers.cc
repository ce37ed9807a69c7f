#include "converter/passes/resource_consumers.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "converter/passes/handled_ops.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

constexpr char kPass[] = "resource_consumers";

// Reads of a frozen resource variable, which become reads of its Const (freeze_variables runs
// this pass on the variables it froze).
REGISTER_HANDLED_OPS(kPass, {"ReadVariableOp", "ResourceGather"});

constexpr int kResourceInput = 0;
constexpr int kGatherIndicesInput = 1;

tensorflow::AttrValue TypeAttr(tensorflow::DataType type) {
  tensorflow::AttrValue value;
  value.set_type(type);
  return value;
}

std::string FirstDataInput(const tensorflow::NodeDef& node) {
  for (const std::string& input : node.input()) {
    if (!IsControlInput(input)) return input;
  }
  return "";
}

// Identity / Enter nodes that pass a resource handle along.
bool ForwardsResource(const tensorflow::NodeDef& node) {
  if (node.op() != "Identity" && node.op() != "Enter") return false;
  auto type = node.attr().find("T");
  return type != node.attr().end() && type->second.type() == tensorflow::DT_RESOURCE;
}

// Nodes of one scope (the graph, or a function body) and how inputs are spelled in it.
class Scope {
 public:
  virtual ~Scope() = default;
  virtual int size() const = 0;
  virtual tensorflow::NodeDef* node(int i) = 0;
  virtual tensorflow::NodeDef* AddNode() = 0;
  // How a consumer in this scope refers to output 0 of node `name`.
  virtual std::string OutputRef(const std::string& name) const = 0;
  // The frozen resource `input` carries, through resource forwarders, or nullptr.
  virtual const FrozenResource* Forwarded(absl::string_view input) const = 0;
  virtual std::string Describe() const = 0;
};

class GraphScope : public Scope {
 public:
  GraphScope(const absl::flat_hash_map<std::string, FrozenResource>& frozen,
             tensorflow::GraphDef* graph)
      : frozen_(frozen), graph_(graph) {
    for (const tensorflow::NodeDef& node : graph->node()) {
      if (ForwardsResource(node)) forwarders_.emplace(node.name(), &node);
    }
  }
  int size() const override { return graph_->node_size(); }
  tensorflow::NodeDef* node(int i) override { return graph_->mutable_node(i); }
  tensorflow::NodeDef* AddNode() override { return graph_->add_node(); }
  std::string OutputRef(const std::string& name) const override { return name; }
  std::string Describe() const override { return "the graph"; }

  const FrozenResource* Forwarded(absl::string_view input) const override {
    std::string name = InputNodeName(input);
    for (int step = 0; step <= size(); ++step) {
      auto variable = frozen_.find(name);
      if (variable != frozen_.end()) return &variable->second;
      auto forwarder = forwarders_.find(name);
      if (forwarder == forwarders_.end()) return nullptr;
      name = InputNodeName(FirstDataInput(*forwarder->second));
    }
    return nullptr;
  }

 private:
  const absl::flat_hash_map<std::string, FrozenResource>& frozen_;
  tensorflow::GraphDef* graph_;
  // Taken before rewriting: retyped forwarders still count as forwarders.
  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> forwarders_;
};

class FunctionScope : public Scope {
 public:
  FunctionScope(const absl::flat_hash_map<int, FrozenResource>& frozen_args,
                tensorflow::FunctionDef* function)
      : frozen_args_(frozen_args), function_(function) {
    const auto& args = function->signature().input_arg();
    for (int i = 0; i < args.size(); ++i) arg_indices_[args[i].name()] = i;
    for (const tensorflow::NodeDef& node : function->node_def()) {
      if (ForwardsResource(node)) forwarders_.emplace(node.name(), &node);
    }
  }
  int size() const override { return function_->node_def_size(); }
  tensorflow::NodeDef* node(int i) override { return function_->mutable_node_def(i); }
  tensorflow::NodeDef* AddNode() override { return function_->add_node_def(); }
  std::string OutputRef(const std::string& name) const override {
    return absl::StrCat(name, ":output:0");
  }
  std::string Describe() const override {
    return absl::StrCat("function '", function_->signature().name(), "'");
  }

  // Body inputs are "arg" or "node:out_arg:k".
  const FrozenResource* Forwarded(absl::string_view input) const override {
    std::string current(input);
    for (int step = 0; step <= size(); ++step) {
      if (IsControlInput(current)) return nullptr;
      std::vector<std::string> parts = absl::StrSplit(current, ':');
      auto arg = arg_indices_.find(parts[0]);
      if (arg != arg_indices_.end()) {
        auto frozen = frozen_args_.find(arg->second);
        return frozen == frozen_args_.end() ? nullptr : &frozen->second;
      }
      auto forwarder = forwarders_.find(parts[0]);
      if (forwarder == forwarders_.end()) return nullptr;
      current = FirstDataInput(*forwarder->second);
    }
    return nullptr;
  }

 private:
  const absl::flat_hash_map<int, FrozenResource>& frozen_args_;
  tensorflow::FunctionDef* function_;
  absl::flat_hash_map<std::string, int> arg_indices_;
  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> forwarders_;
};

// Where the function inputs of an op start, which list attrs type them, which attrs name the
// functions it runs.
struct FunctionalLayout {
  int first_function_input;
  const char* input_types_attr;
  const char* output_types_attr;
  std::vector<const char*> function_attrs;
};

const FunctionalLayout* LayoutOf(const std::string& op) {
  static const auto* const kLayouts = new absl::flat_hash_map<std::string, FunctionalLayout>{
      {"While", {0, "T", "T", {"cond", "body"}}},
      {"StatelessWhile", {0, "T", "T", {"cond", "body"}}},
      {"If", {1, "Tin", "Tout", {"then_branch", "else_branch"}}},
      {"StatelessIf", {1, "Tin", "Tout", {"then_branch", "else_branch"}}},
      {"PartitionedCall", {0, "Tin", "Tout", {"f"}}},
      {"StatefulPartitionedCall", {0, "Tin", "Tout", {"f"}}},
  };
  auto it = kLayouts->find(op);
  return it == kLayouts->end() ? nullptr : &it->second;
}

class Rewriter {
 public:
  explicit Rewriter(tensorflow::FunctionDefLibrary* library) : library_(library) {
    for (const auto& function : library->function()) names_.insert(function.signature().name());
  }

  absl::Status RewriteScope(Scope& scope) {
    const int original_size = scope.size();
    for (int i = 0; i < original_size; ++i) {
      tensorflow::NodeDef* node = scope.node(i);
      absl::Status status = RewriteNode(scope, node);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

 private:
  absl::Status RewriteNode(Scope& scope, tensorflow::NodeDef* node) {
    const FrozenResource* first = node->input_size() > kResourceInput
                                      ? scope.Forwarded(node->input(kResourceInput))
                                      : nullptr;
    if (first != nullptr && ForwardsResource(*node)) {
      (*node->mutable_attr())["T"] = TypeAttr(first->dtype);
      return absl::OkStatus();
    }
    if (first != nullptr && IsHandledBy(kPass, node->op())) {
      if (node->op() == "ResourceGather") return RewriteGather(scope, *first, node);
      node->set_op("Identity");  // ReadVariableOp
      node->clear_attr();
      (*node->mutable_attr())["T"] = TypeAttr(first->dtype);
      return absl::OkStatus();
    }

    std::vector<int> frozen_inputs;
    for (int i = 0; i < node->input_size(); ++i) {
      if (!IsControlInput(node->input(i)) && scope.Forwarded(node->input(i)) != nullptr) {
        frozen_inputs.push_back(i);
      }
    }
    if (frozen_inputs.empty()) return absl::OkStatus();
    const FunctionalLayout* layout = LayoutOf(node->op());
    if (layout == nullptr) {
      return absl::UnimplementedError(absl::StrCat(
          "node '", node->name(), "' (op ", node->op(), ") in ", scope.Describe(),
          " takes frozen variable handle '", node->input(frozen_inputs[0]),
          "'; only ReadVariableOp, ResourceGather, control flow and calls can take a constant"));
    }
    return RewriteFunctional(scope, *layout, frozen_inputs, node);
  }

  // ResourceGather(resource, indices) -> GatherV2(value, indices, axis = batch_dims).
  absl::Status RewriteGather(Scope& scope, const FrozenResource& value,
                             tensorflow::NodeDef* gather) {
    if (gather->input_size() <= kGatherIndicesInput) {
      return absl::InvalidArgumentError(absl::StrCat("node '", gather->name(), "' in ",
                                                     scope.Describe(),
                                                     " (op ResourceGather) lacks its indices"));
    }
    const auto& attrs = gather->attr();
    const int64_t batch_dims = attrs.contains("batch_dims") ? attrs.at("batch_dims").i() : 0;
    const tensorflow::DataType index_type =
        attrs.contains("Tindices") ? attrs.at("Tindices").type() : tensorflow::DT_INT32;
    const std::string axis_name = absl::StrCat(gather->name(), "/axis");
    std::vector<std::string> inputs(gather->input().begin(), gather->input().end());
    inputs.insert(inputs.begin() + kGatherIndicesInput + 1, scope.OutputRef(axis_name));
    gather->set_op("GatherV2");
    gather->clear_input();
    for (const std::string& input : inputs) gather->add_input(input);
    gather->clear_attr();
    (*gather->mutable_attr())["Tparams"] = TypeAttr(value.dtype);
    (*gather->mutable_attr())["Tindices"] = TypeAttr(index_type);
    (*gather->mutable_attr())["Taxis"] = TypeAttr(tensorflow::DT_INT32);
    (*gather->mutable_attr())["batch_dims"].set_i(batch_dims);

    tensorflow::NodeDef* axis = scope.AddNode();
    axis->set_name(axis_name);
    axis->set_op("Const");
    (*axis->mutable_attr())["dtype"] = TypeAttr(tensorflow::DT_INT32);
    tensorflow::TensorProto* tensor = (*axis->mutable_attr())["value"].mutable_tensor();
    tensor->set_dtype(tensorflow::DT_INT32);
    tensor->mutable_tensor_shape();
    tensor->add_int_val(static_cast<int32_t>(batch_dims));
    return absl::OkStatus();
  }

  // A control-flow op or call: its functions get the value instead of the handle.
  absl::Status RewriteFunctional(Scope& scope, const FunctionalLayout& layout,
                                 const std::vector<int>& frozen_inputs, tensorflow::NodeDef* node) {
    absl::flat_hash_map<int, FrozenResource> frozen_args;
    auto* attrs = node->mutable_attr();
    for (int input : frozen_inputs) {
      const int arg = input - layout.first_function_input;
      if (arg < 0) {
        return absl::UnimplementedError(absl::StrCat("node '", node->name(), "' (op ", node->op(),
                                                     ") in ", scope.Describe(),
                                                     " takes a frozen variable as its condition"));
      }
      const FrozenResource& value = *scope.Forwarded(node->input(input));
      frozen_args[arg] = value;
      auto* types = (*attrs)[layout.input_types_attr].mutable_list();
      if (arg < types->type_size()) types->set_type(arg, value.dtype);
      for (const char* shapes_attr : {"output_shapes", "_output_shapes"}) {
        auto shapes = attrs->find(shapes_attr);
        const bool loop = node->op() == "While" || node->op() == "StatelessWhile";
        if (loop && shapes != attrs->end() && arg < shapes->second.list().shape_size()) {
          *shapes->second.mutable_list()->mutable_shape(arg) = value.shape;
        }
      }
    }
    attrs->erase("_read_only_resource_inputs");
    for (const char* function_attr : layout.function_attrs) {
      auto attr = attrs->find(function_attr);
      if (attr == attrs->end()) continue;
      absl::StatusOr<std::string> clone =
          CloneWithFrozenArgs(attr->second.func().name(), frozen_args, node, layout);
      if (!clone.ok()) return clone.status();
      attr->second.mutable_func()->set_name(*clone);
    }
    return absl::OkStatus();
  }

  // Copies `name` with the frozen args retyped and its body rewritten; returns the copy's name.
  absl::StatusOr<std::string> CloneWithFrozenArgs(
      const std::string& name, const absl::flat_hash_map<int, FrozenResource>& frozen_args,
      tensorflow::NodeDef* caller, const FunctionalLayout& layout) {
    const tensorflow::FunctionDef* original = nullptr;
    for (const auto& function : library_->function()) {
      if (function.signature().name() == name) original = &function;
    }
    if (original == nullptr) {
      return absl::NotFoundError(absl::StrCat("node '", caller->name(), "' (op ", caller->op(),
                                              ") runs unknown function '", name, "'"));
    }
    tensorflow::FunctionDef clone = *original;
    std::string clone_name = absl::StrCat(name, "_frozen");
    for (int suffix = 1; names_.contains(clone_name); ++suffix) {
      clone_name = absl::StrCat(name, "_frozen_", suffix);
    }
    names_.insert(clone_name);
    clone.mutable_signature()->set_name(clone_name);
    for (const auto& [arg, value] : frozen_args) {
      if (arg >= clone.signature().input_arg_size()) {
        return absl::InvalidArgumentError(absl::StrCat("function '", name, "' has no argument ",
                                                       arg, " for node '", caller->name(), "'"));
      }
      auto* arg_def = clone.mutable_signature()->mutable_input_arg(arg);
      arg_def->set_type(value.dtype);
      arg_def->clear_type_attr();
      clone.mutable_arg_attr()->erase(arg);
      clone.mutable_resource_arg_unique_id()->erase(arg);
    }
    FunctionScope scope(frozen_args, &clone);
    absl::Status status = RewriteScope(scope);
    if (!status.ok()) return status;
    // Outputs that pass a frozen handle through (a loop body's loop-carried handle) carry the
    // value now; the caller's output types follow.
    auto* output_types = (*caller->mutable_attr())[layout.output_types_attr].mutable_list();
    for (int i = 0; i < clone.signature().output_arg_size(); ++i) {
      auto* output = clone.mutable_signature()->mutable_output_arg(i);
      auto ret = clone.ret().find(output->name());
      if (ret == clone.ret().end()) continue;
      const FrozenResource* value = scope.Forwarded(ret->second);
      if (value == nullptr) continue;
      output->set_type(value->dtype);
      output->clear_type_attr();
      if (i < output_types->type_size()) output_types->set_type(i, value->dtype);
    }
    *library_->add_function() = std::move(clone);
    return clone_name;
  }

  tensorflow::FunctionDefLibrary* library_;
  absl::flat_hash_set<std::string> names_;
};

}  // namespace

absl::Status RewriteResourceConsumers(
    const absl::flat_hash_map<std::string, FrozenResource>& frozen, tensorflow::GraphDef* graph) {
  if (frozen.empty()) return absl::OkStatus();
  GraphScope scope(frozen, graph);
  Rewriter rewriter(graph->mutable_library());
  return rewriter.RewriteScope(scope);
}

}  // namespace tfjs::converter
