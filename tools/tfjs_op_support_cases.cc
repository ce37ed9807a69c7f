// Writes the cases //tools/tfjs:update_op_support runs in real TF.js: every op example
// (runtime/kernels/testing/op_examples.h) of an op TF.js 4.22 lists, for every dtype our kernel
// declares (TF's CPU dtypes), as one JSON object per line: the graph (TF.js model.json's
// GraphDef form, Consts without values), its constant and fed tensors, the fetches, and the
// outputs our native kernels compute for it, which follow TensorFlow.
//
//   bazel run //tools:tfjs_op_support_cases > cases.jsonl
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "ops/op_table.h"
#include "proto/graph.pb.h"
#include "runtime/graph_model.h"
#include "runtime/kernel.h"
#include "runtime/kernels/testing/op_examples.h"
#include "runtime/node_attrs.h"
#include "runtime/tensor.h"
#include "runtime/tensor_proto.h"

namespace tfjs::tools {
namespace {

using runtime::DataType;
using runtime::Tensor;
using runtime::testing::OpExample;

// The dtypes the dtype matrix runs `example` for (//runtime/kernels:dtype_matrix_test).
std::vector<DataType> ExampleDtypes(const OpExample& example) {
  if (example.dtype_attr.empty()) return {tensorflow::DT_INVALID};
  std::vector<DataType> dtypes;
  if (const runtime::KernelDtypes* declared = runtime::FindKernelDtypes(example.op)) {
    for (const runtime::TypeConstraint& constraint : *declared) {
      if (constraint.attr == example.dtype_attr) dtypes = constraint.dtypes;
    }
  }
  if (!example.only_dtypes.empty()) dtypes = example.only_dtypes;
  if (dtypes.empty()) dtypes = {tensorflow::DT_FLOAT};
  std::vector<DataType> kept;
  for (DataType dtype : dtypes) {
    bool skipped = false;
    for (DataType skip : example.skip_dtypes) skipped = skipped || skip == dtype;
    if (!skipped) kept.push_back(dtype);
  }
  return kept;
}

std::string JsonNumber(double value) {
  if (std::isnan(value)) return "\"NaN\"";
  if (std::isinf(value)) return value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  char text[32];
  std::snprintf(text, sizeof(text), "%.17g", value);
  return text;
}

std::string JsonString(const std::string& text) {
  std::string json = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      json += '\\';
      json += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
      json += escaped;
    } else {
      json += static_cast<char>(c);
    }
  }
  return json + "\"";
}

// {"dtype": "DT_FLOAT", "shape": [2], "values": [...]}: numbers, complex numbers as (real,
// imaginary) pairs, strings as arrays of their bytes; `name` first when not empty.
absl::StatusOr<std::string> TensorJson(const std::string& name, const Tensor& tensor) {
  std::vector<std::string> values;
  if (tensor.dtype() == tensorflow::DT_STRING) {
    for (const std::string& bytes : tensor.strings()) {
      std::vector<int> codes;
      for (unsigned char c : bytes) codes.push_back(c);
      values.push_back(absl::StrCat("[", absl::StrJoin(codes, ","), "]"));
    }
  } else if (tensor.dtype() == tensorflow::DT_COMPLEX64) {
    const float* parts = static_cast<const float*>(tensor.raw_data());
    for (int64_t i = 0; i < 2 * tensor.num_elements(); ++i) values.push_back(JsonNumber(parts[i]));
  } else if (tensor.dtype() == tensorflow::DT_COMPLEX128) {
    const double* parts = static_cast<const double*>(tensor.raw_data());
    for (int64_t i = 0; i < 2 * tensor.num_elements(); ++i) values.push_back(JsonNumber(parts[i]));
  } else {
    absl::StatusOr<std::vector<double>> numbers = runtime::testing::TensorToDoubles(tensor);
    if (!numbers.ok()) return numbers.status();
    for (double number : *numbers) values.push_back(JsonNumber(number));
  }
  return absl::StrCat("{", name.empty() ? "" : absl::StrCat("\"name\":", JsonString(name), ","),
                      "\"dtype\":\"", tensorflow::DataType_Name(tensor.dtype()), "\",\"shape\":[",
                      absl::StrJoin(tensor.shape(), ","), "],\"values\":[",
                      absl::StrJoin(values, ","), "]}");
}

