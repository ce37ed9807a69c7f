// Where (one input): the coordinates of the true / non-zero elements, as int64 [count, rank]
// in row-major order, like TF (TF.js returns int32).
#include <complex>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/index_inputs.h"

namespace tfjs::runtime::array {
namespace {

// Flags every element that is not zero (NaN counts as non-zero, -0.0 as zero).
template <typename T>
void MarkNonZero(const Tensor& input, std::vector<bool>& truth) {
  const T* values = input.data<T>();
  for (int64_t i = 0; i < input.num_elements(); ++i) truth[i] = values[i] != T(0);
}

absl::Status ComputeWhere(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  std::vector<bool> truth(input.num_elements());
  switch (input.dtype()) {
    case tensorflow::DT_BOOL:
      MarkNonZero<bool>(input, truth);
      break;
    case tensorflow::DT_FLOAT:
      MarkNonZero<float>(input, truth);
      break;
    case tensorflow::DT_DOUBLE:
      MarkNonZero<double>(input, truth);
      break;
    case tensorflow::DT_INT8:
      MarkNonZero<int8_t>(input, truth);
      break;
    case tensorflow::DT_UINT8:
      MarkNonZero<uint8_t>(input, truth);
      break;
    case tensorflow::DT_INT16:
      MarkNonZero<int16_t>(input, truth);
      break;
    case tensorflow::DT_UINT16:
      MarkNonZero<uint16_t>(input, truth);
      break;
    case tensorflow::DT_INT32:
      MarkNonZero<int32_t>(input, truth);
      break;
    case tensorflow::DT_UINT32:
      MarkNonZero<uint32_t>(input, truth);
      break;
    case tensorflow::DT_INT64:
      MarkNonZero<int64_t>(input, truth);
      break;
    case tensorflow::DT_UINT64:
      MarkNonZero<uint64_t>(input, truth);
      break;
    case tensorflow::DT_COMPLEX64:
      MarkNonZero<std::complex<float>>(input, truth);
      break;
    case tensorflow::DT_COMPLEX128:
      MarkNonZero<std::complex<double>>(input, truth);
      break;
    case tensorflow::DT_HALF:
    case tensorflow::DT_BFLOAT16: {
      // Zero whatever the sign bit.
      const uint16_t* bits = input.data<uint16_t>();
      for (int64_t i = 0; i < input.num_elements(); ++i) truth[i] = (bits[i] & 0x7FFF) != 0;
      break;
    }
    default:
      return context.Error(
          absl::StrCat("Where does not support dtype ", DataTypeName(input.dtype())));
  }
  int64_t count = 0;
  for (bool value : truth) count += value;
  const int rank = input.rank();
  absl::StatusOr<Tensor> output = AllocateOutput(context, tensorflow::DT_INT64, {count, rank});
  if (!output.ok()) return output.status();
  int64_t* coordinates = output->mutable_data<int64_t>();
  std::vector<int64_t> index(rank, 0);
  for (int64_t i = 0; i < input.num_elements(); ++i) {
    if (truth[i]) coordinates = std::copy(index.begin(), index.end(), coordinates);
    // Advance the row-major multi-index.
    for (int d = rank - 1; d >= 0; --d) {
      if (++index[d] < input.dim(d)) break;
      index[d] = 0;
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Where", ComputeWhere, {{"T", dtypes::Pod()}});

}  // namespace
}  // namespace tfjs::runtime::array
