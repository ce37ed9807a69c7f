// CallerPath: which command-line paths `bazel run` tools resolve against the caller's directory.
#include "io/paths.h"

#include <cstdlib>

#include "gtest/gtest.h"

namespace tfjs::io {
namespace {

TEST(CallerPathTest, RelativeLocalPathsJoinTheCallersDirectory) {
  ASSERT_EQ(setenv("BUILD_WORKING_DIRECTORY", "/home/u/proj", 1), 0);
  EXPECT_EQ(CallerPath("models/x.pbtxt"), "/home/u/proj/models/x.pbtxt");
  EXPECT_EQ(CallerPath("out"), "/home/u/proj/out");
  EXPECT_EQ(CallerPath("../up/model.json"), "/home/u/proj/../up/model.json");
  ASSERT_EQ(setenv("BUILD_WORKING_DIRECTORY", "/", 1), 0);
  EXPECT_EQ(CallerPath("out"), "/out");
}

TEST(CallerPathTest, AbsolutePathsUrlsAndEmptyStayAsTyped) {
  ASSERT_EQ(setenv("BUILD_WORKING_DIRECTORY", "/home/u/proj", 1), 0);
  EXPECT_EQ(CallerPath("/abs/model.json"), "/abs/model.json");
  EXPECT_EQ(CallerPath("https://example.com/m/model.json"), "https://example.com/m/model.json");
  EXPECT_EQ(CallerPath("HTTP://example.com/m"), "HTTP://example.com/m");
  EXPECT_EQ(CallerPath(""), "");
}

TEST(CallerPathTest, OutsideBazelRunPathsStayAsTyped) {
  ASSERT_EQ(unsetenv("BUILD_WORKING_DIRECTORY"), 0);
  EXPECT_EQ(CallerPath("models/x.pbtxt"), "models/x.pbtxt");
  ASSERT_EQ(setenv("BUILD_WORKING_DIRECTORY", "", 1), 0);
  EXPECT_EQ(CallerPath("models/x.pbtxt"), "models/x.pbtxt");
}

}  // namespace
}  // namespace tfjs::io
