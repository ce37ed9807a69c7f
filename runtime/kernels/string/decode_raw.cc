// DecodeRaw (each string's bytes reinterpreted as a vector of out_type; all strings one length)
// and DecodePaddedRaw (the first fixed_length bytes of each string, zero-padded), bytes read in
// the order `little_endian` names.
#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

constexpr bool kHostLittleEndian = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

// Copies `bytes` bytes of elements of `size` bytes, reversing each element when asked.
void CopyElements(const char* from, int64_t bytes, int64_t size, bool swap, char* to) {
  if (!swap || size == 1) {
    std::memcpy(to, from, bytes);
    return;
  }
  for (int64_t at = 0; at + size <= bytes; at += size) {
    std::reverse_copy(from + at, from + at + size, to + at);
  }
}

absl::StatusOr<bool> SwapBytes(const OpContext& context) {
  absl::StatusOr<bool> little_endian = strings::AttrsOf(context).GetBool("little_endian");
  if (!little_endian.ok()) return context.Error(little_endian.status().message());
  return *little_endian != kHostLittleEndian;
}

absl::Status ComputeDecodeRaw(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, 0, "bytes"); !status.ok()) {
    return status;
  }
  absl::StatusOr<DataType> out_type = strings::AttrsOf(context).GetType("out_type");
  if (!out_type.ok()) return context.Error(out_type.status().message());
  absl::StatusOr<bool> swap = SwapBytes(context);
  if (!swap.ok()) return swap.status();
  const Tensor& input = context.input(0);
  const int64_t size = DataTypeSize(*out_type);
  if (size == 0) {
    return context.Error(absl::StrCat("DecodeRaw cannot decode ", DataTypeName(*out_type)));
  }
  Shape out_shape = input.shape();
  const int64_t count = input.num_elements();
  const int64_t length = count == 0 ? 0 : static_cast<int64_t>(input.strings()[0].size());
  for (int64_t i = 0; i < count; ++i) {
    const int64_t other = static_cast<int64_t>(input.strings()[i].size());
    if (other != length) {
      return context.Error(
          absl::StrCat("DecodeRaw requires input strings to all be the same size, but element ", i,
                       " has size ", other, " != ", length));
    }
  }
  if (length % size != 0) {
    return context.Error(absl::StrCat("Input to DecodeRaw has length ", length,
                                      " that is not a multiple of ", size, ", the size of ",
                                      DataTypeName(*out_type)));
  }
  out_shape.push_back(length / size);
  absl::StatusOr<Tensor> output = Tensor::Allocate(*out_type, out_shape);
  if (!output.ok()) return context.Error(output.status().message());
  char* out = output->mutable_data<char>();
  for (int64_t i = 0; i < count; ++i) {
    CopyElements(input.strings()[i].data(), length, size, *swap, out + i * length);
  }
  if (*out_type == tensorflow::DT_BOOL) {
    // Any non-zero byte is true.
    for (int64_t i = 0; i < output->num_elements(); ++i) out[i] = out[i] != 0;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeDecodePaddedRaw(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  if (absl::Status status = strings::CheckStringInput(context, 0, "input_bytes"); !status.ok()) {
    return status;
  }
  absl::StatusOr<DataType> out_type = strings::AttrsOf(context).GetType("out_type");
  if (!out_type.ok()) return context.Error(out_type.status().message());
  absl::StatusOr<bool> swap = SwapBytes(context);
  if (!swap.ok()) return swap.status();
  const Tensor& input = context.input(0);
  const Tensor& fixed = context.input(1);
  if (fixed.dtype() != tensorflow::DT_INT32 || fixed.num_elements() != 1) {
    return context.Error("fixed_length must be an int32 scalar");
  }
  const int64_t fixed_length = fixed.data<int32_t>()[0];
  const int64_t size = DataTypeSize(*out_type);
  if (size == 0 || fixed_length < 0 || fixed_length % size != 0) {
    return context.Error(absl::StrCat("fixed_length (", fixed_length,
                                      ") must be a multiple of the size of out_type (", size, ")"));
  }
  Shape out_shape = input.shape();
  out_shape.push_back(fixed_length / size);
  absl::StatusOr<Tensor> output = Tensor::Zeros(*out_type, out_shape);
  if (!output.ok()) return context.Error(output.status().message());
  char* out = output->mutable_data<char>();
  for (int64_t i = 0; i < input.num_elements(); ++i) {
    const std::string& bytes = input.strings()[i];
    const int64_t copied = std::min<int64_t>(fixed_length, static_cast<int64_t>(bytes.size()));
    CopyElements(bytes.data(), copied / size * size, size, *swap, out + i * fixed_length);
    // A partial last element keeps its bytes in place, as TF copies them.
    const int64_t whole = copied / size * size;
    std::memcpy(out + i * fixed_length + whole, bytes.data() + whole, copied - whole);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("DecodeRaw", ComputeDecodeRaw,
                {{"out_type",
                  {tensorflow::DT_HALF, tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
                   tensorflow::DT_INT32, tensorflow::DT_UINT16, tensorflow::DT_UINT8,
                   tensorflow::DT_INT16, tensorflow::DT_INT8, tensorflow::DT_INT64,
                   tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128, tensorflow::DT_BOOL,
                   tensorflow::DT_BFLOAT16}}});
REGISTER_KERNEL("DecodePaddedRaw", ComputeDecodePaddedRaw,
                {{"out_type",
                  {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE, tensorflow::DT_INT32,
                   tensorflow::DT_UINT16, tensorflow::DT_UINT8, tensorflow::DT_INT16,
                   tensorflow::DT_INT8, tensorflow::DT_INT64, tensorflow::DT_BFLOAT16}}});

}  // namespace
}  // namespace tfjs::runtime
