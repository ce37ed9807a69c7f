#include "converter/writer/file_creator_thread.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

class FileCreatorThreadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(std::getenv("TEST_TMPDIR")) /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  std::vector<std::string> Paths(int count) const {
    std::vector<std::string> paths;
    for (int i = 0; i < count; ++i) paths.push_back((dir_ / ("f" + std::to_string(i))).string());
    return paths;
  }

  int FileCount() const {
    int count = 0;
    for (const auto& entry : fs::directory_iterator(dir_)) count += entry.is_regular_file();
    return count;
  }

  fs::path dir_;
};

TEST_F(FileCreatorThreadTest, HandsOutEveryFileInOrderOpenForWriting) {
  const std::vector<std::string> paths = Paths(20);
  std::ofstream(paths[3]) << "old contents";
  FileCreatorThread creator(paths, 3);
  for (const std::string& path : paths) {
    absl::StatusOr<OpenFile> file = creator.Next();
    ASSERT_TRUE(file.ok()) << file.status();
    EXPECT_EQ(file->path, path);
    ASSERT_EQ(::write(file->fd, path.data(), path.size()), static_cast<ssize_t>(path.size()));
    ::close(file->fd);
  }
  for (const std::string& path : paths) {
    std::ifstream in(path);
    std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(contents, path);  // Truncated, then written.
  }
  absl::StatusOr<OpenFile> past_end = creator.Next();
  EXPECT_FALSE(past_end.ok());
}

TEST_F(FileCreatorThreadTest, CreatesAtMostAheadFilesBeforeTheyAreTaken) {
  FileCreatorThread creator(Paths(10), 4);
  absl::StatusOr<OpenFile> first = creator.Next();
  ASSERT_TRUE(first.ok()) << first.status();
  ::close(first->fd);
  // The first taken plus at most 4 waiting. Give the thread time to (wrongly) go further.
  for (int i = 0; i < 100 && FileCount() < 5; ++i) ::usleep(1000);
  ::usleep(20000);
  EXPECT_EQ(FileCount(), 5);
}

TEST_F(FileCreatorThreadTest, FailureNamesThePathAndStays) {
  std::vector<std::string> paths = Paths(3);
  paths[1] = (dir_ / "missing_dir" / "f1").string();
  FileCreatorThread creator(paths, 8);
  absl::StatusOr<OpenFile> file = creator.Next();
  ASSERT_TRUE(file.ok()) << file.status();
  ::close(file->fd);
  for (int attempt = 0; attempt < 2; ++attempt) {
    file = creator.Next();
    ASSERT_FALSE(file.ok());
    EXPECT_TRUE(absl::StrContains(file.status().message(), paths[1])) << file.status();
  }
  EXPECT_FALSE(fs::exists(paths[2]));
}

int OpenFdCount() {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd")) ++count;
  return count;
}

TEST_F(FileCreatorThreadTest, DestroyingWithFilesUntakenClosesThem) {
  const int fds_before = OpenFdCount();
  {
    FileCreatorThread creator(Paths(50), 8);
    absl::StatusOr<OpenFile> first = creator.Next();
    ASSERT_TRUE(first.ok()) << first.status();
    ::close(first->fd);
    for (int i = 0; i < 100 && FileCount() < 9; ++i) ::usleep(1000);
  }
  { FileCreatorThread creator(Paths(0), 8); }
  EXPECT_LE(FileCount(), 9);
  EXPECT_EQ(OpenFdCount(), fds_before);
}

}  // namespace
}  // namespace tfjs::converter
