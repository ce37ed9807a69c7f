// AddN and AccumulateNV2: the elementwise sum of any number of tensors of one shape and dtype
// (AccumulateNV2's `shape` attr only tells TF's graph rewrite the output's shape); AddN also
// adds variant tensors (tensor lists) through their kind's Add.
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_functors.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/output.h"
#include "runtime/kernels/math/parallel.h"

namespace tfjs::runtime::math {
namespace {

absl::Status ComputeAddN(OpContext& context) {
  if (context.num_inputs() < 1) return context.Error("expects at least 1 input, got 0");
  const Tensor& first = context.input(0);
  for (int i = 1; i < context.num_inputs(); ++i) {
    const Tensor& input = context.input(i);
    if (input.dtype() != first.dtype() || input.shape() != first.shape()) {
      return context.Error(absl::StrCat("inputs must share one dtype and shape; input 0 is ",
                                        DataTypeName(first.dtype()), ShapeString(first.shape()),
                                        ", input ", i, " is ", DataTypeName(input.dtype()),
                                        ShapeString(input.shape())));
    }
  }
  if (context.num_inputs() == 1) {
    context.set_output(0, first);
    return absl::OkStatus();
  }
  if (first.dtype() == tensorflow::DT_VARIANT) {
    // Tensor lists add by their own kind's function, as TF's ADD variant op.
    Tensor sum = first;
    for (int i = 1; i < context.num_inputs(); ++i) {
      absl::StatusOr<Tensor> next = AddVariants(sum, context.input(i));
      if (!next.ok()) return context.Error(next.status().message());
      sum = *std::move(next);
    }
    context.set_output(0, std::move(sum));
    return absl::OkStatus();
  }
  // Each partial sum is stored as T, so float16 and bfloat16 round after every add as TF's do.
  return DispatchDataType(NumberTypes(), context, first.dtype(), "input 0", [&](auto type) {
    using T = decltype(type);
    absl::StatusOr<Tensor> output = ReuseOrAllocate(context, {0}, first.dtype(), first.shape());
    if (!output.ok()) return output.status();
    T* out = output->mutable_data<T>();
    const int inputs = context.num_inputs();
    ParallelFor(context.threadpool(), first.num_elements(), inputs,
                [&](int64_t begin, int64_t end) {
                  const T* a = context.input(0).data<T>();
                  const T* b = context.input(1).data<T>();
                  for (int64_t i = begin; i < end; ++i) {
                    out[i] = Narrow<T>(AddFn()(Widen(a[i]), Widen(b[i])));
                  }
                  for (int k = 2; k < inputs; ++k) {
                    const T* c = context.input(k).data<T>();
                    for (int64_t i = begin; i < end; ++i) {
                      out[i] = Narrow<T>(AddFn()(Widen(out[i]), Widen(c[i])));
                    }
                  }
                });
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  });
}

REGISTER_KERNEL("AddN", ComputeAddN,
                {{"T", dtypes::Join({DtypesOf(NumberTypes()), {tensorflow::DT_VARIANT}})}});
REGISTER_KERNEL("AccumulateNV2", ComputeAddN, {{"T", DtypesOf(NumberTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