// Sets the attrs `node` lacks to TF's defaults (the op table's), as graphs TensorFlow writes
// carry them and TF.js's op mappers read them without defaults of their own.
void AddDefaultAttrs(tensorflow::NodeDef* node) {
  const ops::OpDef* def = ops::FindOp(node->op());
  if (def == nullptr) return;
  const runtime::NodeAttrs attrs(*node, def);
  for (const ops::AttrDef& attr : def->attrs) {
    if (!attr.has_default || attr.tf_type.empty() || attrs.Has(attr.tf_name)) continue;
    tensorflow::AttrValue value;
    bool known = true;
    if (attr.tf_type == "int") {
      known = attrs.GetInt(attr.tf_name).ok();
      if (known) value.set_i(*attrs.GetInt(attr.tf_name));
    } else if (attr.tf_type == "float") {
      known = attrs.GetFloat(attr.tf_name).ok();
      if (known) value.set_f(*attrs.GetFloat(attr.tf_name));
    } else if (attr.tf_type == "bool") {
      known = attrs.GetBool(attr.tf_name).ok();
      if (known) value.set_b(*attrs.GetBool(attr.tf_name));
    } else if (attr.tf_type == "string") {
      known = attrs.GetString(attr.tf_name).ok();
      if (known) value.set_s(*attrs.GetString(attr.tf_name));
    } else if (attr.tf_type == "type") {
      known = attrs.GetType(attr.tf_name).ok();
      if (known) value.set_type(*attrs.GetType(attr.tf_name));
    } else if (attr.tf_type == "list(int)") {
      absl::StatusOr<std::vector<int64_t>> list = attrs.GetIntList(attr.tf_name);
      known = list.ok();
      if (known) {
        value.mutable_list();
        for (int64_t i : *list) value.mutable_list()->add_i(i);
      }
    } else if (attr.tf_type == "list(float)") {
      absl::StatusOr<std::vector<float>> list = attrs.GetFloatList(attr.tf_name);
      known = list.ok();
      if (known) {
        value.mutable_list();
        for (float f : *list) value.mutable_list()->add_f(f);
      }
    } else {
      known = false;  // Shapes, tensors, functions and lists of them: no case needs them yet.
    }
    if (known) (*node->mutable_attr())[attr.tf_name] = value;
  }
}

// The graph an example runs and the tensors it is fed, as the dtype matrix builds them.
struct CaseGraph {
  tensorflow::GraphDef graph;
  std::vector<std::pair<std::string, Tensor>> feeds;
  std::vector<std::string> fetches;
};

absl::StatusOr<CaseGraph> BuildCase(const OpExample& example, DataType dtype) {
  CaseGraph built;
  std::vector<Tensor> inputs;
  for (const runtime::testing::ExampleTensor& input : example.inputs) {
    absl::StatusOr<Tensor> tensor = runtime::testing::ExampleToTensor(input, dtype);
    if (!tensor.ok()) return tensor.status();
    inputs.push_back(*std::move(tensor));
  }
  if (!example.graph.empty()) {
    const std::string text =
        absl::StrReplaceAll(example.graph, {{"$T", tensorflow::DataType_Name(dtype)}});
    if (!google::protobuf::TextFormat::ParseFromString(text, &built.graph)) {
      return absl::InvalidArgumentError("bad example graph text");
    }
    for (size_t i = 0; i < inputs.size(); ++i) {
      built.feeds.emplace_back(absl::StrCat("input_", i), inputs[i]);
    }
    for (tensorflow::NodeDef& node : *built.graph.mutable_node()) {
      const ops::OpDef* def = ops::FindOp(node.op());
      if (def == nullptr || !def->tfjs_supported) {
        // Then the case would measure the other op, which TF.js does not list.
        return absl::UnimplementedError(absl::StrCat("the example's graph uses ", node.op()));
      }
      AddDefaultAttrs(&node);
    }
    built.fetches = example.fetches;
    return built;
  }
  tensorflow::NodeDef* node = built.graph.add_node();
  if (!google::protobuf::TextFormat::ParseFromString(example.attrs, node)) {
    return absl::InvalidArgumentError("bad example attrs text");
  }
  node->set_name("op");
  node->set_op(example.op);
  if (!example.dtype_attr.empty()) (*node->mutable_attr())[example.dtype_attr].set_type(dtype);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const std::string name = absl::StrCat("input_", i);
    node->add_input(name);
    tensorflow::NodeDef* input = built.graph.add_node();
    input->set_name(name);
    (*input->mutable_attr())["dtype"].set_type(inputs[i].dtype());
    if (i < example.constant_inputs.size() && example.constant_inputs[i]) {
      input->set_op("Const");
      absl::StatusOr<tensorflow::TensorProto> value = runtime::TensorToProto(inputs[i]);
      if (!value.ok()) return value.status();
      *(*input->mutable_attr())["value"].mutable_tensor() = *std::move(value);
    } else {
      input->set_op("Placeholder");
      built.feeds.emplace_back(name, inputs[i]);
    }
  }
  AddDefaultAttrs(node);
  for (size_t k = 0; k < example.outputs.size(); ++k) built.fetches.push_back(absl::StrCat("op:", k));
  return built;
}

