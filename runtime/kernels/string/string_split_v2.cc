// StringSplitV2: splits each string of a vector as Python's str.split does (a multi-character
// `sep`, or runs of ASCII whitespace when it is empty), at most `maxsplit` times, into a sparse
// [batch, max tokens] result.
#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

absl::string_view SkipSpace(absl::string_view text) {
  size_t i = 0;
  while (i < text.size() && absl::ascii_isspace(text[i])) ++i;
  return text.substr(i);
}

std::vector<absl::string_view> SplitV2(absl::string_view text, absl::string_view sep,
                                       int64_t maxsplit) {
  std::vector<absl::string_view> parts;
  if (maxsplit == 0) return {text};
  int64_t splits = 0;
  if (sep.empty()) {
    text = SkipSpace(text);
    while (!text.empty()) {
      size_t end = 0;
      while (end < text.size() && !absl::ascii_isspace(text[end])) ++end;
      parts.push_back(text.substr(0, end));
      text = SkipSpace(text.substr(end));
      if (maxsplit > 0 && ++splits == maxsplit) {
        parts.push_back(text);
        return parts;
      }
    }
    return parts;
  }
  for (size_t at = text.find(sep); at != absl::string_view::npos; at = text.find(sep)) {
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + sep.size());
    if (maxsplit > 0 && ++splits == maxsplit) break;
  }
  parts.push_back(text);
  return parts;
}

absl::Status ComputeStringSplitV2(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  for (int i = 0; i < 2; ++i) {
    if (absl::Status status = strings::CheckStringInput(context, i, i == 0 ? "input" : "sep");
        !status.ok()) {
      return status;
    }
  }
  absl::StatusOr<int64_t> maxsplit = strings::AttrsOf(context).GetInt("maxsplit");
  if (!maxsplit.ok()) return context.Error(maxsplit.status().message());
  const Tensor& input = context.input(0);
  const Tensor& sep = context.input(1);
  if (input.rank() != 1) {
    return context.Error(
        absl::StrCat("input must be a vector, got shape: ", ShapeString(input.shape())));
  }
  if (sep.rank() != 0) {
    return context.Error(
        absl::StrCat("sep must be a scalar, got shape: ", ShapeString(sep.shape())));
  }
  std::vector<int64_t> indices;
  std::vector<std::string> values;
  int64_t max_tokens = 0;
  for (int64_t i = 0; i < input.dim(0); ++i) {
    std::vector<absl::string_view> parts = SplitV2(input.strings()[i], sep.strings()[0], *maxsplit);
    max_tokens = std::max<int64_t>(max_tokens, static_cast<int64_t>(parts.size()));
    for (size_t j = 0; j < parts.size(); ++j) {
      indices.push_back(i);
      indices.push_back(static_cast<int64_t>(j));
      values.emplace_back(parts[j]);
    }
  }
  const int64_t count = static_cast<int64_t>(values.size());
  absl::StatusOr<Tensor> indices_out = misc::IndexTensor(tensorflow::DT_INT64, {count, 2}, indices);
  const int64_t dense_shape[] = {input.dim(0), max_tokens};
  absl::StatusOr<Tensor> shape_out = misc::IndexTensor(tensorflow::DT_INT64, {2}, dense_shape);
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  if (!shape_out.ok()) return context.Error(shape_out.status().message());
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, Tensor::Strings({count}, std::move(values)));
  context.set_output(2, *std::move(shape_out));
  return absl::OkStatus();
}

REGISTER_KERNEL("StringSplitV2", ComputeStringSplitV2);

}  // namespace
}  // namespace tfjs::runtime
