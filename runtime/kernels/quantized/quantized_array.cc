// QuantizedReshape (Reshape passing the range through) and QuantizedConcat (inputs requantized
// into one range spanning them all).
#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/quantization_utils.h"

namespace tfjs::runtime::quantized {
namespace {

// The min or max of QuantizedReshape: a scalar or a one-element vector.
absl::StatusOr<float> ReshapeRange(const OpContext& context, int index, const char* name) {
  const Tensor& range = context.input(index);
  if (!(range.rank() == 0 || (range.rank() == 1 && range.dim(0) == 1))) {
    return context.Error(absl::StrCat(name, " must be a scalar or a vector of 1 element"));
  }
  return RangeValue(context, index, name);
}

// Reshape's rule: the requested dims, with one -1 standing for what the input's size leaves.
absl::StatusOr<Shape> ReshapeTo(const OpContext& context, const Tensor& input,
                                const Tensor& sizes) {
  if (sizes.rank() != 1) {
    return context.Error(absl::StrCat("sizes input must be 1-D, not ", ShapeString(sizes.shape())));
  }
  Shape shape;
  int unknown = -1;
  int64_t product = 1;
  for (int64_t i = 0; i < sizes.num_elements(); ++i) {
    const int64_t size =
        sizes.dtype() == tensorflow::DT_INT32 ? sizes.data<int32_t>()[i] : sizes.data<int64_t>()[i];
    if (size == -1) {
      if (unknown != -1) {
        return context.Error(
            absl::StrCat("Only one input size may be -1, not both ", unknown, " and ", i));
      }
      unknown = static_cast<int>(i);
      shape.push_back(1);
    } else if (size < 0) {
      return context.Error(absl::StrCat("Size ", i, " must be non-negative, not ", size));
    } else {
      shape.push_back(size);
      product *= size;
    }
  }
  const int64_t count = input.num_elements();
  if (unknown != -1) {
    if (product == 0 || count % product != 0) {
      return context.Error(
          absl::StrCat("Reshape cannot infer the missing input size for an "
                       "empty tensor unless all specified input sizes are "
                       "non-zero, or the input of ",
                       count, " values does not divide by ", product));
    }
    shape[unknown] = count / product;
    product *= shape[unknown];
  }
  if (product != count) {
    return context.Error(absl::StrCat("Input to reshape is a tensor with ", count,
                                      " values, but the requested shape has ", product));
  }
  return shape;
}

absl::Status ComputeQuantizedReshape(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const Tensor& input = context.input(0);
  absl::StatusOr<Shape> shape = ReshapeTo(context, input, context.input(1));
  if (!shape.ok()) return shape.status();
  absl::StatusOr<float> min = ReshapeRange(context, 2, "input_min");
  absl::StatusOr<float> max = ReshapeRange(context, 3, "input_max");
  if (!min.ok()) return min.status();
  if (!max.ok()) return max.status();
  absl::StatusOr<Tensor> output = input.Reshaped(*shape);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  context.set_output(1, FloatScalar(*min));
  context.set_output(2, FloatScalar(*max));
  return absl::OkStatus();
}

REGISTER_KERNEL("QuantizedReshape", ComputeQuantizedReshape,
                {{"T", {tensorflow::DT_QINT32, tensorflow::DT_QUINT8}},
                 {"Tshape", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

// QuantizedConcat: inputs are concat_dim, values[N], input_mins[N], input_maxes[N].
template <typename T>
absl::Status Concat(OpContext& context, int concat_dim, int n) {
  const Tensor& first = context.input(1);
  std::vector<std::pair<float, float>> ranges;
  float overall_min = std::numeric_limits<float>::max();
  float overall_max = std::numeric_limits<float>::lowest();
  for (int i = 0; i < n; ++i) {
    absl::StatusOr<float> min = RangeValue(context, 1 + n + i, "input_mins");
    absl::StatusOr<float> max = RangeValue(context, 1 + 2 * n + i, "input_maxes");
    if (!min.ok()) return min.status();
    if (!max.ok()) return max.status();
    ranges.emplace_back(*min, *max);
    overall_min = std::min(overall_min, *min);
    overall_max = std::max(overall_max, *max);
  }
  float output_min = overall_min;
  float output_max = overall_max;
  if (std::is_signed_v<T>) {
    // A range symmetric around zero for signed types.
    const float largest = std::max(std::abs(overall_min), std::abs(overall_max));
    output_min = -largest;
    output_max = largest;
  }
  int64_t outer = 1;
  for (int d = 0; d < concat_dim; ++d) outer *= first.dim(d);
  Shape output_shape = first.shape();
  int64_t concat_size = 0;
  for (int i = 0; i < n; ++i) {
    const Tensor& value = context.input(1 + i);
    if (value.dtype() != first.dtype()) return context.Error("values must share one dtype");
    if (value.rank() != first.rank()) {
      return context.Error(absl::StrCat(
          "ConcatOp : Ranks of all input tensors should match: shape[0] = ",
          ShapeString(first.shape()), " vs. shape[", i, "] = ", ShapeString(value.shape())));
    }
    for (int d = 0; d < first.rank(); ++d) {
      if (d != concat_dim && value.dim(d) != first.dim(d)) {
        return context.Error(absl::StrCat(
            "ConcatOp : Dimensions of inputs should match: shape[0] = ", ShapeString(first.shape()),
            " vs. shape[", i, "] = ", ShapeString(value.shape())));
      }
    }
    concat_size += value.dim(concat_dim);
  }
  output_shape[concat_dim] = concat_size;
  Tensor output = *Tensor::Allocate(first.dtype(), output_shape);
  T* out = output.mutable_data<T>();
  const int64_t out_row = outer == 0 ? 0 : output.num_elements() / outer;
  int64_t column = 0;
  for (int i = 0; i < n; ++i) {
    const Tensor& value = context.input(1 + i);
    if (value.num_elements() == 0) continue;
    const int64_t row = value.num_elements() / outer;
    const T* in = value.data<T>();
    const bool same_range = ranges[i].first == output_min && ranges[i].second == output_max;
    const FastDequantizer<T> dequantize(ranges[i].first, ranges[i].second);
    const FastQuantizer<T> quantize(output_min, output_max);
    for (int64_t r = 0; r < outer; ++r) {
      T* dst = out + r * out_row + column;
      const T* src = in + r * row;
      if (same_range) {
        std::memcpy(dst, src, row * sizeof(T));
      } else {
        for (int64_t j = 0; j < row; ++j) dst[j] = quantize(dequantize(src[j]));
      }
    }
    column += row;
  }
  context.set_output(0, std::move(output));
  context.set_output(1, FloatScalar(output_min));
  context.set_output(2, FloatScalar(output_max));
  return absl::OkStatus();
}

absl::Status ComputeQuantizedConcat(OpContext& context) {
  const int num_inputs = context.num_inputs();
  if (num_inputs < 4 || (num_inputs - 1) % 3 != 0) {
    return context.Error(absl::StrCat("expected concat_dim and N values, mins and maxes, got ",
                                      num_inputs, " inputs"));
  }
  const int n = (num_inputs - 1) / 3;
  const Tensor& dim = context.input(0);
  if (dim.dtype() != tensorflow::DT_INT32 || dim.rank() != 0) {
    return context.Error(absl::StrCat(
        "Concat dim tensor should be a scalar integer, but got shape ", ShapeString(dim.shape())));
  }
  const int concat_dim = dim.data<int32_t>()[0];
  const int rank = context.input(1).rank();
  if (concat_dim < 0 || concat_dim >= rank) {
    return context.Error(
        absl::StrCat("ConcatOp : Expected concatenating dimensions in the range [0, ", rank,
                     "), but got ", concat_dim));
  }
  switch (context.input(1).dtype()) {
    case tensorflow::DT_QUINT8:
      return Concat<uint8_t>(context, concat_dim, n);
    case tensorflow::DT_QINT32:
      return Concat<int32_t>(context, concat_dim, n);
    default:
      return context.Error("values must be quint8 or qint32");
  }
}

REGISTER_KERNEL("QuantizedConcat", ComputeQuantizedConcat,
                {{"T", {tensorflow::DT_QINT32, tensorflow::DT_QUINT8}}});

}  // namespace
}  // namespace tfjs::runtime::quantized
