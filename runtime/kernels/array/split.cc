// Split, SplitV and Unpack: one input cut along an axis into several outputs.
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/element_types.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"

namespace tfjs::runtime::array {
namespace {

// Sets outputs 0.. to consecutive pieces of `input` along `axis` with the given
// sizes (which sum to the axis' size); `drop_axis` removes the axis from the
// outputs' shapes (Unpack).
absl::Status SplitAlongAxis(OpContext& context, const Tensor& input, int axis,
                            absl::Span<const int64_t> sizes, bool drop_axis) {
  if (sizes.size() == 1 && !drop_axis) {
    context.set_output(0, input);
    return absl::OkStatus();
  }
  const Shape& shape = input.shape();
  const int64_t outer = DimProduct(shape, 0, axis);
  const int64_t inner = DimProduct(shape, axis + 1, input.rank());
  const int64_t input_row = shape[axis] * inner;
  int64_t begin = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    Shape piece_shape = shape;
    piece_shape[axis] = sizes[i];
    if (drop_axis) piece_shape.erase(piece_shape.begin() + axis);
    absl::StatusOr<Tensor> piece = AllocateOutput(context, input.dtype(), piece_shape);
    if (!piece.ok()) return piece.status();
    const int64_t row = sizes[i] * inner;
    absl::Status status = DispatchByElement(input.dtype(), [&](auto tag) {
      using T = decltype(tag);
      const int64_t copy_shape[] = {outer, row};
      const int64_t src_strides[] = {input_row, 1};
      const int64_t dst_strides[] = {row, 1};
      StridedCopy<T>(copy_shape, ElementsOf<T>(input) + begin * inner, src_strides,
                     MutableElementsOf<T>(*piece), dst_strides, context.threadpool());
      return absl::OkStatus();
    });
    if (!status.ok()) return context.Error(status.message());
    context.set_output(static_cast<int>(i), *std::move(piece));
    begin += sizes[i];
  }
  return absl::OkStatus();
}

// The split axis from input `axis_input`, checked against `rank`.
absl::StatusOr<int> SplitAxis(const OpContext& context, int axis_input, int rank) {
  absl::StatusOr<int64_t> axis = IndexScalar(context, axis_input, "split_dim");
  if (!axis.ok()) return axis.status();
  const int normalized = NormalizeAxis(*axis, rank);
  if (normalized < 0) {
    return context.Error(absl::StrCat("-input rank(-", rank, ") <= split_dim < input rank (", rank,
                                      "), but got ", *axis));
  }
  return normalized;
}

class SplitKernel : public Kernel {
 public:
  explicit SplitKernel(int64_t num_split) : num_split_(num_split) {}

  absl::Status Compute(OpContext& context) const override {
    constexpr int kAxisInput = 0;
    constexpr int kValueInput = 1;
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& input = context.input(kValueInput);
    absl::StatusOr<int> axis = SplitAxis(context, kAxisInput, input.rank());
    if (!axis.ok()) return axis.status();
    const int64_t size = input.dim(*axis);
    if (size % num_split_ != 0) {
      return context.Error(
          absl::StrCat("Number of ways to split should evenly divide the split dimension, "
                       "but got split_dim ",
                       *axis, " (size = ", size, ") and num_split ", num_split_));
    }
    const std::vector<int64_t> sizes(num_split_, size / num_split_);
    return SplitAlongAxis(context, input, *axis, sizes, /*drop_axis=*/false);
  }

 private:
  int64_t num_split_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildSplit(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> num_split = context.attrs.GetInt("num_split");
  if (!num_split.ok()) return num_split.status();
  if (*num_split <= 0) {
    return context.Error(
        absl::StrCat("Number of ways to split should be > 0, but got ", *num_split));
  }
  return std::make_unique<SplitKernel>(*num_split);
}

absl::Status ComputeSplitV(OpContext& context) {
  constexpr int kValueInput = 0;
  constexpr int kSizesInput = 1;
  constexpr int kAxisInput = 2;
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& input = context.input(kValueInput);
  absl::StatusOr<std::vector<int64_t>> sizes = IndexVector(context, kSizesInput, "size_splits");
  if (!sizes.ok()) return sizes.status();
  absl::StatusOr<int> axis = SplitAxis(context, kAxisInput, input.rank());
  if (!axis.ok()) return axis.status();
  if (sizes->empty()) return context.Error("Number of ways to split should be > 0, but got 0");
  const int64_t size = input.dim(*axis);
  int inferred = -1;
  int64_t known_sum = 0;
  for (size_t d = 0; d < sizes->size(); ++d) {
    const int64_t value = (*sizes)[d];
    if (value == -1) {
      if (inferred != -1) return context.Error("There can only be one -1 in the input.");
      inferred = static_cast<int>(d);
    } else if (value < 0) {
      return context.Error(absl::StrCat("Split size at index ", d, " must be >= 0. Got: ", value));
    } else {
      known_sum += value;
    }
  }
  if ((inferred == -1 && known_sum != size) || (inferred != -1 && known_sum > size)) {
    return context.Error(
        absl::StrCat("Determined shape must either match input shape along "
                     "split_dim exactly if fully "
                     "specified, or be less than the size of the input along "
                     "split_dim if not fully "
                     "specified.  Got: ",
                     known_sum, " vs. ", size));
  }
  if (inferred != -1) (*sizes)[inferred] = size - known_sum;
  return SplitAlongAxis(context, input, *axis, *sizes, /*drop_axis=*/false);
}

class UnpackKernel : public Kernel {
 public:
  UnpackKernel(int64_t axis, int64_t num) : axis_(axis), num_(num) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(0);
    const int axis = NormalizeAxis(axis_, input.rank());
    if (axis < 0) {
      return context.Error(
          absl::StrCat("axis = ", axis_, " not in [", -input.rank(), ", ", input.rank(), ")"));
    }
    if (num_ > 0 && input.dim(axis) != num_) {
      return context.Error(absl::StrCat("Input shape axis ", axis, " must equal ", num_,
                                        ", got shape ", ShapeString(input.shape())));
    }
    const std::vector<int64_t> sizes(input.dim(axis), 1);
    return SplitAlongAxis(context, input, axis, sizes, /*drop_axis=*/true);
  }

 private:
  int64_t axis_;
  int64_t num_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildUnpack(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> axis = context.attrs.GetInt("axis");
  if (!axis.ok()) return axis.status();
  absl::StatusOr<int64_t> num = context.attrs.GetInt("num");
  if (!num.ok()) return num.status();
  return std::make_unique<UnpackKernel>(*axis, *num);
}

REGISTER_KERNEL_FACTORY("Split", BuildSplit,
                        {{"T", With(With(With(dtypes::All(), {tensorflow::DT_QUINT8}), kFloat8), kInt4)}});
REGISTER_KERNEL("SplitV", ComputeSplitV,
                {{"T", With(With(With(dtypes::All(), {tensorflow::DT_QUINT8}), kFloat8), kInt4)},
                 {"Tlen", {tensorflow::DT_INT8, tensorflow::DT_INT32, tensorflow::DT_INT64}}});
REGISTER_KERNEL_FACTORY("Unpack", BuildUnpack, {{"T", With(dtypes::All(), kFloat8)}});

}  // namespace
}  // namespace tfjs::runtime::array
