// --input_format=tf_hub through the command-line conversion: a TF1 Hub module directory and the
// same module served over HTTP (cached under $XDG_CACHE_HOME), to a TF.js graph model that the
// native runtime runs.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/cli/convert.h"
#include "converter/cli/flags.h"
#include "converter/readers/hub/sha1.h"
#include "converter/readers/hub/tf1_module_testing.h"
#include "gtest/gtest.h"
#include "io/loopback_http_server.h"
#include "runtime/graph_model.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

std::string Testdata(const std::string& path) {
  return absl::StrCat(std::getenv("TEST_SRCDIR"), "/tfjs_native/testdata/", path);
}

class TfHubCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(std::getenv("TEST_TMPDIR")) /
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(root_);
    fs::create_directories(root_);
    setenv("XDG_CACHE_HOME", (root_ / "xdg").c_str(), 1);
    flags_.input_format = "tf_hub";
    flags_.output_path = (root_ / "web").string();
  }

  // Converts, then runs the model on x = [[1, 2]].
  std::vector<float> ConvertAndRun() {
    std::ostringstream log;
    absl::Status status = RunConverter(flags_, log);
    EXPECT_TRUE(status.ok()) << status;
    absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model =
        runtime::GraphModel::Load(flags_.output_path + "/model.json");
    EXPECT_TRUE(model.ok()) << model.status();
    if (!model.ok()) return {};
    absl::StatusOr<std::vector<float>> values = testing::RunOnOneTwo(**model);
    EXPECT_TRUE(values.ok()) << values.status();
    return values.ok() ? *values : std::vector<float>();
  }

  fs::path root_;
  ConverterFlags flags_;
};

TEST_F(TfHubCliTest, ConvertsAModuleDirectoryWithTheDefaultSignature) {
  flags_.input_path = Testdata("hub/tf1_module/module");
  EXPECT_EQ(ConvertAndRun(), (std::vector<float>{5.5f, -2.5f}));
  flags_.signature_name = "scaled";
  EXPECT_EQ(ConvertAndRun(), (std::vector<float>{11.0f, -5.0f}));
}

TEST_F(TfHubCliTest, DownloadsIntoTheXdgCacheOnceAndConvertsFromIt) {
  std::ifstream archive(Testdata("hub/tf1_module.tar.gz"), std::ios::binary);
  std::stringstream bytes;
  bytes << archive.rdbuf();
  io::testing::LoopbackHttpServer server({{"/m/1", bytes.str()}});
  flags_.input_path = server.base_url() + "/m/1";
  EXPECT_EQ(ConvertAndRun(), (std::vector<float>{5.5f, -2.5f}));
  EXPECT_TRUE(fs::is_directory(root_ / "xdg/tfjs_native/hub" / Sha1Hex(flags_.input_path)));
  EXPECT_EQ(ConvertAndRun(), (std::vector<float>{5.5f, -2.5f}));
  EXPECT_EQ(server.requests().size(), 1u);
}

}  // namespace
}  // namespace tfjs::converter
