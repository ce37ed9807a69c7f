// Converts the TF2 control-flow SavedModel of testdata/saved_model both ways (lowered, the
// default, and --control_flow_v2) and runs both results in the native runtime: each must give
// the reference outputs, and the two must agree. tfjs_e2e_test runs the same cases in TF.js.
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "converter/cli/convert.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "tools/npy/tensor_npy.h"
#include "tools/testing/test_files.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

constexpr char kLowered[] = "testdata/saved_model/tf2_control_flow";
constexpr char kFunctional[] = "testdata/saved_model/tf2_control_flow__v2";

using ::tfjs::test_files::ReadFile;

runtime::Tensor ReadNpy(const fs::path& path) {
  absl::StatusOr<tools::NpyArray> array = tools::DecodeNpy(ReadFile(path), path.string());
  EXPECT_TRUE(array.ok()) << array.status();
  absl::StatusOr<runtime::Tensor> tensor = tools::TensorFromNpy(*array);
  EXPECT_TRUE(tensor.ok()) << tensor.status();
  return *std::move(tensor);
}

// The case's inputs x and n.
std::vector<std::pair<std::string, runtime::Tensor>> Inputs(const fs::path& case_dir) {
  return {{"x", ReadNpy(case_dir / "inputs/0.npy")}, {"n", ReadNpy(case_dir / "inputs/1.npy")}};
}

// Converts the case's SavedModel and returns the model.json path.
std::string Convert(const fs::path& case_dir, bool control_flow_v2) {
  ConverterFlags flags;
  flags.input_path = (case_dir / "saved_model").string();
  flags.output_path =
      (fs::path(std::getenv("TEST_TMPDIR")) / (control_flow_v2 ? "functional" : "lowered"))
          .string();
  flags.control_flow_v2 = control_flow_v2;
  std::ostringstream log;
  const absl::Status status = RunConverter(flags, log);
  EXPECT_TRUE(status.ok()) << status;
  return (fs::path(flags.output_path) / "model.json").string();
}

std::unique_ptr<runtime::GraphModel> Load(const std::string& model_json) {
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model =
      runtime::GraphModel::Load(model_json);
  EXPECT_TRUE(model.ok()) << model.status();
  return model.ok() ? *std::move(model) : nullptr;
}

std::vector<runtime::Tensor> RunCase(const runtime::GraphModel& model, const fs::path& case_dir) {
  absl::StatusOr<std::vector<runtime::Tensor>> outputs =
      model.ExecuteAsync(Inputs(case_dir), {"steps", "y"});
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? *std::move(outputs) : std::vector<runtime::Tensor>();
}

void ExpectEqual(const std::vector<runtime::Tensor>& actual,
                 const std::vector<runtime::Tensor>& expected) {
  ASSERT_EQ(actual.size(), 2u);
  ASSERT_EQ(expected.size(), 2u);
  ASSERT_EQ(actual[0].dtype(), tensorflow::DT_INT32);
  EXPECT_EQ(actual[0].data<int32_t>()[0], expected[0].data<int32_t>()[0]);
  ASSERT_EQ(actual[1].num_elements(), expected[1].num_elements());
  for (int64_t i = 0; i < expected[1].num_elements(); ++i) {
    EXPECT_NEAR(actual[1].data<float>()[i], expected[1].data<float>()[i], 1e-5) << "y[" << i << "]";
  }
}

TEST(ControlFlowConversionTest, LoweredAndFunctionalConversionsAgree) {
  const std::string lowered_json = Convert(kLowered, /*control_flow_v2=*/false);
  const std::string functional_json = Convert(kFunctional, /*control_flow_v2=*/true);

  const std::string lowered_text = ReadFile(lowered_json);
  for (const char* op : {"\"Enter\"", "\"Exit\"", "\"LoopCond\"", "\"NextIteration\"",
                         "\"Switch\"", "\"Merge\""}) {
    EXPECT_NE(lowered_text.find(op), std::string::npos) << op;
  }
  EXPECT_EQ(lowered_text.find("StatelessWhile"), std::string::npos);
  EXPECT_EQ(lowered_text.find("StatelessIf"), std::string::npos);
  EXPECT_EQ(lowered_text.find("\"library\""), std::string::npos);
  const std::string functional_text = ReadFile(functional_json);
  EXPECT_NE(functional_text.find("\"StatelessWhile\""), std::string::npos);
  EXPECT_NE(functional_text.find("\"StatelessIf\""), std::string::npos);
  EXPECT_NE(functional_text.find("\"library\""), std::string::npos);
  EXPECT_EQ(functional_text.find("\"LoopCond\""), std::string::npos);

  std::unique_ptr<runtime::GraphModel> lowered = Load(lowered_json);
  std::unique_ptr<runtime::GraphModel> functional = Load(functional_json);
  ASSERT_NE(lowered, nullptr);
  ASSERT_NE(functional, nullptr);
  // Each case's inputs take a different branch of the if statement.
  for (const fs::path& case_dir : {fs::path(kLowered), fs::path(kFunctional)}) {
    SCOPED_TRACE(case_dir.string());
    const std::vector<runtime::Tensor> expected = {ReadNpy(case_dir / "outputs/0.npy"),
                                                   ReadNpy(case_dir / "outputs/1.npy")};
    ExpectEqual(RunCase(*lowered, case_dir), expected);
    ExpectEqual(RunCase(*functional, case_dir), expected);
  }
}

}  // namespace
}  // namespace tfjs::converter
