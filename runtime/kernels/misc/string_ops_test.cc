// Tests for StaticRegexReplace, StringNGrams, StringSplit, StringToHashBucketFast and
// Fingerprint64.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/misc/fingerprint.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

std::string Message(const absl::StatusOr<std::vector<Tensor>>& result) {
  return result.ok() ? "ok" : std::string(result.status().message());
}

absl::StatusOr<std::vector<Tensor>> Replace(const std::vector<std::string>& inputs,
                                            const std::string& attrs) {
  return RunOp("StaticRegexReplace",
               {Tensor::Strings({static_cast<int64_t>(inputs.size())}, inputs)}, attrs);
}

TEST(StaticRegexReplaceTest, GlobalAndFirstOnly) {
  const std::string pattern = R"(attr { key: "pattern" value { s: "a" } }
                                 attr { key: "rewrite" value { s: "X$" } })";
  auto global = Replace({"aab", "b"}, pattern);
  ASSERT_TRUE(global.ok()) << global.status();
  EXPECT_THAT((*global)[0].strings(), ElementsAre("X$X$b", "b"));
  auto first = Replace({"aab"}, pattern + R"(attr { key: "replace_global" value { b: false } })");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT((*first)[0].strings(), ElementsAre("X$ab"));
}

TEST(StaticRegexReplaceTest, Re2GroupRewrites) {
  auto out = Replace({"ann@home", "x"}, R"pb(attr { key: "pattern" value { s: "(\\w+)@(\\w+)" } }
                                           attr { key: "rewrite" value { s: "\\2 of \\1 (\\0)" } })pb");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].strings(), ElementsAre("home of ann (ann@home)", "x"));
}

TEST(StaticRegexReplaceTest, RejectsUnsupportedAndInvalidPatterns) {
  EXPECT_THAT(Message(Replace({"a"}, R"pb(attr { key: "pattern" value { s: "(?P<n>a)" } }
                                       attr { key: "rewrite" value { s: "" } })pb")),
              HasSubstr("RE2 syntax"));
  EXPECT_THAT(Message(Replace({"a"}, R"pb(attr { key: "pattern" value { s: "(a" } }
                                       attr { key: "rewrite" value { s: "" } })pb")),
              HasSubstr("invalid pattern"));
  EXPECT_THAT(Message(Replace({"a"}, R"pb(attr { key: "pattern" value { s: "a" } }
                                       attr { key: "rewrite" value { s: "\\3" } })pb")),
              HasSubstr("group"));
}

std::string NgramAttrs(const std::string& widths, int pad_width, bool preserve) {
  return R"(attr { key: "separator" value { s: "|" } }
            attr { key: "left_pad" value { s: "LP" } }
            attr { key: "right_pad" value { s: "RP" } }
            attr { key: "ngram_widths" value { list { )" + widths + R"( } } }
            attr { key: "pad_width" value { i: )" + std::to_string(pad_width) + R"( } }
            attr { key: "preserve_short_sequences" value { b: )" + (preserve ? "true" : "false") +
         " } }";
}

TEST(StringNGramsTest, UnpaddedBigrams) {
  auto out = RunOp("StringNGrams", {Tensor::Strings({4}, {"a", "b", "c", "d"}), Ints({2}, {0, 4})},
                   NgramAttrs("i: 2", 0, false), 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].strings(), ElementsAre("a|b", "b|c", "c|d"));
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(0, 3));
}

TEST(StringNGramsTest, PaddedTrigramsPerRow) {
  auto out = RunOp("StringNGrams",
                   {Tensor::Strings({6}, {"a", "b", "c", "d", "e", "f"}), Ints({3}, {0, 4, 6})},
                   NgramAttrs("i: 3", -1, false), 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].strings(),
              ElementsAre("LP|LP|a", "LP|a|b", "a|b|c", "b|c|d", "c|d|RP", "d|RP|RP", "LP|LP|e",
                          "LP|e|f", "e|f|RP", "f|RP|RP"));
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(0, 6, 10));
}

TEST(StringNGramsTest, PreservesShortSequencesAndChecksSplits) {
  Tensor data = Tensor::Strings({6}, {"a", "b", "c", "d", "e", "f"});
  auto out = RunOp("StringNGrams", {data, Ints({3}, {0, 4, 6})}, NgramAttrs("i: 5", 0, true), 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].strings(), ElementsAre("a|b|c|d", "e|f"));
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(0, 1, 2));
  EXPECT_FALSE(RunOp("StringNGrams", {data, Ints({2}, {0, 5})}, NgramAttrs("i: 2", 0, false), 2)
                   .ok());
}

