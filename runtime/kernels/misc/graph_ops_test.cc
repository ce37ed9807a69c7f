#include <chrono>
#include <cstdio>
#include <fstream>
#include <limits>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "runtime/kernels/misc/summarize.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using ::testing::HasSubstr;
using testing::Ints;

std::unique_ptr<GraphModel> Load(const char* text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph));
  auto model = GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
  EXPECT_TRUE(model.ok()) << model.status();
  return *std::move(model);
}

constexpr char kDefaultedInput[] = R"pb(
  node {
    name: "fallback"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_FLOAT
          tensor_shape { dim { size: 2 } }
          float_val: 5
          float_val: 6
        }
      }
    }
  }
  node {
    name: "x"
    op: "PlaceholderWithDefault"
    input: "fallback"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value { shape { dim { size: -1 } } }
    }
  }
  node { name: "barrier" op: "NoOp" input: "^x" }
  node { name: "y" op: "Identity" input: "x" input: "^barrier" }
)pb";

TEST(GraphOpsTest, PlaceholderWithDefaultForwardsDefaultUnlessFed) {
  std::unique_ptr<GraphModel> model = Load(kDefaultedInput);
  auto defaulted = model->Execute({}, {"y"});
  ASSERT_TRUE(defaulted.ok()) << defaulted.status();
  EXPECT_THAT(testing::FloatValues((*defaulted)[0]), ElementsAre(5.f, 6.f));
  auto fed = model->Execute({{"x", Floats({3}, {1.f, 2.f, 3.f})}}, {"y"});
  ASSERT_TRUE(fed.ok()) << fed.status();
  EXPECT_THAT(testing::FloatValues((*fed)[0]), ElementsAre(1.f, 2.f, 3.f));
}

TEST(GraphOpsTest, PlaceholderWithDefaultRejectsDefaultOfWrongShape) {
  auto outputs = testing::RunOp("PlaceholderWithDefault", {Floats({2}, {1.f, 2.f})},
                                R"(attr { key: "shape" value { shape { dim { size: 3 } } } })");
  ASSERT_FALSE(outputs.ok());
  EXPECT_THAT(std::string(outputs.status().message()), HasSubstr("[2]"));
}

TEST(GraphOpsTest, NoOpRejectsDataInputs) {
  auto outputs = testing::RunOp("NoOp", {Floats({1}, {1.f})}, "", 0);
  ASSERT_FALSE(outputs.ok());
  EXPECT_THAT(std::string(outputs.status().message()), HasSubstr("expects 0 inputs"));
}

TEST(GraphOpsTest, EnsureShapeForwardsCompatibleShapes) {
  Tensor input = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  auto outputs = testing::RunOp(
      "EnsureShape", {input},
      R"(attr { key: "shape" value { shape { dim { size: -1 } dim { size: 3 } } } })");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].raw_data(), input.raw_data());
}

TEST(GraphOpsTest, EnsureShapeRejectsIncompatibleShapes) {
  auto outputs = testing::RunOp(
      "EnsureShape", {Floats({2, 3}, {1, 2, 3, 4, 5, 6})},
      R"(attr { key: "shape" value { shape { dim { size: 2 } dim { size: 4 } } } })");
  ASSERT_FALSE(outputs.ok());
  EXPECT_THAT(std::string(outputs.status().message()),
              HasSubstr("[2,3] is not compatible with expected shape [2,4]"));
  auto rank = testing::RunOp("EnsureShape", {Floats({2, 3}, {1, 2, 3, 4, 5, 6})},
                             R"(attr { key: "shape" value { shape { dim { size: 6 } } } })");
  EXPECT_FALSE(rank.ok());
}

TEST(GraphOpsTest, EnsureShapeReadsTfjsShapeInput) {
  auto outputs = testing::RunOp("EnsureShape", {Floats({2}, {1, 2}), Ints({1}, {3})}, "");
  EXPECT_FALSE(outputs.ok());
  EXPECT_TRUE(testing::RunOp("EnsureShape", {Floats({2}, {1, 2}), Ints({1}, {-1})}, "").ok());
}

