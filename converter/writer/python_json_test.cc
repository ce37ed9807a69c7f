#include "converter/writer/python_json.h"

#include <limits>

#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

TEST(PythonFloatReprTest, MatchesPythonRepr) {
  EXPECT_EQ(PythonFloatRepr(0.2), "0.2");
  EXPECT_EQ(PythonFloatRepr(100.0), "100.0");
  EXPECT_EQ(PythonFloatRepr(0.0), "0.0");
  EXPECT_EQ(PythonFloatRepr(-0.0), "-0.0");
  EXPECT_EQ(PythonFloatRepr(0.0001), "0.0001");
  EXPECT_EQ(PythonFloatRepr(1e-05), "1e-05");
  EXPECT_EQ(PythonFloatRepr(1e15), "1000000000000000.0");
  EXPECT_EQ(PythonFloatRepr(1e16), "1e+16");
  EXPECT_EQ(PythonFloatRepr(123456789012345678.0), "1.2345678901234568e+17");
  EXPECT_EQ(PythonFloatRepr(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(PythonFloatRepr(-2.5e-07), "-2.5e-07");
  EXPECT_EQ(PythonFloatRepr(5e-324), "5e-324");
  EXPECT_EQ(PythonFloatRepr(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(PythonFloatRepr(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(PythonFloat32ReprTest, MatchesProtobufToShortestFloat) {
  EXPECT_EQ(PythonFloat32Repr(0.2f), "0.2");
  EXPECT_EQ(PythonFloat32Repr(0.0f), "0.0");
  EXPECT_EQ(PythonFloat32Repr(1e-5f), "1e-05");
  EXPECT_EQ(PythonFloat32Repr(1.0f / 3.0f), "0.33333334");
  EXPECT_EQ(PythonFloat32Repr(123456789.0f), "123456790.0");
  EXPECT_EQ(PythonFloat32Repr(16777216.0f), "16777216.0");
  EXPECT_EQ(PythonFloat32Repr(std::numeric_limits<float>::max()), "3.4028235e+38");
  EXPECT_EQ(PythonFloat32Repr(std::numeric_limits<float>::denorm_min()), "1.4013e-45");
}

TEST(AppendPythonJsonStringTest, EscapesLikeEnsureAscii) {
  std::string out;
  ASSERT_TRUE(AppendPythonJsonString("a/b \"q\" \\ \n\t\x01\x7f \xC3\xA9 \xF0\x9F\x98\x80", &out)
                  .ok());
  EXPECT_EQ(out, R"("a/b \"q\" \\ \n\t\u0001\u007f \u00e9 \ud83d\ude00")");
}

TEST(AppendPythonJsonStringTest, RejectsMalformedUtf8) {
  std::string out;
  EXPECT_FALSE(AppendPythonJsonString("bad \xC3", &out).ok());
  EXPECT_FALSE(AppendPythonJsonString("overlong \xC0\xAF", &out).ok());
  EXPECT_FALSE(AppendPythonJsonString("surrogate \xED\xA0\x80", &out).ok());
}

TEST(ReformatJsonAsPythonTest, WritesJsonDumpFormatting) {
  absl::StatusOr<std::string> json = ReformatJsonAsPython(R"( {
    "b" : [1, 2.50, -0, 1E2, -0.0, 12345678901234567890, [], {}],
    "a": {"x": true, "y": null, "z": false},
    "b": "\u00e9\ud83d\ude00\n\u0001\/",
    "c": "caf)" "\xC3\xA9" R"("
  } )");
  ASSERT_TRUE(json.ok()) << json.status();
  // The repeated "b" keeps its first position and takes its last value, as a Python dict.
  EXPECT_EQ(*json,
            R"({"b": "\u00e9\ud83d\ude00\n\u0001/", "a": {"x": true, "y": null, "z": false}, )"
            R"("c": "caf\u00e9"})");
}

TEST(ReformatJsonAsPythonTest, NormalizesNumbers) {
  absl::StatusOr<std::string> json =
      ReformatJsonAsPython("[1, 2.50, -0, 1E2, -0.0, 12345678901234567890, 1e400, NaN]");
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(*json, "[1, 2.5, 0, 100.0, -0.0, 12345678901234567890, Infinity, NaN]");
}

TEST(ReformatJsonAsPythonTest, RejectsInvalidJson) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"unterminated",
                          "{\"a\": 1} x", "'single'", "\"tab\there\""}) {
    EXPECT_FALSE(ReformatJsonAsPython(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace tfjs::converter
