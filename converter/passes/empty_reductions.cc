#include "converter/passes/empty_reductions.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/node_builder.h"
#include "converter/passes/static_shapes.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

constexpr int kInput = 0;
constexpr int kAxes = 1;

// The values of an int32 or int64 Const (tensor_content or *_val; a single value repeats).
std::optional<std::vector<int64_t>> ConstInts(const tensorflow::NodeDef& node) {
  if (node.op() != "Const") return std::nullopt;
  auto it = node.attr().find("value");
  if (it == node.attr().end()) return std::nullopt;
  const tensorflow::TensorProto& tensor = it->second.tensor();
  int64_t elements = 1;
  for (const auto& dim : tensor.tensor_shape().dim()) elements *= dim.size();
  std::vector<int64_t> values;
  const std::string& content = tensor.tensor_content();
  if (tensor.dtype() == tensorflow::DT_INT32) {
    if (!content.empty()) {
      if (content.size() != static_cast<size_t>(elements) * 4) return std::nullopt;
      for (int64_t i = 0; i < elements; ++i) {
        int32_t v;
        std::memcpy(&v, content.data() + 4 * i, 4);
        values.push_back(v);
      }
    } else {
      for (int64_t i = 0; i < elements && tensor.int_val_size() > 0; ++i) {
        values.push_back(tensor.int_val(std::min<int64_t>(i, tensor.int_val_size() - 1)));
      }
    }
  } else if (tensor.dtype() == tensorflow::DT_INT64) {
    if (!content.empty()) {
      if (content.size() != static_cast<size_t>(elements) * 8) return std::nullopt;
      for (int64_t i = 0; i < elements; ++i) {
        int64_t v;
        std::memcpy(&v, content.data() + 8 * i, 8);
        values.push_back(v);
      }
    } else {
      for (int64_t i = 0; i < elements && tensor.int64_val_size() > 0; ++i) {
        values.push_back(tensor.int64_val(std::min<int64_t>(i, tensor.int64_val_size() - 1)));
      }
    }
  } else {
    return std::nullopt;
  }
  if (static_cast<int64_t>(values.size()) != elements) return std::nullopt;
  return values;
}

class Rewriter {
 public:
  explicit Rewriter(tensorflow::GraphDef* graph)
      : graph_(graph), builder_(graph), shapes_(InferStaticShapes(*graph)) {
    for (const tensorflow::NodeDef& node : graph->node()) by_name_[node.name()] = &node;
  }

  void Run() {
    const int original_nodes = graph_->node_size();
    for (int i = 0; i < original_nodes; ++i) {
      tensorflow::NodeDef* node = graph_->mutable_node(i);
      const std::string& op = node->op();
      if (op != "Max" && op != "Min" && op != "Mean" && op != "All") continue;
      const tensorflow::DataType type =
          op == "All" ? tensorflow::DT_BOOL : TypeAttr(*node, "T");
      const bool supported = op == "All" || type == tensorflow::DT_FLOAT ||
                             (op != "Mean" && type == tensorflow::DT_INT32);
      if (!supported || node->input_size() < 2) continue;
      std::optional<Reduction> reduction = ReducedAxes(*node);
      if (!reduction.has_value()) continue;
      if (op == "Mean") {
        RewriteMean(graph_->mutable_node(i));
      } else if (op == "All") {
        RewriteAll(graph_->mutable_node(i));
      } else {
        PadInput(graph_->mutable_node(i), *reduction, type);
      }
    }
  }

 private:
  // What is reduced: the axes (made non-negative) of an input of static rank `rank`.
  struct Reduction {
    std::vector<int64_t> axes;
    int64_t rank = 0;
  };

  // The reduction `node` makes, when one of its reduced dims may be empty.
  std::optional<Reduction> ReducedAxes(const tensorflow::NodeDef& node) const {
    const TensorName input = TensorName::Parse(node.input(kInput));
    const TensorName axes_input = TensorName::Parse(node.input(kAxes));
    auto shape = shapes_.find(input.node);
    auto axes_node = by_name_.find(axes_input.node);
    if (input.output_index != 0 || shape == shapes_.end() || axes_node == by_name_.end()) {
      return std::nullopt;
    }
    std::optional<std::vector<int64_t>> axes = ConstInts(*axes_node->second);
    if (!axes.has_value()) return std::nullopt;
    const int64_t rank = static_cast<int64_t>(shape->second.dims.size());
    bool may_be_empty = false;
    for (int64_t& axis : *axes) {
      if (axis < -rank || axis >= rank) return std::nullopt;
      if (axis < 0) axis += rank;
      may_be_empty = may_be_empty || shape->second.dims[axis] <= 0;
    }
    if (!may_be_empty) return std::nullopt;
    return Reduction{*std::move(axes), rank};
  }

