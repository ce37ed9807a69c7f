#include "converter/passes/validate_graph.h"

#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::ParseGraph;

TEST(ValidateGraphTest, AcceptsDagAndNextIterationLoop) {
  EXPECT_TRUE(ValidateGraph(ParseGraph(R"pb(
    node { name: "x" op: "Placeholder" }
    node { name: "enter" op: "Enter" input: "x" }
    node { name: "merge" op: "Merge" input: "enter" input: "next" }
    node { name: "inc" op: "AddV2" input: "merge" input: "merge:1" input: "^x" }
    node { name: "next" op: "NextIteration" input: "inc" }
  )pb")).ok());
}

TEST(ValidateGraphTest, RejectsCycleNamingANodeOnIt) {
  absl::Status status = ValidateGraph(ParseGraph(R"pb(
    node { name: "x" op: "Placeholder" }
    node { name: "downstream" op: "Neg" input: "b" }
    node { name: "a" op: "AddV2" input: "x" input: "b" }
    node { name: "b" op: "Neg" input: "a" }
  )pb"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("cycle"), std::string::npos);
  const bool names_cycle_node = status.message().find("'a'") != std::string::npos ||
                                status.message().find("'b'") != std::string::npos;
  EXPECT_TRUE(names_cycle_node) << status;
}

TEST(ValidateGraphTest, RejectsMissingInputAndDuplicateName) {
  absl::Status missing = ValidateGraph(ParseGraph(R"pb(
    node { name: "y" op: "Neg" input: "^ghost" }
  )pb"));
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing.message().find("ghost"), std::string::npos);
  absl::Status duplicate = ValidateGraph(ParseGraph(R"pb(
    node { name: "y" op: "Const" }
    node { name: "y" op: "Const" }
  )pb"));
  EXPECT_EQ(duplicate.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(duplicate.message().find("'y'"), std::string::npos);
}

}  // namespace
}  // namespace tfjs::converter
