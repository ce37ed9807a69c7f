#include "runtime/allocation_limit.h"

#include <unistd.h>

#include <cstdint>
#include <string>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {
namespace {

constexpr int64_t kGiB = int64_t{1} << 30;

TEST(AllocationLimitTest, ChecksBytesAgainstTheScopesLimit) {
  AllocationLimitScope limit(1000);
  EXPECT_EQ(MaxAllocationBytes(), 1000);
  EXPECT_TRUE(CheckAllocation(250, 4, "a list").ok());
  const absl::Status over = CheckAllocation(251, 4, "a list");
  EXPECT_EQ(over, absl::ResourceExhaustedError(
                      "a list needs 1004 bytes, over the limit of 1000 bytes per allocation"));
  EXPECT_EQ(TakeAllocationFailure(), over.message());
  EXPECT_EQ(TakeAllocationFailure(), "");
  EXPECT_EQ(CheckAllocation(int64_t{1} << 62, 4, "a list").message(),
            "a list needs 4611686018427387904 x 4 bytes (2^63 or more), over the limit of 1000 "
            "bytes per allocation");
}

TEST(AllocationLimitTest, DefaultsToHalfTheMemoryAvailable) {
  EXPECT_EQ(MaxAllocationBytes(), DefaultMaxAllocationBytes());
  {
    AllocationLimitScope limit(0);
    EXPECT_EQ(MaxAllocationBytes(), DefaultMaxAllocationBytes());
  }
  EXPECT_GT(DefaultMaxAllocationBytes(), 0);
  EXPECT_LE(DefaultMaxAllocationBytes(), sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGESIZE) / 2);
}

TEST(AllocationLimitTest, CountsElementsWithoutOverflow) {
  EXPECT_EQ(*CheckedNumElements({3, 5}), 15);
  EXPECT_EQ(*CheckedNumElements({int64_t{1} << 40, int64_t{1} << 40, 0}), 0);
  EXPECT_EQ(CheckedNumElements({2, -1}).status().code(), absl::StatusCode::kInvalidArgument);
  AllocationLimitScope limit(kGiB);
  EXPECT_EQ(CheckedNumElements({int64_t{1} << 32, int64_t{1} << 32}).status(),
            absl::ResourceExhaustedError("a [4294967296,4294967296] tensor has 2^63 or more "
                                         "elements, over the limit of 1073741824 bytes per "
                                         "allocation"));
}

TEST(AllocationLimitTest, TensorsOverTheLimitAreNotAllocated) {
  AllocationLimitScope limit(kGiB);
  EXPECT_TRUE(Tensor::Allocate(tensorflow::DT_FLOAT, {1024, 1024}).ok());
  EXPECT_EQ(Tensor::Allocate(tensorflow::DT_FLOAT, {65536, 65536}).status(),
            absl::ResourceExhaustedError("a [65536,65536] float32 tensor needs 17179869184 bytes, "
                                         "over the limit of 1073741824 bytes per allocation"));
  // Strings and handles count their element objects.
  const int64_t strings = kGiB / sizeof(std::string) + 1;
  EXPECT_EQ(Tensor::Allocate(tensorflow::DT_STRING, {strings}).status().code(),
            absl::StatusCode::kResourceExhausted);
}

// Runs `graph` (text GraphDef) under a 1 GiB limit and returns ExecuteAsync's status for
// fetching `output`.
absl::Status RunGraph(const std::string& graph_text, const std::string& output,
                 std::vector<std::pair<std::string, Tensor>> inputs = {}) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(graph_text, &graph));
  GraphModelOptions options;
  options.max_allocation_bytes = kGiB;
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::FromGraphDef(graph, {}, {}, options);
  if (!model.ok()) return model.status();
  return (*model)->ExecuteAsync(inputs, {output}).status();
}

std::string IntConst(const std::string& name, const std::string& dtype, const std::string& dims,
                     const std::string& values) {
  return "node { name: '" + name + "' op: 'Const' attr { key: 'dtype' value { type: " + dtype +
         " } } attr { key: 'value' value { tensor { dtype: " + dtype + " tensor_shape { " + dims +
         " } " + values + " } } } }\n";
}

std::string Expected(const std::string& what, int64_t bytes) {
  return what + " needs " + std::to_string(bytes) +
         " bytes, over the limit of 1073741824 bytes per allocation";
}

