#include "ops/output_arg_index.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace tfjs::ops {
namespace {

// One output arg: its name, and the attr holding its length when it is a list (an int attr for
// `number_attr`, a list(type) attr for `type_list_attr`); both empty means a single tensor.
struct OutputArg {
  const char* name;
  const char* number_attr = "";
  const char* type_list_attr = "";
};

OutputArg Single(const char* name) { return {name}; }
OutputArg Numbered(const char* name, const char* attr) { return {name, attr, ""}; }
OutputArg Typed(const char* name, const char* attr) { return {name, "", attr}; }

// TF ops with more than one output arg (names and order as in TF's op registrations).
const absl::flat_hash_map<std::string, std::vector<OutputArg>>& MultiOutputOps() {
  static const auto* const kOps = new absl::flat_hash_map<std::string, std::vector<OutputArg>>{
      {"FusedBatchNorm",
       {Single("y"), Single("batch_mean"), Single("batch_variance"), Single("reserve_space_1"),
        Single("reserve_space_2")}},
      {"FusedBatchNormV2",
       {Single("y"), Single("batch_mean"), Single("batch_variance"), Single("reserve_space_1"),
        Single("reserve_space_2")}},
      {"FusedBatchNormV3",
       {Single("y"), Single("batch_mean"), Single("batch_variance"), Single("reserve_space_1"),
        Single("reserve_space_2"), Single("reserve_space_3")}},
      {"_FusedBatchNormEx",
       {Single("y"), Single("batch_mean"), Single("batch_variance"), Single("reserve_space_1"),
        Single("reserve_space_2"), Single("reserve_space_3")}},
      {"Unique", {Single("y"), Single("idx")}},
      {"UniqueV2", {Single("y"), Single("idx")}},
      {"UniqueWithCounts", {Single("y"), Single("idx"), Single("count")}},
      {"UniqueWithCountsV2", {Single("y"), Single("idx"), Single("count")}},
      {"ListDiff", {Single("out"), Single("idx")}},
      {"TopK", {Single("values"), Single("indices")}},
      {"TopKV2", {Single("values"), Single("indices")}},
      {"Switch", {Single("output_false"), Single("output_true")}},
      {"RefSwitch", {Single("output_false"), Single("output_true")}},
      {"Merge", {Single("output"), Single("value_index")}},
      {"RefMerge", {Single("output"), Single("value_index")}},
      {"MaxPoolWithArgmax", {Single("output"), Single("argmax")}},
      {"BroadcastGradientArgs", {Single("r0"), Single("r1")}},
      {"NonMaxSuppressionV4", {Single("selected_indices"), Single("valid_outputs")}},
      {"NonMaxSuppressionV5",
       {Single("selected_indices"), Single("selected_scores"), Single("valid_outputs")}},
      {"CombinedNonMaxSuppression",
       {Single("nmsed_boxes"), Single("nmsed_scores"), Single("nmsed_classes"),
        Single("valid_detections")}},
      {"Svd", {Single("s"), Single("u"), Single("v")}},
      {"LogMatrixDeterminant", {Single("sign"), Single("log_abs_determinant")}},
      {"SoftmaxCrossEntropyWithLogits", {Single("loss"), Single("backprop")}},
      {"SparseSoftmaxCrossEntropyWithLogits", {Single("loss"), Single("backprop")}},
      {"LSTMBlockCell",
       {Single("i"), Single("cs"), Single("f"), Single("o"), Single("ci"), Single("co"),
        Single("h")}},
      {"BlockLSTM",
       {Single("i"), Single("cs"), Single("f"), Single("o"), Single("ci"), Single("co"),
        Single("h")}},
      {"BlockLSTMV2",
       {Single("i"), Single("cs"), Single("f"), Single("o"), Single("ci"), Single("co"),
        Single("h")}},
      {"GRUBlockCell", {Single("r"), Single("u"), Single("c"), Single("h")}},
      {"RaggedRange", {Single("rt_nested_splits"), Single("rt_dense_values")}},
      {"Qr", {Single("q"), Single("r")}},
      {"SelfAdjointEigV2", {Single("e"), Single("v")}},
      {"Lu", {Single("lu"), Single("p")}},
      {"QuantizeV2", {Single("output"), Single("output_min"), Single("output_max")}},
      {"SparseReshape", {Single("output_indices"), Single("output_shape")}},
      {"SparseFillEmptyRows",
       {Single("output_indices"), Single("output_values"), Single("empty_row_indicator"),
        Single("reverse_index_map")}},
      {"StringSplit", {Single("indices"), Single("values"), Single("shape")}},
      {"StringSplitV2", {Single("indices"), Single("values"), Single("shape")}},
      {"TensorArrayV3", {Single("handle"), Single("flow")}},
      {"TensorArrayGradV3", {Single("grad_handle"), Single("flow_out")}},
      {"TensorArrayConcatV3", {Single("value"), Single("lengths")}},
      {"TensorListPopBack", {Single("output_handle"), Single("tensor")}},
      {"TensorListConcatV2", {Single("tensor"), Single("lengths")}},
      {"LookupTableExportV2", {Single("keys"), Single("values")}},
      {"ParseExample",
       {Numbered("sparse_indices", "Nsparse"), Typed("sparse_values", "sparse_types"),
        Numbered("sparse_shapes", "Nsparse"), Typed("dense_values", "Tdense")}},
      {"ParseExampleV2",
       {Numbered("sparse_indices", "num_sparse"), Typed("sparse_values", "sparse_types"),
        Numbered("sparse_shapes", "num_sparse"), Typed("dense_values", "Tdense"),
        Typed("ragged_values", "ragged_value_types"),
        Typed("ragged_row_splits", "ragged_split_types")}},
      {"ParseSingleExample",
       {Numbered("sparse_indices", "num_sparse"), Typed("sparse_values", "sparse_types"),
        Numbered("sparse_shapes", "num_sparse"), Typed("dense_values", "Tdense")}},
  };
  return *kOps;
}

absl::StatusOr<int> ArgLength(const tensorflow::NodeDef& node, absl::string_view arg_name,
                              const std::string& number_attr, const std::string& type_list_attr) {
  if (number_attr.empty() && type_list_attr.empty()) return 1;
  const std::string& attr_name = number_attr.empty() ? type_list_attr : number_attr;
  auto it = node.attr().find(attr_name);
  if (it == node.attr().end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("node '", node.name(), "' (op ", node.op(), "): missing attr '", attr_name,
                     "' giving the length of output arg '", arg_name, "'"));
  }
  if (!number_attr.empty()) return static_cast<int>(it->second.i());
  return it->second.list().type_size();
}

