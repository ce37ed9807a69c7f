// Range: start, start + delta, ... up to (not including) limit, for float and int dtypes.
#include <cmath>
#include <limits>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::array {
namespace {

// float16 and bfloat16 ranges compute in float32 and round every step to T, as TF's.
template <typename Element>
absl::Status ComputeTypedRange(OpContext& context) {
  using T = math::ComputeType<Element>;
  const T start = math::Widen(*context.input(0).data<Element>());
  const T limit = math::Widen(*context.input(1).data<Element>());
  const T delta = math::Widen(*context.input(2).data<Element>());
  if (delta == 0) return context.Error(absl::StrCat("Requires delta != 0: ", delta));
  if (delta > 0 && start > limit) {
    return context.Error(
        absl::StrCat("Requires start <= limit when delta > 0: ", start, "/", limit));
  }
  if (delta < 0 && start < limit) {
    return context.Error(
        absl::StrCat("Requires start >= limit when delta < 0: ", start, "/", limit));
  }
  int64_t size;
  if constexpr (std::is_integral_v<T>) {
    // In 64-bit unsigned arithmetic so int64 extremes do not overflow.
    const uint64_t span = delta > 0 ? static_cast<uint64_t>(limit) - static_cast<uint64_t>(start)
                                    : static_cast<uint64_t>(start) - static_cast<uint64_t>(limit);
    const uint64_t step =
        delta > 0 ? static_cast<uint64_t>(delta) : 0 - static_cast<uint64_t>(delta);
    const uint64_t count = (span + step - 1) / step;
    if (count > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return context.Error("Requires ((limit - start) / delta) <= 9223372036854775807");
    }
    size = static_cast<int64_t>(count);
  } else {
    const double count = std::ceil(std::abs((limit - start) / delta));
    if (!(count <= static_cast<double>(std::numeric_limits<int64_t>::max()))) {
      return context.Error("Requires ((limit - start) / delta) <= 9223372036854775807");
    }
    size = static_cast<int64_t>(count);
  }
  absl::StatusOr<Tensor> output = AllocateOutput(context, context.input(0).dtype(), {size});
  if (!output.ok()) return output.status();
  // Accumulated like TF's CPU kernel, so float rounding matches it.
  Element* values = output->mutable_data<Element>();
  T value = start;
  for (int64_t i = 0; i < size; ++i) {
    values[i] = math::Narrow<Element>(value);
    // Not past the last element: integer ranges near the type's limit must not overflow.
    if (i + 1 < size) value = math::Widen(math::Narrow<Element>(value + delta));
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeRange(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const char* names[] = {"start", "limit", "delta"};
  const DataType dtype = context.input(0).dtype();
  for (int i = 0; i < 3; ++i) {
    const Tensor& input = context.input(i);
    if (input.rank() != 0) {
      return context.Error(
          absl::StrCat(names[i], " must be a scalar, not shape ", ShapeString(input.shape())));
    }
    if (input.dtype() != dtype) {
      return context.Error(absl::StrCat(names[i], " has dtype ", DataTypeName(input.dtype()),
                                        ", start has ", DataTypeName(dtype)));
    }
  }
  switch (dtype) {
    case tensorflow::DT_FLOAT:
      return ComputeTypedRange<float>(context);
    case tensorflow::DT_DOUBLE:
      return ComputeTypedRange<double>(context);
    case tensorflow::DT_INT32:
      return ComputeTypedRange<int32_t>(context);
    case tensorflow::DT_INT64:
      return ComputeTypedRange<int64_t>(context);
    case tensorflow::DT_HALF:
      return ComputeTypedRange<math::Half>(context);
    case tensorflow::DT_BFLOAT16:
      return ComputeTypedRange<math::BFloat16>(context);
    default:
      return context.Error(absl::StrCat("Range does not support dtype ", DataTypeName(dtype)));
  }
}

REGISTER_KERNEL("Range", ComputeRange,
                {{"Tidx",
                  {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                   tensorflow::DT_DOUBLE, tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime::array
