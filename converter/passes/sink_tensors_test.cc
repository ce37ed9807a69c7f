#include "converter/passes/sink_tensors.h"

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using ::testing::ElementsAre;

tensorflow::GraphDef Parse(const char* text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph));
  return graph;
}

TEST(SinkTensorsTest, UnreadOutputsOfUnreadNodesInGraphOrder) {
  const tensorflow::GraphDef graph = Parse(R"pb(
    node { name: "x" op: "Placeholder" }
    node { name: "unused_input" op: "Placeholder" }
    node { name: "save/filename" op: "Const" }
    node { name: "relu" op: "Relu" input: "x" }
    node { name: "topk" op: "TopKV2" input: "relu" input: "k" }
    node { name: "k" op: "Const" }
    node {
      name: "split"
      op: "Split"
      input: "k"
      input: "relu"
      attr {
        key: "num_split"
        value { i: 3 }
      }
    }
    node { name: "neg" op: "Neg" input: "split:1" }
    node { name: "waits" op: "Identity" input: "relu" }
    node { name: "init" op: "NoOp" input: "^waits" }
    node { name: "check" op: "Assert" input: "relu" }
  )pb");
  absl::StatusOr<std::vector<std::string>> sinks = SinkTensors(graph);
  ASSERT_TRUE(sinks.ok()) << sinks.status();
  // split is read (at output 1), so its unread outputs 0 and 2 are not sinks; waits is read by a
  // control input.
  EXPECT_THAT(*sinks, ElementsAre("topk", "topk:1", "neg"));
}

TEST(SinkTensorsTest, ListOutputWithoutItsLengthIsAnError) {
  const tensorflow::GraphDef graph = Parse(R"pb(
    node { name: "s" op: "Split" }
  )pb");
  absl::StatusOr<std::vector<std::string>> sinks = SinkTensors(graph);
  ASSERT_FALSE(sinks.ok());
  EXPECT_NE(sinks.status().message().find("'s'"), std::string::npos) << sinks.status();
}

}  // namespace
}  // namespace tfjs::converter
