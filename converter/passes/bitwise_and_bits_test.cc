#include "converter/passes/bitwise_and_bits.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "converter/passes/graph_runner_testing.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/tensor.h"

namespace tfjs::converter {
namespace {

using ::testing::HasSubstr;

runtime::Tensor Ints(runtime::Shape shape, const std::vector<int32_t>& values) {
  runtime::Tensor tensor = *runtime::Tensor::Allocate(tensorflow::DT_INT32, shape);
  for (size_t i = 0; i < values.size(); ++i) tensor.mutable_data<int32_t>()[i] = values[i];
  return tensor;
}

// Expectations from the native runtime's BitwiseAnd (exact, as TF's) on the original graph:
// signs, the extremes, and a broadcast of a [2, 1] operand against a [5] one.
TEST(BitwiseAndBitsTest, SameBitsAsTheKernel) {
  tensorflow::GraphDef before;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
    node { name: "y" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
    node { name: "and" op: "BitwiseAnd" input: "x" input: "y" attr { key: "T" value { type: DT_INT32 } } }
  )pb", &before));
  tensorflow::GraphDef after = before;
  ASSERT_TRUE(RewriteBitwiseAnd(&after).ok());
  const int32_t min = std::numeric_limits<int32_t>::min();
  const int32_t max = std::numeric_limits<int32_t>::max();
  testing::ExpectSameOutputs(before, after,
                             {{"x", Ints({2, 1}, {-1, min})},
                              {"y", Ints({5}, {12345, -98765, max, min, -1})}},
                             {"and"});
  testing::ExpectSameOutputs(before, after,
                             {{"x", Ints({6}, {0, 7, -8, 0x55555555, min + 1, -2})},
                              {"y", Ints({6}, {-1, 12, -3, -1, max, 255})}},
                             {"and"});
  for (const tensorflow::NodeDef& node : after.node()) EXPECT_NE(node.op(), "BitwiseAnd");
}

TEST(BitwiseAndBitsTest, Int64IsRefused) {
  tensorflow::GraphDef graph;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node { name: "and" op: "BitwiseAnd" input: "x" input: "y" attr { key: "T" value { type: DT_INT64 } } }
  )pb", &graph));
  const absl::Status status = RewriteBitwiseAnd(&graph);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("node 'and' (op BitwiseAnd)"));
}

}  // namespace
}  // namespace tfjs::converter
