#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::FloatValues;
using testing::Floats;
using testing::Ints;

constexpr char kFloatArray[] = R"pb(attr { key: "dtype" value { type: DT_FLOAT } }
  attr { key: "element_shape" value { shape { dim { size: 2 } } } })pb";

TEST(TensorArrayTest, WriteReadGatherConcatAndSize) {
  auto created = testing::RunOp("TensorArrayV3", {Ints({}, {3})}, kFloatArray, 2);
  ASSERT_TRUE(created.ok()) << created.status();
  const Tensor handle = (*created)[0];
  const Tensor flow = (*created)[1];
  ASSERT_TRUE(testing::RunOp("TensorArrayWriteV3",
                             {handle, Ints({}, {2}), Floats({2}, {5.f, 6.f}), flow}, "").ok());
  auto read = testing::RunOp("TensorArrayReadV3", {handle, Ints({}, {2}), flow}, kFloatArray);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_THAT(FloatValues((*read)[0]), ElementsAre(5.f, 6.f));
  // Unwritten elements of a fully known shape read as zeros.
  auto gathered = testing::RunOp("TensorArrayGatherV3", {handle, Ints({2}, {2, 0}), flow},
                                 kFloatArray);
  ASSERT_TRUE(gathered.ok()) << gathered.status();
  EXPECT_THAT(FloatValues((*gathered)[0]), ElementsAre(5.f, 6.f, 0.f, 0.f));
  auto size = testing::RunOp("TensorArraySizeV3", {handle, flow}, "");
  ASSERT_TRUE(size.ok()) << size.status();
  EXPECT_EQ((*size)[0].values<int32_t>()[0], 3);
  auto out_of_range = testing::RunOp("TensorArrayWriteV3",
                                     {handle, Ints({}, {3}), Floats({2}, {1, 1}), flow}, "");
  EXPECT_NE(out_of_range.status().message().find("out of range"), std::string::npos);
  auto wrong_shape = testing::RunOp("TensorArrayWriteV3",
                                    {handle, Ints({}, {0}), Floats({3}, {1, 1, 1}), flow}, "");
  EXPECT_NE(wrong_shape.status().message().find("does not fit"), std::string::npos);
}

TEST(TensorArrayTest, SplitThenConcatRoundTrips) {
  auto created = testing::RunOp("TensorArrayV3", {Ints({}, {2})},
                                R"pb(attr { key: "dtype" value { type: DT_FLOAT } })pb", 2);
  ASSERT_TRUE(created.ok()) << created.status();
  Tensor lengths = testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {2}, {1, 2});
  ASSERT_TRUE(testing::RunOp("TensorArraySplitV3",
                             {(*created)[0], Floats({3}, {1, 2, 3}), lengths, (*created)[1]}, "")
                  .ok());
  auto concatenated = testing::RunOp("TensorArrayConcatV3", {(*created)[0], (*created)[1]},
                                     R"pb(attr { key: "dtype" value { type: DT_FLOAT } })pb", 2);
  ASSERT_TRUE(concatenated.ok()) << concatenated.status();
  EXPECT_THAT(FloatValues((*concatenated)[0]), ElementsAre(1.f, 2.f, 3.f));
  EXPECT_THAT((*concatenated)[1].values<int64_t>(), ElementsAre(1, 2));
}

constexpr char kIntToFloatTable[] = R"pb(attr { key: "key_dtype" value { type: DT_INT32 } }
  attr { key: "value_dtype" value { type: DT_FLOAT } })pb";

TEST(HashTableTest, InitializeOnceThenFindWithDefault) {
  auto table = testing::RunOp("HashTableV2", {}, kIntToFloatTable);
  ASSERT_TRUE(table.ok()) << table.status();
  const Tensor handle = (*table)[0];
  ASSERT_TRUE(testing::RunOp("InitializeTableV2",
                             {handle, Ints({2}, {7, 9}), Floats({2}, {0.5f, 1.5f})}, "", 0).ok());
  // A second initialization is a no-op; an import replaces the contents.
  ASSERT_TRUE(testing::RunOp("InitializeTableV2", {handle, Ints({1}, {7}), Floats({1}, {9.f})},
                             "", 0).ok());
  auto found = testing::RunOp("LookupTableFindV2",
                              {handle, Ints({3}, {9, 8, 7}), Floats({}, {-1.f})}, "");
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_THAT(FloatValues((*found)[0]), ElementsAre(1.5f, -1.f, 0.5f));
  ASSERT_TRUE(testing::RunOp("LookupTableImportV2", {handle, Ints({1}, {8}), Floats({1}, {2.f})},
                             "", 0).ok());
  auto size = testing::RunOp("LookupTableSizeV2", {handle}, "");
  ASSERT_TRUE(size.ok()) << size.status();
  EXPECT_EQ((*size)[0].values<int64_t>()[0], 1);
  auto wrong_keys = testing::RunOp("LookupTableFindV2",
                                   {handle, Floats({1}, {1.f}), Floats({}, {0.f})}, "");
  EXPECT_NE(wrong_keys.status().message().find("wrong dtype"), std::string::npos);
}

}  // namespace
}  // namespace tfjs::runtime