TEST(StringSplitTest, SparseTokens) {
  auto out = RunOp("StringSplit",
                   {Tensor::Strings({2}, {"hello world", "a,b  c"}), Tensor::Strings({}, {" ,"})},
                   "", 3);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].values<int64_t>(), ElementsAre(0, 0, 0, 1, 1, 0, 1, 1, 1, 2));
  EXPECT_THAT((*out)[1].strings(), ElementsAre("hello", "world", "a", "b", "c"));
  EXPECT_THAT((*out)[2].values<int64_t>(), ElementsAre(2, 3));
  auto keep = RunOp("StringSplit", {Tensor::Strings({1}, {"a  b"}), Tensor::Strings({}, {" "})},
                    R"(attr { key: "skip_empty" value { b: false } })", 3);
  ASSERT_TRUE(keep.ok()) << keep.status();
  EXPECT_THAT((*keep)[1].strings(), ElementsAre("a", "", "b"));
  auto chars = RunOp("StringSplit", {Tensor::Strings({1}, {"xyz"}), Tensor::Strings({}, {""})},
                     "", 3);
  ASSERT_TRUE(chars.ok());
  EXPECT_THAT((*chars)[1].strings(), ElementsAre("x", "y", "z"));
  EXPECT_FALSE(RunOp("StringSplit", {Tensor::Strings({}, {"a"}), Tensor::Strings({}, {" "})}, "",
                     3).ok());
}

TEST(FingerprintTest, MatchesFarmHashVectors) {
  // Published farmhashna::Hash64 values, one per length branch.
  EXPECT_EQ(misc::Fingerprint64(""), 0x9ae16a3b2f90404fULL);
  EXPECT_EQ(misc::Fingerprint64("a"), 0xb3454265b6df75e3ULL);
  EXPECT_EQ(misc::Fingerprint64("abcd"), 0x1a5502de4a1f8101ULL);
  EXPECT_EQ(misc::Fingerprint64("0123456789"), 0xad052244b781c4ebULL);
  EXPECT_EQ(misc::Fingerprint64("0123456789^0123456789"), 0xdebcba8e6f3eabd1ULL);
  EXPECT_EQ(misc::Fingerprint64("Discard medicine more than two years old."),
            0xe8f89ab6df9bdd25ULL);
  EXPECT_EQ(misc::Fingerprint64(
                "For every action there is an equal and opposite government program."),
            0x55182f8859eca4ceULL);
  EXPECT_EQ(misc::Fingerprint64("test"), 8581389452482819506ULL);
}

TEST(StringToHashBucketFastTest, MatchesTfDocs) {
  auto out = RunOp("StringToHashBucketFast",
                   {Tensor::Strings({3}, {"Hello", "TensorFlow", "2.x"})},
                   R"(attr { key: "num_buckets" value { i: 3 } })");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].values<int64_t>(), ElementsAre(0, 2, 2));
  // tf.keras.layers.Hashing(num_bins=3) on A..E.
  auto letters = RunOp("StringToHashBucketFast",
                       {Tensor::Strings({5}, {"A", "B", "C", "D", "E"})},
                       R"(attr { key: "num_buckets" value { i: 3 } })");
  ASSERT_TRUE(letters.ok());
  EXPECT_THAT((*letters)[0].values<int64_t>(), ElementsAre(1, 0, 1, 1, 2));
  EXPECT_FALSE(RunOp("StringToHashBucketFast", {Tensor::Strings({1}, {"a"})},
                     R"(attr { key: "num_buckets" value { i: 0 } })").ok());
}

}  // namespace
}  // namespace tfjs::runtime
