// Tests for the Unicode kernels (ICU-backed decode, encode, transcode, script) and DecodeCSV;
// expected code points and fields worked by hand.
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

Tensor Vec(std::vector<std::string> values) {
  const int64_t n = static_cast<int64_t>(values.size());
  return Tensor::Strings({n}, std::move(values));
}
std::vector<int64_t> Int64Values(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.values<int64_t>().begin(), tensor.values<int64_t>().end());
}
std::string Message(const absl::StatusOr<std::vector<Tensor>>& result) {
  return result.ok() ? "ok" : std::string(result.status().message());
}
std::string Utf8(const std::string& extra = "") {
  return "attr { key: \"input_encoding\" value { s: \"UTF-8\" } }" + extra;
}

TEST(UnicodeDecodeTest, CodePointsSplitsAndOffsets) {
  auto out = RunOp("UnicodeDecodeWithOffsets", {Vec({"héllo", "", "\xF0\x9F\x98\x80"})}, Utf8(), 3);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(Int64Values((*out)[0]), ElementsAre(0, 5, 5, 6));
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(104, 233, 108, 108, 111, 0x1F600));
  EXPECT_THAT(Int64Values((*out)[2]), ElementsAre(0, 1, 3, 4, 5, 0));
  auto int32_splits = RunOp("UnicodeDecode", {Vec({"ab"})},
                            Utf8("attr { key: \"Tsplits\" value { type: DT_INT32 } }"), 2);
  ASSERT_TRUE(int32_splits.ok()) << int32_splits.status();
  EXPECT_THAT(IntValues((*int32_splits)[0]), ElementsAre(0, 2));
}

TEST(UnicodeDecodeTest, ErrorPolicies) {
  const Tensor bad =
      Vec({"\xFF"
           "a\x01"});
  auto replaced = RunOp("UnicodeDecodeWithOffsets", {bad}, Utf8(), 3);
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  EXPECT_THAT(IntValues((*replaced)[1]), ElementsAre(0xFFFD, 97, 1));
  auto control = RunOp("UnicodeDecodeWithOffsets", {bad},
                       Utf8("attr { key: \"replace_control_characters\" value { b: true } }"
                            "attr { key: \"replacement_char\" value { i: 63 } }"),
                       3);
  ASSERT_TRUE(control.ok()) << control.status();
  EXPECT_THAT(IntValues((*control)[1]), ElementsAre(63, 97, 63));
  auto ignored = RunOp("UnicodeDecodeWithOffsets", {bad},
                       Utf8("attr { key: \"errors\" value { s: \"ignore\" } }"), 3);
  ASSERT_TRUE(ignored.ok()) << ignored.status();
  EXPECT_THAT(IntValues((*ignored)[1]), ElementsAre(97, 1));
  EXPECT_THAT(Int64Values((*ignored)[2]), ElementsAre(1, 2));
  EXPECT_THAT(Message(RunOp("UnicodeDecode", {bad},
                            Utf8("attr { key: \"errors\" value { s: \"strict\" } }"), 2)),
              HasSubstr("Invalid formatting on input string"));
  EXPECT_THAT(Message(RunOp("UnicodeDecode", {bad},
                            "attr { key: \"input_encoding\" value { s: \"NO-SUCH\" } }", 2)),
              HasSubstr("Could not create converter for input encoding: NO-SUCH"));
}

TEST(UnicodeDecodeTest, Utf16Input) {
  auto out = RunOp("UnicodeDecode",
                   {Vec({std::string("\x00"
                                     "a\xD8\x3D\xDE\x00",
                                     6)})},
                   "attr { key: \"input_encoding\" value { s: \"UTF-16-BE\" } }", 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(97, 0x1F600));
}

TEST(UnicodeEncodeTest, EncodingsAndInvalidCodePoints) {
  const std::string utf8 = "attr { key: \"output_encoding\" value { s: \"UTF-8\" } }";
  auto out = RunOp("UnicodeEncode",
                   {Ints({3}, {72, 105, 0x1F600}),
                    testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {3}, {0, 2, 3})},
                   utf8);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].strings(), ElementsAre("Hi", "\xF0\x9F\x98\x80"));
  auto utf16 = RunOp(
      "UnicodeEncode",
      {Ints({2}, {97, 0x1F600}), testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {2}, {0, 2})},
      "attr { key: \"output_encoding\" value { s: \"UTF-16-BE\" } }");
  ASSERT_TRUE(utf16.ok()) << utf16.status();
  EXPECT_EQ((*utf16)[0].strings()[0], std::string("\x00"
                                                  "a\xD8\x3D\xDE\x00",
                                                  6));
  auto replaced = RunOp(
      "UnicodeEncode",
      {Ints({2}, {0x110000, 98}), testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {2}, {0, 2})},
      utf8);
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  EXPECT_THAT((*replaced)[0].strings(), ElementsAre("\xEF\xBF\xBD"
                                                    "b"));
  EXPECT_THAT(Message(RunOp("UnicodeEncode",
                            {Ints({1}, {-5}),
                             testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {2}, {0, 1})},
                            utf8 + "attr { key: \"errors\" value { s: \"strict\" } }")),
              HasSubstr("out of range for Unicode"));
}

