// StringNGrams: n-grams of every ragged row of tokens, with optional padding, joined by a
// separator; returns the n-grams and their row splits.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kData = 0;
constexpr int kSplits = 1;

struct NgramOptions {
  std::string separator;
  std::vector<int64_t> widths;
  std::string left_pad;
  std::string right_pad;
  int64_t pad_width = -1;  // Negative: width - 1.
  bool preserve_short = false;

  int64_t PadWidth(int64_t width) const {
    return std::min(pad_width < 0 ? width - 1 : pad_width, width - 1);
  }
  int64_t NumNgrams(int64_t length, int64_t width) const {
    return std::max<int64_t>(0, length + 2 * PadWidth(width) - width + 1);
  }
};

// Appends `count` n-grams of `width` over tokens[0, length) with the padding rules of TF.
void AppendNgrams(const NgramOptions& options, const std::string* tokens, int64_t count,
                  int64_t width, std::vector<std::string>* out) {
  const int64_t pad = options.PadWidth(width);
  for (int64_t index = 0; index < count; ++index) {
    const int64_t left = std::max<int64_t>(0, pad - index);
    const int64_t right = std::max<int64_t>(0, pad - (count - (index + 1)));
    const int64_t taken = width - (left + right);
    const int64_t first = left > 0 ? 0 : index - pad;
    std::string ngram;
    for (int64_t n = 0; n < left; ++n) absl::StrAppend(&ngram, options.left_pad, options.separator);
    for (int64_t n = 0; n < taken - 1; ++n) {
      absl::StrAppend(&ngram, tokens[first + n], options.separator);
    }
    if (taken > 0) {
      absl::StrAppend(&ngram, tokens[first + taken - 1]);
      for (int64_t n = 0; n < right; ++n) {
        absl::StrAppend(&ngram, options.separator, options.right_pad);
      }
    } else {
      for (int64_t n = 0; n < right - 1; ++n) {
        absl::StrAppend(&ngram, options.right_pad, options.separator);
      }
      absl::StrAppend(&ngram, options.right_pad);
    }
    out->push_back(std::move(ngram));
  }
}

class StringNgramsKernel : public Kernel {
 public:
  explicit StringNgramsKernel(NgramOptions options) : options_(std::move(options)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& data = context.input(kData);
    const Tensor& splits_tensor = context.input(kSplits);
    if (data.dtype() != tensorflow::DT_STRING || data.rank() != 1) {
      return context.Error("data must be a vector of strings");
    }
    if (splits_tensor.rank() != 1) return context.Error("data_splits must be a vector");
    absl::StatusOr<std::vector<int64_t>> splits = misc::IndexValues(splits_tensor, "data_splits");
    if (!splits.ok()) return context.Error(splits.status().message());
    const int64_t size = data.dim(0);
    if (!splits->empty()) {
      if (splits->front() != 0) {
        return context.Error(absl::StrCat("First split value must be 0, got ", splits->front()));
      }
      for (size_t i = 1; i < splits->size(); ++i) {
        if ((*splits)[i] < (*splits)[i - 1] || (*splits)[i] > size) {
          return context.Error(absl::StrCat("Invalid split value ", (*splits)[i], ", must be in [",
                                            (*splits)[i - 1], ", ", size, "]"));
        }
      }
      if (splits->back() != size) {
        return context.Error(absl::StrCat("Last split value must be data size. Expected ", size,
                                          ", got ", splits->back()));
      }
    }
    const int64_t rows = splits->empty() ? 0 : static_cast<int64_t>(splits->size()) - 1;
    std::vector<std::string> ngrams;
    std::vector<int64_t> out_splits = {0};
    for (int64_t r = 0; r < rows; ++r) {
      const int64_t start = (*splits)[r];
      const int64_t length = (*splits)[r + 1] - start;
      const std::string* tokens = data.strings().data() + start;
      const size_t before = ngrams.size();
      for (int64_t width : options_.widths) {
        AppendNgrams(options_, tokens, options_.NumNgrams(length, width), width, &ngrams);
      }
      if (options_.preserve_short && ngrams.size() == before && length > 0) {
        AppendNgrams(options_, tokens, 1, length + 2 * options_.pad_width, &ngrams);
      }
      out_splits.push_back(static_cast<int64_t>(ngrams.size()));
    }
    if (splits->empty()) out_splits.clear();
    absl::StatusOr<Tensor> splits_out = misc::IndexTensor(
        splits_tensor.dtype(), {static_cast<int64_t>(out_splits.size())}, out_splits);
    if (!splits_out.ok()) return context.Error(splits_out.status().message());
    const int64_t count = static_cast<int64_t>(ngrams.size());
    context.set_output(0, Tensor::Strings({count}, std::move(ngrams)));
    context.set_output(1, *std::move(splits_out));
    return absl::OkStatus();
  }

 private:
  NgramOptions options_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildStringNgrams(const KernelBuildContext& context) {
  NgramOptions options;
  absl::StatusOr<std::string> separator = context.attrs.GetString("separator");
  absl::StatusOr<std::vector<int64_t>> widths = context.attrs.GetIntList("ngram_widths");
  absl::StatusOr<std::string> left_pad = context.attrs.GetString("left_pad");
  absl::StatusOr<std::string> right_pad = context.attrs.GetString("right_pad");
  absl::StatusOr<int64_t> pad_width = context.attrs.GetInt("pad_width");
  absl::StatusOr<bool> preserve = context.attrs.GetBool("preserve_short_sequences");
  if (!separator.ok()) return separator.status();
  if (!widths.ok()) return widths.status();
  if (!left_pad.ok()) return left_pad.status();
  if (!right_pad.ok()) return right_pad.status();
  if (!pad_width.ok()) return pad_width.status();
  if (!preserve.ok()) return preserve.status();
  for (int64_t width : *widths) {
    if (width <= 0) return context.Error("ngram_widths must contain positive values");
  }
  options.separator = *separator;
  options.widths = *widths;
  options.left_pad = *left_pad;
  options.right_pad = *right_pad;
  options.pad_width = *pad_width;
  options.preserve_short = *preserve;
  return std::make_unique<StringNgramsKernel>(std::move(options));
}

REGISTER_KERNEL_FACTORY("StringNGrams", BuildStringNgrams,
                        {{"Tsplits", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