TEST(GraphOpsTest, PrintForwardsAndWritesFirstNRuns) {
  tensorflow::GraphDef graph;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
                                                              node {
                                                                name: "x"
                                                                op: "Placeholder"
                                                                attr {
                                                                  key: "dtype"
                                                                  value { type: DT_FLOAT }
                                                                }
                                                              }
                                                              node {
                                                                name: "d"
                                                                op: "Placeholder"
                                                                attr {
                                                                  key: "dtype"
                                                                  value { type: DT_INT32 }
                                                                }
                                                              }
                                                              node {
                                                                name: "p"
                                                                op: "Print"
                                                                input: "x"
                                                                input: "d"
                                                                attr {
                                                                  key: "message"
                                                                  value { s: "value: " }
                                                                }
                                                                attr {
                                                                  key: "first_n"
                                                                  value { i: 1 }
                                                                }
                                                                attr {
                                                                  key: "summarize"
                                                                  value { i: 3 }
                                                                }
                                                              }
                                                            )pb",
                                                            &graph));
  auto model = GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
  ASSERT_TRUE(model.ok()) << model.status();
  const std::vector<std::pair<std::string, Tensor>> feeds = {{"x", Floats({1}, {7.f})},
                                                             {"d", Ints({2, 2}, {1, 2, 3, 4})}};
  ::testing::internal::CaptureStderr();
  auto first = (*model)->Execute(feeds, {"p"});
  auto second = (*model)->Execute(feeds, {"p"});
  const std::string printed = ::testing::internal::GetCapturedStderr();
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(testing::FloatValues((*second)[0]), ElementsAre(7.f));
  EXPECT_EQ(printed, "value: [[1 2][3...]...]\n");
}

TEST(SummarizeTest, MatchesTfLayout) {
  EXPECT_EQ(misc::SummarizeValue(Ints({5}, {1, 2, 3, 4, 5}), 3), "1 2 3...");
  EXPECT_EQ(misc::SummarizeValue(Ints({2, 2}, {1, 2, 3, 4}), -1), "[1 2][3 4]");
  EXPECT_EQ(misc::SummarizeValue(Ints({}, {9}), 3), "9");
  EXPECT_EQ(misc::SummarizeValue(Tensor::Strings({2}, {"a", "b\n"}), 3), "a b\\n");
}

TEST(FillOpsTest, ZerosAndOnesFollowShapeAndDtype) {
  auto zeros =
      testing::RunOp("Zeros", {Ints({2}, {2, 1})}, R"(attr { key: "T" value { type: DT_INT32 } })");
  ASSERT_TRUE(zeros.ok()) << zeros.status();
  EXPECT_EQ((*zeros)[0].shape(), Shape({2, 1}));
  EXPECT_THAT(testing::IntValues((*zeros)[0]), ElementsAre(0, 0));
  auto ones = testing::RunOp("Ones", {Ints({1}, {3})}, "");
  ASSERT_TRUE(ones.ok()) << ones.status();
  EXPECT_THAT(testing::FloatValues((*ones)[0]), ElementsAre(1.f, 1.f, 1.f));
  EXPECT_FALSE(testing::RunOp("Ones", {Ints({1}, {-1})}, "").ok());
}

TEST(GraphOpsTest, CheckNumericsNamesWhatItFound) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::string message = "attr { key: 'message' value { s: 'bad' } }";
  auto run = [&](const char* op, std::vector<float> values) {
    auto outputs =
        testing::RunOp(op, {Floats({static_cast<int64_t>(values.size())}, values)}, message);
    return outputs.ok() ? std::string("ok") : std::string(outputs.status().message());
  };
  const float pinf = static_cast<float>(inf), fnan = static_cast<float>(nan);
  EXPECT_EQ(run("CheckNumerics", {1, 2}), "ok");
  EXPECT_THAT(run("CheckNumerics", {1, fnan}), HasSubstr("bad : Tensor had NaN values"));
  EXPECT_THAT(run("CheckNumerics", {-pinf, 1}), HasSubstr("bad : Tensor had Inf values"));
  EXPECT_THAT(run("CheckNumerics", {pinf, fnan}), HasSubstr("bad : Tensor had Inf and NaN values"));
  EXPECT_THAT(run("CheckNumericsV2", {-pinf, 1}), HasSubstr("bad : Tensor had -Inf values"));
  EXPECT_THAT(run("CheckNumericsV2", {pinf, -pinf}),
              HasSubstr("bad : Tensor had -Inf and +Inf values"));
  EXPECT_THAT(run("CheckNumericsV2", {fnan, -pinf, pinf}),
              HasSubstr("bad : Tensor had -Inf, +Inf, and NaN values"));
}

