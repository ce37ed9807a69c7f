// Command-line conventions shared by the tools' hand-written flag parsers: flag matching, byte
// counts, and the exit statuses their --help documents.
#ifndef TFJS_NATIVE_TOOLS_COMMAND_LINE_H_
#define TFJS_NATIVE_TOOLS_COMMAND_LINE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tfjs::tools {

// Exit statuses of every tool here (the converter's are the same); the end of each --help text.
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr char kExitStatusHelp[] =
    "Under `bazel run`, relative paths are taken relative to the directory Bazel was run from\n"
    "(BUILD_WORKING_DIRECTORY); files and directories written get the umask's modes.\n"
    "exit status: 0 success (or --help), 1 failure (one line \"error: ...\" on stderr),\n"
    "2 bad command line.\n";

// True for --help and -h.
bool IsHelpFlag(absl::string_view arg);

// True when any argument after the program name is --help or -h.
bool WantsHelp(int argc, char** argv);

// Matches `--name=value` or `--name value` at argv[*i], advancing *i past a separate value.
bool MatchFlag(absl::string_view name, int argc, char** argv, int* i, std::string* value);

// A positive byte count given to `flag`: "1073741824", or with a binary suffix "64K", "512M",
// "1G"; InvalidArgument naming the flag otherwise.
absl::StatusOr<int64_t> ParseByteCount(absl::string_view flag, absl::string_view text);

}  // namespace tfjs::tools

#endif  // TFJS_NATIVE_TOOLS_COMMAND_LINE_H_