// One JSON line for `example` in `dtype`, or the reason there is none.
absl::StatusOr<std::string> CaseJson(const OpExample& example, DataType dtype) {
  absl::StatusOr<CaseGraph> built = BuildCase(example, dtype);
  if (!built.ok()) return built.status();
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model = runtime::GraphModel::FromGraphDef(
      built->graph, {}, {}, runtime::GraphModelOptions());
  if (!model.ok()) return model.status();
  absl::StatusOr<std::vector<Tensor>> outputs =
      (*model)->ExecuteAsync(built->feeds, built->fetches);
  if (!outputs.ok()) return outputs.status();

  // TF.js takes Const values from the weights, by node name also in function bodies, as
  // model.json's graph holds none.
  std::vector<std::string> constants, feeds, fetches, expected;
  std::vector<tensorflow::NodeDef*> nodes;
  for (tensorflow::NodeDef& node : *built->graph.mutable_node()) nodes.push_back(&node);
  for (tensorflow::FunctionDef& function : *built->graph.mutable_library()->mutable_function()) {
    for (tensorflow::NodeDef& node : *function.mutable_node_def()) nodes.push_back(&node);
  }
  for (tensorflow::NodeDef* node : nodes) {
    if (node->op() != "Const") continue;
    absl::StatusOr<Tensor> value = runtime::TensorFromProto(node->attr().at("value").tensor());
    if (!value.ok()) return value.status();
    absl::StatusOr<std::string> json = TensorJson(node->name(), *value);
    if (!json.ok()) return json.status();
    constants.push_back(*json);
    node->mutable_attr()->erase("value");
  }
  for (const auto& [name, tensor] : built->feeds) {
    absl::StatusOr<std::string> json = TensorJson(name, tensor);
    if (!json.ok()) return json.status();
    feeds.push_back(*json);
  }
  for (const std::string& fetch : built->fetches) fetches.push_back(JsonString(fetch));
  for (const Tensor& output : *outputs) {
    absl::StatusOr<std::string> json = TensorJson("", output);
    if (!json.ok()) return json.status();
    expected.push_back(*json);
  }
  std::string graph_json;
  if (!google::protobuf::util::MessageToJsonString(built->graph, &graph_json).ok()) {
    return absl::InternalError("graph to JSON failed");
  }
  return absl::StrCat(
      "{\"op\":", JsonString(example.op), ",\"example\":", JsonString(example.name),
      ",\"attr\":", JsonString(example.dtype_attr), ",\"dtype\":\"",
      tensorflow::DataType_Name(dtype), "\",\"tolerance\":", JsonNumber(example.tolerance),
      ",\"graph\":", graph_json, ",\"constants\":[", absl::StrJoin(constants, ","),
      "],\"feeds\":[", absl::StrJoin(feeds, ","), "],\"fetches\":[", absl::StrJoin(fetches, ","),
      "],\"expected\":[", absl::StrJoin(expected, ","), "]}");
}

int Main() {
  int written = 0, failed = 0;
  for (const OpExample& example : runtime::testing::AllOpExamples()) {
    const ops::OpDef* def = ops::FindOp(example.op);
    // Random ops give other numbers in TF.js by design; stateful ones depend on what ran before.
    if (def == nullptr || !def->tfjs_supported || def->is_random) continue;
    for (DataType dtype : ExampleDtypes(example)) {
      absl::StatusOr<std::string> json = CaseJson(example, dtype);
      if (absl::IsUnimplemented(json.status())) continue;
      if (!json.ok()) {
        std::cerr << "tfjs_op_support_cases: " << example.op << " " << example.name << " "
                  << tensorflow::DataType_Name(dtype) << ": " << json.status() << "\n";
        ++failed;
        continue;
      }
      std::cout << *json << "\n";
      ++written;
    }
  }
  std::cerr << "tfjs_op_support_cases: " << written << " cases, " << failed << " not built\n";
  return failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace tfjs::tools

int main() { return tfjs::tools::Main(); }
