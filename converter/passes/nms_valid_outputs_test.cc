#include "converter/passes/nms_valid_outputs.h"

#include <cstdint>
#include <string>
#include <vector>

#include "converter/passes/graph_runner_testing.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "runtime/half.h"
#include "runtime/tensor.h"

namespace tfjs::converter {
namespace {

// Float16 boxes and scores (as the graphs TF.js failed on), one NMS whose valid_outputs a node
// reads, one that is a model output, and one whose output 2 nothing reads.
constexpr char kGraph[] = R"pb(
  node { name: "boxes" op: "Placeholder" attr { key: "dtype" value { type: DT_HALF } } }
  node { name: "scores" op: "Placeholder" attr { key: "dtype" value { type: DT_HALF } } }
  node {
    name: "max"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 3 } } }
  }
  node {
    name: "t"
    op: "Const"
    attr { key: "dtype" value { type: DT_HALF } }
    attr { key: "value" value { tensor { dtype: DT_HALF tensor_shape {} half_val: 14336 } } }
  }
  node {
    name: "zero"
    op: "Const"
    attr { key: "dtype" value { type: DT_HALF } }
    attr { key: "value" value { tensor { dtype: DT_HALF tensor_shape {} half_val: 0 } } }
  }
  node {
    name: "nms"
    op: "NonMaxSuppressionV5"
    input: "boxes" input: "scores" input: "max" input: "t" input: "zero" input: "zero"
    attr { key: "T" value { type: DT_HALF } }
    attr { key: "pad_to_max_output_size" value { b: false } }
  }
  node { name: "count" op: "Identity" input: "nms:2" attr { key: "T" value { type: DT_INT32 } } }
  node {
    name: "nms2"
    op: "NonMaxSuppressionV5"
    input: "boxes" input: "scores" input: "max" input: "t" input: "zero" input: "zero"
    attr { key: "T" value { type: DT_HALF } }
    attr { key: "pad_to_max_output_size" value { b: false } }
  }
  node {
    name: "nms3"
    op: "NonMaxSuppressionV5"
    input: "boxes" input: "scores" input: "max" input: "t" input: "zero" input: "zero"
    attr { key: "T" value { type: DT_HALF } }
    attr { key: "pad_to_max_output_size" value { b: false } }
  }
  node { name: "kept" op: "Identity" input: "nms3:1" attr { key: "T" value { type: DT_HALF } } }
)pb";

runtime::Tensor Halfs(runtime::Shape shape, const std::vector<float>& values) {
  runtime::Tensor halfs = *runtime::Tensor::Allocate(tensorflow::DT_HALF, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i) {
    halfs.mutable_data<uint16_t>()[i] = runtime::FloatToHalf(values[i]);
  }
  return halfs;
}

TEST(NmsValidOutputsTest, ValidOutputsIsTheCountOfSelectedBoxes) {
  FrozenModel before;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kGraph, &before.graph));
  before.output_nodes = {"count", "nms2:2", "nms:0", "kept"};
  FrozenModel after = before;
  RewriteNmsValidOutputs(&after);
  // Boxes 0 and 1 overlap (IoU 0.82 > 0.5): boxes 0 and 2 are kept, so valid_outputs is 2.
  const testing::Feeds feeds = {
      {"boxes", Halfs({3, 4}, {0, 0, 1, 1, 0, 0.1f, 1, 1.1f, 0, 2, 1, 3})},
      {"scores", Halfs({3}, {0.9f, 0.8f, 0.7f})}};
  const std::vector<std::string> fetches = {"count", "nms2:2", "nms:0", "nms:1", "kept"};
  absl::StatusOr<std::vector<runtime::Tensor>> got = testing::RunGraph(after.graph, feeds, fetches);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ((*got)[0].data<int32_t>()[0], 2);
  EXPECT_EQ((*got)[1].data<int32_t>()[0], 2);
  testing::ExpectSameOutputs(before.graph, after.graph, feeds, fetches);
  int renamed = 0;
  for (const tensorflow::NodeDef& node : after.graph.node()) {
    if (node.name() == "nms" || node.name() == "nms2") EXPECT_EQ(node.op(), "IdentityN");
    if (node.name() == "nms3") EXPECT_EQ(node.op(), "NonMaxSuppressionV5");
    if (node.op() == "NonMaxSuppressionV5" && node.name() != "nms3") ++renamed;
  }
  EXPECT_EQ(renamed, 2);
  FrozenModel again = after;
  RewriteNmsValidOutputs(&again);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(after.graph, again.graph));
}

}  // namespace
}  // namespace tfjs::converter