  void PadInput(tensorflow::NodeDef* node, const Reduction& reduction, tensorflow::DataType type) {
    const bool max = node->op() == "Max";
    std::vector<int32_t> paddings(2 * reduction.rank, 0);
    for (int64_t axis : reduction.axes) paddings[2 * axis + 1] = 1;
    const std::string paddings_const = builder_.IntConst(absl::StrCat(node->name(), "/paddings"),
                                                         paddings, {reduction.rank, 2});
    std::string fill;
    if (type == tensorflow::DT_FLOAT) {
      const float inf = std::numeric_limits<float>::infinity();
      fill = builder_.FloatScalar(absl::StrCat(node->name(), "/identity"), max ? -inf : inf);
    } else {
      fill = builder_.IntConst(absl::StrCat(node->name(), "/identity"),
                               {max ? std::numeric_limits<int32_t>::lowest()
                                    : std::numeric_limits<int32_t>::max()},
                               {});
    }
    const std::string input = node->input(kInput);
    tensorflow::NodeDef* pad =
        builder_.Add(absl::StrCat(node->name(), "/padded"), "PadV2", {input, paddings_const, fill},
                     type);
    SetTypeAttr(pad, "Tpaddings", tensorflow::DT_INT32);
    *node->mutable_input(kInput) = pad->name();
  }

  void RewriteMean(tensorflow::NodeDef* node) {
    const std::string name = node->name();
    tensorflow::NodeDef* sum = builder_.Add(absl::StrCat(name, "/sum"), "Sum",
                                            {node->input(kInput), node->input(kAxes)});
    for (const char* attr : {"T", "Tidx", "keep_dims"}) {
      auto it = node->attr().find(attr);
      if (it != node->attr().end()) (*sum->mutable_attr())[attr] = it->second;
    }
    const std::string sum_name = sum->name();
    const std::string count = builder_.Add(absl::StrCat(name, "/count"), "RealDiv",
                                           {FloatSize(name, "input_size", node->input(kInput)),
                                            FloatSize(name, "sum_size", sum_name)},
                                           tensorflow::DT_FLOAT)
                                  ->name();
    Become(node, "RealDiv", {sum_name, count});
    SetTypeAttr(node, "T", tensorflow::DT_FLOAT);
  }

  void RewriteAll(tensorflow::NodeDef* node) {
    const std::string name = node->name();
    const std::string negated =
        builder_.Add(absl::StrCat(name, "/negated"), "LogicalNot", {node->input(kInput)})->name();
    tensorflow::NodeDef* any =
        builder_.Add(absl::StrCat(name, "/any_false"), "Any", {negated, node->input(kAxes)});
    for (const char* attr : {"Tidx", "keep_dims"}) {
      auto it = node->attr().find(attr);
      if (it != node->attr().end()) (*any->mutable_attr())[attr] = it->second;
    }
    const std::string any_name = any->name();
    Become(node, "LogicalNot", {any_name});
  }

  // `node`, keeping its name and control inputs, becomes `op` of `inputs`, without attrs.
  static void Become(tensorflow::NodeDef* node, const char* op,
                     const std::vector<std::string>& inputs) {
    std::vector<std::string> controls;
    for (const std::string& input : node->input()) {
      if (IsControlInput(input)) controls.push_back(input);
    }
    node->set_op(op);
    node->clear_input();
    node->clear_attr();
    for (const std::string& input : inputs) node->add_input(input);
    for (const std::string& control : controls) node->add_input(control);
  }

  // The element count of `x` (float32) as a float32 scalar.
  std::string FloatSize(const std::string& name, const char* suffix, const std::string& x) {
    tensorflow::NodeDef* size =
        builder_.Add(absl::StrCat(name, "/", suffix), "Size", {x}, tensorflow::DT_FLOAT);
    SetTypeAttr(size, "out_type", tensorflow::DT_INT32);
    const std::string size_name = size->name();
    tensorflow::NodeDef* cast = builder_.Add(absl::StrCat(size_name, "/float"), "Cast", {size_name});
    SetTypeAttr(cast, "SrcT", tensorflow::DT_INT32);
    SetTypeAttr(cast, "DstT", tensorflow::DT_FLOAT);
    return cast->name();
  }

  tensorflow::GraphDef* graph_;
  NodeBuilder builder_;
  absl::flat_hash_map<std::string, StaticShape> shapes_;
  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> by_name_;
};

}  // namespace

void RewriteEmptyReductions(tensorflow::GraphDef* graph) { Rewriter(graph).Run(); }

}  // namespace tfjs::converter
