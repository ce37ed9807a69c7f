// MatrixBandPart: keeps a band around the diagonal of every innermost matrix, zeroes the rest.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;
constexpr int kNumLower = 1;
constexpr int kNumUpper = 2;

absl::Status ComputeMatrixBandPart(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  if (input.rank() < 2) {
    return context.Error(absl::StrCat("input must be at least 2-dim, received shape: ",
                                      ShapeString(input.shape())));
  }
  absl::StatusOr<int64_t> num_lower = misc::IndexScalar(context.input(kNumLower), "num_lower");
  if (!num_lower.ok()) return context.Error(num_lower.status().message());
  absl::StatusOr<int64_t> num_upper = misc::IndexScalar(context.input(kNumUpper), "num_upper");
  if (!num_upper.ok()) return context.Error(num_upper.status().message());
  const int64_t rows = input.dim(input.rank() - 2);
  const int64_t cols = input.dim(input.rank() - 1);
  if (*num_lower > rows) {
    return context.Error(absl::StrCat(
        "num_lower must be negative or less or equal to number of rows (", rows, ") got: ",
        *num_lower));
  }
  if (*num_upper > cols) {
    return context.Error(absl::StrCat(
        "num_upper must be negative or less or equal to number of columns (", cols, ") got: ",
        *num_upper));
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t matrix = rows * cols;
  const int64_t count = matrix == 0 ? 0 : input.num_elements() / matrix;
  const bool known = misc::DispatchRealNumberOrBool(input.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* in = input.data<T>();
    T* out = output->mutable_data<T>();
    for (int64_t b = 0; b < count; ++b) {
      for (int64_t m = 0; m < rows; ++m) {
        for (int64_t n = 0; n < cols; ++n) {
          const int64_t at = b * matrix + m * cols + n;
          const bool in_band = (*num_lower < 0 || m - n <= *num_lower) &&
                               (*num_upper < 0 || n - m <= *num_upper);
          out[at] = in_band ? in[at] : T(0);
        }
      }
    }
  });
  if (!known) {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(input.dtype())));
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("MatrixBandPart", ComputeMatrixBandPart);

}  // namespace
}  // namespace tfjs::runtime
