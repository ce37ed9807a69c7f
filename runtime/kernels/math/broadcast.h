// NumPy/TF broadcasting: the output shape of broadcast inputs, and a walk over the output that
// gives, per contiguous run, where each input's matching elements start.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_BROADCAST_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_BROADCAST_H_

#include <algorithm>
#include <cstdint>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::math {

// The shape both broadcast to (dims aligned from the right, each pair equal or one of them 1);
// InvalidArgument "Incompatible shapes: [2,3] vs. [4]" otherwise.
absl::StatusOr<Shape> BroadcastShapes(absl::Span<const int64_t> a, absl::Span<const int64_t> b);

// Up to kMaxInputs inputs broadcast to one output. Output dims of size 1 are dropped and
// neighbouring dims where every input is either whole or broadcast alike are merged, so
// same-shape inputs become one run of the whole output and a bias row becomes [rows, row].
class BroadcastLayout {
 public:
  static constexpr int kMaxInputs = 3;

  // Each of `inputs` must broadcast to `output` (see BroadcastShapes).
  BroadcastLayout(absl::Span<const absl::Span<const int64_t>> inputs,
                  absl::Span<const int64_t> output);

  int num_inputs() const { return num_inputs_; }
  // Elements of the innermost merged dim; a run never crosses it.
  int64_t row_length() const { return dims_.back(); }
  // 1 when input `input` advances along the innermost dim, 0 when it is broadcast there.
  int64_t inner_stride(int input) const { return strides_[input].back(); }
  // The merged output dims and, per input, their strides (0 where broadcast).
  const Shape& dims() const { return dims_; }
  const Shape& strides(int input) const { return strides_[input]; }

  // Calls run(out_offset, length, input_offsets) for consecutive runs covering output elements
  // [begin, end); input i's elements for the run start at input_offsets[i] and step by
  // inner_stride(i).
  template <typename RunFn>
  void ForEachRun(int64_t begin, int64_t end, const RunFn& run) const;

 private:
  // Offsets of each input's element for the first element of output row `row`.
  void RowOffsets(int64_t row, int64_t* offsets) const;

  int num_inputs_;
  Shape dims_;
  Shape strides_[kMaxInputs];
};

template <typename RunFn>
void BroadcastLayout::ForEachRun(int64_t begin, int64_t end, const RunFn& run) const {
  const int64_t length = row_length();
  int64_t row = begin / length;
  int64_t column = begin % length;
  int64_t offsets[kMaxInputs];
  for (int64_t position = begin; position < end; ++row, column = 0) {
    RowOffsets(row, offsets);
    for (int i = 0; i < num_inputs_; ++i) offsets[i] += column * inner_stride(i);
    const int64_t count = std::min(length - column, end - position);
    run(position, count, static_cast<const int64_t*>(offsets));
    position += count;
  }
}

}  // namespace tfjs::runtime::math

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_BROADCAST_H_
