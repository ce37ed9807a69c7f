#include "runtime/kernels/math/broadcast.h"

#include "absl/strings/str_cat.h"

namespace tfjs::runtime::math {

absl::StatusOr<Shape> BroadcastShapes(absl::Span<const int64_t> a, absl::Span<const int64_t> b) {
  const size_t rank = std::max(a.size(), b.size());
  Shape output(rank);
  for (size_t i = 0; i < rank; ++i) {
    // Dim i counted from the right; missing leading dims act as 1.
    const int64_t a_dim = i < a.size() ? a[a.size() - 1 - i] : 1;
    const int64_t b_dim = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (a_dim != b_dim && a_dim != 1 && b_dim != 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("Incompatible shapes: ", ShapeString(a), " vs. ", ShapeString(b)));
    }
    output[rank - 1 - i] = a_dim == 1 ? b_dim : a_dim;
  }
  return output;
}

BroadcastLayout::BroadcastLayout(absl::Span<const absl::Span<const int64_t>> inputs,
                                 absl::Span<const int64_t> output)
    : num_inputs_(static_cast<int>(inputs.size())) {
  // Per kept output dim: its size and, per input, whether the input spans it (else broadcast).
  struct Dim {
    int64_t size;
    bool whole[kMaxInputs];
  };
  absl::InlinedVector<Dim, 6> merged;
  const size_t rank = output.size();
  for (size_t d = 0; d < rank; ++d) {
    if (output[d] == 1) continue;
    Dim dim{output[d], {}};
    for (int i = 0; i < num_inputs_; ++i) {
      const absl::Span<const int64_t> shape = inputs[i];
      const size_t lead = rank - shape.size();
      dim.whole[i] = d >= lead && shape[d - lead] != 1;
    }
    if (!merged.empty() && std::equal(dim.whole, dim.whole + num_inputs_, merged.back().whole)) {
      merged.back().size *= dim.size;
    } else {
      merged.push_back(dim);
    }
  }
  if (merged.empty()) merged.push_back(Dim{1, {}});
  for (const Dim& dim : merged) dims_.push_back(dim.size);
  for (int i = 0; i < num_inputs_; ++i) {
    strides_[i].resize(merged.size());
    int64_t stride = 1;
    for (size_t d = merged.size(); d-- > 0;) {
      strides_[i][d] = merged[d].whole[i] ? stride : 0;
      if (merged[d].whole[i]) stride *= merged[d].size;
    }
  }
}

void BroadcastLayout::RowOffsets(int64_t row, int64_t* offsets) const {
  for (int i = 0; i < num_inputs_; ++i) offsets[i] = 0;
  // Walk the outer dims from the innermost outward, peeling off each index.
  for (size_t d = dims_.size() - 1; d-- > 0 && row > 0;) {
    const int64_t index = row % dims_[d];
    row /= dims_[d];
    for (int i = 0; i < num_inputs_; ++i) offsets[i] += index * strides_[i][d];
  }
}

}  // namespace tfjs::runtime::math
