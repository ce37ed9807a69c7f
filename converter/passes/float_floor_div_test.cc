#include "converter/passes/float_floor_div.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "converter/passes/graph_runner_testing.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/tensor.h"

namespace tfjs::converter {
namespace {

tensorflow::GraphDef Parse(const char* text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph));
  return graph;
}

constexpr char kGraph[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "y" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "i" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "j" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "wait" op: "NoOp" }
  node {
    name: "q"
    op: "FloorDiv"
    input: "x"
    input: "y"
    input: "^wait"
    attr { key: "T" value { type: DT_FLOAT } }
  }
  node { name: "t" op: "Tanh" input: "q" attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "k" op: "FloorDiv" input: "i" input: "j" attr { key: "T" value { type: DT_INT32 } } }
)pb";

runtime::Tensor Floats(const std::vector<float>& values) {
  runtime::Tensor tensor =
      *runtime::Tensor::Allocate(tensorflow::DT_FLOAT, {static_cast<int64_t>(values.size())});
  for (size_t i = 0; i < values.size(); ++i) tensor.mutable_data<float>()[i] = values[i];
  return tensor;
}

runtime::Tensor Ints(const std::vector<int32_t>& values) {
  runtime::Tensor tensor =
      *runtime::Tensor::Allocate(tensorflow::DT_INT32, {static_cast<int64_t>(values.size())});
  for (size_t i = 0; i < values.size(); ++i) tensor.mutable_data<int32_t>()[i] = values[i];
  return tensor;
}

// Expectations from the native runtime's FloorDiv on the original graph (TF's kernel semantics):
// negative quotients, a zero divisor (infinity), NaN and a quotient past int32.
TEST(FloatFloorDivTest, FloorOfRealDivGivesFloorDivsValues) {
  const tensorflow::GraphDef before = Parse(kGraph);
  tensorflow::GraphDef after = before;
  RewriteFloatFloorDiv(&after);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const testing::Feeds feeds = {{"x", Floats({7.5f, -7.5f, 1.f, nan, 3e10f, -0.5f})},
                                {"y", Floats({2.f, 2.f, 0.f, 1.f, 1.f, 4.f})},
                                {"i", Ints({7, -7})},
                                {"j", Ints({2, 2})}};
  absl::StatusOr<std::vector<runtime::Tensor>> want =
      testing::RunGraph(before, feeds, {"q", "t", "k"});
  ASSERT_TRUE(want.ok()) << want.status();
  absl::StatusOr<std::vector<runtime::Tensor>> got = testing::RunGraph(after, feeds, {"q", "t", "k"});
  ASSERT_TRUE(got.ok()) << got.status();
  for (int k = 0; k < 2; ++k) {
    ASSERT_EQ((*got)[k].dtype(), tensorflow::DT_FLOAT);
    for (int64_t i = 0; i < (*want)[k].num_elements(); ++i) {
      const float w = (*want)[k].data<float>()[i], g = (*got)[k].data<float>()[i];
      EXPECT_TRUE(w == g || (std::isnan(w) && std::isnan(g))) << k << "@" << i << ": " << g << " vs " << w;
    }
  }
  EXPECT_EQ((*want)[0].data<float>()[1], -4.f);  // floor(-3.75)
  testing::ExpectSameTensor((*want)[2], (*got)[2]);
  int floors = 0;
  for (const tensorflow::NodeDef& node : after.node()) {
    if (node.name() == "q") {
      EXPECT_EQ(node.op(), "Floor");
      ASSERT_EQ(node.input_size(), 2);
      EXPECT_EQ(node.input(0), "q/real_div");
      EXPECT_EQ(node.input(1), "^wait");
      ++floors;
    }
    if (node.name() == "k") EXPECT_EQ(node.op(), "FloorDiv");
  }
  EXPECT_EQ(floors, 1);
}

}  // namespace
}  // namespace tfjs::converter
