// A status line on a terminal for work that may take long (a conversion, a download): shown only
// once the work has run for a second, rewritten in place by a thread of its own, erased at the end.
#ifndef TFJS_NATIVE_IO_PROGRESS_LINE_H_
#define TFJS_NATIVE_IO_PROGRESS_LINE_H_

#include <ostream>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace tfjs::io {

class ProgressLine {
 public:
  // Writes "\r<text> (<seconds> s)" to `out` every `period` once `delay` has passed since
  // construction; nothing when `out` is null (callers pass null when stderr is no terminal or the
  // user asked for quiet).
  explicit ProgressLine(std::ostream* out, absl::Duration delay = absl::Seconds(1),
                        absl::Duration period = absl::Milliseconds(100));
  // Erases the line if it was shown.
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // What is being done now, e.g. "writing /tmp/web: 12.0 of 40.0 MB". Any thread.
  void Set(std::string text);

 private:
  void Run();

  std::ostream* const out_;
  const absl::Duration delay_;
  const absl::Duration period_;
  const absl::Time start_;
  absl::Mutex mutex_;
  std::string text_ ABSL_GUARDED_BY(mutex_);
  bool done_ ABSL_GUARDED_BY(mutex_) = false;
  size_t shown_width_ = 0;  // Of the last line written; the ticker thread's alone.
  std::thread ticker_;
};

// "12.0 MB": `bytes` in MiB with one decimal, for progress texts.
std::string FormatMegabytes(uint64_t bytes);

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_PROGRESS_LINE_H_
