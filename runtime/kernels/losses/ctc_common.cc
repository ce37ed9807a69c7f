// The input checks and sparse outputs of ctc_common.h.
#include "runtime/kernels/losses/ctc_common.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime::losses {

absl::StatusOr<CtcInputs> CheckCtcInputs(const OpContext& context, const Tensor& inputs,
                                         const Tensor& sequence_length,
                                         absl::string_view what_zero_time) {
  if (inputs.rank() != 3) return context.Error("inputs is not a 3-Tensor");
  if (sequence_length.rank() != 1) return context.Error("sequence_length is not a vector");
  CtcInputs result;
  result.max_time = inputs.dim(0);
  result.batch_size = inputs.dim(1);
  result.num_classes = inputs.dim(2);
  if (result.max_time == 0) return context.Error(what_zero_time);
  if (result.num_classes > std::numeric_limits<int>::max()) {
    return context.Error("num_classes cannot exceed max int");
  }
  if (sequence_length.dim(0) != result.batch_size) {
    return context.Error(absl::StrCat(
        "len(sequence_length) != batch_size.  len(sequence_length):  ", sequence_length.dim(0),
        " batch_size: ", result.batch_size));
  }
  const int32_t* lengths = sequence_length.data<int32_t>();
  result.sequence_length.assign(lengths, lengths + result.batch_size);
  for (int64_t b = 0; b < result.batch_size; ++b) {
    if (!(result.sequence_length[b] <= result.max_time)) {
      return context.Error(absl::StrCat("sequence_length(", b, ") <= ", result.max_time));
    }
  }
  return result;
}

void SetSparseOutputs(OpContext& context, const std::vector<std::vector<int>>& sequences, int first,
                      int k) {
  int64_t total = 0, longest = 0;
  for (const std::vector<int>& sequence : sequences) {
    total += sequence.size();
    longest = std::max<int64_t>(longest, sequence.size());
  }
  Tensor indices = *Tensor::Allocate(tensorflow::DT_INT64, {total, 2});
  Tensor values = *Tensor::Allocate(tensorflow::DT_INT64, {total});
  Tensor shape = *Tensor::Allocate(tensorflow::DT_INT64, {2});
  int64_t* index = indices.mutable_data<int64_t>();
  int64_t* value = values.mutable_data<int64_t>();
  int64_t n = 0;
  for (size_t b = 0; b < sequences.size(); ++b) {
    for (size_t t = 0; t < sequences[b].size(); ++t, ++n) {
      index[2 * n] = static_cast<int64_t>(b);
      index[2 * n + 1] = static_cast<int64_t>(t);
      value[n] = sequences[b][t];
    }
  }
  shape.mutable_data<int64_t>()[0] = static_cast<int64_t>(sequences.size());
  shape.mutable_data<int64_t>()[1] = longest;
  context.set_output(first, std::move(indices));
  context.set_output(first + k, std::move(values));
  context.set_output(first + 2 * k, std::move(shape));
}

}  // namespace tfjs::runtime::losses
