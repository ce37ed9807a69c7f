#include "tools/conformance/isolated_runs.h"

#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace tfjs::conformance {
namespace {

struct Child {
  int index = 0;
  pid_t pid = -1;
  int pipe_fd = -1;
  std::FILE* log = nullptr;  // the child's stdout and stderr
  absl::Time started;
  std::string output;
};

void WriteAll(int fd, const std::string& data) {
  size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = write(fd, data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    written += static_cast<size_t>(n);
  }
}

// The last non-empty line of the child's log, or "".
std::string LastLogLine(std::FILE* log) {
  std::string text;
  std::rewind(log);
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), log)) > 0) text.append(buffer, n);
  absl::string_view view = absl::StripTrailingAsciiWhitespace(text);
  const size_t newline = view.rfind('\n');
  if (newline != absl::string_view::npos) view.remove_prefix(newline + 1);
  return std::string(view.substr(0, 400));
}

absl::Status WithLog(absl::Status status, std::FILE* log) {
  const std::string line = LastLogLine(log);
  if (line.empty()) return status;
  return absl::Status(status.code(), absl::StrCat(status.message(), " (last output: ", line, ")"));
}

// Starts task(index) in a child; on fork failure the task's error is reported at once.
bool Start(int index, const std::function<std::string(int)>& task, Child* child) {
  int fds[2];
  std::FILE* log = std::tmpfile();
  if (log == nullptr || pipe(fds) != 0) {
    if (log != nullptr) std::fclose(log);
    return false;
  }
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    std::fclose(log);
    return false;
  }
  if (pid == 0) {
    close(fds[0]);
    dup2(fileno(log), STDOUT_FILENO);
    dup2(fileno(log), STDERR_FILENO);
    WriteAll(fds[1], task(index));
    close(fds[1]);
    std::fflush(nullptr);
    _exit(0);
  }
  close(fds[1]);
  child->index = index;
  child->pid = pid;
  child->pipe_fd = fds[0];
  child->log = log;
  child->started = absl::Now();
  return true;
}

// Reaps a child whose pipe closed, or that was killed, and reports it.
void Finish(Child& child, bool timed_out, const IsolatedRunOptions& options,
            const std::function<void(int, absl::StatusOr<std::string>)>& done) {
  int wait_status = 0;
  while (waitpid(child.pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  close(child.pipe_fd);
  absl::StatusOr<std::string> result;
  if (timed_out) {
    result = WithLog(absl::DeadlineExceededError(absl::StrCat(
                         "timed out after ", absl::ToInt64Seconds(options.timeout), " s")),
                     child.log);
  } else if (WIFSIGNALED(wait_status)) {
    const int signal = WTERMSIG(wait_status);
    result = WithLog(
        absl::InternalError(absl::StrCat("crashed: signal ", signal, " (", strsignal(signal), ")")),
        child.log);
  } else if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
    result = WithLog(
        absl::InternalError(absl::StrCat("child exited with status ", WEXITSTATUS(wait_status))),
        child.log);
  } else {
    result = std::move(child.output);
  }
  std::fclose(child.log);
  done(child.index, std::move(result));
}

}  // namespace

void RunIsolated(int count, const std::function<std::string(int)>& task,
                 const std::function<void(int, absl::StatusOr<std::string>)>& done,
                 const IsolatedRunOptions& options) {
  std::vector<Child> running;
  int next = 0;
  while (next < count || !running.empty()) {
    while (next < count && static_cast<int>(running.size()) < std::max(options.parallel, 1)) {
      Child child;
      const int index = next++;
      if (Start(index, task, &child)) {
        running.push_back(std::move(child));
      } else {
        done(index, absl::InternalError(
                        absl::StrCat("cannot start a child process: ", std::strerror(errno))));
      }
    }
    std::vector<pollfd> fds;
    for (const Child& child : running) fds.push_back({child.pipe_fd, POLLIN, 0});
    // An interrupted poll just reports nothing ready; timeouts are checked below either way.
    poll(fds.data(), fds.size(), 50);
    std::vector<Child> still_running;
    for (size_t i = 0; i < running.size(); ++i) {
      Child& child = running[i];
      bool closed = false;
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buffer[65536];
        const ssize_t n = read(child.pipe_fd, buffer, sizeof(buffer));
        if (n > 0) {
          child.output.append(buffer, static_cast<size_t>(n));
        } else if (n == 0 || errno != EINTR) {
          closed = true;
        }
      }
      if (closed) {
        Finish(child, /*timed_out=*/false, options, done);
      } else if (absl::Now() - child.started > options.timeout) {
        kill(child.pid, SIGKILL);
        Finish(child, /*timed_out=*/true, options, done);
      } else {
        still_running.push_back(std::move(child));
      }
    }
    running = std::move(still_running);
  }
}

}  // namespace tfjs::conformance
