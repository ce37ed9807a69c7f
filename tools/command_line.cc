#include "tools/command_line.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace tfjs::tools {

bool IsHelpFlag(absl::string_view arg) { return arg == "--help" || arg == "-h"; }

bool WantsHelp(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (IsHelpFlag(argv[i])) return true;
  }
  return false;
}

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

absl::StatusOr<int64_t> ParseByteCount(absl::string_view flag, absl::string_view text) {
  int shift = 0;
  if (absl::ConsumeSuffix(&text, "K")) {
    shift = 10;
  } else if (absl::ConsumeSuffix(&text, "M")) {
    shift = 20;
  } else if (absl::ConsumeSuffix(&text, "G")) {
    shift = 30;
  }
  int64_t count;
  if (!absl::SimpleAtoi(text, &count) || count <= 0 || count > (int64_t{1} << (62 - shift))) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " wants a positive byte count such as 1073741824 or 1G"));
  }
  return count << shift;
}

}  // namespace tfjs::tools
