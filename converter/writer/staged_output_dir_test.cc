// StagedOutputDir: the committed directory has the mode the user's umask gives new directories.
#include "converter/writer/staged_output_dir.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

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

TEST(StagedOutputDirTest, CommittedDirectoryFollowsTheUmask) {
  EXPECT_EQ(CommittedMode("default_umask", 022), 0755);
  EXPECT_EQ(CommittedMode("group_umask", 027), 0750);
  EXPECT_EQ(CommittedMode("shared_umask", 002), 0775);
}

TEST(StagedOutputDirTest, StagingDirectoriesAreUnique) {
  const std::string destination = (fs::path(std::getenv("TEST_TMPDIR")) / "unique").string();
  absl::StatusOr<StagedOutputDir> first = StagedOutputDir::Create(destination);
  absl::StatusOr<StagedOutputDir> second = StagedOutputDir::Create(destination);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_NE(first->path(), second->path());
  EXPECT_EQ(first->path().rfind(destination + ".tmp-", 0), 0u) << first->path();
  EXPECT_EQ(first->path().size(), destination.size() + 5 + 6);
}

}  // namespace
}  // namespace tfjs::converter
