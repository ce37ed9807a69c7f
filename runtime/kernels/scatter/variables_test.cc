// Tests for resource variables (resource_variable.cc, resource_scatter.cc) and reference
// variables (ref_variable.cc, and assign.cc / ref_scatter.cc writing through them), run as
// graphs whose state persists between runs of one model.
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;

std::unique_ptr<GraphModel> Load(const std::string& text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph)) << text;
  auto model = GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
  EXPECT_TRUE(model.ok()) << model.status();
  return model.ok() ? *std::move(model) : nullptr;
}

absl::StatusOr<std::vector<Tensor>> Execute(GraphModel& model,
                                            std::vector<std::pair<std::string, Tensor>> feeds,
                                            std::vector<std::string> fetches) {
  return model.ExecuteAsync(feeds, fetches);
}

std::vector<float> RunFloats(GraphModel& model, std::vector<std::pair<std::string, Tensor>> feeds,
                             const std::string& fetch) {
  auto outputs = Execute(model, std::move(feeds), {fetch});
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? FloatValues((*outputs)[0]) : std::vector<float>{};
}

// A float resource variable `v` with: "init" (assign x), "read" (after nothing), ops on it
// each followed by a read: "<op>_read".
constexpr char kResourceGraph[] = R"pb(
  node {
    name: "v"
    op: "VarHandleOp"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value {
        shape {
          dim { size: 3 }
          dim { size: 2 }
        }
      }
    }
    attr {
      key: "shared_name"
      value { s: "weights" }
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
    name: "i"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "u"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "init"
    op: "AssignVariableOp"
    input: "v"
    input: "x"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "init_read"
    op: "ReadVariableOp"
    input: "v"
    input: "^init"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "read"
    op: "ReadVariableOp"
    input: "v"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node { name: "is_init" op: "VarIsInitializedOp" input: "v" }
  node {
    name: "shape"
    op: "VariableShape"
    input: "v"
    attr {
      key: "out_type"
      value { type: DT_INT64 }
    }
  }
  node {
    name: "add"
    op: "AssignAddVariableOp"
    input: "v"
    input: "x"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "add_read"
    op: "ReadVariableOp"
    input: "v"
    input: "^add"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "gather"
    op: "ResourceGather"
    input: "v"
    input: "i"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "Tindices"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "gather_nd"
    op: "ResourceGatherNd"
    input: "v"
    input: "i"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "Tindices"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "scatter_add"
    op: "ResourceScatterAdd"
    input: "v"
    input: "i"
    input: "u"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "Tindices"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "scatter_add_read"
    op: "ReadVariableOp"
    input: "v"
    input: "^scatter_add"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "scatter_div"
    op: "ResourceScatterDiv"
    input: "v"
    input: "i"
    input: "u"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "Tindices"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "scatter_div_read"
    op: "ReadVariableOp"
    input: "v"
    input: "^scatter_div"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "scatter_nd"
    op: "ResourceScatterNdUpdate"
    input: "v"
    input: "i"
    input: "u"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
    attr {
      key: "Tindices"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "scatter_nd_read"
    op: "ReadVariableOp"
    input: "v"
    input: "^scatter_nd"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "begin"
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
          tensor_shape { dim { size: 2 } }
          int_val: 2
          int_val: 1
        }
      }
    }
  }
  node {
    name: "end"
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
          tensor_shape { dim { size: 2 } }
          int_val: -4
          int_val: 2
        }
      }
    }
  }
  node {
    name: "strides"
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
          tensor_shape { dim { size: 2 } }
          int_val: -2
          int_val: 1
        }
      }
    }
  }
  node {
    name: "slice_assign"
    op: "ResourceStridedSliceAssign"
    input: "v"
    input: "begin"
    input: "end"
    input: "strides"
    input: "u"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
    attr {
      key: "Index"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "slice_assign_read"
    op: "ReadVariableOp"
    input: "v"
    input: "^slice_assign"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node { name: "destroy" op: "DestroyResourceOp" input: "v" }
  node { name: "destroyed" op: "VarIsInitializedOp" input: "v" input: "^destroy" }
)pb";

const Tensor kInitial = Floats({3, 2}, {1, 2, 3, 4, 5, 6});

TEST(ResourceVariableTest, ReadsWhatWasAssignedAndKeepsItBetweenRuns) {
  std::unique_ptr<GraphModel> model = Load(kResourceGraph);
  auto unread = Execute(*model, {}, {"read"});
  ASSERT_FALSE(unread.ok());
  EXPECT_THAT(std::string(unread.status().message()), HasSubstr("Could not find variable weights"));
  auto before = Execute(*model, {}, {"is_init"});
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_FALSE((*before)[0].data<bool>()[0]);

  EXPECT_THAT(RunFloats(*model, {{"x", kInitial}}, "init_read"), ElementsAre(1, 2, 3, 4, 5, 6));
  EXPECT_THAT(RunFloats(*model, {}, "read"), ElementsAre(1, 2, 3, 4, 5, 6));
  auto shape = Execute(*model, {}, {"shape", "is_init"});
  ASSERT_TRUE(shape.ok()) << shape.status();
  EXPECT_THAT((*shape)[0].values<int64_t>(), ElementsAre(3, 2));
  EXPECT_TRUE((*shape)[1].data<bool>()[0]);
  // Each run adds x again: the value persists.
  EXPECT_THAT(RunFloats(*model, {{"x", Floats({3, 2}, {1, 1, 1, 1, 1, 1})}}, "add_read"),
              ElementsAre(2, 3, 4, 5, 6, 7));
  EXPECT_THAT(RunFloats(*model, {{"x", Floats({3, 2}, {1, 1, 1, 1, 1, 1})}}, "add_read"),
              ElementsAre(3, 4, 5, 6, 7, 8));
}

TEST(ResourceVariableTest, ReadsBeforeAWriteKeepTheirValue) {
  std::unique_ptr<GraphModel> model = Load(kResourceGraph);
  RunFloats(*model, {{"x", kInitial}}, "init_read");
  auto outputs = Execute(*model, {{"x", kInitial}}, {"read", "add_read"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  // "read" has no ordering against "add" here; whichever ran first, a read tensor never changes
  // afterwards, so it holds either the old or the new value whole.
  const std::vector<float> read = FloatValues((*outputs)[0]);
  EXPECT_TRUE(read == std::vector<float>({1, 2, 3, 4, 5, 6}) ||
              read == std::vector<float>({2, 4, 6, 8, 10, 12}));
  EXPECT_THAT(FloatValues((*outputs)[1]), ElementsAre(2, 4, 6, 8, 10, 12));
}

TEST(ResourceVariableTest, GathersAndScatters) {
  std::unique_ptr<GraphModel> model = Load(kResourceGraph);
  RunFloats(*model, {{"x", kInitial}}, "init_read");
  EXPECT_THAT(RunFloats(*model, {{"i", Ints({2}, {2, 0})}}, "gather"), ElementsAre(5, 6, 1, 2));
  EXPECT_THAT(RunFloats(*model, {{"i", Ints({2, 2}, {2, 1, 0, 0})}}, "gather_nd"),
              ElementsAre(6, 1));
  // Row 1 twice: both updates accumulate.
  EXPECT_THAT(RunFloats(*model, {{"i", Ints({2}, {1, 1})}, {"u", Floats({2, 2}, {1, 2, 10, 20})}},
                        "scatter_add_read"),
              ElementsAre(1, 2, 14, 26, 5, 6));
  EXPECT_THAT(
      RunFloats(*model, {{"i", Ints({1}, {0})}, {"u", Floats({1, 2}, {2, 4})}}, "scatter_div_read"),
      ElementsAre(0.5f, 0.5f, 14, 26, 5, 6));
  EXPECT_THAT(RunFloats(*model, {{"i", Ints({2, 2}, {2, 1, 0, 0})}, {"u", Floats({2}, {-1, -2})}},
                        "scatter_nd_read"),
              ElementsAre(-2, 0.5f, 14, 26, 5, -1));
  // v[2:-4:-2, 1:2] = u: rows 2 and 0 of column 1.
  EXPECT_THAT(RunFloats(*model, {{"u", Floats({2, 1}, {7, 8})}}, "slice_assign_read"),
              ElementsAre(-2, 8, 14, 26, 5, 7));
}

TEST(ResourceVariableTest, ErrorsLeaveTheValue) {
  std::unique_ptr<GraphModel> model = Load(kResourceGraph);
  RunFloats(*model, {{"x", kInitial}}, "init_read");
  auto zero =
      Execute(*model, {{"i", Ints({1}, {0})}, {"u", Floats({1, 2}, {1, 0})}}, {"scatter_div_read"});
  ASSERT_FALSE(zero.ok());
  EXPECT_THAT(std::string(zero.status().message()), HasSubstr("updates must not contain 0"));
  auto out_of_range =
      Execute(*model, {{"i", Ints({2}, {0, 3})}, {"u", Floats({2, 2}, {1, 1, 1, 1})}},
              {"scatter_add_read"});
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_THAT(std::string(out_of_range.status().message()),
              HasSubstr("indices[1] = 3 is not in [0, 3)"));
  auto bad_shape = Execute(*model, {{"i", Ints({1}, {0})}, {"u", Floats({1, 3}, {1, 1, 1})}},
                           {"scatter_add_read"});
  ASSERT_FALSE(bad_shape.ok());
  EXPECT_THAT(std::string(bad_shape.status().message()),
              HasSubstr("updates.shape = indices.shape + params.shape[1:]"));
  auto bad_slice = Execute(*model, {{"u", Floats({3}, {1, 1, 1})}}, {"slice_assign_read"});
  ASSERT_FALSE(bad_slice.ok());
  EXPECT_THAT(std::string(bad_slice.status().message()), HasSubstr("does not match r-value shape"));
  EXPECT_THAT(RunFloats(*model, {}, "read"), ElementsAre(1, 2, 3, 4, 5, 6));
  auto gather = Execute(*model, {{"i", Ints({1}, {-1})}}, {"gather"});
  ASSERT_FALSE(gather.ok());
  EXPECT_THAT(std::string(gather.status().message()), HasSubstr("is not in [0, 3)"));
}

TEST(ResourceVariableTest, AssignChecksDtypeAndDestroyUninitializes) {
  std::unique_ptr<GraphModel> model = Load(kResourceGraph);
  auto wrong = Execute(*model, {{"x", Ints({3, 2}, {1, 2, 3, 4, 5, 6})}}, {"init_read"});
  ASSERT_FALSE(wrong.ok());
  RunFloats(*model, {{"x", kInitial}}, "init_read");
  auto add = Execute(*model, {{"x", Floats({2}, {1, 1})}}, {"add_read"});
  ASSERT_FALSE(add.ok());
  EXPECT_THAT(std::string(add.status().message()), HasSubstr("shapes must be equal"));
  auto destroyed = Execute(*model, {}, {"destroyed"});
  ASSERT_TRUE(destroyed.ok()) << destroyed.status();
  EXPECT_FALSE((*destroyed)[0].data<bool>()[0]);
  EXPECT_FALSE(Execute(*model, {}, {"read"}).ok());
}

// A TF1 reference variable `v` [2] float: "init" assigns x, "v_after" reads v ordered after the
// writes it names through control inputs.
constexpr char kRefGraph[] = R"pb(
  node {
    name: "v"
    op: "VariableV2"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value { shape { dim { size: 2 } } }
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
    name: "i"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "is_init"
    op: "IsVariableInitialized"
    input: "v"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "init"
    op: "Assign"
    input: "v"
    input: "x"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "after_init"
    op: "Identity"
    input: "v"
    input: "^init"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "add"
    op: "AssignAdd"
    input: "v"
    input: "x"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "after_add"
    op: "Identity"
    input: "v"
    input: "^add"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "scatter"
    op: "ScatterUpdate"
    input: "v"
    input: "i"
    input: "x"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
    attr {
      key: "Tindices"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "after_scatter"
    op: "Identity"
    input: "v"
    input: "^scatter"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "read"
    op: "Identity"
    input: "v"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
)pb";

TEST(RefVariableTest, WritesThroughTheReferenceAndPersist) {
  std::unique_ptr<GraphModel> model = Load(kRefGraph);
  auto before = Execute(*model, {}, {"is_init"});
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_FALSE((*before)[0].data<bool>()[0]);
  // The Identity reads v after the Assign ran: it sees the assigned value.
  EXPECT_THAT(RunFloats(*model, {{"x", Floats({2}, {3, 4})}}, "after_init"), ElementsAre(3, 4));
  auto after = Execute(*model, {}, {"is_init"});
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_TRUE((*after)[0].data<bool>()[0]);
  EXPECT_THAT(RunFloats(*model, {{"x", Floats({2}, {1, 1})}}, "after_add"), ElementsAre(4, 5));
  EXPECT_THAT(RunFloats(*model, {{"x", Floats({2}, {1, 1})}}, "add"), ElementsAre(5, 6));
  EXPECT_THAT(RunFloats(*model, {{"x", Floats({1}, {9})}, {"i", Ints({1}, {1})}}, "after_scatter"),
              ElementsAre(5, 9));
  EXPECT_THAT(RunFloats(*model, {}, "read"), ElementsAre(5, 9));
  // A shape mismatch with validate_shape is an error and leaves the value.
  EXPECT_FALSE(Execute(*model, {{"x", Floats({3}, {1, 2, 3})}}, {"after_init"}).ok());
  EXPECT_THAT(RunFloats(*model, {}, "read"), ElementsAre(5, 9));
}

TEST(RefVariableTest, AValueThatIsNoVariableIsNotWritten) {
  // A frozen variable: the Const keeps its value, the Assign outputs the new one.
  std::unique_ptr<GraphModel> model = Load(R"pb(
    node {
      name: "v"
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
            float_val: 1
            float_val: 2
          }
        }
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
      name: "add"
      op: "AssignAdd"
      input: "v"
      input: "x"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "read"
      op: "Identity"
      input: "v"
      input: "^add"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
  )pb");
  auto outputs = Execute(*model, {{"x", Floats({2}, {10, 10})}}, {"add", "read"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[0]), ElementsAre(11, 12));
  EXPECT_THAT(FloatValues((*outputs)[1]), ElementsAre(1, 2));
}

TEST(RefVariableTest, CountUpToIncrementsUntilTheLimit) {
  std::unique_ptr<GraphModel> model = Load(R"pb(
    node {
      name: "v"
      op: "VariableV2"
      attr {
        key: "dtype"
        value { type: DT_INT32 }
      }
      attr {
        key: "shape"
        value { shape {} }
      }
    }
    node {
      name: "count"
      op: "CountUpTo"
      input: "v"
      attr {
        key: "limit"
        value { i: 2 }
      }
      attr {
        key: "T"
        value { type: DT_INT32 }
      }
    }
  )pb");
  for (int expected : {0, 1}) {
    auto outputs = Execute(*model, {}, {"count"});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    EXPECT_EQ(IntValues((*outputs)[0])[0], expected);
  }
  auto done = Execute(*model, {}, {"count"});
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(std::string(done.status().message()), HasSubstr("Reached limit of 2"));
}

TEST(RefVariableTest, TemporaryVariableIsDestroyedWithItsValue) {
  std::unique_ptr<GraphModel> model = Load(R"pb(
    node {
      name: "tmp"
      op: "TemporaryVariable"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
      attr {
        key: "shape"
        value { shape { dim { size: 2 } } }
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
      name: "add"
      op: "AssignAdd"
      input: "tmp"
      input: "x"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "done"
      op: "DestroyTemporaryVariable"
      input: "tmp"
      input: "^add"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
  )pb");
  // A new temporary each run, starting from zeros.
  for (int run = 0; run < 2; ++run) {
    EXPECT_THAT(RunFloats(*model, {{"x", Floats({2}, {1, 2})}}, "done"), ElementsAre(1, 2));
  }
}

TEST(ResourceCountUpToTest, CountsAResourceVariable) {
  std::unique_ptr<GraphModel> model = Load(R"pb(
    node {
      name: "v"
      op: "VarHandleOp"
      attr {
        key: "dtype"
        value { type: DT_INT64 }
      }
      attr {
        key: "shape"
        value { shape {} }
      }
    }
    node {
      name: "zero"
      op: "Const"
      attr {
        key: "dtype"
        value { type: DT_INT64 }
      }
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_INT64
            tensor_shape {}
            int64_val: 0
          }
        }
      }
    }
    node {
      name: "init"
      op: "AssignVariableOp"
      input: "v"
      input: "zero"
      attr {
        key: "dtype"
        value { type: DT_INT64 }
      }
    }
    node {
      name: "count"
      op: "ResourceCountUpTo"
      input: "v"
      attr {
        key: "limit"
        value { i: 1 }
      }
      attr {
        key: "T"
        value { type: DT_INT64 }
      }
    }
    node { name: "initialized" op: "VarIsInitializedOp" input: "v" input: "^init" }
  )pb");
  ASSERT_TRUE(Execute(*model, {}, {"initialized"}).ok());
  auto first = Execute(*model, {}, {"count"});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ((*first)[0].values<int64_t>()[0], 0);
  auto second = Execute(*model, {}, {"count"});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace tfjs::runtime
