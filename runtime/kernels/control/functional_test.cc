#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::Floats;
using testing::Ints;

std::unique_ptr<GraphModel> Load(const char* text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph));
  auto model = GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
  EXPECT_TRUE(model.ok()) << model.status();
  return model.ok() ? *std::move(model) : nullptr;
}

// while i < n: i += 1; acc *= 2  (loop vars i, n, acc)
constexpr char kWhileGraph[] = R"pb(
  node {
    name: "i"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "n"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "acc"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "loop"
    op: "StatelessWhile"
    input: "i"
    input: "n"
    input: "acc"
    attr {
      key: "cond"
      value { func { name: "cond" } }
    }
    attr {
      key: "body"
      value { func { name: "body" } }
    }
  }
  library {
    function {
      signature {
        name: "cond"
        input_arg { name: "i" type: DT_INT32 }
        input_arg { name: "n" type: DT_INT32 }
        input_arg { name: "acc" type: DT_FLOAT }
        output_arg { name: "keep_going" type: DT_BOOL }
      }
      node_def { name: "less" op: "Less" input: "i" input: "n" }
      ret { key: "keep_going" value: "less:z:0" }
    }
    function {
      signature {
        name: "body"
        input_arg { name: "i" type: DT_INT32 }
        input_arg { name: "n" type: DT_INT32 }
        input_arg { name: "acc" type: DT_FLOAT }
        output_arg { name: "next_i" type: DT_INT32 }
        output_arg { name: "same_n" type: DT_INT32 }
        output_arg { name: "next_acc" type: DT_FLOAT }
      }
      node_def {
        name: "one"
        op: "Const"
        attr {
          key: "dtype"
          value { type: DT_INT32 }
        }
        attr {
          key: "value"
          value {
            tensor {
              dtype: DT_INT32
              tensor_shape {}
              int_val: 1
            }
          }
        }
      }
      node_def {
        name: "two"
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
              tensor_shape {}
              float_val: 2
            }
          }
        }
      }
      node_def { name: "add" op: "AddV2" input: "i" input: "one:output:0" }
      node_def { name: "mul" op: "Mul" input: "acc" input: "two:output:0" }
      ret { key: "next_i" value: "add:z:0" }
      ret { key: "same_n" value: "n" }
      ret { key: "next_acc" value: "mul:z:0" }
    }
  }
)pb";

TEST(FunctionalTest, WhileRunsTheBodyUntilTheConditionFails) {
  std::unique_ptr<GraphModel> model = Load(kWhileGraph);
  ASSERT_NE(model, nullptr);
  auto outputs = model->Execute(
      {{"i", Ints({}, {0})}, {"n", Ints({}, {5})}, {"acc", Floats({2}, {1.f, -3.f})}},
      {"loop:0", "loop:2"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].values<int32_t>()[0], 5);
  EXPECT_THAT(testing::FloatValues((*outputs)[1]), ::testing::ElementsAre(32.f, -96.f));
  // A condition false from the start returns the inputs.
  outputs = model->Execute(
      {{"i", Ints({}, {7})}, {"n", Ints({}, {5})}, {"acc", Floats({1}, {1.f})}}, {"loop:2"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(testing::FloatValues((*outputs)[0]), ::testing::ElementsAre(1.f));
}

constexpr char kIfGraph[] = R"pb(
  node {
    name: "c"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "branch"
    op: "If"
    input: "c"
    input: "x"
    attr {
      key: "then_branch"
      value { func { name: "negate" } }
    }
    attr {
      key: "else_branch"
      value { func { name: "square" } }
    }
  }
  library {
    function {
      signature {
        name: "negate"
        input_arg { name: "v" type: DT_FLOAT }
        output_arg { name: "out" type: DT_FLOAT }
      }
      node_def { name: "neg" op: "Neg" input: "v" }
      ret { key: "out" value: "neg:y:0" }
    }
    function {
      signature {
        name: "square"
        input_arg { name: "v" type: DT_FLOAT }
        output_arg { name: "out" type: DT_FLOAT }
      }
      node_def { name: "sq" op: "Square" input: "v" }
      ret { key: "out" value: "sq:y:0" }
    }
  }
)pb";

TEST(FunctionalTest, IfTakesTheBranchTheConditionsTruthValueSelects) {
  std::unique_ptr<GraphModel> model = Load(kIfGraph);
  ASSERT_NE(model, nullptr);
  auto then_outputs = model->Execute({{"c", Ints({}, {3})}, {"x", Floats({1}, {4.f})}}, {"branch"});
  ASSERT_TRUE(then_outputs.ok()) << then_outputs.status();
  EXPECT_EQ((*then_outputs)[0].values<float>()[0], -4.f);
  auto else_outputs = model->Execute({{"c", Ints({}, {0})}, {"x", Floats({1}, {4.f})}}, {"branch"});
  ASSERT_TRUE(else_outputs.ok()) << else_outputs.status();
  EXPECT_EQ((*else_outputs)[0].values<float>()[0], 16.f);
  // A non-scalar condition is true when it has elements.
  auto empty = model->Execute({{"c", Ints({0}, {})}, {"x", Floats({1}, {4.f})}}, {"branch"});
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ((*empty)[0].values<float>()[0], 16.f);
}

TEST(FunctionalTest, MissingFunctionFailsAtLoadNamingIt) {
  tensorflow::GraphDef graph;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
                                                              node { name: "x" op: "Placeholder" }
                                                              node {
                                                                name: "w"
                                                                op: "While"
                                                                input: "x"
                                                                attr {
                                                                  key: "cond"
                                                                  value { func { name: "nowhere" } }
                                                                }
                                                                attr {
                                                                  key: "body"
                                                                  value { func { name: "nowhere" } }
                                                                }
                                                              }
                                                            )pb",
                                                            &graph));
  auto model = GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
  ASSERT_FALSE(model.ok());
  EXPECT_NE(
      model.status().message().find("function 'nowhere': not in the graph's function library"),
      std::string::npos)
      << model.status();
}

