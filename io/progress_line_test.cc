#include "io/progress_line.h"

#include <sstream>

#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace tfjs::io {
namespace {

TEST(ProgressLineTest, QuickWorkShowsNothing) {
  std::ostringstream out;
  {
    ProgressLine progress(&out, absl::Seconds(1));
    progress.Set("reading model.pb");
  }
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressLineTest, LongWorkShowsTheLatestTextThenErasesIt) {
  std::ostringstream out;
  {
    ProgressLine progress(&out, absl::ZeroDuration(), absl::Milliseconds(10));
    progress.Set("reading a longer name");
    absl::SleepFor(absl::Milliseconds(300));
    progress.Set("writing");
    absl::SleepFor(absl::Milliseconds(300));
  }
  const std::string text = out.str();
  EXPECT_EQ(text.rfind("\rreading a longer name (0 s)", 0), 0u) << text;
  // The shorter text is padded over the longer one, and the line is blanked at the end.
  const std::string shorter = "\rwriting (0 s)" + std::string(14, ' ');
  EXPECT_NE(text.find(shorter), std::string::npos) << text;
  const std::string erase = "\r" + std::string(13, ' ') + "\r";
  ASSERT_GE(text.size(), erase.size());
  EXPECT_EQ(text.substr(text.size() - erase.size()), erase) << text;
}

TEST(ProgressLineTest, NoStreamShowsNothing) {
  ProgressLine progress(nullptr, absl::ZeroDuration());
  progress.Set("anything");
}

}  // namespace
}  // namespace tfjs::io