absl::StatusOr<int> IndexInLayout(const tensorflow::NodeDef& node,
                                  const std::vector<OutputArg>& layout,
                                  absl::string_view output_arg, int index_in_arg) {
  int start = 0;
  for (const OutputArg& arg : layout) {
    absl::StatusOr<int> length = ArgLength(node, arg.name, arg.number_attr, arg.type_list_attr);
    if (!length.ok()) return length.status();
    if (arg.name == output_arg) {
      if (index_in_arg >= *length) break;
      return start + index_in_arg;
    }
    start += *length;
  }
  return absl::InvalidArgumentError(absl::StrCat("node '", node.name(), "' (op ", node.op(),
                                                 "): no output '", output_arg, ":", index_in_arg,
                                                 "'"));
}

}  // namespace

absl::StatusOr<int> FlatOutputIndex(const tensorflow::NodeDef& node,
                                    const tensorflow::OpDef* function_signature,
                                    absl::string_view output_arg, int index_in_arg) {
  if (function_signature != nullptr) {
    std::vector<OutputArg> layout;
    for (const auto& arg : function_signature->output_arg()) {
      layout.push_back({arg.name().c_str(), arg.number_attr().c_str(),
                        arg.type_list_attr().c_str()});
    }
    return IndexInLayout(node, layout, output_arg, index_in_arg);
  }
  const auto& ops = MultiOutputOps();
  auto it = ops.find(node.op());
  if (it == ops.end()) return index_in_arg;
  return IndexInLayout(node, it->second, output_arg, index_in_arg);
}

const tensorflow::FunctionDef* FindLibraryFunction(const tensorflow::FunctionDefLibrary& library,
                                                   absl::string_view name) {
  for (const tensorflow::FunctionDef& function : library.function()) {
    if (function.signature().name() == name) return &function;
  }
  return nullptr;
}

absl::StatusOr<BodyNodeOutput> ResolveBodyOutput(
    absl::string_view input,
    const absl::flat_hash_map<std::string, const tensorflow::NodeDef*>& body_nodes,
    const tensorflow::FunctionDefLibrary& library) {
  const std::vector<absl::string_view> parts = absl::StrSplit(input, ':');
  int index_in_arg = 0;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[2], &index_in_arg)) {
    return absl::InvalidArgumentError(absl::StrCat("malformed body input '", input, "'"));
  }
  auto node = body_nodes.find(parts[0]);
  if (node == body_nodes.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("body input '", input, "' names no node of the body"));
  }
  const tensorflow::FunctionDef* callee = FindLibraryFunction(library, node->second->op());
  absl::StatusOr<int> index = FlatOutputIndex(
      *node->second, callee == nullptr ? nullptr : &callee->signature(), parts[1], index_in_arg);
  if (!index.ok()) return index.status();
  return BodyNodeOutput{std::string(parts[0]), *index};
}

}  // namespace tfjs::ops
