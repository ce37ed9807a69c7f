#include "converter/passes/widen_narrow_ints.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "ops/op_table.h"
#include "ops/output_arg_index.h"

namespace tfjs::converter {
namespace {

using tensorflow::DataType;

// How values of a narrow dtype wrap: modulo `modulus`, into [-offset, modulus - offset).
struct Wrap {
  int64_t modulus = 0;
  int64_t offset = 0;
  int bytes = 0;
};

bool IsNarrow(DataType type) {
  return type == tensorflow::DT_INT8 || type == tensorflow::DT_INT16 ||
         type == tensorflow::DT_UINT8 || type == tensorflow::DT_UINT16;
}

Wrap WrapOf(DataType type) {
  switch (type) {
    case tensorflow::DT_INT8:
      return {256, 128, 1};
    case tensorflow::DT_UINT8:
      return {256, 0, 1};
    case tensorflow::DT_INT16:
      return {65536, 32768, 2};
    default:  // DT_UINT16
      return {65536, 0, 2};
  }
}

// The TF.js op-list families whose ops compute new values (rather than move them), which may
// leave the narrow range.
bool ComputesValues(const ops::OpDef& def) {
  return def.category == "arithmetic" || def.category == "basic_math" ||
         def.category == "reduction" || def.category == "matrices";
}

absl::Status Refuse(const tensorflow::NodeDef& node, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("node '", node.name(), "' (op ", node.op(),
                                                 "): ", why,
                                                 "; --op_target=native runs it as it is"));
}

// The dtype of output 0 as the op's first output arg gives it, or DT_INVALID.
DataType Output0Type(const tensorflow::NodeDef& node, const ops::OpDef& def) {
  if (def.output_args.empty()) return tensorflow::DT_INVALID;
  const ops::ArgDef& arg = def.output_args[0];
  if (arg.type_attr.empty() || !arg.number_attr.empty()) return tensorflow::DT_INVALID;
  auto it = node.attr().find(arg.type_attr);
  return it == node.attr().end() ? tensorflow::DT_INVALID : it->second.type();
}

// A narrow-typed Const's values as int32 (int_val or raw tensor_content; fewer values than
// elements repeat the last, none means zeros).
absl::Status WidenConstValue(tensorflow::NodeDef* node) {
  tensorflow::TensorProto& tensor = *(*node->mutable_attr())["value"].mutable_tensor();
  const DataType type = tensor.dtype();
  int64_t elements = 1;
  for (const auto& dim : tensor.tensor_shape().dim()) elements *= dim.size();
  std::vector<int32_t> values;
  if (!tensor.tensor_content().empty()) {
    const Wrap wrap = WrapOf(type);
    const std::string& content = tensor.tensor_content();
    if (static_cast<int64_t>(content.size()) != elements * wrap.bytes) {
      return absl::InvalidArgumentError(absl::StrCat(
          "Const '", node->name(), "': tensor_content holds ", content.size(), " bytes for ",
          elements, " elements"));
    }
    for (int64_t i = 0; i < elements; ++i) {
      const char* at = content.data() + i * wrap.bytes;
      if (type == tensorflow::DT_INT8) values.push_back(static_cast<int8_t>(*at));
      if (type == tensorflow::DT_UINT8) values.push_back(static_cast<uint8_t>(*at));
      if (type == tensorflow::DT_INT16 || type == tensorflow::DT_UINT16) {
        uint16_t bits;
        std::memcpy(&bits, at, sizeof(bits));
        values.push_back(type == tensorflow::DT_INT16 ? static_cast<int16_t>(bits) : bits);
      }
    }
  } else {
    for (int64_t i = 0; i < elements; ++i) {
      values.push_back(tensor.int_val_size() == 0
                           ? 0
                           : tensor.int_val(std::min<int64_t>(i, tensor.int_val_size() - 1)));
    }
  }
  tensor.clear_int_val();
  tensor.set_dtype(tensorflow::DT_INT32);
  tensor.set_tensor_content(std::string(reinterpret_cast<const char*>(values.data()),
                                        values.size() * sizeof(int32_t)));
  (*node->mutable_attr())["dtype"].set_type(tensorflow::DT_INT32);
  return absl::OkStatus();
}

// Sets the node's narrow type and type-list attrs to int32, refusing attrs whose op does not
// take int32.
absl::Status WidenTypeAttrs(const ops::OpDef& def, tensorflow::NodeDef* node) {
  for (const ops::AttrDef& attr : def.attrs) {
    if (attr.tf_type != "type" && attr.tf_type != "list(type)") continue;
    auto it = node->mutable_attr()->find(attr.tf_name);
    if (it == node->mutable_attr()->end()) continue;
    const bool takes_int32 =
        attr.allowed_values.empty() ||
        std::find(attr.allowed_values.begin(), attr.allowed_values.end(), "int32") !=
            attr.allowed_values.end();
    const absl::Status refused =
        Refuse(*node, absl::StrCat("its attr '", attr.tf_name, "' cannot be int32"));
    if (attr.tf_type == "type") {
      if (!IsNarrow(it->second.type())) continue;
      if (!takes_int32) return refused;
      it->second.set_type(tensorflow::DT_INT32);
      continue;
    }
    auto* types = it->second.mutable_list()->mutable_type();
    for (int i = 0; i < types->size(); ++i) {
      if (!IsNarrow(static_cast<DataType>(types->Get(i)))) continue;
      if (!takes_int32) return refused;
      types->Set(i, tensorflow::DT_INT32);
    }
  }
  return absl::OkStatus();
}

bool HasNarrowType(const tensorflow::AttrValue& value) {
  if (IsNarrow(value.type())) return true;
  for (int type : value.list().type()) {
    if (IsNarrow(static_cast<DataType>(type))) return true;
  }
  return IsNarrow(value.tensor().dtype());
}

class Widener {
 public:
  explicit Widener(FrozenModel* model) : model_(model) {
    for (const tensorflow::NodeDef& node : model->graph.node()) names_.insert(node.name());
  }

