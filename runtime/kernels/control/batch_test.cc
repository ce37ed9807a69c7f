// Tests of batching for one caller: Batch's padding, index and id, which Unbatch reads back;
// BatchFunction's padding and large-batch splitting (seen through f = x + rows(x)); and the
// errors TF gives for bad inputs and attrs.
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::RunGraph;
using testing::RunOp;

std::string BatchAttrs(const std::string& allowed, int max_batch_size = 4,
                       const std::string& types = "type: DT_FLOAT") {
  return absl::StrCat("attr { key: 'max_batch_size' value { i: ", max_batch_size,
                      " } } attr { key: 'allowed_batch_sizes' value { list { ", allowed,
                      " } } } attr { key: 'num_batch_threads' value { i: 1 } } "
                      "attr { key: 'batch_timeout_micros' value { i: 0 } } "
                      "attr { key: 'grad_timeout_micros' value { i: 0 } } "
                      "attr { key: 'T' value { list { ",
                      types, " } } }");
}

std::vector<int64_t> Int64Values(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.values<int64_t>().begin(), tensor.values<int64_t>().end());
}

TEST(BatchTest, PadsWithRowZeroAndIndexesTheCallsRows) {
  auto outputs = RunOp("Batch", {Floats({3, 1}, {1, 2, 3}), Ints({3}, {4, 5, 6})},
                       BatchAttrs("i: 2 i: 5", 5, "type: DT_FLOAT type: DT_INT32"), 4);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(ShapeString((*outputs)[0].shape()), "[5,1]");
  EXPECT_THAT(FloatValues((*outputs)[0]), ElementsAre(1, 2, 3, 1, 1));
  EXPECT_THAT(IntValues((*outputs)[1]), ElementsAre(4, 5, 6, 4, 4));
  const int64_t id = (*outputs)[3].values<int64_t>()[0];
  EXPECT_EQ(ShapeString((*outputs)[2].shape()), "[1,3]");
  EXPECT_THAT(Int64Values((*outputs)[2]), ElementsAre(id, 0, 3));
  // Each call is a batch with an id of its own.
  auto again = RunOp("Batch", {Floats({1}, {1})}, BatchAttrs("", 4), 3);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_NE((*again)[2].values<int64_t>()[0], id);
  // No allowed sizes: no padding.
  EXPECT_THAT(FloatValues((*again)[0]), ElementsAre(1));

  auto unbatched = RunOp(
      "Unbatch", {(*outputs)[0], (*outputs)[2], (*outputs)[3]},
      "attr { key: 'T' value { type: DT_FLOAT } } attr { key: 'timeout_micros' value { i: 0 } }");
  ASSERT_TRUE(unbatched.ok()) << unbatched.status();
  EXPECT_EQ(ShapeString((*unbatched)[0].shape()), "[3,1]");
  EXPECT_THAT(FloatValues((*unbatched)[0]), ElementsAre(1, 2, 3));
  auto other_id = RunOp("Unbatch", {(*outputs)[0], (*outputs)[2], (*again)[2]},
                        "attr { key: 'T' value { type: DT_FLOAT } }");
  EXPECT_EQ(other_id.status().code(), absl::StatusCode::kDeadlineExceeded);
  auto beyond =
      RunOp("Unbatch",
            {(*outputs)[0], testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {1, 3}, {id, 2, 6}),
             (*outputs)[3]},
            "attr { key: 'T' value { type: DT_FLOAT } }");
  EXPECT_THAT(std::string(beyond.status().message()), HasSubstr("Invalid batch_index row 0"));
}

TEST(BatchTest, RefusesBadInputsAndAttrs) {
  EXPECT_THAT(std::string(RunOp("Batch", {Floats({2}, {1, 2}), Floats({3}, {1, 2, 3})},
                                BatchAttrs("", 4, "type: DT_FLOAT type: DT_FLOAT"), 4)
                              .status()
                              .message()),
              HasSubstr("must have equal 0th-dimension size"));
  EXPECT_THAT(std::string(RunOp("Batch", {Floats({}, {1})}, BatchAttrs(""), 3).status().message()),
              HasSubstr("at least one dimension"));
  EXPECT_THAT(
      std::string(
          RunOp("Batch", {Floats({5}, {1, 2, 3, 4, 5})}, BatchAttrs(""), 3).status().message()),
      HasSubstr("Task size 5 is larger than maximum input batch size 4"));
  EXPECT_THAT(
      std::string(RunOp("Batch", {Floats({0}, {})}, BatchAttrs("i: 2 i: 4"), 3).status().message()),
      HasSubstr("Cannot use an empty tensor with zero rows as padding"));
  EXPECT_THAT(
      std::string(
          RunOp("Batch", {Floats({1}, {1})}, BatchAttrs("i: 3 i: 2"), 3).status().message()),
      HasSubstr("monotonically increasing"));
  EXPECT_THAT(
      std::string(RunOp("Batch", {Floats({1}, {1})}, BatchAttrs("i: 2"), 3).status().message()),
      HasSubstr("final entry in allowed_batch_sizes must equal max_batch_size"));
}

