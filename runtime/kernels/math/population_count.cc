// PopulationCount: the number of set bits of each element (of its two's-complement form for
// signed integers), as uint8.
#include <bitset>
#include <cstdint>
#include <type_traits>

#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/unary_kernel.h"

namespace tfjs::runtime::math {
namespace {

// The dtypes TF's CPU kernel takes.
using PopulationCountTypes = TypeList<int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t>;

absl::Status ComputePopulationCount(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  return DispatchDataType(
      PopulationCountTypes(), context, context.input(0).dtype(), "input 'x'", [&](auto type) {
        using T = decltype(type);
        using Bits = std::make_unsigned_t<T>;
        return ComputeUnary<T, uint8_t>(context, 1, [](T value) {
          return static_cast<uint8_t>(std::bitset<sizeof(T) * 8>(static_cast<Bits>(value)).count());
        });
      });
}

REGISTER_KERNEL("PopulationCount", ComputePopulationCount,
                {{"T", DtypesOf(PopulationCountTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