TEST(AllocationLimitTest, TensorArrayOfTheIssuesSizeIsRefusedNamingTheNode) {
  const absl::Status status = RunGraph(
      IntConst("size", "DT_INT32", "", "int_val: 2147483647") +
          "node { name: 'ta' op: 'TensorArrayV3' input: 'size' "
          "attr { key: 'dtype' value { type: DT_FLOAT } } }",
      "ta");
  EXPECT_EQ(status,
            absl::ResourceExhaustedError(
                "node 'ta' (TensorArrayV3): " +
                Expected("a TensorArray of 2147483647 elements",
                         int64_t{2147483647} * static_cast<int64_t>(sizeof(Tensor)))));
}

TEST(AllocationLimitTest, TensorListReserveOverTheLimitIsRefused) {
  const absl::Status status = RunGraph(
      IntConst("shape", "DT_INT32", "dim { size: 0 }", "") +
          IntConst("count", "DT_INT32", "", "int_val: 2147483647") +
          "node { name: 'list' op: 'TensorListReserve' input: 'shape' input: 'count' "
          "attr { key: 'element_dtype' value { type: DT_FLOAT } } "
          "attr { key: 'shape_type' value { type: DT_INT32 } } }",
      "list");
  EXPECT_EQ(status,
            absl::ResourceExhaustedError(
                "node 'list' (TensorListReserve): " +
                Expected("a TensorList of 2147483647 elements",
                         int64_t{2147483647} * static_cast<int64_t>(sizeof(Tensor)))));
}

TEST(AllocationLimitTest, TensorArrayGatherOfManyIndicesIsRefused) {
  constexpr int64_t kIndices = 16777216;
  Tensor indices = *Tensor::Zeros(tensorflow::DT_INT32, {kIndices});
  const absl::Status status = RunGraph(
      IntConst("size", "DT_INT32", "", "int_val: 1") +
          "node { name: 'ta' op: 'TensorArrayV3' input: 'size' "
          "attr { key: 'dtype' value { type: DT_FLOAT } } }\n"
          "node { name: 'indices' op: 'Placeholder' "
          "attr { key: 'dtype' value { type: DT_INT32 } } }\n"
          "node { name: 'gather' op: 'TensorArrayGatherV3' input: 'ta' input: 'indices' "
          "input: 'ta:1' attr { key: 'dtype' value { type: DT_FLOAT } } }",
      "gather", {{"indices", indices}});
  const int64_t bytes = kIndices * static_cast<int64_t>(sizeof(Tensor));
  ASSERT_GT(bytes, kGiB);
  EXPECT_EQ(status, absl::ResourceExhaustedError(
                        "node 'gather' (TensorArrayGatherV3): " +
                        Expected("a TensorArray gather of 16777216 elements", bytes)));
}

TEST(AllocationLimitTest, FillAndRangeOutputsOverTheLimitAreRefused) {
  EXPECT_EQ(RunGraph(IntConst("dims", "DT_INT32", "dim { size: 2 }",
                              "int_val: 65536 int_val: 65536") +
                    IntConst("value", "DT_FLOAT", "", "float_val: 1") +
                    "node { name: 'fill' op: 'Fill' input: 'dims' input: 'value' }",
                "fill"),
            absl::ResourceExhaustedError(
                "node 'fill' (Fill): " +
                Expected("a [65536,65536] float32 tensor", int64_t{65536} * 65536 * 4)));
  EXPECT_EQ(RunGraph(IntConst("dims", "DT_INT64", "dim { size: 3 }",
                         "int64_val: 4294967296 int64_val: 4294967296 int64_val: 4294967296") +
                    IntConst("value", "DT_FLOAT", "", "float_val: 1") +
                    "node { name: 'fill' op: 'Fill' input: 'dims' input: 'value' "
                    "attr { key: 'index_type' value { type: DT_INT64 } } }",
                "fill"),
            absl::ResourceExhaustedError(
                "node 'fill' (Fill): a [4294967296,4294967296,4294967296] tensor has 2^63 or more "
                "elements, over the limit of 1073741824 bytes per allocation"));
  EXPECT_EQ(RunGraph(IntConst("start", "DT_INT32", "", "int_val: 0") +
                    IntConst("limit", "DT_INT32", "", "int_val: 2147483647") +
                    IntConst("delta", "DT_INT32", "", "int_val: 1") +
                    "node { name: 'range' op: 'Range' input: 'start' input: 'limit' "
                    "input: 'delta' }",
                "range"),
            absl::ResourceExhaustedError(
                "node 'range' (Range): " +
                Expected("a [2147483647] int32 tensor", int64_t{2147483647} * 4)));
}

}  // namespace
}  // namespace tfjs::runtime
