#include "converter/tfjs_op_support.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

std::string ReadDataFile() {
  // Tests run in the workspace root of their runfiles.
  std::ifstream file("converter/tfjs_op_support.txt");
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(TfjsOpSupportTest, DataFileParsesAndIsCompiledIn) {
  const std::string text = ReadDataFile();
  ASSERT_FALSE(text.empty());
  absl::StatusOr<std::vector<TfjsOpSupport>> rows = ParseTfjsOpSupport(text);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_GT(rows->size(), 1000u);
  std::set<std::tuple<std::string, std::string, int>> keys;
  for (const TfjsOpSupport& row : *rows) {
    EXPECT_TRUE(keys.insert({row.op, row.attr, row.dtype}).second)
        << "twice: " << row.op << " " << row.attr << " " << row.dtype;
    const TfjsOpSupport* found = FindTfjsOpSupport(row.op, row.attr, row.dtype);
    ASSERT_NE(found, nullptr) << row.op << " " << row.attr << " " << row.dtype;
    EXPECT_EQ(found->verdict, row.verdict) << row.op;
    EXPECT_EQ(found->symptom, row.symptom) << row.op;
  }
}

// Behaviour of TF.js 4.22 read in its sources: FloorDiv always returns int32, Mean divides in
// float32 without casting back, Acos has no complex kernel on the cpu backend.
TEST(TfjsOpSupportTest, KnowsTfjsBehaviourReadInItsSources) {
  const TfjsOpSupport* floor_div = FindTfjsOpSupport("FloorDiv", "T", tensorflow::DT_FLOAT);
  ASSERT_NE(floor_div, nullptr);
  EXPECT_EQ(floor_div->verdict, TfjsVerdict::kWrong);
  EXPECT_NE(floor_div->symptom.find("int32"), std::string::npos) << floor_div->symptom;
  const TfjsOpSupport* mean = FindTfjsOpSupport("Mean", "T", tensorflow::DT_INT32);
  ASSERT_NE(mean, nullptr);
  EXPECT_EQ(mean->verdict, TfjsVerdict::kWrong);
  const TfjsOpSupport* acos = FindTfjsOpSupport("Acos", "T", tensorflow::DT_COMPLEX64);
  ASSERT_NE(acos, nullptr);
  EXPECT_EQ(acos->verdict, TfjsVerdict::kRefuses);
  for (const char* op : {"AddV2", "Mean", "Conv2D", "MatMul"}) {
    const TfjsOpSupport* row = FindTfjsOpSupport(op, "T", tensorflow::DT_FLOAT);
    ASSERT_NE(row, nullptr) << op;
    EXPECT_EQ(row->verdict, TfjsVerdict::kRight) << op << ": " << row->symptom;
  }
  EXPECT_EQ(FindTfjsOpSupport("MadeUpOp", "T", tensorflow::DT_FLOAT), nullptr);
}

TEST(TfjsOpSupportTest, NodeRowsFollowItsTypeAttrs) {
  tensorflow::NodeDef node;
  node.set_op("GatherV2");
  (*node.mutable_attr())["Tparams"].set_type(tensorflow::DT_STRING);
  (*node.mutable_attr())["Tindices"].set_type(tensorflow::DT_INT32);
  std::vector<const TfjsOpSupport*> rows = TfjsOpSupportFor(node);
  ASSERT_FALSE(rows.empty());
  const TfjsOpSupport* params = rows.back();
  EXPECT_EQ(params->attr, "Tparams");
  EXPECT_EQ(params->verdict, TfjsVerdict::kRefuses);
}

TEST(TfjsOpSupportTest, SymptomsOfOneOutputNameIt) {
  absl::StatusOr<std::vector<TfjsOpSupport>> rows = ParseTfjsOpSupport(
      "Merge\tT\tDT_FLOAT\trefuses\toutput 1: no value_index\n"
      "Mean\tT\tDT_INT32\twrong\toutput 0 is float32\n"
      "If\tTcond\tDT_BOOL\twrong\tfetch branch:0 element 0 is 9\n");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].output, 1);
  EXPECT_EQ((*rows)[1].output, 0);
  EXPECT_EQ((*rows)[2].output, -1);
  EXPECT_FALSE(ParseTfjsOpSupport("Merge\tT\tDT_FLOAT\trefuses\toutput x: no\n").ok());
}

TEST(TfjsOpSupportTest, MalformedLinesNameTheLine) {
  EXPECT_TRUE(ParseTfjsOpSupport("# comment\nAbs\tT\tDT_FLOAT\tright\n").ok());
  for (const char* bad : {"# c\nAbs\tT\tDT_FLOAT\n", "# c\nAbs\tT\tDT_NOPE\tright\n",
                          "# c\nAbs\tT\tDT_FLOAT\tmaybe\n", "# c\nAbs\tT\tDT_FLOAT\twrong\n",
                          "# c\nAbs\tT\tDT_FLOAT\tright\tbut why\n"}) {
    absl::StatusOr<std::vector<TfjsOpSupport>> rows = ParseTfjsOpSupport(bad);
    ASSERT_FALSE(rows.ok()) << bad;
    EXPECT_NE(rows.status().message().find("line 2"), std::string::npos) << rows.status();
  }
}

}  // namespace
}  // namespace tfjs::converter
