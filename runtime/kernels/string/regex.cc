// RegexFullMatch, StaticRegexFullMatch and RegexReplace with RE2, as TF runs them: the pattern
// must match the whole string; replacements take RE2's rewrite syntax (\0..\9, \\).
#include <memory>

#include "absl/strings/str_cat.h"
#include "re2/re2.h"
#include "runtime/kernel.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

absl::StatusOr<std::unique_ptr<RE2>> Compile(absl::string_view pattern,
                                             absl::string_view description) {
  auto regex = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), RE2::Quiet);
  if (!regex->ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Invalid ", description, ": ", pattern, ", error: ", regex->error()));
  }
  return regex;
}

absl::Status FullMatch(OpContext& context, const RE2& regex) {
  const Tensor& input = context.input(0);
  absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_BOOL, input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  for (int64_t i = 0; i < input.num_elements(); ++i) {
    output->mutable_data<bool>()[i] = RE2::FullMatch(input.strings()[i], regex);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeRegexFullMatch(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  for (int i = 0; i < 2; ++i) {
    if (absl::Status status = strings::CheckStringInput(context, i, i == 0 ? "input" : "pattern");
        !status.ok()) {
      return status;
    }
  }
  const Tensor& pattern = context.input(1);
  if (pattern.rank() != 0) return context.Error("Pattern must be scalar");
  absl::StatusOr<std::unique_ptr<RE2>> regex = Compile(pattern.strings()[0], "pattern");
  if (!regex.ok()) return context.Error(regex.status().message());
  return FullMatch(context, **regex);
}

class StaticRegexFullMatchKernel : public Kernel {
 public:
  explicit StaticRegexFullMatchKernel(std::unique_ptr<RE2> regex) : regex_(std::move(regex)) {}
  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = strings::CheckStringInput(context, 0, "input"); !status.ok()) {
      return status;
    }
    return FullMatch(context, *regex_);
  }

 private:
  std::unique_ptr<RE2> regex_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildStaticRegexFullMatch(
    const KernelBuildContext& context) {
  absl::StatusOr<std::string> pattern = context.attrs.GetString("pattern");
  if (!pattern.ok()) return context.Error(pattern.status().message());
  absl::StatusOr<std::unique_ptr<RE2>> regex = Compile(*pattern, "pattern");
  if (!regex.ok()) return context.Error(regex.status().message());
  return std::make_unique<StaticRegexFullMatchKernel>(*std::move(regex));
}

absl::Status ComputeRegexReplace(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const char* names[] = {"input", "pattern", "rewrite"};
  for (int i = 0; i < 3; ++i) {
    if (absl::Status status = strings::CheckStringInput(context, i, names[i]); !status.ok()) {
      return status;
    }
  }
  absl::StatusOr<bool> replace_global = strings::AttrsOf(context).GetBool("replace_global");
  if (!replace_global.ok()) return context.Error(replace_global.status().message());
  const Tensor& input = context.input(0);
  const Tensor& pattern = context.input(1);
  const Tensor& rewrite = context.input(2);
  if (pattern.rank() != 0) return context.Error("Pattern must be scalar");
  if (rewrite.rank() != 0) return context.Error("Replacement rewrite must be scalar");
  absl::StatusOr<std::unique_ptr<RE2>> regex = Compile(pattern.strings()[0], "pattern");
  if (!regex.ok()) return context.Error(regex.status().message());
  const std::string& text = rewrite.strings()[0];
  std::string error;
  if (!(*regex)->CheckRewriteString(text, &error)) {
    return context.Error(absl::StrCat("Invalid rewrite pattern: ", text, ", error: ", error));
  }
  std::vector<std::string> out(input.strings().begin(), input.strings().end());
  for (std::string& value : out) {
    if (*replace_global) {
      RE2::GlobalReplace(&value, **regex, text);
    } else {
      RE2::Replace(&value, **regex, text);
    }
  }
  context.set_output(0, Tensor::Strings(input.shape(), std::move(out)));
  return absl::OkStatus();
}

REGISTER_KERNEL("RegexFullMatch", ComputeRegexFullMatch);
REGISTER_KERNEL_FACTORY("StaticRegexFullMatch", BuildStaticRegexFullMatch);
REGISTER_KERNEL("RegexReplace", ComputeRegexReplace);

}  // namespace
}  // namespace tfjs::runtime
