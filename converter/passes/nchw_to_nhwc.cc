#include "converter/passes/nchw_to_nhwc.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/node_builder.h"
#include "converter/passes/static_shapes.h"
#include "converter/passes/tensor_name.h"
#include "converter/passes/topological_order.h"
#include "ops/op_table.h"
#include "ops/output_arg_index.h"

namespace tfjs::converter {
namespace {

// NCHW dim k is NHWC dim kToNhwc[k]... as a Transpose perm: NHWC = Transpose(NCHW, kNchwToNhwc).
constexpr std::array<int32_t, 4> kNchwToNhwc = {0, 2, 3, 1};
constexpr std::array<int32_t, 4> kNhwcToNchw = {0, 3, 1, 2};

// The ops this rewrite moves to NHWC, with the input that holds the NCHW data.
struct LayoutOp {
  const char* op;
  int data_input;
};
constexpr LayoutOp kLayoutOps[] = {
    {"Conv2D", 0},          {"DepthwiseConv2dNative", 0}, {"Conv2DBackpropInput", 2},
    {"BiasAdd", 0},         {"MaxPool", 0},               {"AvgPool", 0},
    {"DepthToSpace", 0},    {"SpaceToDepth", 0},          {"FusedBatchNorm", 0},
    {"FusedBatchNormV2", 0}, {"FusedBatchNormV3", 0},
};

const LayoutOp* FindLayoutOp(const std::string& op) {
  for (const LayoutOp& layout_op : kLayoutOps) {
    if (op == layout_op.op) return &layout_op;
  }
  return nullptr;
}

// y, batch_mean, batch_variance, reserve_space_1 and reserve_space_2.
constexpr int kBatchNormOutputs = 5;

bool IsFusedBatchNorm(const std::string& op) {
  return op == "FusedBatchNorm" || op == "FusedBatchNormV2" || op == "FusedBatchNormV3";
}

// An elementwise op whose output has its input's layout: Identity and the like, or a single-input
// op of TF.js's basic_math family with TF's unchanged-shape rule.
bool IsElementwiseUnary(const ops::OpDef& def) {
  if (def.input_args.size() != 1) return false;
  return def.forwards_inputs ||
         (def.category == "basic_math" && def.shape_rule == ops::ShapeRule::kUnchanged);
}

// The dtype of output 0: a fixed bool (comparisons) or the type attr the op names; DT_INVALID
// otherwise.
tensorflow::DataType OutputType(const tensorflow::NodeDef& node, const ops::OpDef& def) {
  if (def.output_args.empty()) return tensorflow::DT_INVALID;
  const ops::ArgDef& arg = def.output_args[0];
  if (arg.type == "bool") return tensorflow::DT_BOOL;
  if (arg.type_attr.empty()) return tensorflow::DT_INVALID;
  return TypeAttr(node, arg.type_attr);
}

bool IsBroadcastingBinary(const ops::OpDef& def) {
  return def.input_args.size() == 2 && def.shape_rule == ops::ShapeRule::kBroadcastBinary;
}

// Permutes an NCHW list attr: 4 values by dim, 8 (explicit_paddings) by pairs of dims.
void PermuteListAttr(tensorflow::AttrValue* value) {
  auto* ints = value->mutable_list()->mutable_i();
  const int per_dim = ints->size() / 4;
  if (ints->size() != 4 && ints->size() != 8) return;
  const std::vector<int64_t> nchw(ints->begin(), ints->end());
  for (int d = 0; d < 4; ++d) {
    for (int j = 0; j < per_dim; ++j) ints->Set(d * per_dim + j, nchw[kNchwToNhwc[d] * per_dim + j]);
  }
}

class LayoutRewriter {
 public:
  explicit LayoutRewriter(FrozenModel* model) : model_(model), builder_(&model->graph) {}

