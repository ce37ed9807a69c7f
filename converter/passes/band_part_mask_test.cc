#include "converter/passes/band_part_mask.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/graph_runner_testing.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/kernels/nn/nn_test_util.h"

namespace tfjs::converter {
namespace {

// Bands of a [2, 3, 4] input: every sign combination of the bounds, int64 and int32 bounds.
std::string Graph() {
  std::string text = R"pb(
    node {
      name: "x"
      op: "Placeholder"
      attr { key: "dtype" value { type: DT_FLOAT } }
    }
  )pb";
  auto bound = [&](const std::string& name, int value, bool int64) {
    absl::StrAppend(&text, "node { name: \"", name, "\" op: \"Const\" attr { key: \"dtype\" value { type: ",
                    int64 ? "DT_INT64" : "DT_INT32", " } } attr { key: \"value\" value { tensor { dtype: ",
                    int64 ? "DT_INT64" : "DT_INT32", " tensor_shape {} ", int64 ? "int64_val: " : "int_val: ",
                    value, " } } } }\n");
  };
  int k = 0;
  for (const auto& [lower, upper] : std::vector<std::pair<int, int>>{
           {1, 0}, {0, 2}, {-1, 0}, {0, -1}, {-1, -1}, {2, 1}, {0, 0}}) {
    for (bool int64 : {true, false}) {
      const std::string name = absl::StrCat("band", k++);
      bound(name + "/lower", lower, int64);
      bound(name + "/upper", upper, int64);
      absl::StrAppend(&text, "node { name: \"", name, "\" op: \"MatrixBandPart\" input: \"x\" input: \"",
                      name, "/lower\" input: \"", name, "/upper\" attr { key: \"T\" value { type: DT_FLOAT } } ",
                      "attr { key: \"Tindex\" value { type: ", int64 ? "DT_INT64" : "DT_INT32", " } } }\n");
    }
  }
  return text;
}

// Expectations from the native runtime's MatrixBandPart (TF's semantics) on the original graph.
TEST(BandPartMaskTest, MaskGivesTheBand) {
  tensorflow::GraphDef before;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(Graph(), &before));
  tensorflow::GraphDef after = before;
  RewriteBandPart(&after);
  std::vector<std::string> outputs;
  for (int k = 0; k < 14; ++k) outputs.push_back(absl::StrCat("band", k));
  testing::ExpectSameOutputs(before, after, {{"x", runtime::nn::testing::RandomFloats({2, 3, 4}, 3)}},
                             outputs, 0);
  int rewritten = 0;
  for (const tensorflow::NodeDef& node : after.node()) {
    EXPECT_NE(node.op(), "MatrixBandPart") << node.name();
    rewritten += node.op() == "SelectV2";
  }
  EXPECT_EQ(rewritten, 14);
}

}  // namespace
}  // namespace tfjs::converter
