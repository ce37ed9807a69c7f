#include "tools/conformance/case_runner.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "converter/readers/corpus_case.h"
#include "gtest/gtest.h"
#include "tools/npy/npy.h"

namespace tfjs::conformance {
namespace {

namespace fs = std::filesystem;
using converter::testing::CorpusCase;
using converter::testing::CorpusRoot;
using converter::testing::ReadCase;

std::string TempDir() {
  const char* dir = std::getenv("TEST_TMPDIR");
  return dir != nullptr ? dir : "/tmp";
}

CorpusCase Read(const std::string& dir) {
  absl::StatusOr<CorpusCase> corpus_case = ReadCase(dir);
  EXPECT_TRUE(corpus_case.ok()) << corpus_case.status();
  return corpus_case.ok() ? *corpus_case : CorpusCase();
}

void WriteFile(const fs::path& path, const std::string& contents) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << contents;
}

std::string FloatNpy(std::initializer_list<float> values) {
  tools::NpyArray array;
  array.descr = "<f4";
  array.shape = {static_cast<int64_t>(values.size())};
  for (float value : values) array.data.append(reinterpret_cast<const char*>(&value), 4);
  return tools::EncodeNpy(array);
}

// A frozen graph y = Neg(x) with x = [1, -2] and the stored output `y`, whose op may be swapped.
std::string MakeCase(const std::string& name, const std::string& op, const std::string& y) {
  const fs::path dir = fs::path(TempDir()) / "cases" / "elementwise" / name;
  WriteFile(dir / "frozen_model.pbtxt",
            "node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } }\n"
            "node { name: 'y' op: '" +
                op +
                "' input: 'x' "
                "attr { key: 'T' value { type: DT_FLOAT } } }\n");
  WriteFile(dir / "inputs" / "0.npy", FloatNpy({1.0f, -2.0f}));
  WriteFile(dir / "outputs" / "0.npy", y);
  WriteFile(dir / "case.json", R"({"id": ")" + name + R"(", "format": "tf_frozen_model",
      "inputs": [{"name": "x", "tensor": "x:0", "dtype": "float32", "file": "inputs/0.npy"}],
      "outputs": [{"name": "y", "tensor": "y:0", "dtype": "float32", "file": "outputs/0.npy"}],
      "compare": true})");
  return dir.string();
}

std::string ModelDir(const std::string& name) { return TempDir() + "/models/" + name; }

TEST(RunCaseTest, PassesWhenTheOutputsMatch) {
  const CorpusCase corpus_case = Read(MakeCase("neg", "Neg", FloatNpy({-1.0f, 2.0f})));
  const CaseResult result = RunCase(corpus_case, ModelDir("neg"));
  EXPECT_EQ(result.status, CaseStatus::kPass) << result.reason;
  EXPECT_EQ(result.id, "neg");
  EXPECT_EQ(result.category, "elementwise");
  EXPECT_TRUE(fs::exists(ModelDir("neg") + "/model.json"));
}

TEST(RunCaseTest, FailsNamingTheFirstMismatch) {
  const CorpusCase corpus_case = Read(MakeCase("wrong", "Neg", FloatNpy({-1.0f, 3.0f})));
  const CaseResult result = RunCase(corpus_case, ModelDir("wrong"));
  EXPECT_EQ(result.status, CaseStatus::kFail);
  EXPECT_EQ(result.reason,
            "compare: y:0: 1/2 values differ (first at flat index 1: got 2, want 3)");
}

TEST(RunCaseTest, ListsOpsWithoutKernelsAsUnsupported) {
  const CorpusCase corpus_case = Read(MakeCase("unknown_op", "NoSuchOp", FloatNpy({0, 0})));
  const CaseResult result = RunCase(corpus_case, ModelDir("unknown_op"));
  EXPECT_EQ(result.status, CaseStatus::kUnsupported) << result.reason;
  EXPECT_EQ(result.missing_ops, std::vector<std::string>{"NoSuchOp"});
}

TEST(RunCaseTest, ReportsTheStageOfAnError) {
  CorpusCase corpus_case = Read(MakeCase("bad_input", "Neg", FloatNpy({-1.0f, 2.0f})));
  corpus_case.inputs[0].file = "inputs/missing.npy";
  const CaseResult result = RunCase(corpus_case, ModelDir("bad_input"));
  EXPECT_EQ(result.status, CaseStatus::kFail);
  EXPECT_EQ(result.reason.rfind("input x:0: ", 0), 0u) << result.reason;
}

TEST(RunCaseTest, RunsRealSavedModelAndControlFlowCases) {
  for (const std::string& dir : {CorpusRoot() + "/saved_model/tfjs__times_three_float",
                                 CorpusRoot() + "/control_flow/dl4j__simplewhile_0"}) {
    SCOPED_TRACE(dir);
    const CorpusCase corpus_case = Read(dir);
    const CaseResult result = RunCase(corpus_case, ModelDir(corpus_case.id));
    EXPECT_EQ(result.status, CaseStatus::kPass) << result.reason;
  }
}

TEST(RunCaseTest, LoadOnlyCasesRunWithoutComparing) {
  const CorpusCase corpus_case = Read(CorpusRoot() + "/random/dl4j__multinomial__float32");
  ASSERT_FALSE(corpus_case.compare);
  const CaseResult result = RunCase(corpus_case, ModelDir(corpus_case.id));
  EXPECT_EQ(result.status, CaseStatus::kSkipped) << result.reason;
}

}  // namespace
}  // namespace tfjs::conformance
