// Tests for the elementwise string kernels: case, strip, length, Substr, joins, StringSplitV2,
// StringFormat, AsString, base64 and StringToNumber. Expected values are worked by hand from
// TF's documented semantics.
#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

Tensor Strings(Shape shape, std::vector<std::string> values) {
  return Tensor::Strings(std::move(shape), std::move(values));
}
Tensor Vec(std::vector<std::string> values) {
  const int64_t n = static_cast<int64_t>(values.size());
  return Strings({n}, std::move(values));
}
Tensor Int64s(Shape shape, std::vector<int64_t> values) {
  return testing::MakeTensor<int64_t>(tensorflow::DT_INT64, std::move(shape), std::move(values));
}
std::vector<int64_t> Int64Values(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.values<int64_t>().begin(), tensor.values<int64_t>().end());
}
std::string Message(const absl::StatusOr<std::vector<Tensor>>& result) {
  return result.ok() ? "ok" : std::string(result.status().message());
}
std::string StrAttr(const std::string& key, const std::string& value) {
  return "attr { key: \"" + key + "\" value { s: \"" + value + "\" } }";
}

TEST(StringCaseTest, AsciiAndUtf8) {
  auto lower = RunOp("StringLower", {Vec({"HeLLo", "ÀÉ Ω"})}, "");
  ASSERT_TRUE(lower.ok()) << lower.status();
  // Without an encoding only ASCII letters change.
  EXPECT_THAT((*lower)[0].strings(), ElementsAre("hello", "ÀÉ Ω"));
  auto utf8 = RunOp("StringLower", {Vec({"ÀÉ Ω"})}, StrAttr("encoding", "utf-8"));
  ASSERT_TRUE(utf8.ok()) << utf8.status();
  EXPECT_THAT((*utf8)[0].strings(), ElementsAre("àé ω"));
  auto upper = RunOp("StringUpper", {Strings({}, {"straße"})}, StrAttr("encoding", "utf-8"));
  ASSERT_TRUE(upper.ok()) << upper.status();
  EXPECT_THAT((*upper)[0].strings(), ElementsAre("STRASSE"));
  EXPECT_EQ((*upper)[0].rank(), 0);
  EXPECT_THAT(Message(RunOp("StringUpper", {Vec({"a"})}, StrAttr("encoding", "latin1"))),
              HasSubstr("encoding must be empty or utf-8"));
}

TEST(StringStripLengthTest, WhitespaceAndUnits) {
  auto strip = RunOp("StringStrip", {Vec({" \t a b \n", "", "x"})}, "");
  ASSERT_TRUE(strip.ok()) << strip.status();
  EXPECT_THAT((*strip)[0].strings(), ElementsAre("a b", "", "x"));
  auto bytes = RunOp("StringLength", {Vec({"héllo", ""})}, "");
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_THAT(IntValues((*bytes)[0]), ElementsAre(6, 0));
  auto chars = RunOp("StringLength", {Vec({"héllo", ""})}, StrAttr("unit", "UTF8_CHAR"));
  ASSERT_TRUE(chars.ok()) << chars.status();
  EXPECT_THAT(IntValues((*chars)[0]), ElementsAre(5, 0));
}

const char kInt32T[] = "attr { key: \"T\" value { type: DT_INT32 } }";

TEST(SubstrTest, ScalarElementwiseAndBroadcastPositions) {
  auto scalar = RunOp("Substr", {Vec({"Hello", "World"}), Ints({}, {1}), Ints({}, {3})}, kInt32T);
  ASSERT_TRUE(scalar.ok()) << scalar.status();
  EXPECT_THAT((*scalar)[0].strings(), ElementsAre("ell", "orl"));
  // Negative pos counts from the end; a long or negative len takes the rest.
  auto each = RunOp("Substr",
                    {Vec({"Hello", "World", "abc"}), Ints({3}, {-2, 0, 1}), Ints({3}, {10, -1, 1})},
                    kInt32T);
  ASSERT_TRUE(each.ok()) << each.status();
  EXPECT_THAT((*each)[0].strings(), ElementsAre("lo", "World", "b"));
  // [2] strings against [2, 1] positions broadcast to [2, 2].
  auto broadcast =
      RunOp("Substr", {Vec({"abcd", "wxyz"}), Ints({2, 1}, {0, 2}), Ints({2, 1}, {1, 2})}, kInt32T);
  ASSERT_TRUE(broadcast.ok()) << broadcast.status();
  EXPECT_EQ(ShapeString((*broadcast)[0].shape()), "[2,2]");
  EXPECT_THAT((*broadcast)[0].strings(), ElementsAre("a", "w", "cd", "yz"));
}