  absl::Status Run() {
    tensorflow::GraphDef& graph = model_->graph;
    bool any = false;
    for (const tensorflow::NodeDef& node : graph.node()) {
      any = any || (FindLayoutOp(node.op()) != nullptr &&
                    StringAttr(node, "data_format", "NHWC") == "NCHW");
    }
    if (!any) return absl::OkStatus();
    shapes_ = InferStaticShapes(graph);
    for (const tensorflow::NodeDef& node : graph.node()) {
      for (const std::string& input : node.input()) {
        const TensorName tensor = TensorName::Parse(input);
        if (!tensor.is_control && tensor.output_index > 0) read_beyond_0_.insert(tensor.node);
      }
    }
    for (const auto& [key, info] : model_->signature.outputs()) {
      const TensorName tensor = TensorName::Parse(info.name());
      if (tensor.output_index > 0) read_beyond_0_.insert(tensor.node);
    }
    for (const std::string& output : model_->output_nodes) {
      read_beyond_0_.insert(InputNodeName(output));
    }
    const std::vector<int> order = TopologicalOrder(graph);
    for (tensorflow::NodeDef& node : *graph.mutable_node()) by_name_[node.name()] = &node;
    for (int index : order) {
      if (absl::Status status = Visit(graph.mutable_node(index)); !status.ok()) return status;
    }
    RemoveUnreadBorders();
    return absl::OkStatus();
  }

 private:
  absl::Status Visit(tensorflow::NodeDef* node) {
    const LayoutOp* layout_op = FindLayoutOp(node->op());
    if (layout_op != nullptr) {
      if (!LayoutOpMoves(*node)) return absl::OkStatus();
      return MoveLayoutOp(node, *layout_op);
    }
    const ops::OpDef* def = ops::FindOp(node->op());
    if (def == nullptr || (!IsElementwiseUnary(*def) && !IsBroadcastingBinary(*def))) {
      return absl::OkStatus();
    }
    return MaybeMoveElementwise(node, *def);
  }

  bool LayoutOpMoves(const tensorflow::NodeDef& node) const {
    if (StringAttr(node, "data_format", "NHWC") != "NCHW") return false;
    if (IsFusedBatchNorm(node.op())) {
      // Training mode is SplitBatchNormOutputs's, which computes it in NCHW.
      return !BoolAttr(node, "is_training", true);
    }
    if (node.op() == "BiasAdd") {
      // BiasAdd takes any rank from 2; only 4-D values move.
      const TensorName input = TensorName::Parse(node.input(0));
      if (nhwc_of_.contains(input.node) && input.output_index == 0) return true;
      auto shape = shapes_.find(input.node);
      return input.output_index == 0 && shape != shapes_.end() && shape->second.dims.size() == 4;
    }
    return true;
  }

  absl::Status MoveLayoutOp(tensorflow::NodeDef* node, const LayoutOp& layout_op) {
    const tensorflow::DataType type = TypeAttr(*node, "T");
    *node->mutable_input(layout_op.data_input) = NhwcInput(node->input(layout_op.data_input), type);
    if (node->op() == "Conv2DBackpropInput") {
      // input_sizes [N, C, H, W] -> [N, H, W, C].
      tensorflow::NodeDef* gather = builder_.Add(
          absl::StrCat(node->name(), "/input_sizes_nhwc"), "GatherV2",
          {node->input(0), Const("nchw_to_nhwc/indices", kNchwToNhwc, {4}),
           Const("nchw_to_nhwc/axis", {0}, {})});
      SetTypeAttr(gather, "Tparams", tensorflow::DT_INT32);
      SetTypeAttr(gather, "Tindices", tensorflow::DT_INT32);
      SetTypeAttr(gather, "Taxis", tensorflow::DT_INT32);
      *node->mutable_input(0) = gather->name();
    }
    for (auto& [name, value] : *node->mutable_attr()) {
      if (value.has_list() && value.list().i_size() > 0) PermuteListAttr(&value);
    }
    SetStringAttr(node, "data_format", "NHWC");
    return Rename(node, type);
  }

