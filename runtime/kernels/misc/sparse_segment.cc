// SparseSegmentSum and SparseSegmentMean: rows data[indices[i]] summed (or averaged) into
// segment segment_ids[i]; ids are sorted and the output has last id + 1 rows.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kData = 0;
constexpr int kIndices = 1;
constexpr int kSegmentIds = 2;

template <bool kMean>
absl::Status ComputeSparseSegment(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& data = context.input(kData);
  if (context.input(kIndices).rank() != 1) return context.Error("indices should be a vector.");
  if (context.input(kSegmentIds).rank() != 1) {
    return context.Error("segment_ids should be a vector.");
  }
  if (data.rank() < 1) return context.Error("data must be at least 1-D");
  absl::StatusOr<std::vector<int64_t>> indices =
      misc::IndexValues(context.input(kIndices), "indices");
  absl::StatusOr<std::vector<int64_t>> segment_ids =
      misc::IndexValues(context.input(kSegmentIds), "segment_ids");
  if (!indices.ok()) return context.Error(indices.status().message());
  if (!segment_ids.ok()) return context.Error(segment_ids.status().message());
  const size_t count = indices->size();
  if (segment_ids->size() != count) {
    return context.Error("segment_ids and indices should have same size.");
  }
  const int64_t num_segments = count == 0 ? 0 : segment_ids->back() + 1;
  if (num_segments < 0) return context.Error("segment ids must be >= 0");
  for (size_t i = 0; i < count; ++i) {
    if ((*segment_ids)[i] < 0 || (i > 0 && (*segment_ids)[i] < (*segment_ids)[i - 1])) {
      return context.Error("segment ids are not increasing");
    }
    if ((*indices)[i] < 0 || (*indices)[i] >= data.dim(0)) {
      return context.Error(absl::StrCat("Bad: indices[", i, "] == ", (*indices)[i],
                                        " out of range [0, ", data.dim(0), ")"));
    }
  }
  const int64_t row = data.dim(0) == 0 ? 0 : data.num_elements() / data.dim(0);
  Shape out_shape = data.shape();
  out_shape[0] = num_segments;
  absl::StatusOr<Tensor> output = Tensor::Zeros(data.dtype(), out_shape);
  if (!output.ok()) return context.Error(output.status().message());
  auto reduce = [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* out = output->mutable_data<T>();
    const T* in = data.data<T>();
    std::vector<int64_t> sizes(num_segments, 0);
    for (size_t i = 0; i < count; ++i) {
      T* to = out + (*segment_ids)[i] * row;
      const T* from = in + (*indices)[i] * row;
      for (int64_t j = 0; j < row; ++j) to[j] += from[j];
      ++sizes[(*segment_ids)[i]];
    }
    if (!kMean) return;
    for (int64_t s = 0; s < num_segments; ++s) {
      if (sizes[s] <= 1) continue;
      for (int64_t j = 0; j < row; ++j) out[s * row + j] /= static_cast<T>(sizes[s]);
    }
  };
  bool known = false;
  if (kMean) {
    if (data.dtype() == tensorflow::DT_FLOAT) reduce(misc::TypeTag<float>{}), known = true;
    if (data.dtype() == tensorflow::DT_DOUBLE) reduce(misc::TypeTag<double>{}), known = true;
  } else {
    known = misc::DispatchRealNumber(data.dtype(), reduce);
  }
  if (!known) {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(data.dtype())));
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("SparseSegmentSum", ComputeSparseSegment<false>);
REGISTER_KERNEL("SparseSegmentMean", ComputeSparseSegment<true>);

}  // namespace
}  // namespace tfjs::runtime
