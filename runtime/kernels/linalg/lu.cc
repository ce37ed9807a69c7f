// Lu: the LU factorization with partial pivoting of each square real or complex matrix: `lu`
// holds L (unit diagonal, below) and U (on and above), and `p` the row permutation, so that
// input[p] = L U. A singular matrix is an error, as in TF.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

template <typename T>
absl::Status Lu(OpContext& context, const linalg::MatrixBatch& batch, DataType index_type) {
  const Tensor& input = context.input(0);
  std::vector<T> values = linalg::ValuesAs<T>(input);
  const int64_t n = batch.rows;
  std::vector<int64_t> permutations;
  for (int64_t i = 0; i < batch.count && n > 0; ++i) {
    linalg::LuFactors<T> factors = linalg::FactorLu(linalg::MatrixAt(values, n, n, i), n);
    if (factors.singular) return context.Error("Input is not invertible.");
    std::copy(factors.lu.begin(), factors.lu.end(), values.begin() + i * n * n);
    permutations.insert(permutations.end(), factors.perm.begin(), factors.perm.end());
  }
  absl::StatusOr<Tensor> lu = linalg::TensorFrom(input.dtype(), input.shape(), values);
  if (!lu.ok()) return context.Error(lu.status().message());
  Shape p_shape(input.shape().begin(), input.shape().end() - 1);
  absl::StatusOr<Tensor> p = misc::IndexTensor(index_type, p_shape, permutations);
  if (!p.ok()) return context.Error(p.status().message());
  context.set_output(0, *std::move(lu));
  context.set_output(1, *std::move(p));
  return absl::OkStatus();
}

absl::Status ComputeLu(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  absl::StatusOr<linalg::MatrixBatch> batch = linalg::BatchOf(input, "input", true);
  if (!batch.ok()) return context.Error(batch.status().message());
  const DataType index_type = context.node().attr().count("output_idx_type")
                                  ? context.node().attr().at("output_idx_type").type()
                                  : tensorflow::DT_INT32;
  return linalg::VisitRealOrComplex(
      input.dtype(), [&](auto zero) { return Lu<decltype(zero)>(context, *batch, index_type); });
}

REGISTER_KERNEL("Lu", ComputeLu,
                {{"T", linalg::FloatAndComplexTypes()},
                 {"output_idx_type", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
