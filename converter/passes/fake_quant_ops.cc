#include "converter/passes/fake_quant_ops.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/float_const.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/node_builder.h"
#include "converter/passes/tensor_name.h"
#include "runtime/kernels/misc/fake_quant_math.h"

namespace tfjs::converter {
namespace {

constexpr tensorflow::DataType kFloat = tensorflow::DT_FLOAT;
constexpr int kInput = 0;
constexpr int kMin = 1;
constexpr int kMax = 2;

}  // namespace

absl::Status RewriteFakeQuant(FrozenModel* model) {
  tensorflow::GraphDef& graph = model->graph;
  absl::flat_hash_map<std::string, tensorflow::NodeDef*> by_name;
  for (tensorflow::NodeDef& node : *graph.mutable_node()) by_name[node.name()] = &node;
  NodeBuilder builder(&graph);
  const int original_nodes = graph.node_size();
  for (int i = 0; i < original_nodes; ++i) {
    tensorflow::NodeDef* node = graph.mutable_node(i);
    if (node->op() != "FakeQuantWithMinMaxVars") continue;
    std::vector<std::string> data, controls;
    for (const std::string& input : node->input()) {
      (IsControlInput(input) ? controls : data).push_back(input);
    }
    std::optional<float> bounds[2];
    for (int k : {kMin, kMax}) {
      if (k >= static_cast<int>(data.size())) break;
      const TensorName tensor = TensorName::Parse(data[k]);
      auto it = by_name.find(tensor.node);
      if (it == by_name.end() || tensor.output_index != 0 || it->second->op() != "Const") continue;
      if (absl::Status status = MaterializeConst(model, it->second); !status.ok()) return status;
      std::optional<FloatConst> value = ReadFloatConst(*it->second);
      if (value.has_value() && value->shape.empty() && value->values.size() == 1) {
        bounds[k - kMin] = value->values[0];
      }
    }
    if (!bounds[0].has_value() || !bounds[1].has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "node '", node->name(), "' (op FakeQuantWithMinMaxVars): TF.js 4.22 runs it as Identity, "
          "and its min and max are not scalar constants the converter could nudge; "
          "--op_target=native runs it as it is"));
    }
    auto num_bits_attr = node->attr().find("num_bits");
    const int num_bits = num_bits_attr == node->attr().end() ? 8 : num_bits_attr->second.i();
    const runtime::misc::FakeQuantRange range = runtime::misc::NudgeRange(
        *bounds[0], *bounds[1], num_bits, BoolAttr(*node, "narrow_range", false));
    const std::string name = node->name();
    auto scalar = [&](const char* suffix, float value) {
      return builder.FloatScalar(absl::StrCat(name, "/", suffix), value);
    };
    auto op = [&](const char* suffix, const char* type, std::vector<std::string> inputs) {
      return builder.Add(absl::StrCat(name, "/", suffix), type, inputs, kFloat)->name();
    };
    const std::string nudged_min = scalar("nudged_min", range.nudged_min);
    const std::string clamped = op(
        "clamped", "Maximum",
        {op("clamped_above", "Minimum", {data[kInput], scalar("nudged_max", range.nudged_max)}),
         nudged_min});
    const std::string grid =
        op("grid", "Floor",
           {op("grid_half", "AddV2",
               {op("grid_scaled", "Mul",
                   {op("shifted", "Sub", {clamped, nudged_min}),
                    scalar("inverse_scale", range.inverse_scale)}),
                scalar("half", 0.5f)})});
    const std::string quantized = op("quantized", "Mul", {grid, scalar("scale", range.scale)});
    node = graph.mutable_node(i);
    node->set_op("AddV2");
    node->clear_input();
    node->clear_attr();
    node->add_input(quantized);
    node->add_input(nudged_min);
    for (const std::string& control : controls) node->add_input(control);
    SetTypeAttr(node, "T", kFloat);
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
