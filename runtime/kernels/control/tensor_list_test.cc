#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using testing::Ints;

constexpr char kFloatElements[] = R"pb(attr {
                                         key: "element_dtype"
                                         value { type: DT_FLOAT }
                                       })pb";

TEST(TensorListTest, ReserveSetStackFillsUnsetElementsWithZeros) {
  auto reserved =
      testing::RunOp("TensorListReserve", {Ints({1}, {2}), Ints({}, {3})}, kFloatElements);
  ASSERT_TRUE(reserved.ok()) << reserved.status();
  auto set =
      testing::RunOp("TensorListSetItem", {(*reserved)[0], Ints({}, {1}), Floats({2}, {5.f, 6.f})},
                     kFloatElements);
  ASSERT_TRUE(set.ok()) << set.status();
  auto stacked = testing::RunOp("TensorListStack", {(*set)[0], Ints({1}, {2})}, kFloatElements);
  ASSERT_TRUE(stacked.ok()) << stacked.status();
  EXPECT_EQ((*stacked)[0].shape(), Shape({3, 2}));
  EXPECT_THAT(FloatValues((*stacked)[0]), ElementsAre(0.f, 0.f, 5.f, 6.f, 0.f, 0.f));
  // The input list is unchanged: lists are values.
  auto original =
      testing::RunOp("TensorListStack", {(*reserved)[0], Ints({1}, {2})}, kFloatElements);
  ASSERT_TRUE(original.ok()) << original.status();
  EXPECT_THAT(FloatValues((*original)[0]), ElementsAre(0.f, 0.f, 0.f, 0.f, 0.f, 0.f));
}

// ZerosLike and AddN of tensor lists (TF's TensorListZerosLike and TensorListBinaryAdd): set
// elements add up, an element set in one list only is kept, and zeros keep unset elements unset.
TEST(TensorListTest, ZerosLikeAndAddNWorkElementByElement) {
  auto reserved =
      testing::RunOp("TensorListReserve", {Ints({1}, {2}), Ints({}, {2})}, kFloatElements);
  ASSERT_TRUE(reserved.ok()) << reserved.status();
  auto a = testing::RunOp("TensorListSetItem",
                          {(*reserved)[0], Ints({}, {0}), Floats({2}, {1.f, 2.f})}, kFloatElements);
  ASSERT_TRUE(a.ok()) << a.status();
  auto b = testing::RunOp("TensorListFromTensor",
                          {Floats({2, 2}, {10, 20, 30, 40}), Ints({1}, {2})}, kFloatElements);
  ASSERT_TRUE(b.ok()) << b.status();
  auto sum = testing::RunOp("AddN", {(*a)[0], (*b)[0]},
                            "attr { key: 'N' value { i: 2 } } attr { key: 'T' value { type: "
                            "DT_VARIANT } }");
  ASSERT_TRUE(sum.ok()) << sum.status();
  auto stacked = testing::RunOp("TensorListStack", {(*sum)[0], Ints({1}, {2})}, kFloatElements);
  ASSERT_TRUE(stacked.ok()) << stacked.status();
  EXPECT_THAT(FloatValues((*stacked)[0]), ElementsAre(11.f, 22.f, 30.f, 40.f));

  auto zeros =
      testing::RunOp("ZerosLike", {(*a)[0]}, "attr { key: 'T' value { type: DT_VARIANT } }");
  ASSERT_TRUE(zeros.ok()) << zeros.status();
  auto zero_item = testing::RunOp("TensorListGetItem", {(*zeros)[0], Ints({}, {0}), Ints({1}, {2})},
                                  kFloatElements);
  ASSERT_TRUE(zero_item.ok()) << zero_item.status();
  EXPECT_THAT(FloatValues((*zero_item)[0]), ElementsAre(0.f, 0.f));

  auto longer = testing::RunOp(
      "TensorListFromTensor", {Floats({3, 2}, {1, 2, 3, 4, 5, 6}), Ints({1}, {2})}, kFloatElements);
  ASSERT_TRUE(longer.ok()) << longer.status();
  auto mismatched = testing::RunOp("AddN", {(*a)[0], (*longer)[0]},
                                   "attr { key: 'N' value { i: 2 } } attr { key: 'T' value { "
                                   "type: DT_VARIANT } }");
  ASSERT_FALSE(mismatched.ok());
  EXPECT_THAT(std::string(mismatched.status().message()),
              ::testing::HasSubstr("Trying to add two lists of tensors with different lengths"));
}

