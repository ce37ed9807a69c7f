// StaticRegexReplace: replaces matches of a pattern fixed at load time. TF uses RE2; this runs
// std::regex (ECMAScript), rejecting RE2-only syntax with a clear error, and converts RE2's
// rewrite syntax (\0..\9 groups, \\ backslash) to ECMAScript's ($&, $1.., literal $ as $$).
#include <regex>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;

class RegexReplaceKernel : public Kernel {
 public:
  RegexReplaceKernel(std::regex pattern, std::string format, bool replace_global)
      : pattern_(std::move(pattern)), format_(std::move(format)),
        replace_global_(replace_global) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    if (input.dtype() != tensorflow::DT_STRING) {
      return context.Error(absl::StrCat("input must be string, got ",
                                        DataTypeName(input.dtype())));
    }
    const auto flags = replace_global_ ? std::regex_constants::format_default
                                       : std::regex_constants::format_first_only;
    std::vector<std::string> values;
    values.reserve(input.num_elements());
    for (const std::string& text : input.strings()) {
      values.push_back(std::regex_replace(text, pattern_, format_, flags));
    }
    context.set_output(0, Tensor::Strings(input.shape(), std::move(values)));
    return absl::OkStatus();
  }

 private:
  std::regex pattern_;
  std::string format_;
  bool replace_global_;
};

// RE2 constructs std::regex's ECMAScript grammar lacks or reads differently.
absl::Status CheckPortable(absl::string_view pattern) {
  for (absl::string_view unsupported : {"(?P<", "(?i", "(?s", "(?m", "(?U", "\\A", "\\z", "\\C",
                                        "\\p", "\\P", "\\Q", "\\E", "[[:^"}) {
    if (pattern.find(unsupported) != absl::string_view::npos) {
      return absl::UnimplementedError(absl::StrCat(
          "pattern uses RE2 syntax '", unsupported,
          "' that this runtime's regex engine (ECMAScript std::regex) does not support"));
    }
  }
  return absl::OkStatus();
}

// RE2 rewrite -> ECMAScript format string.
absl::StatusOr<std::string> ConvertRewrite(absl::string_view rewrite, unsigned groups) {
  std::string format;
  for (size_t i = 0; i < rewrite.size(); ++i) {
    const char c = rewrite[i];
    if (c == '$') {
      format += "$$";
      continue;
    }
    if (c != '\\') {
      format += c;
      continue;
    }
    if (i + 1 == rewrite.size()) return absl::InvalidArgumentError("rewrite ends with '\\'");
    const char next = rewrite[++i];
    if (next == '\\') {
      format += '\\';
    } else if (next >= '0' && next <= '9') {
      if (static_cast<unsigned>(next - '0') > groups) {
        return absl::InvalidArgumentError(absl::StrCat("rewrite refers to group \\", next - '0',
                                                       " but the pattern has ", groups));
      }
      format += next == '0' ? std::string("$&") : absl::StrCat("$", next - '0');
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid rewrite escape '\\", std::string(1, next), "'"));
    }
  }
  return format;
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildRegexReplace(const KernelBuildContext& context) {
  absl::StatusOr<std::string> pattern = context.attrs.GetString("pattern");
  if (!pattern.ok()) return pattern.status();
  absl::StatusOr<std::string> rewrite = context.attrs.GetString("rewrite");
  if (!rewrite.ok()) return rewrite.status();
  bool replace_global = true;
  if (context.attrs.Has("replace_global")) {
    absl::StatusOr<bool> value = context.attrs.GetBool("replace_global");
    if (!value.ok()) return value.status();
    replace_global = *value;
  }
  if (absl::Status status = CheckPortable(*pattern); !status.ok()) {
    return context.Error(status.message());
  }
  std::regex regex;
  try {
    regex = std::regex(*pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    return context.Error(absl::StrCat("invalid pattern '", *pattern, "': ", error.what()));
  }
  absl::StatusOr<std::string> format = ConvertRewrite(*rewrite, regex.mark_count());
  if (!format.ok()) return context.Error(format.status().message());
  return std::make_unique<RegexReplaceKernel>(std::move(regex), *std::move(format),
                                              replace_global);
}

REGISTER_KERNEL_FACTORY("StaticRegexReplace", BuildRegexReplace);

}  // namespace
}  // namespace tfjs::runtime
