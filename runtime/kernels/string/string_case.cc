// StringLower, StringUpper, StringStrip and StringLength: elementwise string ops. Lower/upper map
// ASCII letters only, or with encoding "utf-8" every letter through ICU's full case mapping (as
// TF does); StringLength counts bytes or UTF-8 characters.
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/string/string_util.h"
#include "unicode/locid.h"
#include "unicode/unistr.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;

template <bool kUpper>
std::string ChangeCase(absl::string_view text, bool utf8) {
  if (!utf8) return kUpper ? absl::AsciiStrToUpper(text) : absl::AsciiStrToLower(text);
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (kUpper) {
    unicode.toUpper(icu::Locale::getRoot());
  } else {
    unicode.toLower(icu::Locale::getRoot());
  }
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

template <bool kUpper>
absl::Status ComputeCase(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, kInput, "input"); !status.ok()) {
    return status;
  }
  absl::StatusOr<std::string> encoding = strings::AttrsOf(context).GetString("encoding");
  if (!encoding.ok()) return context.Error(encoding.status().message());
  if (!encoding->empty() && *encoding != "utf-8") {
    return context.Error(absl::StrCat("encoding must be empty or utf-8, got ", *encoding));
  }
  const Tensor& input = context.input(kInput);
  std::vector<std::string> out;
  out.reserve(input.num_elements());
  for (const std::string& text : input.strings()) {
    out.push_back(ChangeCase<kUpper>(text, !encoding->empty()));
  }
  context.set_output(0, Tensor::Strings(input.shape(), std::move(out)));
  return absl::OkStatus();
}

absl::Status ComputeStringStrip(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, kInput, "input"); !status.ok()) {
    return status;
  }
  const Tensor& input = context.input(kInput);
  std::vector<std::string> out;
  out.reserve(input.num_elements());
  for (const std::string& text : input.strings()) {
    out.emplace_back(absl::StripAsciiWhitespace(text));
  }
  context.set_output(0, Tensor::Strings(input.shape(), std::move(out)));
  return absl::OkStatus();
}

absl::Status ComputeStringLength(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, kInput, "input"); !status.ok()) {
    return status;
  }
  absl::StatusOr<std::string> unit = strings::AttrsOf(context).GetString("unit");
  if (!unit.ok()) return context.Error(unit.status().message());
  if (*unit != "BYTE" && *unit != "UTF8_CHAR") {
    return context.Error(absl::StrCat("unit must be BYTE or UTF8_CHAR, got ", *unit));
  }
  const Tensor& input = context.input(kInput);
  absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_INT32, input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  int32_t* out = output->mutable_data<int32_t>();
  for (int64_t i = 0; i < input.num_elements(); ++i) {
    const std::string& text = input.strings()[i];
    out[i] = static_cast<int32_t>(*unit == "BYTE" ? static_cast<int64_t>(text.size())
                                                  : strings::Utf8Length(text));
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("StringLower", ComputeCase<false>);
REGISTER_KERNEL("StringUpper", ComputeCase<true>);
REGISTER_KERNEL("StringStrip", ComputeStringStrip);
REGISTER_KERNEL("StringLength", ComputeStringLength);

}  // namespace
}  // namespace tfjs::runtime
