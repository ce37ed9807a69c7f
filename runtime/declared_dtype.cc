#include "runtime/declared_dtype.h"

#include <cstdint>

#include "runtime/half.h"

namespace tfjs::runtime {
namespace {

template <typename From, typename To, typename Convert>
absl::StatusOr<Tensor> Converted(const Tensor& weight, DataType declared, Convert convert) {
  absl::StatusOr<Tensor> result = Tensor::Allocate(declared, weight.shape());
  if (!result.ok()) return result.status();
  const From* in = weight.data<From>();
  To* out = result->mutable_data<To>();
  for (int64_t i = 0; i < weight.num_elements(); ++i) out[i] = convert(in[i]);
  return result;
}

}  // namespace

absl::StatusOr<Tensor> ToDeclaredDtype(Tensor weight, DataType declared) {
  const DataType stored = weight.dtype();
  if (declared == tensorflow::DT_INVALID || declared == stored) return weight;
  if (stored == tensorflow::DT_FLOAT) {
    switch (declared) {
      case tensorflow::DT_DOUBLE:
        return Converted<float, double>(weight, declared, [](float v) { return double{v}; });
      case tensorflow::DT_HALF:
        return Converted<float, uint16_t>(weight, declared, [](float v) { return FloatToHalf(v); });
      case tensorflow::DT_BFLOAT16:
        return Converted<float, uint16_t>(weight, declared,
                                            [](float v) { return FloatToBFloat16(v); });
      default:
        break;
    }
  }
  if (stored == tensorflow::DT_INT32) {
    switch (declared) {
      case tensorflow::DT_INT64:
        return Converted<int32_t, int64_t>(weight, declared, [](int32_t v) { return int64_t{v}; });
      case tensorflow::DT_INT16:
        return Converted<int32_t, int16_t>(weight, declared,
                                           [](int32_t v) { return static_cast<int16_t>(v); });
      case tensorflow::DT_INT8:
        return Converted<int32_t, int8_t>(weight, declared,
                                          [](int32_t v) { return static_cast<int8_t>(v); });
      case tensorflow::DT_UINT8:
        return Converted<int32_t, uint8_t>(weight, declared,
                                           [](int32_t v) { return static_cast<uint8_t>(v); });
      case tensorflow::DT_UINT16:
        return Converted<int32_t, uint16_t>(weight, declared,
                                            [](int32_t v) { return static_cast<uint16_t>(v); });
      case tensorflow::DT_UINT32:
        return Converted<int32_t, uint32_t>(weight, declared,
                                            [](int32_t v) { return static_cast<uint32_t>(v); });
      case tensorflow::DT_UINT64:
        return Converted<int32_t, uint64_t>(
            weight, declared, [](int32_t v) { return uint64_t{static_cast<uint32_t>(v)}; });
      default:
        break;
    }
  }
  return weight;
}

}  // namespace tfjs::runtime