TEST(GraphOpsTest, GuaranteeConstRefusesHandlesAndCopyIsDeep) {
  auto table = testing::RunOp("HashTableV2", {},
                              "attr { key: 'key_dtype' value { type: DT_INT32 } } "
                              "attr { key: 'value_dtype' value { type: DT_FLOAT } }");
  ASSERT_TRUE(table.ok()) << table.status();
  auto refused = testing::RunOp("GuaranteeConst", {(*table)[0]}, "");
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr("Input tensor cannot be a resource variable handle."));
  const Tensor input = Floats({2}, {1, 2});
  auto copied = testing::RunOp("Copy", {input}, "");
  ASSERT_TRUE(copied.ok()) << copied.status();
  EXPECT_NE((*copied)[0].raw_data(), input.raw_data());
  EXPECT_THAT(testing::FloatValues((*copied)[0]), ElementsAre(1.f, 2.f));
  auto strings = testing::RunOp("CopyHost", {Tensor::Strings({2}, {"a", "bc"})}, "");
  ASSERT_TRUE(strings.ok()) << strings.status();
  EXPECT_THAT((*strings)[0].strings(), ElementsAre("a", "bc"));
}

TEST(GraphOpsTest, HostConstChecksItsDtype) {
  auto mismatch = testing::RunOp(
      "HostConst", {},
      "attr { key: 'dtype' value { type: DT_INT32 } } attr { key: 'value' value { tensor { "
      "dtype: DT_FLOAT tensor_shape { } float_val: 1 } } }");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_THAT(std::string(mismatch.status().message()), HasSubstr("Type mismatch"));
}

TEST(GraphOpsTest, TimestampIsSecondsSinceTheEpoch) {
  const double before =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto stamp = testing::RunOp("Timestamp", {}, "");
  const double after =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  ASSERT_TRUE(stamp.ok()) << stamp.status();
  const double seconds = (*stamp)[0].data<double>()[0];
  EXPECT_GE(seconds, before - 1e-6);
  EXPECT_LE(seconds, after + 1e-6);
}

TEST(GraphOpsTest, ImmutableConstMapsAFile) {
  const std::string path = ::testing::TempDir() + "/region.bin";
  const float values[3] = {1.5f, -2.f, 4.f};
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(values), sizeof(values));
  const std::string attrs = absl::StrCat(
      "attr { key: 'dtype' value { type: DT_FLOAT } } attr { key: 'memory_region_name' value { s: "
      "'",
      path, "' } } attr { key: 'shape' value { shape { dim { size: ");
  auto mapped = testing::RunOp("ImmutableConst", {}, attrs + "3 } } } }");
  ASSERT_TRUE(mapped.ok()) << mapped.status();
  EXPECT_THAT(testing::FloatValues((*mapped)[0]), ElementsAre(1.5f, -2.f, 4.f));
  auto too_big = testing::RunOp("ImmutableConst", {}, attrs + "4 } } } }");
  ASSERT_FALSE(too_big.ok());
  EXPECT_THAT(std::string(too_big.status().message()), HasSubstr("needs 16"));
  std::remove(path.c_str());
}

// Runs an Abort node (with `attrs`) as the control input of what is fetched.
absl::Status RunAbort(const std::string& attrs) {
  std::unique_ptr<GraphModel> model = Load(absl::StrCat(R"pb(
                                                          node { name: "abort" op: "Abort")pb",
                                                        attrs, R"pb(}
                                                                    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "y" op: "Identity" input: "x" input: "^abort" }
  )pb")
                                               .c_str());
  return model->Execute({{"x", Floats({1}, {1})}}, {"y"}).status();
}

// TF ends the process; the runtime, a library, fails the run with TF's message instead.
TEST(GraphOpsTest, AbortFailsTheRunWithTfsMessage) {
  const absl::Status aborted = RunAbort("attr { key: 'error_msg' value { s: 'stop' } }");
  EXPECT_EQ(aborted.code(), absl::StatusCode::kAborted);
  EXPECT_THAT(std::string(aborted.message()), HasSubstr("Abort_op intentional failure; stop"));
  const absl::Status exited = RunAbort("attr { key: 'exit_without_error' value { b: true } }");
  EXPECT_EQ(exited.code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(std::string(exited.message()), HasSubstr("Exiting the process"));
}

}  // namespace
}  // namespace tfjs::runtime
