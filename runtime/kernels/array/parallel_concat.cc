// ParallelConcat: stacks N inputs of shape [1, ...] along axis 0 into the attr `shape`
// ([N, ...]), as TF's tf.parallel_stack builds it.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/element_types.h"

namespace tfjs::runtime {
namespace {

absl::Status ComputeParallelConcat(OpContext& context) {
  if (context.num_inputs() < 1) return context.Error("needs at least one input");
  const Tensor& first = context.input(0);
  if (first.rank() < 1 || first.dim(0) != 1) {
    return context.Error(
        absl::StrCat("inputs must have shape [1, ...], got ", ShapeString(first.shape())));
  }
  for (int i = 1; i < context.num_inputs(); ++i) {
    const Tensor& input = context.input(i);
    if (input.shape() != first.shape() || input.dtype() != first.dtype()) {
      return context.Error(absl::StrCat("input ", i, " has shape ", ShapeString(input.shape()),
                                        " and dtype ", DataTypeName(input.dtype()),
                                        "; input 0 has ", ShapeString(first.shape()), " and ",
                                        DataTypeName(first.dtype())));
    }
  }
  Shape shape = first.shape();
  shape[0] = context.num_inputs();
  // The attr, when it is fully known, must agree with the inputs.
  const auto& attrs = context.node().attr();
  if (auto it = attrs.find("shape"); it != attrs.end() && !it->second.shape().unknown_rank()) {
    const auto& dims = it->second.shape().dim();
    bool agrees = dims.size() == static_cast<int>(shape.size());
    for (int d = 0; agrees && d < dims.size(); ++d) {
      agrees = dims[d].size() < 0 || dims[d].size() == shape[d];
    }
    if (!agrees) {
      return context.Error(
          absl::StrCat("the shape attr does not match the stacked inputs ", ShapeString(shape)));
    }
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(first.dtype(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t row = first.num_elements();
  absl::Status status = array::DispatchByElement(first.dtype(), [&](auto element) {
    using T = decltype(element);
    T* out = array::MutableElementsOf<T>(*output);
    for (int i = 0; i < context.num_inputs(); ++i) {
      const T* in = array::ElementsOf<T>(context.input(i));
      std::copy(in, in + row, out + i * row);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return context.Error(status.message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("ParallelConcat", ComputeParallelConcat, {{"T", dtypes::PodString()}});

}  // namespace
}  // namespace tfjs::runtime
