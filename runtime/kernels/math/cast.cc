// Cast: converts between float16, bfloat16, float32, float64, bool and the 8- to 64-bit integer
// dtypes.
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/cast_functors.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/parallel.h"

namespace tfjs::runtime::math {
namespace {

using CastTypes = TypeList<float, double, int32_t, int64_t, bool, uint8_t, int8_t, int16_t,
                           uint16_t, uint32_t, uint64_t, Half, BFloat16>;

class CastKernel : public Kernel {
 public:
  CastKernel(DataType destination, bool truncate)
      : destination_(destination), truncate_(truncate) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& x = context.input(0);
    if (x.dtype() == destination_) {
      context.set_output(0, x);
      return absl::OkStatus();
    }
    return DispatchDataType(CastTypes(), context, x.dtype(), "input 'x'", [&](auto from) {
      using From = decltype(from);
      return DispatchDataType(CastTypes(), context, destination_, "DstT", [&](auto to) {
        using To = decltype(to);
        absl::StatusOr<Tensor> output = Tensor::Allocate(destination_, x.shape());
        if (!output.ok()) return output.status();
        const From* in = x.data<From>();
        To* out = output->mutable_data<To>();
        ParallelFor(context.threadpool(), x.num_elements(), 1, [&](int64_t begin, int64_t end) {
          for (int64_t i = begin; i < end; ++i) out[i] = CastElement<To>(in[i], truncate_);
        });
        context.set_output(0, *std::move(output));
        return absl::OkStatus();
      });
    });
  }

 private:
  DataType destination_;
  bool truncate_;
};

// Truncate (default false) only changes casts to bfloat16: drop the low bits instead of rounding.
absl::StatusOr<std::unique_ptr<Kernel>> BuildCast(const KernelBuildContext& build) {
  absl::StatusOr<DataType> destination = build.attrs.GetType("DstT");
  if (!destination.ok()) return destination.status();
  bool truncate = false;
  if (build.attrs.Has("Truncate")) {
    absl::StatusOr<bool> attr = build.attrs.GetBool("Truncate");
    if (!attr.ok()) return attr.status();
    truncate = *attr;
  }
  return std::make_unique<CastKernel>(*destination, truncate);
}

REGISTER_KERNEL_FACTORY("Cast", BuildCast);

}  // namespace
}  // namespace tfjs::runtime::math