TEST(SubstrTest, Utf8CharsAndErrors) {
  const std::string utf8 = kInt32T + StrAttr("unit", "UTF8_CHAR");
  auto chars = RunOp("Substr", {Vec({"héllo", "aé"}), Ints({}, {1}), Ints({}, {2})}, utf8);
  ASSERT_TRUE(chars.ok()) << chars.status();
  EXPECT_THAT((*chars)[0].strings(), ElementsAre("él", "é"));
  auto from_end = RunOp("Substr", {Vec({"héllo"}), Ints({}, {-4}), Ints({}, {2})}, utf8);
  ASSERT_TRUE(from_end.ok()) << from_end.status();
  EXPECT_THAT((*from_end)[0].strings(), ElementsAre("él"));
  EXPECT_THAT(Message(RunOp("Substr", {Vec({"abc"}), Ints({}, {4}), Ints({}, {1})}, kInt32T)),
              HasSubstr("pos 4 out of range"));
  EXPECT_THAT(Message(RunOp("Substr", {Vec({"abc"}), Ints({}, {-4}), Ints({}, {1})}, kInt32T)),
              HasSubstr("out of range"));
  EXPECT_THAT(Message(RunOp("Substr", {Vec({"abc"}), Ints({1}, {0}), Ints({}, {1})}, kInt32T)),
              HasSubstr("same shape"));
  // pos == length is allowed and gives "".
  auto at_end = RunOp("Substr", {Vec({"abc"}), Ints({}, {3}), Ints({}, {1})}, kInt32T);
  ASSERT_TRUE(at_end.ok()) << at_end.status();
  EXPECT_THAT((*at_end)[0].strings(), ElementsAre(""));
}

TEST(StringJoinTest, BroadcastsScalars) {
  auto out = RunOp("StringJoin", {Vec({"a", "b"}), Strings({}, {"-"}), Vec({"x", "y"})},
                   "attr { key: \"N\" value { i: 3 } }" + StrAttr("separator", "/"));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].strings(), ElementsAre("a/-/x", "b/-/y"));
  EXPECT_THAT(Message(RunOp("StringJoin", {Vec({"a", "b"}), Vec({"x"})},
                            "attr { key: \"N\" value { i: 2 } }")),
              HasSubstr("Input shapes do not match"));
}

TEST(ReduceJoinTest, AxesOrderKeepDimsAndEmptyAxes) {
  const Tensor input = Strings({2, 2}, {"a", "b", "c", "d"});
  auto rows = RunOp("ReduceJoin", {input, Ints({1}, {1})}, StrAttr("separator", ","));
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_THAT((*rows)[0].strings(), ElementsAre("a,b", "c,d"));
  auto cols =
      RunOp("ReduceJoin", {input, Ints({}, {-2})}, "attr { key: \"keep_dims\" value { b: true } }");
  ASSERT_TRUE(cols.ok()) << cols.status();
  EXPECT_EQ(ShapeString((*cols)[0].shape()), "[1,2]");
  EXPECT_THAT((*cols)[0].strings(), ElementsAre("ac", "bd"));
  // The first listed axis varies fastest.
  auto both = RunOp("ReduceJoin", {input, Ints({2}, {0, 1})}, "");
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_THAT((*both)[0].strings(), ElementsAre("acbd"));
  auto none = RunOp("ReduceJoin", {input, Ints({0}, {})}, "");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_THAT((*none)[0].strings(), ElementsAre("a", "b", "c", "d"));
  EXPECT_THAT(Message(RunOp("ReduceJoin", {input, Ints({}, {2})}, "")),
              HasSubstr("Invalid reduction dimension 2"));
  EXPECT_THAT(Message(RunOp("ReduceJoin", {input, Ints({2}, {1, -1})}, "")),
              HasSubstr("Duplicate reduction dimension"));
}

