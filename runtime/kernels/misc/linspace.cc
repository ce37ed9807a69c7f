// LinSpace: `num` evenly spaced values from start to stop, both included.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kStart = 0;
constexpr int kStop = 1;
constexpr int kNum = 2;

template <typename T>
void FillLinSpace(T start, T stop, int64_t num, T* out) {
  if (num == 1) {
    out[0] = start;
    return;
  }
  const T step = (stop - start) / static_cast<T>(num - 1);
  for (int64_t i = 0; i < num - 1; ++i) out[i] = start + step * static_cast<T>(i);
  out[num - 1] = stop;
}

absl::Status ComputeLinSpace(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& start = context.input(kStart);
  const Tensor& stop = context.input(kStop);
  if (start.num_elements() != 1 || stop.num_elements() != 1 || start.rank() > 1 ||
      stop.rank() > 1) {
    return context.Error("start and stop must be scalars");
  }
  if (start.dtype() != stop.dtype() ||
      (start.dtype() != tensorflow::DT_FLOAT && start.dtype() != tensorflow::DT_DOUBLE)) {
    return context.Error(absl::StrCat("start and stop must both be float32 or float64, got ",
                                      DataTypeName(start.dtype()), " and ",
                                      DataTypeName(stop.dtype())));
  }
  absl::StatusOr<int64_t> num = misc::IndexScalar(context.input(kNum), "num");
  if (!num.ok()) return context.Error(num.status().message());
  if (*num <= 0) return context.Error(absl::StrCat("Requires num > 0: ", *num));
  absl::StatusOr<Tensor> output = Tensor::Allocate(start.dtype(), {*num});
  if (!output.ok()) return context.Error(output.status().message());
  if (start.dtype() == tensorflow::DT_FLOAT) {
    FillLinSpace(start.data<float>()[0], stop.data<float>()[0], *num,
                 output->mutable_data<float>());
  } else {
    FillLinSpace(start.data<double>()[0], stop.data<double>()[0], *num,
                 output->mutable_data<double>());
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("LinSpace", ComputeLinSpace,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}},
                 {"Tidx", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
