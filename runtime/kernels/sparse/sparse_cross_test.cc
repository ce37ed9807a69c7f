// Tests for SparseCross (string and hashed), SparseCrossV2 and RaggedCross. String crosses follow
// TF's documented example; hashed ones are checked against FingerprintCat64 written out here.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/misc/fingerprint.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Int64s;
using testing::Int64Values;
using testing::RunOp;
using testing::StatusMessage;

// The documented example: sparse [[a], [b, c]], sparse [[d], [e]], dense [[f], [g]].
std::vector<Tensor> DocInputs() {
  return {Int64s({3, 2}, {0, 0, 1, 0, 1, 1}),
          Int64s({2, 2}, {0, 0, 1, 0}),
          Tensor::Strings({3}, {"a", "b", "c"}),
          Tensor::Strings({2}, {"d", "e"}),
          Int64s({2}, {2, 2}),
          Int64s({2}, {2, 1}),
          Tensor::Strings({2, 1}, {"f", "g"})};
}

std::string CrossAttrs(bool hashed, int64_t buckets) {
  return std::string("attr { key: \"N\" value { i: 2 } }") +
         "attr { key: \"sparse_types\" value { list { type: DT_STRING type: DT_STRING } } }"
         "attr { key: \"dense_types\" value { list { type: DT_STRING } } }"
         "attr { key: \"hashed_output\" value { b: " +
         (hashed ? "true" : "false") + " } }" +
         "attr { key: \"num_buckets\" value { i: " + std::to_string(buckets) + " } }" +
         "attr { key: \"hash_key\" value { i: 7 } }" +
         "attr { key: \"out_type\" value { type: " + (hashed ? "DT_INT64" : "DT_STRING") + " } }" +
         "attr { key: \"internal_type\" value { type: DT_STRING } }";
}

TEST(SparseCrossTest, DocumentedStringCross) {
  auto out = RunOp("SparseCross", DocInputs(), CrossAttrs(false, 0), 3);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(Int64Values((*out)[0]), ElementsAre(0, 0, 1, 0, 1, 1));
  EXPECT_THAT((*out)[1].strings(), ElementsAre("a_X_d_X_f", "b_X_e_X_g", "c_X_e_X_g"));
  EXPECT_THAT(Int64Values((*out)[2]), ElementsAre(2, 2));
}

uint64_t ReferenceCat(uint64_t a, uint64_t b) {
  const uint64_t mul = 0xc6a4a7935bd1e995ULL;
  auto mix = [](uint64_t v) { return v ^ (v >> 47); };
  uint64_t r = a ^ mul;
  r ^= mix(b * mul) * mul;
  r *= mul;
  r = mix(r) * mul;
  return mix(r);
}

TEST(SparseCrossTest, HashedCrossChainsFingerprints) {
  auto out = RunOp("SparseCross", DocInputs(), CrossAttrs(true, 1000), 3);
  ASSERT_TRUE(out.ok()) << out.status();
  auto hash = [](const char* x, const char* y, const char* z) {
    uint64_t h = 7;
    for (const char* s : {x, y, z}) h = ReferenceCat(h, misc::Fingerprint64(s));
    return static_cast<int64_t>(h % 1000);
  };
  EXPECT_THAT(Int64Values((*out)[1]),
              ElementsAre(hash("a", "d", "f"), hash("b", "e", "g"), hash("c", "e", "g")));
}

TEST(SparseCrossV2Test, Int64FeaturesAndSeparator) {
  auto out = RunOp("SparseCrossV2",
                   {Int64s({2, 2}, {0, 0, 0, 1}), Int64s({2}, {3, -4}), Int64s({2}, {1, 2}),
                    Int64s({1, 1}, {9}), Tensor::Strings({}, {"+"})},
                   "attr { key: \"N\" value { i: 1 } }"
                   "attr { key: \"sparse_types\" value { list { type: DT_INT64 } } }"
                   "attr { key: \"dense_types\" value { list { type: DT_INT64 } } }",
                   3);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[1].strings(), ElementsAre("3+9", "-4+9"));
  EXPECT_THAT(Int64Values((*out)[2]), ElementsAre(1, 2));
  EXPECT_THAT(StatusMessage(RunOp("SparseCrossV2",
                                  {Int64s({1, 2}, {0, 0}), Int64s({1}, {3}), Int64s({2}, {1, 1}),
                                   Int64s({2, 1}, {9, 8}), Tensor::Strings({}, {"+"})},
                                  "attr { key: \"N\" value { i: 1 } }"
                                  "attr { key: \"sparse_types\" value { list { type: DT_INT64 } } }"
                                  "attr { key: \"dense_types\" value { list { type: DT_INT64 } } }",
                                  3)),
              HasSubstr("Expected batch size 1 got 2"));
}

TEST(RaggedCrossTest, InputOrderAndRowSplits) {
  auto out = RunOp("RaggedCross",
                   {Tensor::Strings({3}, {"a", "b", "c"}), Int64s({3}, {0, 1, 3}),
                    Tensor::Strings({2, 1}, {"x", "y"})},
                   "attr { key: \"Nsparse\" value { i: 0 } }"
                   "attr { key: \"input_order\" value { s: \"DR\" } }"
                   "attr { key: \"hashed_output\" value { b: false } }"
                   "attr { key: \"num_buckets\" value { i: 0 } }"
                   "attr { key: \"hash_key\" value { i: 0 } }"
                   "attr { key: \"ragged_values_types\" value { list { type: DT_STRING } } }"
                   "attr { key: \"ragged_splits_types\" value { list { type: DT_INT64 } } }"
                   "attr { key: \"sparse_values_types\" value { list { } } }"
                   "attr { key: \"dense_types\" value { list { type: DT_STRING } } }"
                   "attr { key: \"out_values_type\" value { type: DT_STRING } }"
                   "attr { key: \"out_row_splits_type\" value { type: DT_INT64 } }",
                   2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].strings(), ElementsAre("x_X_a", "y_X_b", "y_X_c"));
  EXPECT_THAT(Int64Values((*out)[1]), ElementsAre(0, 1, 3));
}

}  // namespace
}  // namespace tfjs::runtime
