// The shared body of elementwise unary kernels: output allocation (in place when possible) and
// a parallel loop over the elements.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_UNARY_KERNEL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_UNARY_KERNEL_H_

#include <cstdint>

#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/output.h"
#include "runtime/kernels/math/parallel.h"

namespace tfjs::runtime::math {

// Output 0 = fn(input 0) elementwise; the input holds In, the output Out, and fn computes in
// their compute types (see Widen and Narrow). `cost` is fn's rough cost per element (see
// ParallelFor).
template <typename In, typename Out, typename Fn>
absl::Status ComputeUnary(OpContext& context, int64_t cost, const Fn& fn) {
  const Tensor& x = context.input(0);
  absl::StatusOr<Tensor> output = ReuseOrAllocate(context, {0}, DataTypeOf<Out>::value, x.shape());
  if (!output.ok()) return output.status();
  const In* in = x.data<In>();
  Out* out = output->mutable_data<Out>();
  ParallelFor(context.threadpool(), x.num_elements(), cost, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = Narrow<Out>(fn(Widen(in[i])));
  });
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

}  // namespace tfjs::runtime::math

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_UNARY_KERNEL_H_