// acc = x; for i in range(start, limit, delta): acc = acc * 2 + i; and a call of the body.
constexpr char kForGraph[] = R"pb(
  node {
    name: "start"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "limit"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "delta"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "loop"
    op: "For"
    input: "start"
    input: "limit"
    input: "delta"
    input: "x"
    attr {
      key: "body"
      value { func { name: "step" } }
    }
  }
  node {
    name: "call"
    op: "PartitionedCall"
    input: "start"
    input: "x"
    attr {
      key: "f"
      value { func { name: "step" } }
    }
  }
  node {
    name: "stateful_call"
    op: "StatefulPartitionedCall"
    input: "start"
    input: "x"
    attr {
      key: "f"
      value { func { name: "step" } }
    }
  }
  library {
    function {
      signature {
        name: "step"
        input_arg { name: "i" type: DT_INT32 }
        input_arg { name: "acc" type: DT_INT32 }
        output_arg { name: "out" type: DT_INT32 }
      }
      node_def { name: "twice" op: "AddV2" input: "acc" input: "acc" }
      node_def { name: "plus_i" op: "AddV2" input: "twice:z:0" input: "i" }
      ret { key: "out" value: "plus_i:z:0" }
    }
  }
)pb";

int RunFor(GraphModel& model, int start, int limit, int delta, int x) {
  auto outputs = model.Execute({{"start", Ints({}, {start})},
                                {"limit", Ints({}, {limit})},
                                {"delta", Ints({}, {delta})},
                                {"x", Ints({}, {x})}},
                               {"loop"});
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[0].values<int32_t>()[0] : -1;
}

TEST(FunctionalTest, ForCountsByDeltaInEitherDirection) {
  std::unique_ptr<GraphModel> model = Load(kForGraph);
  EXPECT_EQ(RunFor(*model, 0, 3, 1, 1), ((1 * 2 + 0) * 2 + 1) * 2 + 2);
  EXPECT_EQ(RunFor(*model, 3, 0, -2, 0), (0 * 2 + 3) * 2 + 1);
  EXPECT_EQ(RunFor(*model, 5, 5, 1, 7), 7);
  auto zero = model->Execute({{"start", Ints({}, {0})},
                              {"limit", Ints({}, {3})},
                              {"delta", Ints({}, {0})},
                              {"x", Ints({}, {1})}},
                             {"loop"});
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("delta must be non-zero"), std::string::npos);
}

TEST(FunctionalTest, PartitionedCallsCallTheirFunction) {
  std::unique_ptr<GraphModel> model = Load(kForGraph);
  auto outputs =
      model->Execute({{"start", Ints({}, {5})}, {"x", Ints({}, {10})}}, {"call", "stateful_call"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].values<int32_t>()[0], 25);
  EXPECT_EQ((*outputs)[1].values<int32_t>()[0], 25);
}

}  // namespace
}  // namespace tfjs::runtime
