// Pad, PadV2 (a constant border) and MirrorPad (a border reflecting the input).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/element_types.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kPaddings = 1;
constexpr int kConstant = 2;

// Paddings as (before, after) pairs, one per input dim, checked to be non-negative.
absl::StatusOr<std::vector<std::pair<int64_t, int64_t>>> ReadPaddings(const OpContext& context) {
  const Tensor& input = context.input(kInput);
  const Tensor& paddings = context.input(kPaddings);
  if (paddings.rank() != 2 || paddings.dim(1) != 2) {
    return context.Error(
        absl::StrCat("paddings must be a matrix with 2 columns: ", ShapeString(paddings.shape())));
  }
  if (paddings.dim(0) != input.rank()) {
    return context.Error(absl::StrCat("The first dimension of paddings must be the rank of inputs",
                                      ShapeString(paddings.shape()), " ",
                                      ShapeString(input.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> values = IndexValues(context, kPaddings, "paddings");
  if (!values.ok()) return values.status();
  std::vector<std::pair<int64_t, int64_t>> pairs;
  for (int d = 0; d < input.rank(); ++d) {
    const int64_t before = (*values)[2 * d];
    const int64_t after = (*values)[2 * d + 1];
    if (before < 0 || after < 0) {
      return context.Error(absl::StrCat("Paddings must be non-negative: ", before, " ", after));
    }
    pairs.emplace_back(before, after);
  }
  return pairs;
}

Shape PaddedShape(const Shape& shape, absl::Span<const std::pair<int64_t, int64_t>> paddings) {
  Shape padded = shape;
  for (size_t d = 0; d < shape.size(); ++d) padded[d] += paddings[d].first + paddings[d].second;
  return padded;
}

// Pad (zeros, empty strings) and PadV2 (input 2 is the scalar border value).
absl::Status ComputeConstantPad(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 3); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  const bool has_constant = context.num_inputs() == 3;
  if (has_constant) {
    const Tensor& constant = context.input(kConstant);
    if (constant.rank() != 0) {
      return context.Error(
          absl::StrCat("constant_values must be a scalar. Got: ", ShapeString(constant.shape())));
    }
    if (constant.dtype() != input.dtype()) {
      return context.Error(absl::StrCat("constant_values has dtype ",
                                        DataTypeName(constant.dtype()), ", input has ",
                                        DataTypeName(input.dtype())));
    }
  }
  absl::StatusOr<std::vector<std::pair<int64_t, int64_t>>> paddings = ReadPaddings(context);
  if (!paddings.ok()) return paddings.status();
  const Shape output_shape = PaddedShape(input.shape(), *paddings);
  if (output_shape == input.shape()) {
    context.set_output(0, input);
    return absl::OkStatus();
  }
  absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), output_shape);
  if (!output.ok()) return output.status();
  absl::Status status = DispatchByElement(input.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T border = has_constant ? ElementsOf<T>(context.input(kConstant))[0] : T{};
    std::fill_n(MutableElementsOf<T>(*output), output->num_elements(), border);
    return absl::OkStatus();
  });
  if (!status.ok()) return context.Error(status.message());
  const std::vector<int64_t> output_strides = RowMajorStrides(output_shape);
  int64_t offset = 0;
  for (int d = 0; d < input.rank(); ++d) offset += (*paddings)[d].first * output_strides[d];
  if (absl::Status copied =
          CopyTensorView(context, input.shape(), input, 0, RowMajorStrides(input.shape()), *output,
                         offset, output_strides);
      !copied.ok()) {
    return copied;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// Copies dims [dim, rank) of the output, reading input index maps[d][i] for output index i.
template <typename T>
void GatherByDimMaps(const std::vector<std::vector<int64_t>>& maps,
                     const std::vector<int64_t>& input_strides,
                     const std::vector<int64_t>& output_strides, size_t dim, const T* src, T* dst) {
  const std::vector<int64_t>& map = maps[dim];
  if (dim + 1 == maps.size()) {
    for (size_t i = 0; i < map.size(); ++i) dst[i] = src[map[i]];
    return;
  }
  for (size_t i = 0; i < map.size(); ++i) {
    GatherByDimMaps(maps, input_strides, output_strides, dim + 1, src + map[i] * input_strides[dim],
                    dst + i * output_strides[dim]);
  }
}

class MirrorPadKernel : public Kernel {
 public:
  // REFLECT leaves out the edge (offset 1), SYMMETRIC repeats it (offset 0).
  explicit MirrorPadKernel(int offset) : offset_(offset) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    absl::StatusOr<std::vector<std::pair<int64_t, int64_t>>> paddings = ReadPaddings(context);
    if (!paddings.ok()) return paddings.status();
    const int rank = input.rank();
    std::vector<std::vector<int64_t>> maps(rank);
    for (int d = 0; d < rank; ++d) {
      const int64_t dim = input.dim(d);
      const auto [before, after] = (*paddings)[d];
      if (before > dim - offset_ || after > dim - offset_) {
        return context.Error(absl::StrCat("paddings must be less than the dimension size: ", before,
                                          ", ", after, " greater than ", dim - offset_));
      }
      for (int64_t i = -before; i < dim + after; ++i) {
        if (i < 0) {
          maps[d].push_back(-i - 1 + offset_);
        } else if (i >= dim) {
          maps[d].push_back(2 * dim - 1 - offset_ - i);
        } else {
          maps[d].push_back(i);
        }
      }
    }
    const Shape output_shape = PaddedShape(input.shape(), *paddings);
    if (output_shape == input.shape()) {
      context.set_output(0, input);
      return absl::OkStatus();
    }
    absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), output_shape);
    if (!output.ok()) return output.status();
    if (output->num_elements() > 0) {
      const std::vector<int64_t> input_strides = RowMajorStrides(input.shape());
      const std::vector<int64_t> output_strides = RowMajorStrides(output_shape);
      absl::Status status = DispatchByElement(input.dtype(), [&](auto tag) {
        using T = decltype(tag);
        GatherByDimMaps<T>(maps, input_strides, output_strides, 0, ElementsOf<T>(input),
                           MutableElementsOf<T>(*output));
        return absl::OkStatus();
      });
      if (!status.ok()) return context.Error(status.message());
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  int offset_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildMirrorPad(const KernelBuildContext& context) {
  absl::StatusOr<std::string> mode = context.attrs.GetString("mode");
  if (!mode.ok()) return mode.status();
  if (*mode == "REFLECT") return std::make_unique<MirrorPadKernel>(1);
  if (*mode == "SYMMETRIC") return std::make_unique<MirrorPadKernel>(0);
  return context.Error(absl::StrCat("mode must be REFLECT or SYMMETRIC, got '", *mode, "'"));
}

REGISTER_KERNEL("Pad", ComputeConstantPad,
                {{"T", With(dtypes::PodString(), kQuantized8And32)}, {"Tpaddings", IndexDtypes()}});
REGISTER_KERNEL("PadV2", ComputeConstantPad,
                {{"T", With(dtypes::PodString(), kQuantized8And32)}, {"Tpaddings", IndexDtypes()}});
REGISTER_KERNEL_FACTORY("MirrorPad", BuildMirrorPad,
                        {{"T", With(dtypes::PodString(), kQuantized8And32)},
                         {"Tpaddings", IndexDtypes()}});

}  // namespace
}  // namespace tfjs::runtime::array
