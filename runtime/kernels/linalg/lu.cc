// Lu: the LU factorization with partial pivoting of each square float32/float64 matrix: `lu`
// holds L (unit diagonal, below) and U (on and above), and `p` the row permutation, so that
// input[p] = L U. A singular matrix is an error, as in TF.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

absl::Status ComputeLu(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  absl::StatusOr<linalg::MatrixBatch> batch = linalg::FloatBatchOf(input, "input", true);
  if (!batch.ok()) return context.Error(batch.status().message());
  const auto& attrs = context.node().attr();
  const DataType index_type =
      attrs.count("output_idx_type") ? attrs.at("output_idx_type").type() : tensorflow::DT_INT32;
  if (!misc::IsIndexType(index_type)) {
    return context.Error("output_idx_type must be int32 or int64");
  }
  absl::StatusOr<Tensor> lu = Tensor::Allocate(input.dtype(), input.shape());
  if (!lu.ok()) return context.Error(lu.status().message());
  std::vector<int64_t> permutations;
  for (int64_t i = 0; i < batch->count; ++i) {
    linalg::LuFactors factors =
        linalg::FactorLu(linalg::ReadMatrix(input, *batch, i), batch->rows);
    if (factors.singular) return context.Error("Input is not invertible.");
    linalg::WriteMatrix(factors.lu, *batch, i, *lu);
    permutations.insert(permutations.end(), factors.perm.begin(), factors.perm.end());
  }
  Shape p_shape(input.shape().begin(), input.shape().end() - 1);
  absl::StatusOr<Tensor> p = misc::IndexTensor(index_type, p_shape, permutations);
  if (!p.ok()) return context.Error(p.status().message());
  context.set_output(0, *std::move(lu));
  context.set_output(1, *std::move(p));
  return absl::OkStatus();
}

REGISTER_KERNEL("Lu", ComputeLu);

}  // namespace
}  // namespace tfjs::runtime
