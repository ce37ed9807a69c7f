// StringJoin (elementwise join of N tensors, scalars broadcast), ReduceJoin (join along axes)
// and UnsortedSegmentJoin (join the rows of each segment).
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

absl::Status ComputeStringJoin(OpContext& context) {
  absl::StatusOr<std::string> separator = strings::AttrsOf(context).GetString("separator");
  if (!separator.ok()) return context.Error(separator.status().message());
  const Shape* shape = nullptr;
  for (int i = 0; i < context.num_inputs(); ++i) {
    if (absl::Status status = strings::CheckStringInput(context, i, "inputs"); !status.ok()) {
      return status;
    }
    const Tensor& input = context.input(i);
    if (input.rank() == 0) continue;
    if (shape == nullptr) {
      shape = &input.shape();
    } else if (*shape != input.shape()) {
      return context.Error(absl::StrCat("Input shapes do not match: ", ShapeString(*shape), " vs. ",
                                        ShapeString(input.shape())));
    }
  }
  const Shape out_shape = shape == nullptr ? Shape{} : *shape;
  std::vector<std::string> out(NumElements(out_shape));
  std::vector<absl::string_view> parts(context.num_inputs());
  for (size_t i = 0; i < out.size(); ++i) {
    for (int k = 0; k < context.num_inputs(); ++k) {
      const Tensor& input = context.input(k);
      parts[k] = input.strings()[input.rank() == 0 ? 0 : i];
    }
    out[i] = absl::StrJoin(parts, *separator);
  }
  context.set_output(0, Tensor::Strings(out_shape, std::move(out)));
  return absl::OkStatus();
}

// The flat offset, in `shape` with `strides`, of position `index` in the sub-space of `dims`
// (the last of `dims` varying fastest).
int64_t SubIndexOffset(int64_t index, const std::vector<int>& dims, const Shape& shape,
                       const std::vector<int64_t>& strides) {
  int64_t offset = 0;
  for (int i = static_cast<int>(dims.size()) - 1; i >= 0; --i) {
    offset += strides[dims[i]] * (index % shape[dims[i]]);
    index /= shape[dims[i]];
  }
  return offset;
}

absl::Status ComputeReduceJoin(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  if (absl::Status status = strings::CheckStringInput(context, 0, "inputs"); !status.ok()) {
    return status;
  }
  const NodeAttrs attrs = strings::AttrsOf(context);
  absl::StatusOr<bool> keep_dims = attrs.GetBool("keep_dims");
  absl::StatusOr<std::string> separator = attrs.GetString("separator");
  if (!keep_dims.ok()) return context.Error(keep_dims.status().message());
  if (!separator.ok()) return context.Error(separator.status().message());
  const Tensor& input = context.input(0);
  absl::StatusOr<std::vector<int64_t>> axes =
      misc::IndexValues(context.input(1), "reduction_indices");
  if (!axes.ok()) return context.Error(axes.status().message());
  const int rank = input.rank();
  std::vector<bool> reduced(rank, false);
  for (int64_t axis : *axes) {
    if (axis < -rank || axis >= rank) {
      return context.Error(absl::StrCat("Invalid reduction dimension ", axis, " for input with ",
                                        rank, " dimension(s)"));
    }
    const int64_t dim = axis < 0 ? axis + rank : axis;
    if (reduced[dim]) return context.Error(absl::StrCat("Duplicate reduction dimension ", axis));
    reduced[dim] = true;
  }
  // TF joins with the first listed axis varying fastest.
  std::vector<int> reduced_dims;
  for (auto it = axes->rbegin(); it != axes->rend(); ++it) {
    reduced_dims.push_back(static_cast<int>(*it < 0 ? *it + rank : *it));
  }
  std::vector<int> kept_dims;
  Shape out_shape;
  for (int d = 0; d < rank; ++d) {
    if (!reduced[d]) {
      kept_dims.push_back(d);
      out_shape.push_back(input.dim(d));
    } else if (*keep_dims) {
      out_shape.push_back(1);
    }
  }
  std::vector<int64_t> strides(rank, 1);
  for (int d = rank - 2; d >= 0; --d) strides[d] = strides[d + 1] * input.dim(d + 1);
  int64_t reduce_count = 1;
  for (int dim : reduced_dims) reduce_count *= input.dim(dim);
  std::vector<std::string> out(NumElements(out_shape));
  std::vector<absl::string_view> parts(reduce_count);
  for (size_t i = 0; i < out.size(); ++i) {
    const int64_t base = SubIndexOffset(static_cast<int64_t>(i), kept_dims, input.shape(), strides);
    for (int64_t r = 0; r < reduce_count; ++r) {
      parts[r] = input.strings()[base + SubIndexOffset(r, reduced_dims, input.shape(), strides)];
    }
    out[i] = absl::StrJoin(parts, *separator);
  }
  context.set_output(0, Tensor::Strings(out_shape, std::move(out)));
  return absl::OkStatus();
}