  absl::Status MaybeMoveElementwise(tensorflow::NodeDef* node, const ops::OpDef& def) {
    const tensorflow::DataType output_type = OutputType(*node, def);
    if (output_type == tensorflow::DT_INVALID) return absl::OkStatus();
    // Each data input: the NHWC value behind a moved node, or a Const of rank 0 to 4.
    bool any_moved = false;
    std::vector<int> data_inputs;
    for (int i = 0; i < node->input_size(); ++i) {
      const TensorName input = TensorName::Parse(node->input(i));
      if (input.is_control) continue;
      data_inputs.push_back(i);
      if (input.output_index == 0 && nhwc_of_.contains(input.node)) {
        any_moved = true;
      } else if (ConstBehind(node->input(i)) == nullptr) {
        return absl::OkStatus();
      }
    }
    if (!any_moved || (IsElementwiseUnary(def) && data_inputs.size() != 1)) {
      return absl::OkStatus();
    }
    for (int i : data_inputs) {
      const TensorName input = TensorName::Parse(node->input(i));
      if (input.output_index == 0 && nhwc_of_.contains(input.node)) {
        *node->mutable_input(i) = nhwc_of_.at(input.node);
        continue;
      }
      tensorflow::NodeDef* constant = ConstBehind(node->input(i));
      if (absl::Status status = MaterializeConst(model_, constant); !status.ok()) return status;
      const tensorflow::DataType type = TypeAttr(*constant, "dtype");
      const int rank = constant->attr().at("value").tensor().tensor_shape().dim_size();
      if (rank == 0) continue;
      std::string value = constant->name();
      if (rank < 4) {
        std::vector<int32_t> shape(4 - rank, 1);
        for (const auto& dim : constant->attr().at("value").tensor().tensor_shape().dim()) {
          shape.push_back(static_cast<int32_t>(dim.size()));
        }
        tensorflow::NodeDef* reshape = builder_.Add(
            absl::StrCat(value, "/rank4"), "Reshape",
            {value, builder_.IntConst(absl::StrCat(value, "/rank4/shape"), shape, {4})}, type);
        SetTypeAttr(reshape, "Tshape", tensorflow::DT_INT32);
        value = reshape->name();
      }
      *node->mutable_input(i) = NhwcInput(value, type);
    }
    return Rename(node, output_type);
  }

  // The Const that `input` reads, through Identity nodes, if it has rank 0 to 4.
  tensorflow::NodeDef* ConstBehind(const std::string& input) const {
    TensorName tensor = TensorName::Parse(input);
    for (int hops = 0; hops < 64; ++hops) {
      auto it = by_name_.find(tensor.node);
      if (it == by_name_.end() || tensor.output_index != 0) return nullptr;
      tensorflow::NodeDef* node = it->second;
      if (node->op() == "Const") {
        auto value = node->attr().find("value");
        if (value == node->attr().end() || value->second.tensor().tensor_shape().unknown_rank() ||
            value->second.tensor().tensor_shape().dim_size() > 4) {
          return nullptr;
        }
        return node;
      }
      if (node->op() != "Identity" || node->input_size() == 0) return nullptr;
      tensor = TensorName::Parse(node->input(0));
    }
    return nullptr;
  }

  // `input` (an NCHW tensor) in NHWC: the value behind a moved node's Transpose, else a Transpose
  // of it, one per tensor.
  std::string NhwcInput(const std::string& input, tensorflow::DataType type) {
    const TensorName tensor = TensorName::Parse(input);
    if (tensor.output_index == 0 && nhwc_of_.contains(tensor.node)) return nhwc_of_.at(tensor.node);
    auto it = transposed_.find(tensor.ToInput());
    if (it != transposed_.end()) return it->second;
    tensorflow::NodeDef* transpose =
        builder_.Add(absl::StrCat(tensor.node, tensor.output_index == 0 ? "" : absl::StrCat("_", tensor.output_index), "/to_nhwc"),
                     "Transpose", {tensor.ToInput(), Const("nchw_to_nhwc/perm", kNchwToNhwc, {4})},
                     type);
    SetTypeAttr(transpose, "Tperm", tensorflow::DT_INT32);
    by_name_[transpose->name()] = transpose;
    transposed_[tensor.ToInput()] = transpose->name();
    return transpose->name();
  }

