// Benchmark child processes through posix_spawnp and wait4.
#include "tools/benchmarks/child_process.h"

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

extern char** environ;

namespace tfjs::benchmarks {
namespace {

double Seconds(const struct timeval& time) { return time.tv_sec + time.tv_usec / 1e6; }

}  // namespace

absl::StatusOr<ChildRun> RunChild(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid;
  if (const int error = posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
      error != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot start ", args[0], ": ", std::strerror(error)));
  }
  int status = 0;
  struct rusage usage;
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      return absl::InternalError(absl::StrCat("wait4 on ", args[0], ": ", std::strerror(errno)));
    }
  }
  const auto end = std::chrono::steady_clock::now();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(absl::StrCat(
        args[0], WIFEXITED(status) ? absl::StrCat(" exited with status ", WEXITSTATUS(status))
                                   : absl::StrCat(" died of signal ", WTERMSIG(status))));
  }
  ChildRun run;
  run.seconds = std::chrono::duration<double>(end - start).count();
  run.cpu_seconds = Seconds(usage.ru_utime) + Seconds(usage.ru_stime);
  run.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss: KiB.
  return run;
}

}  // namespace tfjs::benchmarks
