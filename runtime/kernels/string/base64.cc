// EncodeBase64 and DecodeBase64: web-safe base64 (RFC 4648 section 5, '-' and '_'), as TF's
// string ops; encoding pads with '=' only when `pad` is set, decoding takes either form.
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

absl::Status ComputeEncodeBase64(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, 0, "input"); !status.ok()) {
    return status;
  }
  absl::StatusOr<bool> pad = strings::AttrsOf(context).GetBool("pad");
  if (!pad.ok()) return context.Error(pad.status().message());
  const Tensor& input = context.input(0);
  std::vector<std::string> out(input.num_elements());
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = absl::WebSafeBase64Escape(input.strings()[i]);
    if (*pad) out[i].append((3 - input.strings()[i].size() % 3) % 3, '=');
  }
  context.set_output(0, Tensor::Strings(input.shape(), std::move(out)));
  return absl::OkStatus();
}

absl::Status ComputeDecodeBase64(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, 0, "input"); !status.ok()) {
    return status;
  }
  const Tensor& input = context.input(0);
  std::vector<std::string> out(input.num_elements());
  for (size_t i = 0; i < out.size(); ++i) {
    const std::string& text = input.strings()[i];
    // absl skips whitespace; TF's decoder does not.
    for (char c : text) {
      if (!absl::ascii_isalnum(c) && c != '-' && c != '_' && c != '=') {
        return context.Error("Invalid character found in base64.");
      }
    }
    if (!absl::WebSafeBase64Unescape(text, &out[i])) {
      return context.Error(absl::StrCat("Invalid base64 input at index ", i));
    }
  }
  context.set_output(0, Tensor::Strings(input.shape(), std::move(out)));
  return absl::OkStatus();
}

REGISTER_KERNEL("EncodeBase64", ComputeEncodeBase64);
REGISTER_KERNEL("DecodeBase64", ComputeDecodeBase64);

}  // namespace
}  // namespace tfjs::runtime