  // Gives `node` (now computing NHWC) the name "<name>/nhwc" and its old name to a Transpose of
  // it back to NCHW. When other outputs of the node are read (a batch norm's statistics, which
  // have no layout), the old name goes to an IdentityN of that Transpose and those outputs.
  absl::Status Rename(tensorflow::NodeDef* node, tensorflow::DataType type) {
    const std::string name = node->name();
    const std::string nhwc = builder_.Reserve(absl::StrCat(name, "/nhwc"));
    node->set_name(nhwc);
    by_name_[nhwc] = node;
    nhwc_of_[name] = nhwc;
    const std::string perm = Const("nhwc_to_nchw/perm", kNhwcToNchw, {4});
    absl::StatusOr<int> outputs = ops::NumOutputs(*node);
    if (!outputs.ok()) return outputs.status();
    // TF.js computes no reserve_space_3 (V3's output 5, empty in inference), and an IdentityN
    // of it would fail there.
    if (IsFusedBatchNorm(node->op())) *outputs = std::min(*outputs, kBatchNormOutputs);
    if (*outputs <= 1 || !read_beyond_0_.contains(name)) {
      tensorflow::NodeDef* transpose = builder_.AddNamed(name, "Transpose", {nhwc, perm}, type);
      SetTypeAttr(transpose, "Tperm", tensorflow::DT_INT32);
      by_name_[name] = transpose;
      borders_.push_back(name);
      return absl::OkStatus();
    }
    tensorflow::NodeDef* transpose =
        builder_.Add(absl::StrCat(name, "/nchw"), "Transpose", {nhwc, perm}, type);
    SetTypeAttr(transpose, "Tperm", tensorflow::DT_INT32);
    by_name_[transpose->name()] = transpose;
    std::vector<std::string> inputs = {transpose->name()};
    for (int k = 1; k < *outputs; ++k) inputs.push_back(absl::StrCat(nhwc, ":", k));
    tensorflow::NodeDef* identity_n = builder_.AddNamed(name, "IdentityN", inputs);
    auto* types = (*identity_n->mutable_attr())["T"].mutable_list();
    types->add_type(type);
    const ops::OpDef* def = ops::FindOp(node->op());
    for (int k = 1; k < *outputs; ++k) {
      // The statistics outputs of batch norms are of dtype U (float32).
      types->add_type(def != nullptr && k < static_cast<int>(def->output_args.size()) &&
                              !def->output_args[k].type_attr.empty()
                          ? TypeAttr(*node, def->output_args[k].type_attr)
                          : type);
    }
    by_name_[name] = identity_n;
    borders_.push_back(name);
    return absl::OkStatus();
  }

  // Removes the nodes back to NCHW that nothing reads, so that op fusion sees the NHWC nodes'
  // sole consumers; the model's outputs and what the signature names stay.
  void RemoveUnreadBorders() {
    absl::flat_hash_set<std::string> read;
    for (const tensorflow::NodeDef& node : model_->graph.node()) {
      for (const std::string& input : node.input()) read.insert(InputNodeName(input));
    }
    for (const auto& [key, info] : model_->signature.outputs()) read.insert(InputNodeName(info.name()));
    for (const auto& [key, info] : model_->signature.inputs()) read.insert(InputNodeName(info.name()));
    for (const std::string& output : model_->output_nodes) read.insert(InputNodeName(output));
    absl::flat_hash_set<std::string> unread;
    for (const std::string& name : borders_) {
      if (!read.contains(name)) unread.insert(name);
    }
    if (unread.empty()) return;
    auto* nodes = model_->graph.mutable_node();
    nodes->erase(std::remove_if(nodes->begin(), nodes->end(),
                                [&](const tensorflow::NodeDef& node) {
                                  return unread.contains(node.name());
                                }),
                 nodes->end());
  }

  // An int32 Const, one per `key`.
  template <typename Values>
  std::string Const(const std::string& key, const Values& values, const std::vector<int64_t>& shape) {
    auto it = consts_.find(key);
    if (it != consts_.end()) return it->second;
    const std::string name =
        builder_.IntConst(key, std::vector<int32_t>(values.begin(), values.end()), shape);
    consts_[key] = name;
    return name;
  }
  std::string Const(const std::string& key, std::initializer_list<int32_t> values,
                    const std::vector<int64_t>& shape) {
    return Const(key, std::vector<int32_t>(values), shape);
  }

  FrozenModel* model_;
  NodeBuilder builder_;
  absl::flat_hash_map<std::string, StaticShape> shapes_;
  // Nodes some output k > 0 of which is read, or that the model names as outputs (a user may
  // fetch "<node>:k").
  absl::flat_hash_set<std::string> read_beyond_0_;
  absl::flat_hash_map<std::string, tensorflow::NodeDef*> by_name_;
  // Name of a moved node's NCHW Transpose (its old name) -> the NHWC node.
  absl::flat_hash_map<std::string, std::string> nhwc_of_;
  // NCHW tensor -> its Transpose to NHWC.
  absl::flat_hash_map<std::string, std::string> transposed_;
  absl::flat_hash_map<std::string, std::string> consts_;
  // The nodes back to NCHW under moved nodes' old names.
  std::vector<std::string> borders_;
};

}  // namespace

absl::Status NchwToNhwc(FrozenModel* model) { return LayoutRewriter(model).Run(); }

}  // namespace tfjs::converter
