// Zeros and Ones: TF.js's creation ops, a tensor of dtype T and shape input 0 filled with 0 or 1.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kShape = 0;

template <int kValue>
absl::Status ComputeConstantFill(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<std::vector<int64_t>> dims = misc::IndexValues(context.input(kShape), "shape");
  if (!dims.ok()) return context.Error(dims.status().message());
  if (context.input(kShape).rank() > 1) return context.Error("shape must be a vector");
  for (int64_t dim : *dims) {
    if (dim < 0) return context.Error(absl::StrCat("shape has a negative dim: ", dim));
  }
  // TF.js makes float32 tensors when the node names no dtype.
  NodeAttrs attrs(context.node(), nullptr);
  absl::StatusOr<DataType> dtype = attrs.Has("T") ? attrs.GetType("T") : tensorflow::DT_FLOAT;
  if (!dtype.ok()) return dtype.status();
  absl::StatusOr<Tensor> output = Tensor::Allocate(*dtype, Shape(dims->begin(), dims->end()));
  if (!output.ok()) return context.Error(output.status().message());
  const bool known = math::DispatchTag(misc::NoHalfRealOrBoolTypes(), *dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* out = output->mutable_data<T>();
    for (int64_t i = 0; i < output->num_elements(); ++i) out[i] = static_cast<T>(kValue);
  });
  if (!known) return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(*dtype)));
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Zeros", ComputeConstantFill<0>);
REGISTER_KERNEL("Ones", ComputeConstantFill<1>);

}  // namespace
}  // namespace tfjs::runtime