// f(x) = x + rows(x), so each output row tells the size of the batch f saw.
constexpr char kBatchFunctionGraph[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "batch"
    op: "BatchFunction"
    input: "x"
    attr {
      key: "f"
      value { func { name: "add_rows" } }
    }
    attr {
      key: "max_batch_size"
      value { i: $MAX }
    }
    attr {
      key: "allowed_batch_sizes"
      value { list { i: 2 i: 4 } }
    }
    attr {
      key: "enable_large_batch_splitting"
      value { b: $SPLIT }
    }
    attr {
      key: "num_batch_threads"
      value { i: 1 }
    }
    attr {
      key: "batch_timeout_micros"
      value { i: 0 }
    }
    attr {
      key: "Tin"
      value { list { type: DT_FLOAT } }
    }
    attr {
      key: "Tcaptured"
      value { list {} }
    }
    attr {
      key: "Tout"
      value { list { type: DT_FLOAT } }
    }
  }
  library {
    function {
      signature {
        name: "add_rows"
        input_arg { name: "x" type: DT_FLOAT }
        output_arg { name: "y" type: DT_FLOAT }
      }
      node_def {
        name: "rows"
        op: "Size"
        input: "x"
        attr {
          key: "T"
          value { type: DT_FLOAT }
        }
        attr {
          key: "out_type"
          value { type: DT_INT32 }
        }
      }
      node_def {
        name: "rows_float"
        op: "Cast"
        input: "rows:output:0"
        attr {
          key: "SrcT"
          value { type: DT_INT32 }
        }
        attr {
          key: "DstT"
          value { type: DT_FLOAT }
        }
      }
      node_def {
        name: "sum"
        op: "AddV2"
        input: "x"
        input: "rows_float:y:0"
        attr {
          key: "T"
          value { type: DT_FLOAT }
        }
      }
      ret { key: "y" value: "sum:z:0" }
    }
  }
)pb";

absl::StatusOr<std::vector<Tensor>> RunBatchFunction(int max_batch_size, bool splitting,
                                                     const Tensor& x) {
  const std::string graph = absl::StrReplaceAll(
      kBatchFunctionGraph,
      {{"$MAX", absl::StrCat(max_batch_size)}, {"$SPLIT", splitting ? "true" : "false"}});
  return RunGraph(graph, {{"x", x}}, {"batch:0"});
}

TEST(BatchFunctionTest, RunsFOnThePaddedBatchAndReturnsTheCallsRows) {
  // 3 rows run as a batch of 4; 1 row as a batch of 2.
  auto three = RunBatchFunction(4, false, Floats({3}, {0, 10, 20}));
  ASSERT_TRUE(three.ok()) << three.status();
  EXPECT_THAT(FloatValues((*three)[0]), ElementsAre(4, 14, 24));
  auto one = RunBatchFunction(4, false, Floats({1}, {0}));
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_THAT(FloatValues((*one)[0]), ElementsAre(2));
  auto too_many = RunBatchFunction(4, false, Floats({5}, {0, 0, 0, 0, 0}));
  EXPECT_THAT(std::string(too_many.status().message()),
              HasSubstr("Task size 5 is larger than maximum input batch size 4"));
}

TEST(BatchFunctionTest, SplitsALargeCallIntoBatchesOfTheLargestAllowedSize) {
  // 5 rows: a batch of 4, then 1 row padded to 2.
  auto split = RunBatchFunction(8, true, Floats({5}, {0, 0, 0, 0, 100}));
  ASSERT_TRUE(split.ok()) << split.status();
  EXPECT_THAT(FloatValues((*split)[0]), ElementsAre(4, 4, 4, 4, 102));
  auto beyond = RunBatchFunction(8, true, Floats({9}, {0, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_THAT(std::string(beyond.status().message()), HasSubstr("Task size 9"));
  auto bad_allowed = RunBatchFunction(3, true, Floats({1}, {0}));
  EXPECT_THAT(std::string(bad_allowed.status().message()),
              HasSubstr("must be less than or equal to max_batch_size"));
}

}  // namespace
}  // namespace tfjs::runtime
