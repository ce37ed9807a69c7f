// ConcatV2, Concat and Pack: inputs joined along an existing axis (concat) or a
// new one (pack).
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/element_types.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"

namespace tfjs::runtime::array {
namespace {

// Joins `inputs` (equal rank and dtype, equal dims except `axis`) along `axis`
// into output 0.
absl::Status JoinAlongAxis(OpContext& context, absl::Span<const Tensor> inputs, int axis) {
  Shape shape = inputs[0].shape();
  shape[axis] = 0;
  for (const Tensor& input : inputs) shape[axis] += input.dim(axis);
  absl::StatusOr<Tensor> output = AllocateOutput(context, inputs[0].dtype(), shape);
  if (!output.ok()) return output.status();
  const int64_t outer = DimProduct(shape, 0, axis);
  const int64_t output_row = DimProduct(shape, axis, static_cast<int>(shape.size()));
  absl::Status status = DispatchByElement(inputs[0].dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* dst = MutableElementsOf<T>(*output);
    for (const Tensor& input : inputs) {
      const int64_t row = input.num_elements() / std::max<int64_t>(outer, 1);
      if (input.num_elements() == 0) continue;
      const int64_t copy_shape[] = {outer, row};
      const int64_t src_strides[] = {row, 1};
      const int64_t dst_strides[] = {output_row, 1};
      StridedCopy<T>(copy_shape, ElementsOf<T>(input), src_strides, dst, dst_strides,
                     context.threadpool());
      dst += row;
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return context.Error(status.message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status CheckSameDtype(const OpContext& context, absl::Span<const Tensor> inputs) {
  for (size_t i = 1; i < inputs.size(); ++i) {
    if (inputs[i].dtype() != inputs[0].dtype()) {
      return context.Error(absl::StrCat("input ", i, " has dtype ", DataTypeName(inputs[i].dtype()),
                                        ", input 0 has ", DataTypeName(inputs[0].dtype())));
    }
  }
  return absl::OkStatus();
}

// Concat with the axis at input `axis_input`, the tensors at the others.
absl::Status Concatenate(OpContext& context, int axis_input, absl::Span<const Tensor> inputs) {
  absl::StatusOr<int64_t> axis_value = IndexScalar(context, axis_input, "concat axis");
  if (!axis_value.ok()) return axis_value.status();
  if (absl::Status status = CheckSameDtype(context, inputs); !status.ok()) return status;
  const Shape& first = inputs[0].shape();
  const int rank = inputs[0].rank();
  if (rank == 0)
    return context.Error("ConcatOp : Can't concatenate scalars (use tf.stack instead)");
  const int axis = NormalizeAxis(*axis_value, rank);
  if (axis < 0) {
    return context.Error(absl::StrCat("ConcatOp : Expected concatenating dimensions in the range [",
                                      -rank, ", ", rank, "), but got ", *axis_value));
  }
  for (size_t i = 1; i < inputs.size(); ++i) {
    const Shape& shape = inputs[i].shape();
    if (inputs[i].rank() != rank) {
      return context.Error(absl::StrCat(
          "ConcatOp : Ranks of all input tensors should match: ", "shape[0] = ", ShapeString(first),
          " vs. shape[", i, "] = ", ShapeString(shape)));
    }
    for (int d = 0; d < rank; ++d) {
      if (d != axis && shape[d] != first[d]) {
        return context.Error(
            absl::StrCat("ConcatOp : Dimension ", d, " in both shapes must be equal: shape[0] = ",
                         ShapeString(first), " vs. shape[", i, "] = ", ShapeString(shape)));
      }
    }
  }
  if (inputs.size() == 1) {
    context.set_output(0, inputs[0]);
    return absl::OkStatus();
  }
  return JoinAlongAxis(context, inputs, axis);
}

absl::Status ComputeConcatV2(OpContext& context) {
  if (context.num_inputs() < 2) return context.CheckNumInputs(2, 2);
  const int axis_input = context.num_inputs() - 1;
  return Concatenate(context, axis_input, context.inputs().subspan(0, axis_input));
}

absl::Status ComputeConcat(OpContext& context) {
  if (context.num_inputs() < 2) return context.CheckNumInputs(2, 2);
  return Concatenate(context, 0, context.inputs().subspan(1));
}

class PackKernel : public Kernel {
 public:
  explicit PackKernel(int64_t axis) : axis_(axis) {}

  absl::Status Compute(OpContext& context) const override {
    if (context.num_inputs() < 1) return context.CheckNumInputs(1, 1);
    absl::Span<const Tensor> inputs = context.inputs();
    if (absl::Status status = CheckSameDtype(context, inputs); !status.ok()) return status;
    const int expanded_rank = inputs[0].rank() + 1;
    const int axis = NormalizeAxis(axis_, expanded_rank);
    if (axis < 0) {
      return context.Error(
          absl::StrCat("axis = ", axis_, " not in [", -expanded_rank, ", ", expanded_rank, ")"));
    }
    std::vector<Tensor> expanded;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].shape() != inputs[0].shape()) {
        return context.Error(absl::StrCat(
            "Shapes of all inputs must match: values[0].shape = ", ShapeString(inputs[0].shape()),
            " != values[", i, "].shape = ", ShapeString(inputs[i].shape())));
      }
      Shape shape = inputs[i].shape();
      shape.insert(shape.begin() + axis, 1);
      expanded.push_back(*inputs[i].Reshaped(std::move(shape)));
    }
    if (expanded.size() == 1) {
      context.set_output(0, expanded[0]);
      return absl::OkStatus();
    }
    return JoinAlongAxis(context, expanded, axis);
  }

 private:
  int64_t axis_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildPack(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> axis = context.attrs.GetInt("axis");
  if (!axis.ok()) return axis.status();
  return std::make_unique<PackKernel>(*axis);
}

REGISTER_KERNEL("ConcatV2", ComputeConcatV2,
                {{"T", With(With(dtypes::PodString(), kQuantized), kFloat8)},
                 {"Tidx", IndexDtypes()}});
REGISTER_KERNEL("Concat", ComputeConcat,
                {{"T", With(With(dtypes::PodString(), kQuantized), kFloat8)}});
REGISTER_KERNEL_FACTORY("Pack", BuildPack, {{"T", With(With(dtypes::All(), kQuantized), kFloat8)}});

}  // namespace
}  // namespace tfjs::runtime::array
