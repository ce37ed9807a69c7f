// Runs the converter binary: exit codes and the one-line "error: ..." it prints on failure.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "tools/testing/test_files.h"

namespace {

namespace fs = std::filesystem;

struct Result {
  int exit_code;
  std::string out;
  std::string err;
};

using ::tfjs::test_files::ReadFile;

Result RunConverter(const std::string& args) {
  const fs::path dir = std::getenv("TEST_TMPDIR");
  const std::string command = "converter/converter " + args + " >" + (dir / "out").string() +
                              " 2>" + (dir / "err").string();
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(dir / "out"),
          ReadFile(dir / "err")};
}

TEST(ConverterMainTest, BadCommandLineExitsTwoWithOneErrorLine) {
  const Result result = RunConverter("--no_such_flag in out");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "error: unrecognized argument --no_such_flag (see --help)\n");
}

TEST(ConverterMainTest, FailedConversionExitsOneWithOneErrorLine) {
  const Result result = RunConverter("--input_format=tf_frozen_model --signature_name=s in out");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "error: The --signature_name flag is applicable only to \"tf_saved_model\" and "
            "\"tf_hub\" input format, but the current input format is \"tf_frozen_model\".\n");
  const Result missing = RunConverter("");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "error: Missing input_path argument. For usage, use the --help flag.\n");
}

TEST(ConverterMainTest, VersionAndHelp) {
  const Result version = RunConverter("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, "tfjs_native converter 0.1.0 (tensorflowjs_converter 4.22.0 compatible)\n");
  const Result help = RunConverter("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_EQ(help.out.rfind("usage: converter [options] input_path output_path", 0), 0);
}

TEST(ConverterMainTest, ConvertsAFrozenGraph) {
  const fs::path dir = fs::path(std::getenv("TEST_TMPDIR")) / "convert";
  fs::create_directories(dir);
  std::ofstream(dir / "g.pbtxt") << R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "y" op: "Neg" input: "x" attr { key: "T" value { type: DT_FLOAT } } }
  )pb";
  const Result result = RunConverter("--input_format tf_frozen_model --output_node_names y " +
                                     (dir / "g.pbtxt").string() + " " + (dir / "web").string());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(fs::exists(dir / "web" / "model.json"));
}

}  // namespace