TEST(UnicodeScriptTest, IcuScriptCodes) {
  auto out = RunOp("UnicodeScript", {Ints({5}, {65, 0x0410, 0x4E00, 48, -1})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  // USCRIPT_LATIN 25, CYRILLIC 8, HAN 17, COMMON 0; invalid code points give -1.
  EXPECT_THAT(IntValues((*out)[0]), ElementsAre(25, 8, 17, 0, -1));
}

TEST(UnicodeTranscodeTest, Latin1ToUtf8AndUtf16) {
  auto out = RunOp("UnicodeTranscode", {Vec({"caf\xE9"})},
                   "attr { key: \"input_encoding\" value { s: \"ISO-8859-1\" } }"
                   "attr { key: \"output_encoding\" value { s: \"UTF-8\" } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].strings(), ElementsAre("caf\xC3\xA9"));
  auto utf16 = RunOp("UnicodeTranscode", {Vec({"a\xFF"})},
                     Utf8("attr { key: \"output_encoding\" value { s: \"UTF-16-BE\" } }"));
  ASSERT_TRUE(utf16.ok()) << utf16.status();
  EXPECT_EQ((*utf16)[0].strings()[0], std::string("\x00"
                                                  "a\xFF\xFD",
                                                  4));
  EXPECT_THAT(Message(RunOp("UnicodeTranscode", {Vec({"a"})},
                            Utf8("attr { key: \"output_encoding\" value { s: \"UTF-7\" } }"))),
              HasSubstr("Invalid encoding"));
}

std::string CsvTypes(const std::string& types) {
  return "attr { key: \"OUT_TYPE\" value { list { " + types + " } } }";
}

TEST(DecodeCsvTest, FieldsDefaultsAndTypes) {
  auto out = RunOp("DecodeCSV",
                   {Vec({"1,2.5,a", ",,", "7,NA,b"}), Ints({1}, {-1}), testing::Floats({1}, {9}),
                    Tensor::Strings({1}, {"x"})},
                   CsvTypes("type: DT_INT32 type: DT_FLOAT type: DT_STRING") +
                       "attr { key: \"na_value\" value { s: \"NA\" } }",
                   3);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(IntValues((*out)[0]), ElementsAre(1, -1, 7));
  EXPECT_THAT(testing::FloatValues((*out)[1]), ElementsAre(2.5f, 9.0f, 9.0f));
  EXPECT_THAT((*out)[2].strings(), ElementsAre("a", "x", "b"));
}

TEST(DecodeCsvTest, QuotesDelimiterAndSelectedColumns) {
  auto quoted =
      RunOp("DecodeCSV",
            {Vec({"\"a;b\";\"c\"\"d\""}), Tensor::Strings({0}, {}), Tensor::Strings({0}, {})},
            CsvTypes("type: DT_STRING type: DT_STRING") +
                "attr { key: \"field_delim\" value { s: \";\" } }",
            2);
  ASSERT_TRUE(quoted.ok()) << quoted.status();
  EXPECT_THAT((*quoted)[0].strings(), ElementsAre("a;b"));
  EXPECT_THAT((*quoted)[1].strings(), ElementsAre("c\"d"));
  auto selected = RunOp("DecodeCSV",
                        {Vec({"1,2,3", "4,5,"}), Ints({0}, {}),
                         testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {1}, {0})},
                        CsvTypes("type: DT_INT32 type: DT_INT64") +
                            "attr { key: \"select_cols\" value { list { i: 0 i: 2 } } }",
                        2);
  ASSERT_TRUE(selected.ok()) << selected.status();
  EXPECT_THAT(IntValues((*selected)[0]), ElementsAre(1, 4));
  EXPECT_THAT(Int64Values((*selected)[1]), ElementsAre(3, 0));
}

TEST(DecodeCsvTest, Errors) {
  const std::string two_ints = CsvTypes("type: DT_INT32 type: DT_INT32");
  EXPECT_THAT(Message(RunOp("DecodeCSV", {Vec({"1"}), Ints({0}, {}), Ints({0}, {})}, two_ints, 2)),
              HasSubstr("Expect 2 fields but have 1 in record 0"));
  EXPECT_THAT(Message(RunOp("DecodeCSV", {Vec({"1,"}), Ints({0}, {}), Ints({0}, {})}, two_ints, 2)),
              HasSubstr("Field 1 is required but missing in record 0!"));
  EXPECT_THAT(
      Message(RunOp("DecodeCSV", {Vec({"1,x"}), Ints({0}, {}), Ints({0}, {})}, two_ints, 2)),
      HasSubstr("Field 1 in record 0 is not a valid int32: x"));
  EXPECT_THAT(
      Message(RunOp("DecodeCSV", {Vec({"a\"b,1"}), Ints({0}, {}), Ints({0}, {})}, two_ints, 2)),
      HasSubstr("Unquoted fields cannot have quotes"));
  EXPECT_THAT(
      Message(RunOp("DecodeCSV", {Vec({"\"ab,1"}), Ints({0}, {}), Ints({0}, {})}, two_ints, 2)),
      HasSubstr("Quoted field has to end"));
  EXPECT_THAT(
      Message(RunOp("DecodeCSV", {Vec({"1,2"}), Ints({2}, {1, 2}), Ints({0}, {})}, two_ints, 2)),
      HasSubstr("There should only be 1 default per field but field 0 has 2"));
}

}  // namespace
}  // namespace tfjs::runtime
