// SpaceToBatchND and BatchToSpaceND (and SpaceToBatch / BatchToSpace, their 4-D forms with a
// square block): blocks of spatial positions moved to and from the batch
// dim. Batch b' = block_offset * batch + b holds positions p with space index
// p * block + block_offset - pad_start (crop_start for BatchToSpace).
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
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

// block_shape [M] (input 1) for the ND ops.
absl::StatusOr<std::vector<int64_t>> ReadBlockShape(const OpContext& context) {
  return IndexVector(context, kBlockShape, "block_shape");
}

// Checks `block` (each >= 1) and reads the [M, 2] paddings or crops (each >= 0) of input
// `pairs_index`.
absl::Status ReadPairs(const OpContext& context, const std::vector<int64_t>& block, int pairs_index,
                       absl::string_view pairs_name, std::vector<int64_t>& pairs) {
  const int m = static_cast<int>(block.size());
  const Tensor& pairs_tensor = context.input(pairs_index);
  if (pairs_tensor.rank() != 2 || pairs_tensor.dim(0) != m || pairs_tensor.dim(1) != 2) {
    return context.Error(absl::StrCat(pairs_name, " should have shape [", m, ", 2] instead of ",
                                      ShapeString(pairs_tensor.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> pair_values = IndexValues(context, pairs_index, pairs_name);
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

absl::Status SpaceToBatch(OpContext& context, const std::vector<int64_t>& block,
                          int paddings_index) {
  std::vector<int64_t> paddings;
  if (absl::Status status = ReadPairs(context, block, paddings_index, "paddings", paddings);
      !status.ok()) {
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

absl::Status BatchToSpace(OpContext& context, const std::vector<int64_t>& block, int crops_index) {
  std::vector<int64_t> crops;
  if (absl::Status status = ReadPairs(context, block, crops_index, "crops", crops); !status.ok()) {
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

absl::Status ComputeSpaceToBatchND(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<std::vector<int64_t>> block = ReadBlockShape(context);
  if (!block.ok()) return block.status();
  return SpaceToBatch(context, *block, kPaddings);
}

absl::Status ComputeBatchToSpaceND(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<std::vector<int64_t>> block = ReadBlockShape(context);
  if (!block.ok()) return block.status();
  return BatchToSpace(context, *block, kPaddings);
}

// SpaceToBatch and BatchToSpace: the ND ops on a 4-D input with a square block_size attr; the
// paddings or crops are input 1.
class SquareBlockKernel : public Kernel {
 public:
  SquareBlockKernel(int64_t block_size, bool space_to_batch)
      : block_size_(block_size), space_to_batch_(space_to_batch) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    if (context.input(kInput).rank() != 4) {
      return context.Error(
          absl::StrCat("input rank should be 4 instead of ", context.input(kInput).rank()));
    }
    const std::vector<int64_t> block = {block_size_, block_size_};
    return space_to_batch_ ? SpaceToBatch(context, block, 1) : BatchToSpace(context, block, 1);
  }

 private:
  int64_t block_size_;
  bool space_to_batch_;
};

template <bool kSpaceToBatch>
absl::StatusOr<std::unique_ptr<Kernel>> BuildSquareBlock(const KernelBuildContext& build) {
  absl::StatusOr<int64_t> block_size = build.attrs.GetInt("block_size");
  if (!block_size.ok()) return block_size.status();
  if (*block_size <= 1) {
    return build.Error(absl::StrCat("Block size should be > 1: ", *block_size));
  }
  return std::make_unique<SquareBlockKernel>(*block_size, kSpaceToBatch);
}

REGISTER_KERNEL("SpaceToBatchND", ComputeSpaceToBatchND,
                {{"T", dtypes::RealNumber()},
                 {"Tblock_shape", IndexDtypes()},
                 {"Tpaddings", IndexDtypes()}});
REGISTER_KERNEL("BatchToSpaceND", ComputeBatchToSpaceND,
                {{"T", dtypes::RealNumber()},
                 {"Tblock_shape", IndexDtypes()},
                 {"Tcrops", IndexDtypes()}});
REGISTER_KERNEL_FACTORY("SpaceToBatch", BuildSquareBlock<true>,
                        {{"T", dtypes::RealNumber()}, {"Tpaddings", IndexDtypes()}});
REGISTER_KERNEL_FACTORY("BatchToSpace", BuildSquareBlock<false>,
                        {{"T", dtypes::RealNumber()}, {"Tidx", IndexDtypes()}});

}  // namespace
}  // namespace tfjs::runtime::array
