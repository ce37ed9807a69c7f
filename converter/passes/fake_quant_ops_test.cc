#include "converter/passes/fake_quant_ops.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/graph_runner_testing.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/tensor.h"

namespace tfjs::converter {
namespace {

using ::testing::HasSubstr;

// Ranges that need nudging (zero off the grid), narrow ranges, 4 and 8 bits, and a range that
// lies above zero (the zero point clamps to quant_min).
std::string Graph() {
  std::string text = R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  )pb";
  auto scalar = [&](const std::string& name, float value) {
    absl::StrAppend(&text, "node { name: \"", name,
                    "\" op: \"Const\" attr { key: \"dtype\" value { type: DT_FLOAT } } "
                    "attr { key: \"value\" value { tensor { dtype: DT_FLOAT tensor_shape {} "
                    "float_val: ",
                    value, " } } } }\n");
  };
  struct Case {
    float min, max;
    int bits;
    bool narrow;
  };
  const std::vector<Case> cases = {
      {-1.f, 1.f, 8, false}, {-0.37f, 2.9f, 8, true}, {-3.1f, 0.7f, 4, false},
      {0.5f, 3.f, 8, false}, {-6.f, -1.f, 5, true}};
  for (size_t k = 0; k < cases.size(); ++k) {
    const std::string name = absl::StrCat("fq", k);
    scalar(name + "/min", cases[k].min);
    scalar(name + "/max", cases[k].max);
    absl::StrAppend(&text, "node { name: \"", name,
                    "\" op: \"FakeQuantWithMinMaxVars\" input: \"x\" input: \"", name,
                    "/min\" input: \"", name, "/max\" attr { key: \"num_bits\" value { i: ",
                    cases[k].bits, " } } attr { key: \"narrow_range\" value { b: ",
                    cases[k].narrow ? "true" : "false", " } } }\n");
  }
  return text;
}

// Expectations from the native runtime's FakeQuantWithMinMaxVars (TF's kernel math) on the
// original graph, compared exactly: the rewrite does the same float32 operations.
TEST(FakeQuantOpsTest, SameValuesAsTheKernel) {
  FrozenModel model;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(Graph(), &model.graph));
  const tensorflow::GraphDef before = model.graph;
  ASSERT_TRUE(RewriteFakeQuant(&model).ok());
  std::vector<float> values;
  for (int i = -80; i <= 80; ++i) values.push_back(i * 0.0913f);
  values.push_back(std::numeric_limits<float>::quiet_NaN());
  runtime::Tensor x =
      *runtime::Tensor::Allocate(tensorflow::DT_FLOAT, {static_cast<int64_t>(values.size())});
  for (size_t i = 0; i < values.size(); ++i) x.mutable_data<float>()[i] = values[i];
  const std::vector<std::string> outputs = {"fq0", "fq1", "fq2", "fq3", "fq4"};
  absl::StatusOr<std::vector<runtime::Tensor>> want = testing::RunGraph(before, {{"x", x}}, outputs);
  ASSERT_TRUE(want.ok()) << want.status();
  absl::StatusOr<std::vector<runtime::Tensor>> got =
      testing::RunGraph(model.graph, {{"x", x}}, outputs);
  ASSERT_TRUE(got.ok()) << got.status();
  for (size_t k = 0; k < outputs.size(); ++k) {
    for (size_t i = 0; i < values.size(); ++i) {
      const float w = (*want)[k].data<float>()[i], g = (*got)[k].data<float>()[i];
      EXPECT_TRUE(w == g || (std::isnan(w) && std::isnan(g))) << outputs[k] << "@" << i << ": "
                                                              << g << " vs " << w;
    }
  }
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    EXPECT_NE(node.op(), "FakeQuantWithMinMaxVars") << node.name();
  }
}

TEST(FakeQuantOpsTest, ComputedRangeIsRefused) {
  FrozenModel model;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "lo" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "hi" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "fq" op: "FakeQuantWithMinMaxVars" input: "x" input: "lo" input: "hi" }
  )pb", &model.graph));
  const absl::Status status = RewriteFakeQuant(&model);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("node 'fq' (op FakeQuantWithMinMaxVars)"));
  EXPECT_THAT(status.message(), HasSubstr("runs it as Identity"));
}

}  // namespace
}  // namespace tfjs::converter
