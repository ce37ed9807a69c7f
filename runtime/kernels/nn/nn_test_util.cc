#include "runtime/kernels/nn/nn_test_util.h"

#include <thread>

#include "google/protobuf/text_format.h"
#include "runtime/graph_model.h"

namespace tfjs::runtime::nn::testing {
namespace {

std::vector<float> FloatsOf(const Tensor& tensor) {
  return std::vector<float>(tensor.data<float>(), tensor.data<float>() + tensor.num_elements());
}

}  // namespace

void ExpectConcurrentRunsAgree(const std::string& op, const std::string& attrs_text,
                               const Tensor& weight, const std::vector<Tensor>& inputs, int runs) {
  tensorflow::GraphDef graph;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      "node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } }"
      "node { name: 'op' op: '" +
          op + "' input: 'x' input: 'w' " + attrs_text + "}",
      &graph));
  tensorflow::NodeDef* constant = graph.add_node();
  constant->set_name("w");
  constant->set_op("Const");
  tensorflow::TensorProto* value = (*constant->mutable_attr())["value"].mutable_tensor();
  value->set_dtype(weight.dtype());
  for (int64_t dim : weight.shape()) value->mutable_tensor_shape()->add_dim()->set_size(dim);
  value->set_tensor_content(
      std::string(static_cast<const char*>(weight.raw_data()), weight.byte_size()));
  GraphModelOptions options;
  options.num_threads = 2;
  auto model = GraphModel::FromGraphDef(graph, {}, {}, options);
  ASSERT_TRUE(model.ok()) << model.status();

  std::vector<std::vector<float>> expected;
  for (const Tensor& input : inputs) {
    auto outputs = (*model)->Execute({{"x", input}}, {"op"});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    expected.push_back(FloatsOf((*outputs)[0]));
  }
  std::vector<int> mismatches(inputs.size(), 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < inputs.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < runs; ++i) {
        auto outputs = (*model)->Execute({{"x", inputs[t]}}, {"op"});
        if (!outputs.ok() || FloatsOf((*outputs)[0]) != expected[t]) ++mismatches[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t t = 0; t < inputs.size(); ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

}  // namespace tfjs::runtime::nn::testing
