#include "tools/command_line.h"

#include "absl/strings/strip.h"

namespace tfjs::tools {

bool MatchFlag(absl::string_view name, int argc, char** argv, int* i, std::string* value) {
  absl::string_view arg = argv[*i];
  if (!absl::ConsumePrefix(&arg, name)) return false;
  if (absl::ConsumePrefix(&arg, "=")) {
    *value = std::string(arg);
    return true;
  }
  if (!arg.empty() || *i + 1 >= argc) return false;
  *value = argv[++*i];
  return true;
}

}  // namespace tfjs::tools
