// Command-line flag matching shared by the tools' hand-written flag parsers.
#ifndef TFJS_NATIVE_TOOLS_COMMAND_LINE_H_
#define TFJS_NATIVE_TOOLS_COMMAND_LINE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tfjs::tools {

// Matches `--name=value` or `--name value` at argv[*i], advancing *i past a separate value.
bool MatchFlag(absl::string_view name, int argc, char** argv, int* i, std::string* value);

// A positive byte count given to `flag`: "1073741824", or with a binary suffix "64K", "512M",
// "1G"; InvalidArgument naming the flag otherwise.
absl::StatusOr<int64_t> ParseByteCount(absl::string_view flag, absl::string_view text);

}  // namespace tfjs::tools

#endif  // TFJS_NATIVE_TOOLS_COMMAND_LINE_H_
