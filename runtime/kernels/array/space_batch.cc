// SpaceToBatchND and BatchToSpaceND: blocks of spatial positions moved to and from the batch
// dim. Batch b' = block_offset * batch + b holds positions p with space index
// p * block + block_offset - pad_start (crop_start for BatchToSpace).
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/element_types.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kBlockShape = 1;
constexpr int kPaddings = 2;

// Ceiling of a / b for b > 0, any sign of a.
int64_t CeilDiv(int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

// Copies between `space` [B, S..., R...] and `batch` [B * prod(block), P..., R...] where space
// index s = p * block + offset - start[i]; positions outside either side are skipped.
absl::Status ShuffleSpaceBatch(const OpContext& context, Tensor& space, Tensor& batch,
                               absl::Span<const int64_t> block, absl::Span<const int64_t> start,
                               bool space_to_batch) {
  const int m = static_cast<int>(block.size());
  const int64_t batch_size = space.dim(0);
  const std::vector<int64_t> space_strides = RowMajorStrides(space.shape());
  const std::vector<int64_t> batch_strides = RowMajorStrides(batch.shape());
  const int64_t depth = DimProduct(space.shape(), 1 + m, space.rank());
  int64_t block_count = 1;
  for (int64_t b : block) block_count *= b;
  std::vector<int64_t> offset(m, 0);
  for (int64_t block_index = 0; block_index < block_count; ++block_index) {
    // Row-major decomposition of block_index into per-dim offsets.
    int64_t rest = block_index;
    for (int i = m - 1; i >= 0; --i) {
      offset[i] = rest % block[i];
      rest /= block[i];
    }
    std::vector<int64_t> copy_shape = {batch_size};
    std::vector<int64_t> space_read = {space_strides[0]};
    std::vector<int64_t> batch_read = {batch_strides[0]};
    int64_t space_offset = 0;
    int64_t batch_offset = block_index * batch_size * batch_strides[0];
    bool empty = batch_size == 0;
    for (int i = 0; i < m; ++i) {
      const int64_t space_dim = space.dim(1 + i);
      const int64_t batch_dim = batch.dim(1 + i);
      // p such that 0 <= p * block + offset - start < space_dim, and 0 <= p < batch_dim.
      const int64_t first = std::max<int64_t>(0, CeilDiv(start[i] - offset[i], block[i]));
      const int64_t last =
          std::min<int64_t>(batch_dim, CeilDiv(space_dim + start[i] - offset[i], block[i]));
      if (first >= last) {
        empty = true;
        break;
      }
      copy_shape.push_back(last - first);
      space_read.push_back(block[i] * space_strides[1 + i]);
      batch_read.push_back(batch_strides[1 + i]);
      space_offset += (first * block[i] + offset[i] - start[i]) * space_strides[1 + i];
      batch_offset += first * batch_strides[1 + i];
    }
    if (empty || depth == 0) continue;
    copy_shape.push_back(depth);
    space_read.push_back(1);
    batch_read.push_back(1);
    absl::Status status = space_to_batch
                              ? CopyTensorView(context, copy_shape, space, space_offset, space_read,
                                               batch, batch_offset, batch_read)
                              : CopyTensorView(context, copy_shape, batch, batch_offset, batch_read,
                                               space, space_offset, space_read);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

// block_shape [M] (each >= 1) and the [M, 2] paddings or crops (each >= 0).
absl::Status ReadBlockAndPairs(const OpContext& context, absl::string_view pairs_name,
                               std::vector<int64_t>& block, std::vector<int64_t>& pairs) {
  absl::StatusOr<std::vector<int64_t>> block_values =
      IndexVector(context, kBlockShape, "block_shape");
  if (!block_values.ok()) return block_values.status();
  block = *std::move(block_values);
  const int m = static_cast<int>(block.size());
  const Tensor& pairs_tensor = context.input(kPaddings);
  if (pairs_tensor.rank() != 2 || pairs_tensor.dim(0) != m || pairs_tensor.dim(1) != 2) {
    return context.Error(absl::StrCat(pairs_name, " should have shape [", m, ", 2] instead of ",
                                      ShapeString(pairs_tensor.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> pair_values = IndexValues(context, kPaddings, pairs_name);
  if (!pair_values.ok()) return pair_values.status();
  pairs = *std::move(pair_values);
  const Tensor& input = context.input(kInput);
  if (input.rank() < 1 + m) {
    return context.Error(
        absl::StrCat("input rank should be >= ", 1 + m, " instead of ", input.rank()));
  }
  for (int i = 0; i < m; ++i) {
    if (block[i] < 1) {
      return context.Error(
          absl::StrCat("All values in block_shape must be positive, got value, ", block[i]));
    }
    if (pairs[2 * i] < 0 || pairs[2 * i + 1] < 0) {
      return context.Error(absl::StrCat("All values in ", pairs_name, " must be non-negative, got ",
                                        pairs[2 * i], ", ", pairs[2 * i + 1]));
    }
  }
  return absl::OkStatus();
}

absl::Status ComputeSpaceToBatchND(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  std::vector<int64_t> block;
  std::vector<int64_t> paddings;
  if (absl::Status status = ReadBlockAndPairs(context, "paddings", block, paddings); !status.ok()) {
    return status;
  }
  Tensor input = context.input(kInput);
  Shape output_shape = input.shape();
  std::vector<int64_t> starts;
  for (size_t i = 0; i < block.size(); ++i) {
    const int64_t padded = input.dim(1 + i) + paddings[2 * i] + paddings[2 * i + 1];
    if (padded % block[i] != 0) {
      return context.Error(absl::StrCat("padded_shape[", i, "]=", padded,
                                        " is not divisible by block_shape[", i, "]=", block[i]));
    }
    output_shape[0] *= block[i];
    output_shape[1 + i] = padded / block[i];
    starts.push_back(paddings[2 * i]);
  }
  absl::StatusOr<Tensor> output = Tensor::Zeros(input.dtype(), output_shape);
  if (!output.ok()) return context.Error(output.status().message());
  if (absl::Status status =
          ShuffleSpaceBatch(context, input, *output, block, starts, /*space_to_batch=*/true);
      !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeBatchToSpaceND(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  std::vector<int64_t> block;
  std::vector<int64_t> crops;
  if (absl::Status status = ReadBlockAndPairs(context, "crops", block, crops); !status.ok()) {
    return status;
  }
  Tensor input = context.input(kInput);
  int64_t block_count = 1;
  for (int64_t b : block) block_count *= b;
  if (input.dim(0) % block_count != 0) {
    return context.Error(absl::StrCat("Input batch dimension (", input.dim(0),
                                      ") is not divisible by product of block sizes (", block_count,
                                      ")"));
  }
  Shape output_shape = input.shape();
  output_shape[0] = input.dim(0) / block_count;
  std::vector<int64_t> starts;
  for (size_t i = 0; i < block.size(); ++i) {
    const int64_t cropped = input.dim(1 + i) * block[i] - crops[2 * i] - crops[2 * i + 1];
    if (cropped < 0) {
      return context.Error(
          absl::StrCat("cropped_shape[", i, "]=", cropped, " must be non-negative"));
    }
    output_shape[1 + i] = cropped;
    starts.push_back(crops[2 * i]);
  }
  absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), output_shape);
  if (!output.ok()) return output.status();
  if (absl::Status status =
          ShuffleSpaceBatch(context, *output, input, block, starts, /*space_to_batch=*/false);
      !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("SpaceToBatchND", ComputeSpaceToBatchND);
REGISTER_KERNEL("BatchToSpaceND", ComputeBatchToSpaceND);

}  // namespace
}  // namespace tfjs::runtime::array
