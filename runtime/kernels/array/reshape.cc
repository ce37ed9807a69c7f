// Reshape, ExpandDims and Squeeze: the same buffer under a new shape, never
// copied.
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/index_inputs.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kShape = 1;
constexpr int kAxis = 1;

// TF's Reshape shape rule: at most one -1, inferred from the element count;
// zero dims allowed.
absl::StatusOr<Shape> ReshapeTarget(const OpContext& context, const Shape& input_shape,
                                    absl::Span<const int64_t> sizes) {
  Shape shape;
  int unknown_index = -1;
  int64_t product = 1;
  bool sizes_have_zero = false;
  for (size_t d = 0; d < sizes.size(); ++d) {
    const int64_t size = sizes[d];
    if (size == -1) {
      if (unknown_index != -1) {
        return context.Error(
            absl::StrCat("Only one input size may be -1, not both ", unknown_index, " and ", d));
      }
      unknown_index = static_cast<int>(d);
      shape.push_back(1);
    } else if (size < 0) {
      return context.Error(absl::StrCat("Size ", d, " must be non-negative, not ", size));
    } else {
      if (size == 0) sizes_have_zero = true;
      if (size != 0) product *= size;
      shape.push_back(size);
    }
  }
  const int64_t input_count = NumElements(input_shape);
  if (unknown_index != -1) {
    // Zero input dims are left out of the count when the target has zeros of
    // its own, so the other dims can still be inferred.
    int64_t counted = 1;
    bool input_has_zero = false;
    for (int64_t dim : input_shape) {
      if (dim > 0 || !sizes_have_zero) {
        counted *= dim;
      } else {
        input_has_zero = true;
      }
    }
    const int64_t missing = product == 0 ? 0 : counted / product;
    if (!input_has_zero && product * missing != counted) {
      return context.Error(absl::StrCat("Input to reshape is a tensor with ", counted,
                                        " values, but the requested shape requires a multiple of ",
                                        product));
    }
    shape[unknown_index] = missing;
  }
  if (NumElements(shape) != input_count) {
    return context.Error(absl::StrCat("Input to reshape is a tensor with ", input_count,
                                      " values, but the requested shape has ", NumElements(shape)));
  }
  return shape;
}

absl::Status ComputeReshape(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& sizes_tensor = context.input(kShape);
  // TF still accepts a scalar as a legacy one-element shape.
  if (sizes_tensor.rank() > 1) {
    return context.Error(
        absl::StrCat("sizes input must be 1-D, not ", ShapeString(sizes_tensor.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> sizes = IndexValues(context, kShape, "shape");
  if (!sizes.ok()) return sizes.status();
  const Tensor& input = context.input(kInput);
  absl::StatusOr<Shape> shape = ReshapeTarget(context, input.shape(), *sizes);
  if (!shape.ok()) return shape.status();
  context.set_output(0, *input.Reshaped(*std::move(shape)));
  return absl::OkStatus();
}

absl::Status ComputeExpandDims(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  if (context.input(kAxis).num_elements() != 1) {
    return context.Error(absl::StrCat("'dim' must be a tensor with a single value, got shape ",
                                      ShapeString(context.input(kAxis).shape())));
  }
  absl::StatusOr<std::vector<int64_t>> axis_values = IndexValues(context, kAxis, "dim");
  if (!axis_values.ok()) return axis_values.status();
  int64_t axis = (*axis_values)[0];
  if (axis < -1 - input.rank() || axis > input.rank()) {
    return context.Error(absl::StrCat("Tried to expand dim index ", axis, " for tensor with ",
                                      input.rank(), " dimensions."));
  }
  if (axis < 0) axis += input.rank() + 1;
  Shape shape = input.shape();
  shape.insert(shape.begin() + axis, 1);
  context.set_output(0, *input.Reshaped(std::move(shape)));
  return absl::OkStatus();
}

class SqueezeKernel : public Kernel {
 public:
  explicit SqueezeKernel(std::vector<int64_t> axes) : axes_(std::move(axes)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    const int rank = input.rank();
    std::vector<bool> squeeze(rank, axes_.empty());
    for (int64_t axis : axes_) {
      const int dim = NormalizeAxis(axis, rank);
      if (dim < 0) {
        return context.Error(absl::StrCat("Tried to squeeze dim index ", axis, " for tensor with ",
                                          rank, " dimensions."));
      }
      if (input.dim(dim) != 1) {
        return context.Error(absl::StrCat("Can not squeeze dim[", dim,
                                          "], expected a dimension of 1, got ", input.dim(dim)));
      }
      squeeze[dim] = true;
    }
    Shape shape;
    for (int d = 0; d < rank; ++d) {
      if (!(squeeze[d] && input.dim(d) == 1)) shape.push_back(input.dim(d));
    }
    context.set_output(0, *input.Reshaped(std::move(shape)));
    return absl::OkStatus();
  }

 private:
  std::vector<int64_t> axes_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildSqueeze(const KernelBuildContext& context) {
  std::vector<int64_t> axes;
  // "axis", or the older "squeeze_dims"; absent means every size-1 dim.
  if (context.attrs.Has("axis")) {
    absl::StatusOr<std::vector<int64_t>> list = context.attrs.GetIntList("axis");
    if (!list.ok()) return list.status();
    axes = *std::move(list);
  }
  return std::make_unique<SqueezeKernel>(std::move(axes));
}

REGISTER_KERNEL("Reshape", ComputeReshape, {{"Tshape", IndexDtypes()}});
REGISTER_KERNEL("ExpandDims", ComputeExpandDims, {{"Tdim", IndexDtypes()}});
REGISTER_KERNEL_FACTORY("Squeeze", BuildSqueeze);

}  // namespace
}  // namespace tfjs::runtime::array