  absl::Status Run() {
    tensorflow::GraphDef& graph = model_->graph;
    const int original_nodes = graph.node_size();
    for (int i = 0; i < original_nodes; ++i) {
      const tensorflow::NodeDef& node = graph.node(i);
      const ops::OpDef* def = ops::FindOp(node.op());
      auto dtype = node.attr().find("dtype");
      if (def != nullptr && def->is_graph_input && dtype != node.attr().end() &&
          IsNarrow(dtype->second.type())) {
        narrow_inputs_[node.name()] = dtype->second.type();
      }
    }
    for (int i = 0; i < original_nodes; ++i) {
      if (absl::Status status = Widen(graph.mutable_node(i)); !status.ok()) return status;
    }
    for (auto& [key, info] : *model_->signature.mutable_outputs()) {
      if (IsNarrow(info.dtype())) info.set_dtype(tensorflow::DT_INT32);
    }
    return absl::OkStatus();
  }

 private:
  absl::Status Widen(tensorflow::NodeDef* node) {
    if (narrow_inputs_.contains(node->name())) return absl::OkStatus();
    ReadNarrowInputsAsInt32(node);
    bool narrow = false;
    for (const auto& [name, value] : node->attr()) narrow = narrow || HasNarrowType(value);
    if (node->op() == "Cast") {
      auto dst = node->attr().find("DstT");
      if (dst != node->attr().end() &&
          (dst->second.type() == tensorflow::DT_UINT32 ||
           dst->second.type() == tensorflow::DT_UINT64)) {
        return Refuse(*node, "TF.js 4.22 cannot cast to uint32 or uint64 (\"Failed to cast to "
                             "unknown dtype null\") and its int32 cannot hold their values");
      }
    }
    if (!narrow) return absl::OkStatus();
    if (node->op() == "Bitcast") {
      return Refuse(*node, "it reinterprets the bytes of 8- or 16-bit integers, which TF.js "
                           "holds as int32");
    }
    if (node->op() == "Const") {
      if (absl::Status status = MaterializeConst(model_, node); !status.ok()) return status;
      return WidenConstValue(node);
    }
    const ops::OpDef* def = ops::FindOp(node->op());
    if (def == nullptr) return absl::OkStatus();
    const DataType output = Output0Type(*node, *def);
    absl::StatusOr<int> outputs = ops::NumOutputs(*node);
    if (!outputs.ok()) return outputs.status();
    const tensorflow::DataType source =
        node->attr().count("SrcT") ? node->attr().at("SrcT").type() : tensorflow::DT_INVALID;
    if (absl::Status status = WidenTypeAttrs(*def, node); !status.ok()) return status;
    if (casts_of_narrow_inputs_.contains(node->name())) SetSrcT(node, source);
    if (IsNarrow(output) && *outputs == 1 && (node->op() == "Cast" || ComputesValues(*def))) {
      WrapOutput(node, WrapOf(output));
    }
    return absl::OkStatus();
  }

