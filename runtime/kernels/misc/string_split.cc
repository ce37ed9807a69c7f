// StringSplit (v1): splits each string of a vector at any of the delimiter's characters (every
// byte when the delimiter is empty) into a sparse [batch, max tokens] result.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;
constexpr int kDelimiter = 1;

std::vector<std::string> SplitText(absl::string_view text, absl::string_view delimiters,
                                   bool skip_empty) {
  std::vector<std::string> tokens;
  // As TF: an empty string has no tokens, even when empty tokens are kept.
  if (text.empty()) return tokens;
  if (delimiters.empty()) {
    for (char c : text) tokens.emplace_back(1, c);
    return tokens;
  }
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && delimiters.find(text[i]) == absl::string_view::npos) continue;
    if (i > start || !skip_empty) tokens.emplace_back(text.substr(start, i - start));
    start = i + 1;
  }
  return tokens;
}

absl::Status ComputeStringSplit(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  const Tensor& delimiter = context.input(kDelimiter);
  if (input.dtype() != tensorflow::DT_STRING || delimiter.dtype() != tensorflow::DT_STRING) {
    return context.Error("input and delimiter must be strings");
  }
  if (input.rank() != 1) {
    return context.Error(
        absl::StrCat("input must be a vector, got shape: ", ShapeString(input.shape())));
  }
  if (delimiter.rank() != 0) {
    return context.Error(
        absl::StrCat("delimiter must be a scalar, got shape: ", ShapeString(delimiter.shape())));
  }
  NodeAttrs attrs(context.node(), nullptr);
  const bool skip_empty = !attrs.Has("skip_empty") || attrs.GetBool("skip_empty").value_or(true);
  std::vector<int64_t> indices;
  std::vector<std::string> values;
  int64_t max_tokens = 0;
  for (int64_t i = 0; i < input.dim(0); ++i) {
    std::vector<std::string> tokens =
        SplitText(input.strings()[i], delimiter.strings()[0], skip_empty);
    max_tokens = std::max<int64_t>(max_tokens, static_cast<int64_t>(tokens.size()));
    for (size_t j = 0; j < tokens.size(); ++j) {
      indices.push_back(i);
      indices.push_back(static_cast<int64_t>(j));
      values.push_back(std::move(tokens[j]));
    }
  }
  const int64_t count = static_cast<int64_t>(values.size());
  absl::StatusOr<Tensor> indices_out = misc::IndexTensor(tensorflow::DT_INT64, {count, 2}, indices);
  const std::vector<int64_t> dense_shape = {input.dim(0), max_tokens};
  absl::StatusOr<Tensor> shape_out = misc::IndexTensor(tensorflow::DT_INT64, {2}, dense_shape);
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  if (!shape_out.ok()) return context.Error(shape_out.status().message());
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, Tensor::Strings({count}, std::move(values)));
  context.set_output(2, *std::move(shape_out));
  return absl::OkStatus();
}

REGISTER_KERNEL("StringSplit", ComputeStringSplit);

}  // namespace
}  // namespace tfjs::runtime
