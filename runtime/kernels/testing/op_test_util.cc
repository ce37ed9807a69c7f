// Helpers for kernel tests: one op run through a real GraphModel, tensor values read back.
#include "runtime/kernels/testing/op_test_util.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "runtime/graph_model.h"

namespace tfjs::runtime::testing {
namespace {

// A Const node holding `tensor` as tensor_content / string_val.
tensorflow::NodeDef ConstNode(const std::string& name, const Tensor& tensor) {
  tensorflow::NodeDef node;
  node.set_name(name);
  node.set_op("Const");
  (*node.mutable_attr())["dtype"].set_type(tensor.dtype());
  tensorflow::TensorProto* proto = (*node.mutable_attr())["value"].mutable_tensor();
  proto->set_dtype(tensor.dtype());
  for (int64_t dim : tensor.shape()) proto->mutable_tensor_shape()->add_dim()->set_size(dim);
  if (tensor.dtype() == tensorflow::DT_STRING) {
    for (const std::string& value : tensor.strings()) proto->add_string_val(value);
  } else {
    proto->set_tensor_content(
        std::string(static_cast<const char*>(tensor.raw_data()), tensor.byte_size()));
  }
  return node;
}

}  // namespace

absl::StatusOr<std::vector<Tensor>> RunOp(const std::string& op, const std::vector<Tensor>& inputs,
                                          const std::string& attrs_text, int num_outputs,
                                          std::vector<bool> constant_inputs, int num_threads) {
  tensorflow::GraphDef graph;
  tensorflow::NodeDef* target = graph.add_node();
  if (!google::protobuf::TextFormat::ParseFromString(attrs_text, target)) {
    return absl::InvalidArgumentError(absl::StrCat("bad attrs text: ", attrs_text));
  }
  target->set_name("op");
  target->set_op(op);
  std::vector<std::pair<std::string, Tensor>> feeds;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const std::string name = absl::StrCat("input_", i);
    target->add_input(name);
    if (i < constant_inputs.size() && constant_inputs[i]) {
      *graph.add_node() = ConstNode(name, inputs[i]);
      continue;
    }
    tensorflow::NodeDef* placeholder = graph.add_node();
    placeholder->set_name(name);
    placeholder->set_op("Placeholder");
    (*placeholder->mutable_attr())["dtype"].set_type(inputs[i].dtype());
    feeds.emplace_back(name, inputs[i]);
  }
  std::vector<std::string> outputs;
  for (int i = 0; i < num_outputs; ++i) outputs.push_back(absl::StrCat("op:", i));
  if (num_outputs == 0) {
    // An op without outputs runs as the control dependency of something fetched.
    tensorflow::NodeDef* after = graph.add_node();
    after->set_name("after_op");
    after->set_op("Identity");
    after->add_input("input_0");
    after->add_input("^op");
    outputs.push_back("after_op");
  }
  GraphModelOptions options;
  options.num_threads = num_threads;
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::FromGraphDef(std::move(graph), {}, {}, options);
  if (!model.ok()) return model.status();
  return (*model)->ExecuteAsync(feeds, outputs);
}

absl::StatusOr<std::vector<Tensor>> RunGraph(
    const std::string& graph_text, const std::vector<std::pair<std::string, Tensor>>& feeds,
    const std::vector<std::string>& fetches) {
  tensorflow::GraphDef graph;
  if (!google::protobuf::TextFormat::ParseFromString(graph_text, &graph)) {
    return absl::InvalidArgumentError(absl::StrCat("bad GraphDef text: ", graph_text));
  }
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
  if (!model.ok()) return model.status();
  return (*model)->ExecuteAsync(feeds, fetches);
}

std::vector<float> FloatValues(const Tensor& tensor) {
  absl::Span<const float> values = tensor.values<float>();
  return std::vector<float>(values.begin(), values.end());
}

std::vector<int32_t> IntValues(const Tensor& tensor) {
  absl::Span<const int32_t> values = tensor.values<int32_t>();
  return std::vector<int32_t>(values.begin(), values.end());
}

std::vector<int64_t> Int64Values(const Tensor& tensor) {
  absl::Span<const int64_t> values = tensor.values<int64_t>();
  return std::vector<int64_t>(values.begin(), values.end());
}

std::string StatusMessage(const absl::StatusOr<std::vector<Tensor>>& result) {
  return result.ok() ? "ok" : std::string(result.status().message());
}

}  // namespace tfjs::runtime::testing
