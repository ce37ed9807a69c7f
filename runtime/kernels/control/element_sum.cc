#include "runtime/kernels/control/element_sum.h"

#include <complex>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

template <typename T>
void Add(const Tensor& a, const Tensor& b, Tensor& sum) {
  const T* x = a.data<T>();
  const T* y = b.data<T>();
  T* out = sum.mutable_data<T>();
  for (int64_t i = 0; i < a.num_elements(); ++i) {
    if constexpr (std::is_integral_v<T>) {
      using U = std::make_unsigned_t<T>;
      out[i] = static_cast<T>(static_cast<U>(static_cast<U>(x[i]) + static_cast<U>(y[i])));
    } else {
      out[i] = math::Narrow<T>(math::Widen(x[i]) + math::Widen(y[i]));
    }
  }
}

}  // namespace

absl::StatusOr<Tensor> AddElements(const Tensor& a, const Tensor& b) {
  if (a.dtype() != b.dtype() || a.shape() != b.shape()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot add a ", DataTypeName(b.dtype()), " tensor of shape ", ShapeString(b.shape()),
        " to a ", DataTypeName(a.dtype()), " tensor of shape ", ShapeString(a.shape())));
  }
  absl::StatusOr<Tensor> sum = Tensor::Allocate(a.dtype(), a.shape());
  if (!sum.ok()) return sum.status();
  switch (a.dtype()) {
    case tensorflow::DT_FLOAT:
      Add<float>(a, b, *sum);
      break;
    case tensorflow::DT_DOUBLE:
      Add<double>(a, b, *sum);
      break;
    case tensorflow::DT_HALF:
      Add<math::Half>(a, b, *sum);
      break;
    case tensorflow::DT_BFLOAT16:
      Add<math::BFloat16>(a, b, *sum);
      break;
    case tensorflow::DT_INT8:
      Add<int8_t>(a, b, *sum);
      break;
    case tensorflow::DT_INT16:
      Add<int16_t>(a, b, *sum);
      break;
    case tensorflow::DT_INT32:
      Add<int32_t>(a, b, *sum);
      break;
    case tensorflow::DT_INT64:
      Add<int64_t>(a, b, *sum);
      break;
    case tensorflow::DT_UINT8:
      Add<uint8_t>(a, b, *sum);
      break;
    case tensorflow::DT_UINT16:
      Add<uint16_t>(a, b, *sum);
      break;
    case tensorflow::DT_UINT32:
      Add<uint32_t>(a, b, *sum);
      break;
    case tensorflow::DT_UINT64:
      Add<uint64_t>(a, b, *sum);
      break;
    case tensorflow::DT_COMPLEX64:
      Add<std::complex<float>>(a, b, *sum);
      break;
    case tensorflow::DT_COMPLEX128:
      Add<std::complex<double>>(a, b, *sum);
      break;
    default:
      return absl::UnimplementedError(
          absl::StrCat("cannot add elements of dtype ", DataTypeName(a.dtype())));
  }
  return sum;
}

}  // namespace tfjs::runtime