  // Points the data inputs of `node` that read a narrow graph input at an int32 Cast of it,
  // except those of a Cast, which casts from the input's own dtype.
  void ReadNarrowInputsAsInt32(tensorflow::NodeDef* node) {
    for (std::string& input : *node->mutable_input()) {
      if (input.empty() || input[0] == '^') continue;
      const std::string producer = input.substr(0, input.find(':'));
      auto narrow = narrow_inputs_.find(producer);
      if (narrow == narrow_inputs_.end()) continue;
      if (node->op() == "Cast") {
        casts_of_narrow_inputs_.insert(node->name());
        continue;
      }
      auto cast = input_casts_.find(producer);
      if (cast == input_casts_.end()) {
        const std::string name = UniqueName(absl::StrCat(producer, "/as_int32"));
        names_.insert(name);
        tensorflow::NodeDef* added = model_->graph.add_node();
        added->set_name(name);
        added->set_op("Cast");
        added->add_input(producer);
        (*added->mutable_attr())["SrcT"].set_type(narrow->second);
        (*added->mutable_attr())["DstT"].set_type(tensorflow::DT_INT32);
        cast = input_casts_.emplace(producer, name).first;
      }
      input = cast->second;
    }
  }

  // Renames `node` to "<name>/int32" and gives its name to its value wrapped into range.
  void WrapOutput(tensorflow::NodeDef* node, const Wrap& wrap) {
    const std::string name = node->name();
    const std::string computed = UniqueName(absl::StrCat(name, "/int32"));
    node->set_name(computed);
    names_.insert(computed);
    const std::string modulus = ScalarConst(wrap.modulus);
    if (wrap.offset == 0) {
      AddBinary(name, "FloorMod", computed, modulus);
      return;
    }
    const std::string offset = ScalarConst(wrap.offset);
    const std::string shifted = UniqueName(absl::StrCat(name, "/shifted"));
    AddBinary(shifted, "AddV2", computed, offset);
    const std::string wrapped = UniqueName(absl::StrCat(name, "/wrapped"));
    AddBinary(wrapped, "FloorMod", shifted, modulus);
    AddBinary(name, "Sub", wrapped, offset);
  }

  void AddBinary(const std::string& name, const char* op, const std::string& x,
                 const std::string& y) {
    names_.insert(name);
    tensorflow::NodeDef* node = model_->graph.add_node();
    node->set_name(name);
    node->set_op(op);
    node->add_input(x);
    node->add_input(y);
    (*node->mutable_attr())["T"].set_type(tensorflow::DT_INT32);
  }

  // An int32 scalar Const holding `value`, one per value.
  std::string ScalarConst(int64_t value) {
    auto it = scalars_.find(value);
    if (it != scalars_.end()) return it->second;
    const std::string name = UniqueName(absl::StrCat("narrow_int_wrap/", value));
    names_.insert(name);
    tensorflow::NodeDef* node = model_->graph.add_node();
    node->set_name(name);
    node->set_op("Const");
    (*node->mutable_attr())["dtype"].set_type(tensorflow::DT_INT32);
    tensorflow::TensorProto* tensor = (*node->mutable_attr())["value"].mutable_tensor();
    tensor->set_dtype(tensorflow::DT_INT32);
    tensor->mutable_tensor_shape();
    tensor->add_int_val(static_cast<int32_t>(value));
    scalars_.emplace(value, name);
    return name;
  }

  std::string UniqueName(const std::string& base) const {
    std::string name = base;
    for (int k = 1; names_.contains(name); ++k) name = absl::StrCat(base, "_", k);
    return name;
  }

  static void SetSrcT(tensorflow::NodeDef* node, tensorflow::DataType type) {
    (*node->mutable_attr())["SrcT"].set_type(type);
  }

  FrozenModel* model_;
  // Placeholders of narrow dtypes: they keep them, as the model's inputs.
  absl::flat_hash_map<std::string, tensorflow::DataType> narrow_inputs_;
  // Their int32 Casts, by input name; the Casts that read them directly.
  absl::flat_hash_map<std::string, std::string> input_casts_;
  absl::flat_hash_set<std::string> casts_of_narrow_inputs_;
  absl::flat_hash_set<std::string> names_;
  absl::flat_hash_map<int64_t, std::string> scalars_;
};

}  // namespace

absl::Status WidenNarrowInts(FrozenModel* model) { return Widener(model).Run(); }

}  // namespace tfjs::converter
