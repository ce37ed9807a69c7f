// Command-line flag matching shared by the tools' hand-written flag parsers.
#ifndef TFJS_NATIVE_TOOLS_COMMAND_LINE_H_
#define TFJS_NATIVE_TOOLS_COMMAND_LINE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace tfjs::tools {

// Matches `--name=value` or `--name value` at argv[*i], advancing *i past a separate value.
bool MatchFlag(absl::string_view name, int argc, char** argv, int* i, std::string* value);

}  // namespace tfjs::tools

#endif  // TFJS_NATIVE_TOOLS_COMMAND_LINE_H_