absl::Status ComputeUnsortedSegmentJoin(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  if (absl::Status status = strings::CheckStringInput(context, 0, "inputs"); !status.ok()) {
    return status;
  }
  absl::StatusOr<std::string> separator = strings::AttrsOf(context).GetString("separator");
  if (!separator.ok()) return context.Error(separator.status().message());
  const Tensor& input = context.input(0);
  const Tensor& segment_ids = context.input(1);
  if (context.input(2).num_elements() == 0) {
    return context.Error("Number of segments cannot be empty.");
  }
  absl::StatusOr<int64_t> num_segments = misc::IndexScalar(context.input(2), "num_segments");
  if (!num_segments.ok()) return context.Error(num_segments.status().message());
  if (segment_ids.rank() == 0) return context.Error("Segment_id cannot have rank 0");
  if (segment_ids.rank() > input.rank()) {
    return context.Error("Segment_id cannot have more dimensions than input");
  }
  for (int d = 0; d < segment_ids.rank(); ++d) {
    if (segment_ids.dim(d) != input.dim(d)) {
      return context.Error("Segment_id shape must be a prefix of input shape");
    }
  }
  if (*num_segments < 0) return context.Error("Number of segments cannot be negative");
  absl::StatusOr<std::vector<int64_t>> ids = misc::IndexValues(segment_ids, "segment_ids");
  if (!ids.ok()) return context.Error(ids.status().message());
  for (int64_t id : *ids) {
    if (id < 0 || id >= *num_segments) {
      return context.Error(
          "segment_ids are not allowed to exceed num_segments or to have negative values.");
    }
  }
  Shape out_shape = {*num_segments};
  int64_t row = 1;
  for (int d = segment_ids.rank(); d < input.rank(); ++d) {
    out_shape.push_back(input.dim(d));
    row *= input.dim(d);
  }
  std::vector<std::string> out(NumElements(out_shape));
  for (int64_t k = 0; k < row; ++k) {
    for (size_t i = 0; i < ids->size(); ++i) {
      std::string& target = out[(*ids)[i] * row + k];
      // TF adds the separator only after a non-empty partial result.
      if (!target.empty()) target += *separator;
      target += input.strings()[i * row + k];
    }
  }
  context.set_output(0, Tensor::Strings(out_shape, std::move(out)));
  return absl::OkStatus();
}

REGISTER_KERNEL("StringJoin", ComputeStringJoin);
REGISTER_KERNEL("ReduceJoin", ComputeReduceJoin);
REGISTER_KERNEL("UnsortedSegmentJoin", ComputeUnsortedSegmentJoin,
                {{"Tindices", math::DtypesOf(math::TypeList<int32_t, int64_t>())},
                 {"Tnumsegments", math::DtypesOf(math::TypeList<int32_t, int64_t>())}});

}  // namespace
}  // namespace tfjs::runtime
