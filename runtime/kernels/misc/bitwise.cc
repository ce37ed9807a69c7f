// Bitwise ops on integers: BitwiseAnd/Or/Xor and LeftShift/RightShift (broadcasting), Invert.
#include <climits>
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kX = 0;
constexpr int kY = 1;

enum class BitOp { kAnd, kOr, kXor, kLeftShift, kRightShift };

// Shifts clamp the amount to [0, bits - 1] as TF does; left shifts run on the unsigned type.
template <BitOp kOp, typename T>
T Apply(T x, T y) {
  using Unsigned = std::make_unsigned_t<T>;
  constexpr T kMaxShift = static_cast<T>(sizeof(T) * CHAR_BIT - 1);
  const T shift = y < T(0) ? T(0) : (y > kMaxShift ? kMaxShift : y);
  switch (kOp) {
    case BitOp::kAnd:
      return x & y;
    case BitOp::kOr:
      return x | y;
    case BitOp::kXor:
      return x ^ y;
    case BitOp::kLeftShift:
      return static_cast<T>(static_cast<Unsigned>(x) << shift);
    case BitOp::kRightShift:
      return static_cast<T>(x >> shift);
  }
  return T(0);
}

template <BitOp kOp>
absl::Status ComputeBinary(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& x = context.input(kX);
  const Tensor& y = context.input(kY);
  if (x.dtype() != y.dtype()) {
    return context.Error(absl::StrCat("x and y must have one dtype, got ", DataTypeName(x.dtype()),
                                      " and ", DataTypeName(y.dtype())));
  }
  absl::StatusOr<Shape> shape = misc::BroadcastShapes(x.shape(), y.shape());
  if (!shape.ok()) return context.Error(shape.status().message());
  absl::StatusOr<Tensor> output = Tensor::Allocate(x.dtype(), *shape);
  if (!output.ok()) return context.Error(output.status().message());
  const bool known = math::DispatchTag(math::IntegralTypes(), x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* a = x.data<T>();
    const T* b = y.data<T>();
    T* out = output->mutable_data<T>();
    misc::ForEachBroadcast(*shape, x.shape(), y.shape(), [&](int64_t i, int64_t ia, int64_t ib) {
      out[i] = Apply<kOp, T>(a[ia], b[ib]);
    });
  });
  if (!known) {
    return context.Error(absl::StrCat("expects an integer dtype, got ", DataTypeName(x.dtype())));
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeInvert(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& x = context.input(kX);
  absl::StatusOr<Tensor> output = Tensor::Allocate(x.dtype(), x.shape());
  if (!output.ok()) return context.Error(output.status().message());
  const bool known = math::DispatchTag(math::IntegralTypes(), x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    for (int64_t i = 0; i < x.num_elements(); ++i) {
      output->mutable_data<T>()[i] = static_cast<T>(~x.data<T>()[i]);
    }
  });
  if (!known) {
    return context.Error(absl::StrCat("expects an integer dtype, got ", DataTypeName(x.dtype())));
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// The integer dtypes TF's bitwise kernels take.
const std::vector<DataType>& IntegerDtypes() {
  static const auto* const kDtypes = new std::vector<DataType>{
      tensorflow::DT_INT8,  tensorflow::DT_INT16,  tensorflow::DT_INT32,  tensorflow::DT_INT64,
      tensorflow::DT_UINT8, tensorflow::DT_UINT16, tensorflow::DT_UINT32, tensorflow::DT_UINT64};
  return *kDtypes;
}

REGISTER_KERNEL("BitwiseAnd", ComputeBinary<BitOp::kAnd>, {{"T", IntegerDtypes()}});
REGISTER_KERNEL("BitwiseOr", ComputeBinary<BitOp::kOr>, {{"T", IntegerDtypes()}});
REGISTER_KERNEL("BitwiseXor", ComputeBinary<BitOp::kXor>, {{"T", IntegerDtypes()}});
REGISTER_KERNEL("LeftShift", ComputeBinary<BitOp::kLeftShift>, {{"T", IntegerDtypes()}});
REGISTER_KERNEL("RightShift", ComputeBinary<BitOp::kRightShift>, {{"T", IntegerDtypes()}});
REGISTER_KERNEL("Invert", ComputeInvert, {{"T", IntegerDtypes()}});

}  // namespace
}  // namespace tfjs::runtime
