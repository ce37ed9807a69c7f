// StaticRegexReplace: replaces matches of a pattern fixed at load time, with RE2 as TF does; the
// rewrite uses RE2's syntax (\0..\9 groups, \\ a backslash), checked when the kernel is built.
#include <memory>

#include "absl/strings/str_cat.h"
#include "re2/re2.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;

class RegexReplaceKernel : public Kernel {
 public:
  RegexReplaceKernel(std::unique_ptr<RE2> pattern, std::string rewrite, bool replace_global)
      : pattern_(std::move(pattern)),
        rewrite_(std::move(rewrite)),
        replace_global_(replace_global) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    if (input.dtype() != tensorflow::DT_STRING) {
      return context.Error(absl::StrCat("input must be string, got ", DataTypeName(input.dtype())));
    }
    std::vector<std::string> values(input.strings().begin(), input.strings().end());
    for (std::string& value : values) {
      if (replace_global_) {
        RE2::GlobalReplace(&value, *pattern_, rewrite_);
      } else {
        RE2::Replace(&value, *pattern_, rewrite_);
      }
    }
    context.set_output(0, Tensor::Strings(input.shape(), std::move(values)));
    return absl::OkStatus();
  }

 private:
  std::unique_ptr<RE2> pattern_;
  std::string rewrite_;
  bool replace_global_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildRegexReplace(const KernelBuildContext& context) {
  absl::StatusOr<std::string> pattern = context.attrs.GetString("pattern");
  if (!pattern.ok()) return pattern.status();
  absl::StatusOr<std::string> rewrite = context.attrs.GetString("rewrite");
  if (!rewrite.ok()) return rewrite.status();
  absl::StatusOr<bool> replace_global = context.attrs.GetBool("replace_global");
  if (!replace_global.ok()) return replace_global.status();
  auto regex = std::make_unique<RE2>(*pattern, RE2::Quiet);
  if (!regex->ok()) {
    return context.Error(absl::StrCat("Invalid pattern: ", *pattern, ", error: ", regex->error()));
  }
  std::string error;
  if (!regex->CheckRewriteString(*rewrite, &error)) {
    return context.Error(absl::StrCat("Invalid rewrite pattern: ", *rewrite, ", error: ", error));
  }
  return std::make_unique<RegexReplaceKernel>(std::move(regex), *std::move(rewrite),
                                              *replace_global);
}

REGISTER_KERNEL_FACTORY("StaticRegexReplace", BuildRegexReplace);

}  // namespace
}  // namespace tfjs::runtime
