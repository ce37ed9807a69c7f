// StridedSlice's index rules: masks resolved against a shape, and the attrs and inputs they read.
#include "runtime/kernels/array/strided_slice_spec.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernels/array/index_inputs.h"

namespace tfjs::runtime::array {
namespace {

// Entries of the final-shape recipe that are not input dims.
constexpr int kNewAxis = -1;
constexpr int kShrinkAxis = -2;

bool Bit(int64_t mask, int index) { return index < 63 && ((mask >> index) & 1) != 0; }

// The slice with the ellipsis expanded and new axes removed: one entry per input dim.
struct DenseSpec {
  std::vector<int64_t> begin;
  std::vector<int64_t> end;
  std::vector<int64_t> strides;
  std::vector<bool> begin_masked;
  std::vector<bool> end_masked;
  std::vector<bool> shrink;
  // Per final-shape dim: the input dim it comes from, kNewAxis or kShrinkAxis.
  std::vector<int> final_shape_source;
};

absl::StatusOr<DenseSpec> BuildDenseSpec(int dense_rank, absl::Span<const int64_t> begin,
                                         absl::Span<const int64_t> end,
                                         absl::Span<const int64_t> strides,
                                         StridedSliceMasks masks) {
  int sparse_rank = static_cast<int>(begin.size());
  int new_axes_after_ellipsis = 0;
  bool ellipsis_seen = false;
  for (int i = 0; i < sparse_rank; ++i) {
    if (ellipsis_seen && Bit(masks.new_axis, i)) ++new_axes_after_ellipsis;
    if (Bit(masks.ellipsis, i)) ellipsis_seen = true;
  }
  // Without an ellipsis, an implicit one at the end keeps the remaining dims whole.
  if (!ellipsis_seen) {
    masks.ellipsis |= int64_t{1} << sparse_rank;
    ++sparse_rank;
  }
  DenseSpec dense;
  dense.begin.assign(dense_rank, 0);
  dense.end.assign(dense_rank, 0);
  dense.strides.assign(dense_rank, 1);
  dense.begin_masked.assign(dense_rank, false);
  dense.end_masked.assign(dense_rank, false);
  dense.shrink.assign(dense_rank, false);
  int full_index = 0;
  for (int i = 0; i < sparse_rank; ++i) {
    if (Bit(masks.ellipsis, i)) {
      const int next_index =
          std::min(dense_rank - (sparse_rank - i) + 1 + new_axes_after_ellipsis, dense_rank);
      for (; full_index < next_index; ++full_index) {
        dense.begin_masked[full_index] = true;
        dense.end_masked[full_index] = true;
        dense.final_shape_source.push_back(full_index);
      }
    } else if (Bit(masks.new_axis, i)) {
      dense.final_shape_source.push_back(kNewAxis);
    } else {
      if (full_index == dense_rank) {
        return absl::InvalidArgumentError(absl::StrCat("Index out of range using input dim ",
                                                       full_index, "; input has only ", dense_rank,
                                                       " dims"));
      }
      dense.begin[full_index] = begin[i];
      dense.end[full_index] = end[i];
      dense.strides[full_index] = strides[i];
      dense.begin_masked[full_index] = Bit(masks.begin, i);
      dense.end_masked[full_index] = Bit(masks.end, i);
      if (Bit(masks.shrink_axis, i)) {
        dense.shrink[full_index] = true;
        dense.final_shape_source.push_back(kShrinkAxis);
      } else {
        dense.final_shape_source.push_back(full_index);
      }
      ++full_index;
    }
  }
  return dense;
}

}  // namespace

absl::StatusOr<StridedSlicePlan> PlanStridedSlice(absl::Span<const int64_t> input_shape,
                                                  absl::Span<const int64_t> begin,
                                                  absl::Span<const int64_t> end,
                                                  absl::Span<const int64_t> strides,
                                                  const StridedSliceMasks& masks) {
  if ((masks.ellipsis & (masks.ellipsis - 1)) != 0) {
    return absl::InvalidArgumentError("Multiple ellipses in slice spec not allowed");
  }
  const int rank = static_cast<int>(input_shape.size());
  absl::StatusOr<DenseSpec> dense = BuildDenseSpec(rank, begin, end, strides, masks);
  if (!dense.ok()) return dense.status();

  StridedSlicePlan plan;
  for (int i = 0; i < rank; ++i) {
    const int64_t dim = input_shape[i];
    const int64_t stride = dense->strides[i];
    if (stride == 0) {
      return absl::InvalidArgumentError(absl::StrCat("strides[", i, "] must be non-zero"));
    }
    const bool shrink = dense->shrink[i];
    if (shrink && stride <= 0) {
      return absl::InvalidArgumentError("only stride 1 allowed on non-range indexing.");
    }
    // Valid [first, last] for this direction; masked ends take the far end of it.
    const int64_t lowest = stride > 0 ? 0 : -1;
    const int64_t highest = stride > 0 ? dim : dim - 1;
    auto canonical = [&](int64_t x, bool masked, bool is_end) {
      if (masked) return (stride > 0) != is_end ? lowest : highest;
      const int64_t forward = x < 0 ? dim + x : x;
      return forward < lowest ? lowest : forward > highest ? highest : forward;
    };
    int64_t begin_i;
    int64_t end_i;
    if (shrink) {
      begin_i = dense->begin[i] < 0 ? dim + dense->begin[i] : dense->begin[i];
      end_i = begin_i + 1;
      if (begin_i < 0 || begin_i >= dim) {
        return absl::InvalidArgumentError(
            absl::StrCat("slice index ", begin_i, " of dimension ", i, " out of bounds."));
      }
    } else {
      begin_i = canonical(dense->begin[i], dense->begin_masked[i], /*is_end=*/false);
      end_i = canonical(dense->end[i], dense->end_masked[i], /*is_end=*/true);
    }
    plan.is_identity &= stride == 1 && begin_i == 0 && end_i == dim;
    const int64_t interval = end_i - begin_i;
    int64_t size = 0;
    if (interval != 0 && (interval < 0) == (stride < 0)) {
      size = interval / stride + (interval % stride != 0 ? 1 : 0);
    }
    plan.begin.push_back(begin_i);
    plan.strides.push_back(stride);
    plan.processing_shape.push_back(size);
  }
  for (int source : dense->final_shape_source) {
    if (source >= 0) {
      plan.final_shape.push_back(plan.processing_shape[source]);
    } else if (source == kNewAxis) {
      plan.final_shape.push_back(1);
    }
  }
  return plan;
}

absl::StatusOr<StridedSliceMasks> ReadStridedSliceMasks(const KernelBuildContext& context) {
  StridedSliceMasks masks;
  const std::pair<const char*, int64_t*> attrs[] = {{"begin_mask", &masks.begin},
                                                    {"end_mask", &masks.end},
                                                    {"ellipsis_mask", &masks.ellipsis},
                                                    {"new_axis_mask", &masks.new_axis},
                                                    {"shrink_axis_mask", &masks.shrink_axis}};
  for (const auto& [name, mask] : attrs) {
    if (!context.attrs.Has(name)) continue;
    absl::StatusOr<int64_t> value = context.attrs.GetInt(name);
    if (!value.ok()) return value.status();
    *mask = *value;
  }
  return masks;
}

absl::StatusOr<StridedSlicePlan> PlanStridedSliceInputs(const OpContext& context, int begin_input,
                                                        absl::Span<const int64_t> input_shape,
                                                        const StridedSliceMasks& masks) {
  const Tensor& begin_tensor = context.input(begin_input);
  const Tensor& end_tensor = context.input(begin_input + 1);
  const Tensor& strides_tensor = context.input(begin_input + 2);
  if (begin_tensor.rank() != 1 || begin_tensor.shape() != end_tensor.shape() ||
      begin_tensor.shape() != strides_tensor.shape()) {
    return context.Error(absl::StrCat(
        "Expected begin, end, and strides to be 1D equal size tensors, but got shapes ",
        ShapeString(begin_tensor.shape()), ", ", ShapeString(end_tensor.shape()), ", and ",
        ShapeString(strides_tensor.shape()), " instead."));
  }
  absl::StatusOr<std::vector<int64_t>> begin = IndexValues(context, begin_input, "begin");
  if (!begin.ok()) return begin.status();
  absl::StatusOr<std::vector<int64_t>> end = IndexValues(context, begin_input + 1, "end");
  if (!end.ok()) return end.status();
  absl::StatusOr<std::vector<int64_t>> strides = IndexValues(context, begin_input + 2, "strides");
  if (!strides.ok()) return strides.status();
  absl::StatusOr<StridedSlicePlan> plan =
      PlanStridedSlice(input_shape, *begin, *end, *strides, masks);
  if (!plan.ok()) return context.Error(plan.status().message());
  return plan;
}

SliceView StridedSliceView(const StridedSlicePlan& plan, absl::Span<const int64_t> shape) {
  const std::vector<int64_t> row_major = RowMajorStrides(shape);
  SliceView view;
  view.strides.resize(shape.size());
  for (size_t i = 0; i < shape.size(); ++i) {
    view.strides[i] = plan.strides[i] * row_major[i];
    if (plan.processing_shape[i] > 0) view.offset += plan.begin[i] * row_major[i];
  }
  return view;
}

}  // namespace tfjs::runtime::array
