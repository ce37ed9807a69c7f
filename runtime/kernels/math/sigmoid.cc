// Sigmoid: float32 on XNNPACK's vectorized sigmoid, the other float and complex dtypes through
// the elementwise functor 1 / (1 + exp(-x)).
#include <xnnpack.h>

#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/output.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/math/unary_functors.h"
#include "runtime/kernels/math/unary_kernel.h"
#include "runtime/kernels/nn/xnnpack_util.h"

namespace tfjs::runtime::math {
namespace {

// Rough cost of the functor per element (an exp and a division), as ParallelFor weighs it.
constexpr int kFunctorCost = 20;
// XNNPACK's sigmoid per element, against the threshold below which it stays on this thread.
constexpr int kVectorCost = 2;

absl::Status ComputeFloatSigmoid(OpContext& context) {
  const Tensor& x = context.input(0);
  absl::StatusOr<Tensor> output = ReuseOrAllocate(context, {0}, tensorflow::DT_FLOAT, x.shape());
  if (!output.ok()) return output.status();
  if (x.num_elements() > 0) {
    if (absl::Status status = nn::InitializeXnnpack(); !status.ok()) {
      return context.Error(status.message());
    }
    xnn_operator_t raw = nullptr;
    xnn_status status = xnn_create_sigmoid_nc_f32(/*channels=*/1, /*input_stride=*/1,
                                                  /*output_stride=*/1, /*flags=*/0, &raw);
    nn::UniqueOperator op(raw);
    pthreadpool_t pool =
        x.num_elements() * kVectorCost < kMinParallelWork ? nullptr : context.threadpool();
    if (status == xnn_status_success) {
      status = xnn_setup_sigmoid_nc_f32(op.get(), x.num_elements(), x.data<float>(),
                                        output->mutable_data<float>(), pool);
    }
    if (status == xnn_status_success) status = xnn_run_operator(op.get(), pool);
    if (absl::Status error = nn::XnnStatus(status, "sigmoid_nc_f32"); !error.ok()) {
      return context.Error(error.message());
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeSigmoid(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  if (context.input(0).dtype() == tensorflow::DT_FLOAT) return ComputeFloatSigmoid(context);
  return DispatchDataType(FloatAndComplexTypes(), context, context.input(0).dtype(), "input 'x'",
                          [&](auto type) {
                            using T = decltype(type);
                            return ComputeUnary<T, T>(context, kFunctorCost, SigmoidFn());
                          });
}

}  // namespace

REGISTER_KERNEL("Sigmoid", ComputeSigmoid, {{"T", DtypesOf(FloatAndComplexTypes())}});

}  // namespace tfjs::runtime::math