TEST(UnsortedSegmentJoinTest, RowsBySegment) {
  const std::string attrs =
      "attr { key: \"Tindices\" value { type: DT_INT32 } }" + StrAttr("separator", ":");
  auto out =
      RunOp("UnsortedSegmentJoin",
            {Strings({3, 2}, {"Y", "q", "Y", "6", "p", "G"}), Ints({3}, {1, 0, 1}), Ints({}, {3})},
            attrs);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(ShapeString((*out)[0].shape()), "[3,2]");
  EXPECT_THAT((*out)[0].strings(), ElementsAre("Y", "6", "Y:p", "q:G", "", ""));
  EXPECT_THAT(
      Message(RunOp("UnsortedSegmentJoin", {Vec({"a"}), Ints({1}, {-1}), Ints({}, {2})}, attrs)),
      HasSubstr("negative"));
}

TEST(StringSplitV2Test, SeparatorWhitespaceAndMaxsplit) {
  auto comma = RunOp("StringSplitV2", {Vec({"1,,2", ""}), Strings({}, {","})}, "", 3);
  ASSERT_TRUE(comma.ok()) << comma.status();
  EXPECT_THAT(Int64Values((*comma)[0]), ElementsAre(0, 0, 0, 1, 0, 2, 1, 0));
  EXPECT_THAT((*comma)[1].strings(), ElementsAre("1", "", "2", ""));
  EXPECT_THAT(Int64Values((*comma)[2]), ElementsAre(2, 3));
  auto spaces = RunOp("StringSplitV2", {Vec({"  a  b c ", "   "}), Strings({}, {""})},
                      "attr { key: \"maxsplit\" value { i: 1 } }", 3);
  ASSERT_TRUE(spaces.ok()) << spaces.status();
  EXPECT_THAT((*spaces)[1].strings(), ElementsAre("a", "b c "));
  EXPECT_THAT(Int64Values((*spaces)[2]), ElementsAre(2, 2));
  auto multi = RunOp("StringSplitV2", {Vec({"1<>2<>3"}), Strings({}, {"<>"})}, "", 3);
  ASSERT_TRUE(multi.ok()) << multi.status();
  EXPECT_THAT((*multi)[1].strings(), ElementsAre("1", "2", "3"));
}

TEST(StringFormatTest, SummarizesLikeTfPrint) {
  const std::string attrs =
      "attr { key: \"T\" value { list { type: DT_INT32 type: DT_FLOAT type: DT_STRING } } }" +
      StrAttr("template", "x={} y={} s={}") + StrAttr("placeholder", "{}") +
      "attr { key: \"summarize\" value { i: 2 } }";
  auto out = RunOp("StringFormat",
                   {Ints({5}, {1, 2, 3, 4, 5}), testing::Floats({2, 2}, {0.5f, 1, 2.25f, -3}),
                    Strings({}, {"a\"b"})},
                   attrs);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].strings()[0], "x=[1 2 ... 4 5] y=[[0.5 1]\n [2.25 -3]] s=\"a\\\"b\"");
  EXPECT_THAT(Message(RunOp("StringFormat", {Ints({}, {1})},
                            "attr { key: \"T\" value { list { type: DT_INT32 } } }" +
                                StrAttr("template", "%s %s"))),
              HasSubstr("num placeholders in template and num inputs must match: 2 vs. 1"));
}

