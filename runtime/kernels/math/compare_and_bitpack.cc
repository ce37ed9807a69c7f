// CompareAndBitpack: input > threshold for each element, packed eight to a uint8 along the last
// dim, the first element in the most significant bit. For bool input TF packs the values as they
// are and ignores the threshold.
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::math {
namespace {

using Types = TypeList<bool, Half, float, double, int8_t, int16_t, int32_t, int64_t>;

template <typename T>
bool Bit(T value, T threshold) {
  if constexpr (std::is_same_v<T, bool>) {
    return value;
  } else {
    return Widen(value) > Widen(threshold);
  }
}

absl::Status ComputeCompareAndBitpack(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(0);
  const Tensor& threshold = context.input(1);
  if (threshold.dtype() != input.dtype()) {
    return context.Error(absl::StrCat("threshold has dtype ", DataTypeName(threshold.dtype()),
                                      ", input ", DataTypeName(input.dtype())));
  }
  if (!threshold.shape().empty()) {
    return context.Error(
        absl::StrCat("threshold must be a scalar, got shape ", ShapeString(threshold.shape())));
  }
  if (input.shape().empty()) return context.Error("input must be at least a vector");
  const int64_t last = input.shape().back();
  if (last % 8 != 0) {
    return context.Error(
        absl::StrCat("the inner dimension of input (", last, ") must be a multiple of 8"));
  }
  Shape out_shape = input.shape();
  out_shape.back() = last / 8;
  absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_UINT8, out_shape);
  if (!output.ok()) return output.status();
  const absl::Status status =
      DispatchDataType(Types(), context, input.dtype(), "input 'input'", [&](auto type) {
        using T = decltype(type);
        const T* in = input.data<T>();
        const T limit = threshold.data<T>()[0];
        uint8_t* out = output->mutable_data<uint8_t>();
        for (int64_t i = 0; i < output->num_elements(); ++i) {
          uint8_t byte = 0;
          for (int bit = 0; bit < 8; ++bit) {
            byte = static_cast<uint8_t>((byte << 1) | (Bit(in[8 * i + bit], limit) ? 1 : 0));
          }
          out[i] = byte;
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("CompareAndBitpack", ComputeCompareAndBitpack, {{"T", DtypesOf(Types())}});

}  // namespace
}  // namespace tfjs::runtime::math
