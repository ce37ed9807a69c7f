#include "converter/passes/bitwise_and_bits.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/node_builder.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

constexpr tensorflow::DataType kInt32 = tensorflow::DT_INT32;
// Bits 0-30; bit 31 is the sign.
constexpr int kValueBits = 31;

}  // namespace

absl::Status RewriteBitwiseAnd(tensorflow::GraphDef* graph) {
  NodeBuilder builder(graph);
  std::string powers, last_axis, two, min_int;
  const int original_nodes = graph->node_size();
  for (int i = 0; i < original_nodes; ++i) {
    tensorflow::NodeDef* node = graph->mutable_node(i);
    if (node->op() != "BitwiseAnd") continue;
    if (TypeAttr(*node, "T") != kInt32) {
      return absl::InvalidArgumentError(absl::StrCat(
          "node '", node->name(), "' (op BitwiseAnd): TF.js 4.22 does not run BitwiseAnd, and the "
          "converter rewrites it for int32 (and 8- and 16-bit) integers only; --op_target=native "
          "runs it as it is"));
    }
    std::vector<std::string> data, controls;
    for (const std::string& input : node->input()) {
      (IsControlInput(input) ? controls : data).push_back(input);
    }
    if (data.size() != 2) continue;
    if (powers.empty()) {
      std::vector<int32_t> values;
      for (int k = 0; k < kValueBits; ++k) values.push_back(int32_t{1} << k);
      powers = builder.IntConst("bitwise_and/powers_of_two", values, {kValueBits});
      last_axis = builder.IntConst("bitwise_and/last_axis", {-1}, {});
      two = builder.IntConst("bitwise_and/two", {2}, {});
      min_int = builder.IntConst("bitwise_and/sign_bit", {std::numeric_limits<int32_t>::min()}, {});
    }
    const std::string name = node->name();
    auto op = [&](const std::string& suffix, const char* type, std::vector<std::string> inputs) {
      return builder.Add(absl::StrCat(name, "/", suffix), type, inputs, kInt32)->name();
    };
    auto zero = builder.IntConst(absl::StrCat(name, "/zero"), {0}, {});
    std::vector<std::string> bits, negative;
    for (int k = 0; k < 2; ++k) {
      const std::string operand = absl::StrCat("operand_", k);
      tensorflow::NodeDef* expanded = builder.Add(absl::StrCat(name, "/", operand, "/expanded"),
                                                  "ExpandDims", {data[k], last_axis}, kInt32);
      SetTypeAttr(expanded, "Tdim", kInt32);
      bits.push_back(op(operand + "/bits", "FloorMod",
                        {op(operand + "/shifted", "FloorDiv", {expanded->name(), powers}), two}));
      negative.push_back(op(operand + "/negative", "Less", {data[k], zero}));
    }
    tensorflow::NodeDef* sum = builder.Add(
        absl::StrCat(name, "/value_bits"), "Sum",
        {op("weighted_bits", "Mul", {op("common_bits", "Mul", {bits[0], bits[1]}), powers}),
         last_axis},
        kInt32);
    SetTypeAttr(sum, "Tidx", kInt32);
    (*sum->mutable_attr())["keep_dims"].set_b(false);
    const std::string sum_name = sum->name();
    tensorflow::NodeDef* both_negative =
        builder.Add(absl::StrCat(name, "/both_negative"), "LogicalAnd", negative);
    tensorflow::NodeDef* sign = builder.Add(absl::StrCat(name, "/sign"), "Cast",
                                            {both_negative->name()});
    SetTypeAttr(sign, "SrcT", tensorflow::DT_BOOL);
    SetTypeAttr(sign, "DstT", kInt32);
    const std::string sign_value = op("sign_value", "Mul", {sign->name(), min_int});
    node = graph->mutable_node(i);
    node->set_op("AddV2");
    node->clear_input();
    node->clear_attr();
    node->add_input(sum_name);
    node->add_input(sign_value);
    for (const std::string& control : controls) node->add_input(control);
    SetTypeAttr(node, "T", kInt32);
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
