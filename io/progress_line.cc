#include "io/progress_line.h"

#include <utility>

#include "absl/strings/str_format.h"

namespace tfjs::io {

ProgressLine::ProgressLine(std::ostream* out, absl::Duration delay, absl::Duration period)
    : out_(out), delay_(delay), period_(period), start_(absl::Now()) {
  if (out_ != nullptr) ticker_ = std::thread([this] { Run(); });
}

ProgressLine::~ProgressLine() {
  if (out_ == nullptr) return;
  {
    absl::MutexLock lock(&mutex_);
    done_ = true;
  }
  ticker_.join();
  if (shown_width_ > 0) *out_ << "\r" << std::string(shown_width_, ' ') << "\r" << std::flush;
}

void ProgressLine::Set(std::string text) {
  absl::MutexLock lock(&mutex_);
  text_ = std::move(text);
}

void ProgressLine::Run() {
  absl::MutexLock lock(&mutex_);
  while (!mutex_.AwaitWithTimeout(absl::Condition(&done_), period_)) {
    const absl::Duration elapsed = absl::Now() - start_;
    if (elapsed < delay_ || text_.empty()) continue;
    std::string line = absl::StrFormat("%s (%d s)", text_, absl::ToInt64Seconds(elapsed));
    const size_t width = line.size();
    if (width < shown_width_) line.append(shown_width_ - width, ' ');
    *out_ << "\r" << line << std::flush;
    shown_width_ = width;
  }
}

std::string FormatMegabytes(uint64_t bytes) {
  return absl::StrFormat("%.1f MB", static_cast<double>(bytes) / (1 << 20));
}

}  // namespace tfjs::io
