// Tests for SerializeSparse / SerializeManySparse / DeserializeSparse / DeserializeManySparse
// (string and variant forms) and the SparseTensorsMap ops; expected components worked by hand.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "proto/tensor.pb.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Int64s;
using testing::Int64Values;
using testing::RunOp;
using testing::StatusMessage;

const std::string kFloat = "attr { key: \"T\" value { type: DT_FLOAT } }";
const std::string kDtypeFloat = "attr { key: \"dtype\" value { type: DT_FLOAT } }";

// A [2, 3] batch of two rows: [0,1]=1, [1,0]=2, [1,2]=3.
std::vector<Tensor> Batch() {
  return {Int64s({3, 2}, {0, 1, 1, 0, 1, 2}), Floats({3}, {1, 2, 3}), Int64s({2}, {2, 3})};
}

TEST(SerializeSparseTest, StringComponentsAreTensorProtos) {
  auto out = RunOp("SerializeSparse", Batch(), kFloat);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(ShapeString((*out)[0].shape()), "[3]");
  tensorflow::TensorProto values;
  ASSERT_TRUE(values.ParseFromString((*out)[0].strings()[1]));
  EXPECT_EQ(values.dtype(), tensorflow::DT_FLOAT);
  EXPECT_EQ(values.tensor_content().size(), 12u);
  auto back = RunOp("DeserializeSparse", {(*out)[0]}, kDtypeFloat, 3);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_THAT(Int64Values((*back)[0]), ElementsAre(0, 1, 1, 0, 1, 2));
  EXPECT_THAT(FloatValues((*back)[1]), ElementsAre(1, 2, 3));
  EXPECT_THAT(Int64Values((*back)[2]), ElementsAre(2, 3));
  EXPECT_THAT(StatusMessage(RunOp("DeserializeSparse", {(*out)[0]},
                                  "attr { key: \"dtype\" value { type: DT_INT32 } }", 3)),
              HasSubstr("Requested SparseTensor of type int32"));
}

TEST(SerializeManySparseTest, RowsRoundTripInBothForms) {
  for (const char* out_type : {"DT_STRING", "DT_VARIANT"}) {
    SCOPED_TRACE(out_type);
    const std::string attrs =
        kFloat + "attr { key: \"out_type\" value { type: " + out_type + " } }";
    auto many = RunOp("SerializeManySparse", Batch(), attrs);
    ASSERT_TRUE(many.ok()) << many.status();
    EXPECT_EQ(ShapeString((*many)[0].shape()), "[2,3]");
    auto back =
        RunOp("DeserializeSparse", {(*many)[0]},
              kDtypeFloat + "attr { key: \"Tserialized\" value { type: " + out_type + " } }", 3);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_THAT(Int64Values((*back)[0]), ElementsAre(0, 1, 1, 0, 1, 2));
    EXPECT_THAT(FloatValues((*back)[1]), ElementsAre(1, 2, 3));
    EXPECT_THAT(Int64Values((*back)[2]), ElementsAre(2, 3));
  }
}

TEST(DeserializeManySparseTest, StacksWithLargestShape) {
  auto first =
      RunOp("SerializeSparse", {Int64s({1, 1}, {0}), Floats({1}, {5}), Int64s({1}, {1})}, kFloat);
  auto second =
      RunOp("SerializeSparse", {Int64s({1, 1}, {3}), Floats({1}, {6}), Int64s({1}, {4})}, kFloat);
  ASSERT_TRUE(first.ok() && second.ok());
  std::vector<std::string> rows = (*first)[0].strings();
  rows.insert(rows.end(), (*second)[0].strings().begin(), (*second)[0].strings().end());
  auto out = RunOp("DeserializeManySparse", {Tensor::Strings({2, 3}, rows)}, kDtypeFloat, 3);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(Int64Values((*out)[0]), ElementsAre(0, 0, 1, 3));
  EXPECT_THAT(FloatValues((*out)[1]), ElementsAre(5, 6));
  EXPECT_THAT(Int64Values((*out)[2]), ElementsAre(2, 4));
  EXPECT_THAT(StatusMessage(RunOp("DeserializeManySparse", {Tensor::Strings({3}, {"a", "b", "c"})},
                                  kDtypeFloat, 3)),
              HasSubstr("matrix"));
}

TEST(SparseTensorsMapTest, AddManyThenTakeMany) {
  const std::string shared = "attr { key: \"shared_name\" value { s: \"map_test\" } }";
  auto handles = RunOp("AddManySparseToTensorsMap", Batch(), kFloat + shared);
  ASSERT_TRUE(handles.ok()) << handles.status();
  ASSERT_EQ(ShapeString((*handles)[0].shape()), "[2]");
  // Take them back in reverse order.
  const std::vector<int64_t> ids = Int64Values((*handles)[0]);
  auto taken = RunOp("TakeManySparseFromTensorsMap", {Int64s({2}, {ids[1], ids[0]})},
                     kDtypeFloat + shared, 3);
  ASSERT_TRUE(taken.ok()) << taken.status();
  EXPECT_THAT(Int64Values((*taken)[0]), ElementsAre(0, 0, 0, 2, 1, 1));
  EXPECT_THAT(FloatValues((*taken)[1]), ElementsAre(2, 3, 1));
  EXPECT_THAT(Int64Values((*taken)[2]), ElementsAre(2, 3));
  // Taking removes them.
  EXPECT_THAT(StatusMessage(RunOp("TakeManySparseFromTensorsMap", {Int64s({1}, {ids[0]})},
                                  kDtypeFloat + shared, 3)),
              HasSubstr("Unable to find SparseTensor"));
  auto one = RunOp("AddSparseToTensorsMap",
                   {Int64s({1, 1}, {2}), Floats({1}, {7}), Int64s({1}, {3})}, kFloat + shared);
  ASSERT_TRUE(one.ok()) << one.status();
  auto back = RunOp("TakeManySparseFromTensorsMap", {Int64s({1}, {Int64Values((*one)[0])[0]})},
                    kDtypeFloat + shared, 3);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_THAT(Int64Values((*back)[0]), ElementsAre(0, 2));
  EXPECT_THAT(Int64Values((*back)[2]), ElementsAre(1, 3));
}

}  // namespace
}  // namespace tfjs::runtime
