#include "converter/passes/int_mean.h"

#include <cstdint>
#include <string>
#include <vector>

#include "converter/passes/graph_runner_testing.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "runtime/tensor.h"

namespace tfjs::converter {
namespace {

tensorflow::GraphDef Parse(const char* text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph));
  return graph;
}

// Means of int32 over axis 1 (kept) and int64 over both axes, and a float32 Mean that stays.
constexpr char kGraph[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "w" op: "Placeholder" attr { key: "dtype" value { type: DT_INT64 } } }
  node { name: "f" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node {
    name: "axis"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 1 } } }
  }
  node {
    name: "axes"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr {
      key: "value"
      value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 2 } } int_val: 0 int_val: 1 } }
    }
  }
  node { name: "wait" op: "NoOp" }
  node {
    name: "m"
    op: "Mean"
    input: "x"
    input: "axis"
    input: "^wait"
    attr { key: "T" value { type: DT_INT32 } }
    attr { key: "Tidx" value { type: DT_INT32 } }
    attr { key: "keep_dims" value { b: true } }
  }
  node {
    name: "n"
    op: "Mean"
    input: "w"
    input: "axes"
    attr { key: "T" value { type: DT_INT64 } }
    attr { key: "Tidx" value { type: DT_INT32 } }
    attr { key: "keep_dims" value { b: false } }
  }
  node {
    name: "g"
    op: "Mean"
    input: "f"
    input: "axis"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "Tidx" value { type: DT_INT32 } }
  }
)pb";

template <typename T>
runtime::Tensor Tensor(tensorflow::DataType dtype, runtime::Shape shape, std::vector<T> values) {
  runtime::Tensor tensor = *runtime::Tensor::Allocate(dtype, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i) tensor.mutable_data<T>()[i] = values[i];
  return tensor;
}

TEST(IntMeanTest, IntegerOpsGiveTensorFlowsTruncatedMean) {
  const tensorflow::GraphDef before = Parse(kGraph);
  tensorflow::GraphDef after = before;
  RewriteIntMean(&after);
  // Rows sum to -5, 9, -6 and 0 over 2 columns: TF truncates toward zero (-2, 4, -3, 0); all of
  // w sums to 1 - 8 + 2 = -5 over 3: -1.
  const testing::Feeds feeds = {
      {"x", Tensor<int32_t>(tensorflow::DT_INT32, {4, 2}, {-7, 2, 5, 4, -3, -3, 6, -6})},
      {"w", Tensor<int64_t>(tensorflow::DT_INT64, {1, 3}, {1, -8, 2})},
      {"f", Tensor<float>(tensorflow::DT_FLOAT, {1, 2}, {1.f, 2.f})}};
  absl::StatusOr<std::vector<runtime::Tensor>> got =
      testing::RunGraph(after, feeds, {"m", "n", "g"});
  ASSERT_TRUE(got.ok()) << got.status();
  testing::ExpectSameTensor(Tensor<int32_t>(tensorflow::DT_INT32, {4, 1}, {-2, 4, -3, 0}),
                            (*got)[0]);
  testing::ExpectSameTensor(Tensor<int64_t>(tensorflow::DT_INT64, {}, {-1}), (*got)[1]);
  testing::ExpectSameOutputs(before, after, feeds, {"m", "n", "g"});
  for (const tensorflow::NodeDef& node : after.node()) {
    if (node.name() == "m") {
      EXPECT_EQ(node.op(), "Mul");
      EXPECT_EQ(node.input(node.input_size() - 1), "^wait");
    }
    if (node.name() == "n") EXPECT_EQ(node.op(), "Mul");
    if (node.name() == "g") EXPECT_EQ(node.op(), "Mean");
    EXPECT_TRUE(node.op() != "Mean" || node.name() == "g") << node.name();
  }
  tensorflow::GraphDef again = after;
  RewriteIntMean(&again);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(after, again));
}

}  // namespace
}  // namespace tfjs::converter
