#include "tools/conformance/isolated_runs.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace tfjs::conformance {
namespace {

TEST(RunIsolatedTest, ReturnsEachTasksStringAndSurvivesCrashesAndHangs) {
  std::map<int, absl::StatusOr<std::string>> results;
  IsolatedRunOptions options;
  options.parallel = 2;
  options.timeout = absl::Seconds(2);
  RunIsolated(
      4,
      [](int i) -> std::string {
        if (i == 1) {
          std::fprintf(stderr, "about to crash\n");
          std::abort();
        }
        if (i == 2) sleep(30);
        return std::string(100000, static_cast<char>('a' + i));  // more than one pipe buffer
      },
      [&](int i, absl::StatusOr<std::string> result) { results.emplace(i, std::move(result)); },
      options);
  ASSERT_EQ(results.size(), 4u);
  ASSERT_TRUE(results.at(0).ok());
  EXPECT_EQ(*results.at(0), std::string(100000, 'a'));
  ASSERT_TRUE(results.at(3).ok());
  EXPECT_EQ(*results.at(3), std::string(100000, 'd'));
  ASSERT_FALSE(results.at(1).ok());
  EXPECT_NE(results.at(1).status().message().find(absl::StrCat("signal ", SIGABRT)),
            std::string::npos)
      << results.at(1).status();
  EXPECT_NE(results.at(1).status().message().find("about to crash"), std::string::npos);
  ASSERT_FALSE(results.at(2).ok());
  EXPECT_EQ(results.at(2).status().message(), "timed out after 2 s");
}

}  // namespace
}  // namespace tfjs::conformance
