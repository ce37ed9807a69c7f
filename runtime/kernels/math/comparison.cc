// Broadcasting comparisons to bool: Equal, NotEqual, Greater, GreaterEqual, Less, LessEqual.
#include <complex>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_kernel.h"
#include "runtime/kernels/math/broadcast.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::math {
namespace {

constexpr int kX = 0;
constexpr int kY = 1;

using OrderedTypes = AllNumericTypes;
using EqualityTypes =
    TypeList<float, double, Half, BFloat16, int32_t, int64_t, uint8_t, int8_t, int16_t, uint16_t,
             uint32_t, uint64_t, bool, std::complex<float>, std::complex<double>>;

// Equal and NotEqual take strings and the quantized dtypes too.
std::vector<DataType> EqualityDtypes() {
  std::vector<DataType> dtypes = DtypesOf(EqualityTypes());
  dtypes.insert(dtypes.end(),
                {tensorflow::DT_STRING, tensorflow::DT_QINT8, tensorflow::DT_QUINT8,
                 tensorflow::DT_QINT16, tensorflow::DT_QUINT16, tensorflow::DT_QINT32});
  return dtypes;
}

// Quantized values compare as the integers that store them.
template <typename Compare, typename Storage>
absl::Status CompareStorage(OpContext& context) {
  return ComputeBroadcastBinary<Storage, Storage, bool>(
      context, 1, [](Storage a, Storage b) -> bool { return Compare()(a, b); });
}

// String inputs of Equal / NotEqual, compared on this thread.
template <typename Compare>
absl::Status CompareStrings(OpContext& context, const Shape& shape) {
  const Tensor& x = context.input(kX);
  const Tensor& y = context.input(kY);
  absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_BOOL, shape);
  if (!output.ok()) return output.status();
  bool* out = output->mutable_data<bool>();
  if (output->num_elements() > 0) {
    const BroadcastLayout layout({x.shape(), y.shape()}, shape);
    layout.ForEachRun(
        0, output->num_elements(), [&](int64_t position, int64_t length, const int64_t* at) {
          for (int64_t i = 0; i < length; ++i) {
            out[position + i] = Compare()(x.strings()[at[0] + i * layout.inner_stride(0)],
                                          y.strings()[at[1] + i * layout.inner_stride(1)]);
          }
        });
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

template <typename Compare, typename Types>
absl::Status ComputeComparison(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  if (absl::Status status = CheckSameDataType(context, kX, kY); !status.ok()) return status;
  return DispatchDataType(Types(), context, context.input(kX).dtype(), "input 'x'", [&](auto type) {
    using T = decltype(type);
    using Compute = ComputeType<T>;
    return ComputeBroadcastBinary<T, T, bool>(
        context, 1, [](Compute a, Compute b) -> bool { return Compare()(a, b); });
  });
}

// Equal and NotEqual also take strings, and with incompatible_shape_error = false answer
// incompatible shapes with a scalar (false for Equal, true for NotEqual) instead of failing.
template <typename Compare, bool kIncompatibleResult>
absl::Status ComputeEquality(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  if (absl::Status status = CheckSameDataType(context, kX, kY); !status.ok()) return status;
  absl::StatusOr<Shape> shape =
      BroadcastShapes(context.input(kX).shape(), context.input(kY).shape());
  if (!shape.ok()) {
    auto attr = context.node().attr().find("incompatible_shape_error");
    if (attr != context.node().attr().end() && !attr->second.b()) {
      context.set_output(0, Tensor::Scalar<bool>(tensorflow::DT_BOOL, kIncompatibleResult));
      return absl::OkStatus();
    }
    return context.Error(shape.status().message());
  }
  if (context.input(kX).dtype() == tensorflow::DT_STRING) {
    return CompareStrings<Compare>(context, *shape);
  }
  switch (context.input(kX).dtype()) {
    case tensorflow::DT_QINT8:
      return CompareStorage<Compare, int8_t>(context);
    case tensorflow::DT_QUINT8:
      return CompareStorage<Compare, uint8_t>(context);
    case tensorflow::DT_QINT16:
      return CompareStorage<Compare, int16_t>(context);
    case tensorflow::DT_QUINT16:
      return CompareStorage<Compare, uint16_t>(context);
    case tensorflow::DT_QINT32:
      return CompareStorage<Compare, int32_t>(context);
    default:
      return ComputeComparison<Compare, EqualityTypes>(context);
  }
}

REGISTER_KERNEL("Equal", (ComputeEquality<std::equal_to<>, false>), {{"T", EqualityDtypes()}});
REGISTER_KERNEL("NotEqual", (ComputeEquality<std::not_equal_to<>, true>),
                {{"T", EqualityDtypes()}});
REGISTER_KERNEL("Greater", (ComputeComparison<std::greater<>, OrderedTypes>),
                {{"T", DtypesOf(OrderedTypes())}});
REGISTER_KERNEL("GreaterEqual", (ComputeComparison<std::greater_equal<>, OrderedTypes>),
                {{"T", DtypesOf(OrderedTypes())}});
REGISTER_KERNEL("Less", (ComputeComparison<std::less<>, OrderedTypes>),
                {{"T", DtypesOf(OrderedTypes())}});
REGISTER_KERNEL("LessEqual", (ComputeComparison<std::less_equal<>, OrderedTypes>),
                {{"T", DtypesOf(OrderedTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