TEST(AsStringTest, FormatsPerDtypeAndAttrs) {
  auto ints = RunOp("AsString", {Ints({3}, {7, -12, 0})},
                    "attr { key: \"T\" value { type: DT_INT32 } }"
                    "attr { key: \"width\" value { i: 3 } }" +
                        StrAttr("fill", "0"));
  ASSERT_TRUE(ints.ok()) << ints.status();
  EXPECT_THAT((*ints)[0].strings(), ElementsAre("007", "-12", "000"));
  auto floats = RunOp("AsString", {testing::Floats({2}, {3.14159f, 1e10f})},
                      "attr { key: \"T\" value { type: DT_FLOAT } }"
                      "attr { key: \"precision\" value { i: 2 } }");
  ASSERT_TRUE(floats.ok()) << floats.status();
  EXPECT_THAT((*floats)[0].strings(), ElementsAre("3.14", "10000000000.00"));
  auto shortest = RunOp("AsString", {testing::Floats({1}, {0.5f})},
                        "attr { key: \"T\" value { type: DT_FLOAT } }"
                        "attr { key: \"shortest\" value { b: true } }");
  ASSERT_TRUE(shortest.ok()) << shortest.status();
  EXPECT_THAT((*shortest)[0].strings(), ElementsAre("0.5"));
  auto bools = RunOp("AsString", {testing::Bools({2}, {true, false})},
                     "attr { key: \"T\" value { type: DT_BOOL } }");
  ASSERT_TRUE(bools.ok()) << bools.status();
  EXPECT_THAT((*bools)[0].strings(), ElementsAre("true", "false"));
  EXPECT_THAT(Message(RunOp("AsString", {Ints({1}, {1})},
                            "attr { key: \"T\" value { type: DT_INT32 } }"
                            "attr { key: \"precision\" value { i: 2 } }")),
              HasSubstr("precision not supported"));
}

TEST(Base64Test, WebSafeRoundTripAndPadding) {
  auto encoded = RunOp("EncodeBase64", {Vec({"\xfb\xff", "abc", ""})}, "");
  ASSERT_TRUE(encoded.ok()) << encoded.status();
  EXPECT_THAT((*encoded)[0].strings(), ElementsAre("-_8", "YWJj", ""));
  auto padded =
      RunOp("EncodeBase64", {Vec({"\xfb\xff"})}, "attr { key: \"pad\" value { b: true } }");
  ASSERT_TRUE(padded.ok()) << padded.status();
  EXPECT_THAT((*padded)[0].strings(), ElementsAre("-_8="));
  auto decoded = RunOp("DecodeBase64", {Vec({"-_8", "-_8=", "YWJj"})}, "");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_THAT((*decoded)[0].strings(), ElementsAre("\xfb\xff", "\xfb\xff", "abc"));
  EXPECT_THAT(Message(RunOp("DecodeBase64", {Vec({"+/8="})}, "")), HasSubstr("base64"));
}

TEST(StringToNumberTest, FloatsIntsAndErrors) {
  auto floats = RunOp("StringToNumber", {Vec({" 1.5", "-2e3 ", "INF", "0x10", "nan"})}, "");
  ASSERT_TRUE(floats.ok()) << floats.status();
  const std::vector<float> values = testing::FloatValues((*floats)[0]);
  EXPECT_FLOAT_EQ(values[0], 1.5f);
  EXPECT_FLOAT_EQ(values[1], -2000.0f);
  EXPECT_TRUE(std::isinf(values[2]) && values[2] > 0);
  EXPECT_FLOAT_EQ(values[3], 16.0f);
  EXPECT_TRUE(std::isnan(values[4]));
  auto ints = RunOp("StringToNumber", {Vec({"+12", " -7 "})},
                    "attr { key: \"out_type\" value { type: DT_INT32 } }");
  ASSERT_TRUE(ints.ok()) << ints.status();
  EXPECT_THAT(IntValues((*ints)[0]), ElementsAre(12, -7));
  EXPECT_THAT(Message(RunOp("StringToNumber", {Vec({"2147483648"})},
                            "attr { key: \"out_type\" value { type: DT_INT32 } }")),
              HasSubstr("could not correctly convert string: 2147483648"));
  EXPECT_THAT(Message(RunOp("StringToNumber", {Vec({"1.5x"})}, "")),
              HasSubstr("could not correctly convert"));
}

}  // namespace
}  // namespace tfjs::runtime
