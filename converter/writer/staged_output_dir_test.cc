// StagedOutputDir: the committed directory takes the umask's mode; staging directories are unique,
// locked while in use, and what killed runs left is removed by the next run.
#include "converter/writer/staged_output_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

// A pid no process has: a child's, after it exited and was reaped.
pid_t GonePid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

fs::path MakeDirWithFile(const fs::path& dir) {
  fs::create_directories(dir);
  std::ofstream(dir / "group1-shard1of1.bin") << "partial";
  return dir;
}

mode_t PermissionBits(const fs::path& path) {
  struct stat info;
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 07777;
}

// Stages and commits `name` under TEST_TMPDIR with `mask` as the umask; returns the final mode.
mode_t CommittedMode(const std::string& name, mode_t mask) {
  const fs::path destination = fs::path(std::getenv("TEST_TMPDIR")) / name;
  const mode_t previous = ::umask(mask);
  absl::StatusOr<StagedOutputDir> staged = StagedOutputDir::Create(destination.string());
  ::umask(previous);
  EXPECT_TRUE(staged.ok()) << staged.status();
  if (!staged.ok()) return 0;
  EXPECT_EQ(PermissionBits(staged->path()), 0777 & ~mask);
  std::ofstream(fs::path(staged->path()) / "model.json") << "{}";
  const absl::Status committed = staged->Commit();
  EXPECT_TRUE(committed.ok()) << committed;
  EXPECT_TRUE(fs::exists(destination / "model.json"));
  return PermissionBits(destination);
}

TEST(StagedOutputDirModeTest, CommittedDirectoryFollowsTheUmask) {
  EXPECT_EQ(CommittedMode("default_umask", 022), 0755);
  EXPECT_EQ(CommittedMode("group_umask", 027), 0750);
  EXPECT_EQ(CommittedMode("shared_umask", 002), 0775);
}

TEST(StagedOutputDirModeTest, StagingDirectoriesAreUnique) {
  const std::string destination = (fs::path(std::getenv("TEST_TMPDIR")) / "unique").string();
  absl::StatusOr<StagedOutputDir> first = StagedOutputDir::Create(destination);
  absl::StatusOr<StagedOutputDir> second = StagedOutputDir::Create(destination);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_NE(first->path(), second->path());
  const std::string prefix = destination + ".tmp-" + std::to_string(getpid()) + "-";
  EXPECT_EQ(first->path().rfind(prefix, 0), 0u) << first->path();
  EXPECT_EQ(first->path().size(), prefix.size() + 6);
}

class StagedOutputDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    parent_ = fs::path(std::getenv("TEST_TMPDIR")) /
              ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(parent_);
    fs::create_directories(parent_);
  }
  fs::path parent_;
};

TEST_F(StagedOutputDirTest, RemovesWhatKilledRunsLeftAndNothingElse) {
  const pid_t gone = GonePid();
  const std::string dead = std::to_string(gone);
  const fs::path abandoned = MakeDirWithFile(parent_ / ("out.tmp-" + dead + "-a1B2c3"));
  const fs::path set_aside = MakeDirWithFile(parent_ / ("out.old-" + dead + "-Zz9Yy8"));
  // Still in use: a live process's, or locked (its owner may live in another PID namespace).
  const fs::path live = MakeDirWithFile(
      parent_ / ("out.tmp-" + std::to_string(getpid()) + "-d4E5f6"));
  const fs::path locked = MakeDirWithFile(parent_ / ("out.tmp-" + dead + "-g7H8i9"));
  const int lock = open(locked.c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_EQ(flock(lock, LOCK_EX), 0);
  // Not this destination's, or not named as the converter names them.
  const fs::path other_output = MakeDirWithFile(parent_ / ("other.tmp-" + dead + "-j1K2l3"));
  const fs::path old_style = MakeDirWithFile(parent_ / "out.tmp-m4N5o6");

  absl::StatusOr<StagedOutputDir> staged = StagedOutputDir::Create((parent_ / "out").string());
  ASSERT_TRUE(staged.ok()) << staged.status();
  EXPECT_FALSE(fs::exists(abandoned));
  EXPECT_FALSE(fs::exists(set_aside));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_TRUE(fs::exists(locked));
  EXPECT_TRUE(fs::exists(other_output));
  EXPECT_TRUE(fs::exists(old_style));
  EXPECT_EQ(fs::path(staged->path()).filename().string().rfind(
                "out.tmp-" + std::to_string(getpid()) + "-", 0),
            0u);
  close(lock);
}

TEST_F(StagedOutputDirTest, ALiveStagingDirectoryIsLockedAgainstOtherRuns) {
  absl::StatusOr<StagedOutputDir> staged = StagedOutputDir::Create((parent_ / "out").string());
  ASSERT_TRUE(staged.ok()) << staged.status();
  const int fd = open(staged->path().c_str(), O_RDONLY | O_DIRECTORY);
  EXPECT_NE(flock(fd, LOCK_EX | LOCK_NB), 0);
  close(fd);
  std::ofstream(fs::path(staged->path()) / "model.json") << "{}";
  ASSERT_TRUE(staged->Commit().ok());
  EXPECT_TRUE(fs::exists(parent_ / "out" / "model.json"));
  EXPECT_EQ(std::distance(fs::directory_iterator(parent_), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace tfjs::converter