TEST(TensorListTest, FromTensorGetItemAndLength) {
  auto list = testing::RunOp("TensorListFromTensor",
                             {Floats({3, 2}, {1, 2, 3, 4, 5, 6}), Ints({1}, {2})}, "");
  ASSERT_TRUE(list.ok()) << list.status();
  auto item = testing::RunOp("TensorListGetItem", {(*list)[0], Ints({}, {2}), Ints({1}, {2})},
                             kFloatElements);
  ASSERT_TRUE(item.ok()) << item.status();
  EXPECT_THAT(FloatValues((*item)[0]), ElementsAre(5.f, 6.f));
  auto length = testing::RunOp("TensorListLength", {(*list)[0]}, "");
  ASSERT_TRUE(length.ok()) << length.status();
  EXPECT_EQ((*length)[0].values<int32_t>()[0], 3);
  auto gathered = testing::RunOp("TensorListGather",
                                 {(*list)[0], Ints({2}, {2, 0}), Ints({1}, {2})}, kFloatElements);
  ASSERT_TRUE(gathered.ok()) << gathered.status();
  EXPECT_THAT(FloatValues((*gathered)[0]), ElementsAre(5.f, 6.f, 1.f, 2.f));
}

TEST(TensorListTest, PushBackAndPopBack) {
  auto empty = testing::RunOp("EmptyTensorList", {Ints({}, {-1}), Ints({}, {-1})}, kFloatElements);
  ASSERT_TRUE(empty.ok()) << empty.status();
  auto pushed =
      testing::RunOp("TensorListPushBack", {(*empty)[0], Floats({1}, {7.f})}, kFloatElements);
  ASSERT_TRUE(pushed.ok()) << pushed.status();
  auto popped =
      testing::RunOp("TensorListPopBack", {(*pushed)[0], Ints({}, {-1})}, kFloatElements, 2);
  ASSERT_TRUE(popped.ok()) << popped.status();
  EXPECT_THAT(FloatValues((*popped)[1]), ElementsAre(7.f));
  auto pop_empty =
      testing::RunOp("TensorListPopBack", {(*popped)[0], Ints({}, {-1})}, kFloatElements, 2);
  EXPECT_NE(pop_empty.status().message().find("empty list"), std::string::npos);
}

// EmptyTensorList's max_num_elements bounds pushes, as TF's TensorListPushBack checks it.
TEST(TensorListTest, PushPastMaxNumElementsIsAnError) {
  auto empty = testing::RunOp("EmptyTensorList", {Ints({}, {-1}), Ints({}, {1})}, kFloatElements);
  ASSERT_TRUE(empty.ok()) << empty.status();
  auto pushed =
      testing::RunOp("TensorListPushBack", {(*empty)[0], Floats({1}, {7.f})}, kFloatElements);
  ASSERT_TRUE(pushed.ok()) << pushed.status();
  auto full =
      testing::RunOp("TensorListPushBack", {(*pushed)[0], Floats({1}, {8.f})}, kFloatElements);
  EXPECT_NE(full.status().message().find(
                "Tried to push item into a full list list size: 1 max_num_elements: 1"),
            std::string::npos)
      << full.status();
  auto not_scalar =
      testing::RunOp("EmptyTensorList", {Ints({}, {-1}), Ints({1}, {1})}, kFloatElements);
  EXPECT_NE(not_scalar.status().message().find("max_num_elements expected to be a scalar"),
            std::string::npos)
      << not_scalar.status();
}

TEST(TensorListTest, BadInputsAreErrors) {
  auto list = testing::RunOp("TensorListReserve", {Ints({1}, {2}), Ints({}, {1})}, kFloatElements);
  ASSERT_TRUE(list.ok()) << list.status();
  auto out_of_range = testing::RunOp("TensorListGetItem",
                                     {(*list)[0], Ints({}, {5}), Ints({1}, {2})}, kFloatElements);
  EXPECT_NE(out_of_range.status().message().find("out of range"), std::string::npos);
  auto wrong_shape = testing::RunOp(
      "TensorListSetItem", {(*list)[0], Ints({}, {0}), Floats({3}, {1, 2, 3})}, kFloatElements);
  EXPECT_NE(wrong_shape.status().message().find("does not fit"), std::string::npos);
  auto not_a_list = testing::RunOp("TensorListLength", {Floats({1}, {1.f})}, "");
  EXPECT_NE(not_a_list.status().message().find("not a tensor list"), std::string::npos);
}

}  // namespace
}  // namespace tfjs::runtime
