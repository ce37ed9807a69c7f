// Tests of the stateless random ops beyond their op examples: 64-bit values bit for bit, empty
// outputs, determinism, and TF's errors.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Ints;
using testing::MakeTensor;
using testing::RunOp;

Tensor Int64s(Shape shape, std::vector<int64_t> values) {
  return MakeTensor<int64_t>(tensorflow::DT_INT64, std::move(shape), std::move(values));
}
Tensor Uint64s(Shape shape, std::vector<uint64_t> values) {
  return MakeTensor<uint64_t>(tensorflow::DT_UINT64, std::move(shape), std::move(values));
}
Tensor Alg(int32_t id) { return Ints({}, {id}); }

const char kInt64[] = "attr { key: 'dtype' value { type: DT_INT64 } }";
const char kUint64[] = "attr { key: 'dtype' value { type: DT_UINT64 } }";

TEST(StatelessRandomTest, KeyAndCounterBits) {
  auto outputs = RunOp("StatelessRandomGetKeyCounter", {Int64s({2}, {1, 2})}, "", 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT((*outputs)[0].values<uint64_t>(), ElementsAre(0x908502c96d2f7fbaULL));
  EXPECT_THAT((*outputs)[1].values<uint64_t>(), ElementsAre(0u, 0xf7734320619cb60bULL));
}

TEST(StatelessRandomTest, FullInt64IsTwoWordsPerValue) {
  auto v1 = RunOp("StatelessRandomUniformFullInt", {Ints({1}, {2}), Int64s({2}, {1, 2})}, kUint64);
  ASSERT_TRUE(v1.ok()) << v1.status();
  EXPECT_THAT((*v1)[0].values<uint64_t>(), ElementsAre(uint64_t{1738052849} << 32 | 1105988140,
                                                       uint64_t{370444179} << 32 | 3959391294u));
  auto v2 = RunOp("StatelessRandomUniformFullIntV2",
                  {Ints({1}, {1}), Uint64s({1}, {5}), Uint64s({2}, {0, 1}), Alg(3)}, kInt64);
  ASSERT_TRUE(v2.ok()) << v2.status();
  EXPECT_THAT((*v2)[0].values<int64_t>(),
              ElementsAre(static_cast<int64_t>(uint64_t{1407176791} << 32 | 1664195124)));
}

// TF declares unsigned seeds for StatelessRandomUniformFullInt but its kernel refuses them when
// the node runs.
TEST(StatelessRandomTest, FullIntRefusesUnsignedSeedsAsTfDoes) {
  auto refused = RunOp("StatelessRandomUniformFullInt", {Ints({1}, {2}), Uint64s({2}, {1, 2})},
                       std::string(kUint64) + "attr { key: 'Tseed' value { type: DT_UINT64 } }");
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr("Invalid seed type. Must be int32 or int64, got uint64"));
}

TEST(StatelessRandomTest, SameSeedSameValuesOtherSeedOthers) {
  auto a = RunOp("StatelessRandomNormal", {Ints({2}, {3, 5}), Int64s({2}, {7, 8})}, "");
  auto b = RunOp("StatelessRandomNormal", {Ints({2}, {3, 5}), Int64s({2}, {7, 8})}, "");
  auto c = RunOp("StatelessRandomNormal", {Ints({2}, {3, 5}), Int64s({2}, {7, 9})}, "");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(ShapeString((*a)[0].shape()), "[3,5]");
  EXPECT_EQ(testing::FloatValues((*a)[0]), testing::FloatValues((*b)[0]));
  EXPECT_NE(testing::FloatValues((*a)[0]), testing::FloatValues((*c)[0]));
}

TEST(StatelessRandomTest, EmptyShapeNeedsNoValidBounds) {
  auto outputs = RunOp("StatelessRandomUniformInt",
                       {Ints({2}, {0, 3}), Int64s({2}, {1, 2}), Ints({}, {5}), Ints({}, {5})},
                       "attr { key: 'dtype' value { type: DT_INT32 } }");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(ShapeString((*outputs)[0].shape()), "[0,3]");
}

TEST(StatelessRandomTest, TfErrors) {
  auto seed = RunOp("StatelessRandomUniform", {Ints({1}, {2}), Int64s({3}, {1, 2, 3})}, "");
  EXPECT_THAT(seed.status().message(), HasSubstr("seed must have shape [2], not [3]"));
  auto bounds = RunOp("StatelessRandomUniformInt",
                      {Ints({1}, {2}), Int64s({2}, {1, 2}), Ints({}, {5}), Ints({}, {5})},
                      "attr { key: 'dtype' value { type: DT_INT32 } }");
  EXPECT_THAT(bounds.status().message(), HasSubstr("Need minval < maxval, got 5 >= 5"));
  auto negative = RunOp("StatelessRandomUniform", {Ints({1}, {-1}), Int64s({2}, {1, 2})}, "");
  EXPECT_FALSE(negative.ok());
  auto threefry = RunOp("StatelessRandomUniformV2",
                        {Ints({1}, {2}), Uint64s({1}, {5}), Uint64s({2}, {0, 1}), Alg(2)}, "");
  EXPECT_THAT(threefry.status().message(), HasSubstr("Unsupported algorithm id: 2"));
  auto key = RunOp("StatelessRandomUniformV2",
                   {Ints({1}, {2}), Uint64s({2}, {5, 6}), Uint64s({2}, {0, 1}), Alg(1)}, "");
  EXPECT_THAT(key.status().message(), HasSubstr("key must have shape [1]"));
}

}  // namespace
}  // namespace tfjs::runtime
