// MatrixBandPart (and its deprecated name BatchMatrixBandPart): keeps a band around the diagonal
// of every innermost matrix, zeroes the rest. Elements are copied as bytes, so every dtype whose
// zero is all-zero bytes (all of TF's POD dtypes) works alike.
#include <cstring>

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
    return context.Error(
        absl::StrCat("input must be at least 2-dim, received shape: ", ShapeString(input.shape())));
  }
  absl::StatusOr<int64_t> num_lower = misc::IndexScalar(context.input(kNumLower), "num_lower");
  if (!num_lower.ok()) return context.Error(num_lower.status().message());
  absl::StatusOr<int64_t> num_upper = misc::IndexScalar(context.input(kNumUpper), "num_upper");
  if (!num_upper.ok()) return context.Error(num_upper.status().message());
  const int64_t rows = input.dim(input.rank() - 2);
  const int64_t cols = input.dim(input.rank() - 1);
  if (*num_lower > rows) {
    return context.Error(
        absl::StrCat("num_lower must be negative or less or equal to number of rows (", rows,
                     ") got: ", *num_lower));
  }
  if (*num_upper > cols) {
    return context.Error(
        absl::StrCat("num_upper must be negative or less or equal to number of columns (", cols,
                     ") got: ", *num_upper));
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t matrix = rows * cols;
  const int64_t count = matrix == 0 ? 0 : input.num_elements() / matrix;
  const int64_t size = DataTypeSize(input.dtype());
  const char* in = static_cast<const char*>(input.raw_data());
  char* out = output->mutable_data<char>();
  for (int64_t b = 0; b < count; ++b) {
    for (int64_t m = 0; m < rows; ++m) {
      for (int64_t n = 0; n < cols; ++n) {
        const int64_t at = (b * matrix + m * cols + n) * size;
        const bool in_band =
            (*num_lower < 0 || m - n <= *num_lower) && (*num_upper < 0 || n - m <= *num_upper);
        if (in_band) {
          std::memcpy(out + at, in + at, size);
        } else {
          std::memset(out + at, 0, size);
        }
      }
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// TF_CALL_POD_TYPES (numbers and bool) and TF_CALL_NUMBER_TYPES.
std::vector<DataType> PodTypes(bool with_bool) {
  std::vector<DataType> types = {
      tensorflow::DT_INT64,     tensorflow::DT_INT32,     tensorflow::DT_UINT16,
      tensorflow::DT_INT16,     tensorflow::DT_UINT8,     tensorflow::DT_INT8,
      tensorflow::DT_UINT32,    tensorflow::DT_UINT64,    tensorflow::DT_HALF,
      tensorflow::DT_BFLOAT16,  tensorflow::DT_FLOAT,     tensorflow::DT_DOUBLE,
      tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128};
  if (with_bool) types.push_back(tensorflow::DT_BOOL);
  return types;
}

REGISTER_KERNEL("MatrixBandPart", ComputeMatrixBandPart,
                {{"T", PodTypes(true)}, {"Tindex", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});
REGISTER_KERNEL("BatchMatrixBandPart", ComputeMatrixBandPart, {{"T", PodTypes(false)}});

}  // namespace
}  // namespace tfjs::runtime
