#include "io/http_download.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "io/loopback_http_server.h"
#include "tools/testing/test_files.h"

namespace tfjs::io {
namespace {

namespace fs = std::filesystem;
using testing::LoopbackHttpServer;

using ::tfjs::test_files::ReadFile;

std::string Content() {
  std::string content;
  for (int i = 0; i < 5000; ++i) content.push_back(static_cast<char>(i * 7));
  return content;
}

class DownloadToFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::path(std::getenv("TEST_TMPDIR")) /
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove(path_);
  }
  fs::path path_;
};

TEST_F(DownloadToFileTest, DownloadsAndReportsProgressToTheEnd) {
  LoopbackHttpServer server({{"/f", Content()}});
  uint64_t last_bytes = 0;
  int64_t last_total = 0;
  DownloadOptions options;
  options.headers = {{"X-Client", "tfjs-native"}};
  options.on_progress = [&](uint64_t bytes, int64_t total) {
    EXPECT_GE(bytes, last_bytes);
    last_bytes = bytes;
    last_total = total;
  };
  ASSERT_TRUE(DownloadToFile(server.base_url() + "/f", path_, options).ok());
  EXPECT_EQ(ReadFile(path_), Content());
  EXPECT_EQ(last_bytes, Content().size());
  EXPECT_EQ(last_total, static_cast<int64_t>(Content().size()));
  EXPECT_EQ(server.requests().at(0).headers.at("x-client"), "tfjs-native");
}

TEST_F(DownloadToFileTest, BrokenTransferKeepsItsBytesAndTheNextCallResumes) {
  LoopbackHttpServer server({{"/f", Content()}});
  server.BreakOffResponses(2, 1000);
  absl::Status status = DownloadToFile(server.base_url() + "/f", path_);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_EQ(fs::file_size(path_), 1000u);
  status = DownloadToFile(server.base_url() + "/f", path_);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_EQ(fs::file_size(path_), 2000u);
  uint64_t first_progress = 0;
  DownloadOptions options;
  options.on_progress = [&](uint64_t bytes, int64_t) {
    if (first_progress == 0) first_progress = bytes;
  };
  ASSERT_TRUE(DownloadToFile(server.base_url() + "/f", path_, options).ok());
  EXPECT_EQ(ReadFile(path_), Content());
  EXPECT_GE(first_progress, 2000u);
  EXPECT_EQ(server.HeaderValues("range"),
            (std::vector<std::string>{"", "bytes=1000-", "bytes=2000-"}));
}

TEST_F(DownloadToFileTest, PartialLongerThanTheContentStartsOver) {
  std::ofstream(path_, std::ios::binary) << std::string(6000, 'q');
  LoopbackHttpServer server({{"/f", Content()}});
  absl::Status status = DownloadToFile(server.base_url() + "/f", path_);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(ReadFile(path_), Content());
  EXPECT_EQ(server.HeaderValues("range"), (std::vector<std::string>{"bytes=6000-", ""}));
}

TEST_F(DownloadToFileTest, HttpErrorsNameTheUrl) {
  LoopbackHttpServer server({});
  absl::Status status = DownloadToFile(server.base_url() + "/none", path_);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find(server.base_url() + "/none"), std::string::npos) << status;
  EXPECT_EQ(fs::file_size(path_), 0u);
}

}  // namespace
}  // namespace tfjs::io
