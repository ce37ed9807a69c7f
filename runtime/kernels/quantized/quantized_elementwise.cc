// The quantized elementwise ops: QuantizedRelu, QuantizedRelu6, QuantizedReluX (clamps in the
// input's own range), QuantizedAdd and QuantizedMul (quint8 inputs to a qint32 result, with TF's
// limited broadcasting) and QuantizedBiasAdd.
#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/quantization_utils.h"

namespace tfjs::runtime::quantized {
namespace {

// --- QuantizedRelu, QuantizedRelu6, QuantizedReluX ---------------------------------------------

enum class ReluKind { kRelu, kRelu6, kReluX };

template <ReluKind kKind>
absl::Status ComputeQuantizedRelu(OpContext& context) {
  constexpr int kNumInputs = kKind == ReluKind::kReluX ? 4 : 3;
  constexpr int kMinIndex = kNumInputs - 2;
  if (absl::Status status = context.CheckNumInputs(kNumInputs, kNumInputs); !status.ok()) {
    return status;
  }
  const Tensor& input = context.input(0);
  absl::StatusOr<float> min_input = RangeValue(context, kMinIndex, "min_features");
  absl::StatusOr<float> max_input = RangeValue(context, kMinIndex + 1, "max_features");
  absl::StatusOr<float> max_value =
      kKind == ReluKind::kReluX ? RangeValue(context, 1, "max_value") : 6.0f;
  for (const absl::Status& status : {min_input.status(), max_input.status(), max_value.status()}) {
    if (!status.ok()) return status;
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  const bool dispatched = DispatchQuantized(input.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T low = FloatToQuantized<T>(0.0f, *min_input, *max_input);
    const T high = kKind == ReluKind::kRelu
                       ? std::numeric_limits<T>::max()
                       : FloatToQuantized<T>(*max_value, *min_input, *max_input);
    const T* in = input.data<T>();
    T* out = output->mutable_data<T>();
    for (int64_t i = 0; i < input.num_elements(); ++i) {
      out[i] = std::min(std::max(in[i], low), high);
    }
  });
  if (!dispatched) return context.Error("features must be a quantized dtype");
  context.set_output(0, *std::move(output));
  context.set_output(1, FloatScalar(*min_input));
  context.set_output(2, FloatScalar(*max_input));
  return absl::OkStatus();
}

// TF registers these only with out_type equal to Tinput.
absl::StatusOr<std::unique_ptr<Kernel>> BuildSameTypeRelu(const KernelBuildContext& context,
                                                          FunctionKernel::Function function) {
  absl::StatusOr<DataType> input_type = context.attrs.GetType("Tinput");
  absl::StatusOr<DataType> out_type = context.attrs.GetType("out_type");
  if (!input_type.ok()) return input_type.status();
  if (!out_type.ok()) return out_type.status();
  if (*input_type != *out_type) {
    return context.Error(absl::StrCat("out_type must equal Tinput (", DataTypeName(*input_type),
                                      "), got ", DataTypeName(*out_type)));
  }
  return std::make_unique<FunctionKernel>(function);
}

template <ReluKind kKind>
absl::StatusOr<std::unique_ptr<Kernel>> BuildQuantizedRelu(const KernelBuildContext& context) {
  return BuildSameTypeRelu(context, ComputeQuantizedRelu<kKind>);
}

const std::vector<DataType> kReluTypes = {tensorflow::DT_QINT32, tensorflow::DT_QUINT8};

REGISTER_KERNEL_FACTORY("QuantizedRelu", BuildQuantizedRelu<ReluKind::kRelu>,
                        {{"Tinput", kReluTypes}, {"out_type", kReluTypes}});
REGISTER_KERNEL_FACTORY("QuantizedRelu6", BuildQuantizedRelu<ReluKind::kRelu6>,
                        {{"Tinput", kReluTypes}, {"out_type", kReluTypes}});
REGISTER_KERNEL_FACTORY("QuantizedReluX", BuildQuantizedRelu<ReluKind::kReluX>,
                        {{"Tinput", kReluTypes}, {"out_type", kReluTypes}});

// --- QuantizedAdd and QuantizedMul --------------------------------------------------------------

// How many dims TF's BCast leaves after merging runs of dims that broadcast alike (dims that are
// 1 in both are dropped); at least 1.
int BroadcastGroups(const Shape& x, const Shape& y) {
  if (x == y) return 1;
  const size_t rank = std::max(x.size(), y.size());
  int groups = 0;
  bool have_previous = false;
  std::pair<bool, bool> previous;
  for (size_t j = 0; j < rank; ++j) {
    const int64_t x_dim = j < x.size() ? x[x.size() - 1 - j] : 1;
    const int64_t y_dim = j < y.size() ? y[y.size() - 1 - j] : 1;
    if (x_dim == 1 && y_dim == 1) continue;
    const std::pair<bool, bool> ones = {x_dim == 1, y_dim == 1};
    if (!have_previous || ones != previous) ++groups;
    previous = ones;
    have_previous = true;
  }
  return std::max(groups, 1);
}

// The broadcast output shape; InvalidArgument for incompatible shapes.
absl::StatusOr<Shape> BroadcastShape(const OpContext& context, const Shape& x, const Shape& y) {
  const size_t rank = std::max(x.size(), y.size());
  Shape out(rank);
  for (size_t j = 0; j < rank; ++j) {
    const int64_t x_dim = j < x.size() ? x[x.size() - 1 - j] : 1;
    const int64_t y_dim = j < y.size() ? y[y.size() - 1 - j] : 1;
    if (x_dim != y_dim && x_dim != 1 && y_dim != 1) {
      return context.Error(
          absl::StrCat("Incompatible shapes: ", ShapeString(x), " vs. ", ShapeString(y)));
    }
    out[rank - 1 - j] = x_dim == 1 ? y_dim : x_dim;
  }
  return out;
}

// quint8 codes of one range moved into a qint32 range, as TF's 8-to-32-bit fast path: the code
// of 0 plus a multiple of the code step, saturated.
class To32Bit {
 public:
  To32Bit(float min, float max, float output_min, float output_max) {
    const float code_0 = QuantizedToFloat<uint8_t>(0, min, max);
    const float code_1 = QuantizedToFloat<uint8_t>(1, min, max);
    code_0_ = FloatToQuantizedUnclamped<int32_t>(code_0, output_min, output_max);
    mult_ = static_cast<int32_t>(
        FloatToQuantizedUnclamped<int32_t>(code_1, output_min, output_max) - code_0_);
  }
  int32_t operator()(uint8_t value) const {
    return static_cast<int32_t>(std::clamp(code_0_ + static_cast<int64_t>(value) * mult_,
                                           Lowest<int32_t>(), Highest<int32_t>()));
  }

 private:
  int64_t code_0_;
  int32_t mult_;
};

// The two operands of QuantizedAdd/QuantizedMul and their ranges, checked as TF checks them.
struct BinaryOperands {
  const Tensor* x;
  const Tensor* y;
  float min_x, max_x, min_y, max_y;
  Shape output_shape;
  int groups;
};

absl::StatusOr<BinaryOperands> ReadBinaryOperands(const OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
  BinaryOperands operands{&context.input(0), &context.input(1)};
  const char* names[] = {"min_x", "max_x", "min_y", "max_y"};
  float* values[] = {&operands.min_x, &operands.max_x, &operands.min_y, &operands.max_y};
  for (int i = 0; i < 4; ++i) {
    absl::StatusOr<float> value = ScalarRangeValue(context, 2 + i, names[i]);
    if (!value.ok()) return value.status();
    *values[i] = *value;
  }
  for (const Tensor* operand : {operands.x, operands.y}) {
    if (operand->dtype() != tensorflow::DT_QUINT8) {
      return context.Error(
          absl::StrCat("x and y must be quint8, got ", DataTypeName(operand->dtype())));
    }
  }
  absl::StatusOr<Shape> shape = BroadcastShape(context, operands.x->shape(), operands.y->shape());
  if (!shape.ok()) return shape.status();
  operands.output_shape = *shape;
  if (!(operands.max_x > operands.min_x)) {
    return context.Error("max_x must be larger than min_x.");
  }
  if (!(operands.max_y > operands.min_y)) {
    return context.Error("max_y must be larger than min_y.");
  }
  operands.groups = BroadcastGroups(operands.x->shape(), operands.y->shape());
  return operands;
}

// Runs fn(output_index, x_index, y_index) over TF's three broadcast patterns: a scalar against
// a tensor, two tensors of one size, and (two merged dims) the smaller operand repeated over the
// larger one's flat elements. TF supports nothing else.
template <typename Fn>
absl::Status ForEachPair(const OpContext& context, const BinaryOperands& operands,
                         const char* empty_message, Fn&& fn) {
  const int64_t x_count = operands.x->num_elements();
  const int64_t y_count = operands.y->num_elements();
  const int64_t out_count = NumElements(operands.output_shape);
  if (operands.groups <= 1) {
    for (int64_t i = 0; i < out_count; ++i) {
      fn(i, x_count == 1 ? 0 : i, y_count == 1 ? 0 : i);
    }
    return absl::OkStatus();
  }
  const bool x_is_vector = x_count < y_count;
  const int64_t vector_count = x_is_vector ? x_count : y_count;
  const int64_t tensor_count = x_is_vector ? y_count : x_count;
  if (operands.groups == 2 && vector_count == 0) return context.Error(empty_message);
  if (operands.groups > 2 || tensor_count != out_count) {
    return absl::UnimplementedError(
        context
            .Error(absl::StrCat("Broadcast between ", ShapeString(operands.x->shape()), " and ",
                                ShapeString(operands.y->shape()), " is not supported yet."))
            .message());
  }
  for (int64_t i = 0; i < tensor_count; ++i) {
    const int64_t vector_i = i % vector_count;
    fn(i, x_is_vector ? vector_i : i, x_is_vector ? i : vector_i);
  }
  return absl::OkStatus();
}

absl::Status ComputeQuantizedAdd(OpContext& context) {
  absl::StatusOr<BinaryOperands> operands = ReadBinaryOperands(context);
  if (!operands.ok()) return operands.status();
  // A range symmetric around zero holding both inputs with room to spare.
  const float smallest_min = std::min(operands->min_x, operands->min_y);
  const float largest_max = std::max(operands->max_x, operands->max_y);
  const float biggest_range = std::max(std::abs(smallest_min), std::abs(largest_max));
  const float output_range = biggest_range * (1 << 14);
  const float min_z = -output_range;
  const float max_z = output_range;
  Tensor z = *Tensor::Allocate(tensorflow::DT_QINT32, operands->output_shape);
  const uint8_t* x = operands->x->data<uint8_t>();
  const uint8_t* y = operands->y->data<uint8_t>();
  int32_t* out = z.mutable_data<int32_t>();
  const To32Bit x_to_32(operands->min_x, operands->max_x, min_z, max_z);
  const To32Bit y_to_32(operands->min_y, operands->max_y, min_z, max_z);
  // A scalar operand goes through the exact float path, the others through the fast path.
  const bool x_scalar = operands->groups <= 1 && operands->x->num_elements() == 1;
  const bool y_scalar = operands->groups <= 1 && !x_scalar && operands->y->num_elements() == 1;
  const auto exact = [&](uint8_t value, float min, float max) {
    return RequantizeInNewRange<uint8_t, int32_t>(value, min, max, min_z, max_z);
  };
  absl::Status status = ForEachPair(
      context, *operands, "Must have some elements to add", [&](int64_t i, int64_t xi, int64_t yi) {
        const int32_t x_value =
            x_scalar ? exact(x[xi], operands->min_x, operands->max_x) : x_to_32(x[xi]);
        const int32_t y_value =
            y_scalar ? exact(y[yi], operands->min_y, operands->max_y) : y_to_32(y[yi]);
        out[i] =
            static_cast<int32_t>(static_cast<uint32_t>(x_value) + static_cast<uint32_t>(y_value));
      });
  if (!status.ok()) return status;
  context.set_output(0, std::move(z));
  context.set_output(1, FloatScalar(min_z));
  context.set_output(2, FloatScalar(max_z));
  return absl::OkStatus();
}

absl::Status ComputeQuantizedMul(OpContext& context) {
  absl::StatusOr<BinaryOperands> operands = ReadBinaryOperands(context);
  if (!operands.ok()) return operands.status();
  const int32_t offset_x = static_cast<int32_t>(
      FloatToQuantizedUnclamped<uint8_t>(0.0f, operands->min_x, operands->max_x));
  const int32_t offset_y = static_cast<int32_t>(
      FloatToQuantizedUnclamped<uint8_t>(0.0f, operands->min_y, operands->max_y));
  Tensor z = *Tensor::Allocate(tensorflow::DT_QINT32, operands->output_shape);
  const uint8_t* x = operands->x->data<uint8_t>();
  const uint8_t* y = operands->y->data<uint8_t>();
  int32_t* out = z.mutable_data<int32_t>();
  absl::Status status = ForEachPair(context, *operands, "vector must have at least 1 element",
                                    [&](int64_t i, int64_t xi, int64_t yi) {
                                      out[i] = (static_cast<int32_t>(x[xi]) - offset_x) *
                                               (static_cast<int32_t>(y[yi]) - offset_y);
                                    });
  if (!status.ok()) return status;
  float min_z, max_z;
  QuantizationRangeForMultiplication<uint8_t, uint8_t, int32_t>(
      operands->min_x, operands->max_x, operands->min_y, operands->max_y, &min_z, &max_z);
  context.set_output(0, std::move(z));
  context.set_output(1, FloatScalar(min_z));
  context.set_output(2, FloatScalar(max_z));
  return absl::OkStatus();
}

const KernelDtypes kAddMulDtypes = {{"T1", {tensorflow::DT_QUINT8}},
                                    {"T2", {tensorflow::DT_QUINT8}},
                                    {"Toutput", {tensorflow::DT_QINT32}}};
REGISTER_KERNEL("QuantizedAdd", ComputeQuantizedAdd, kAddMulDtypes);
REGISTER_KERNEL("QuantizedMul", ComputeQuantizedMul, kAddMulDtypes);

// --- QuantizedBiasAdd ---------------------------------------------------------------------------

template <typename T>
void QuantizedBiasAdd(const Tensor& input, float input_min, float input_max, const Tensor& bias,
                      float bias_min, float bias_max, float total_min, float total_max,
                      int32_t* out) {
  const int32_t zero = FloatToQuantized<int32_t>(0.0f, total_min, total_max);
  const FastDequantizer<T> input_dequantize(input_min, input_max);
  const FastDequantizer<T> bias_dequantize(bias_min, bias_max);
  const FastQuantizer<int32_t> quantize(total_min, total_max);
  const T* in = input.data<T>();
  const T* b = bias.data<T>();
  const int64_t bias_count = bias.num_elements();
  std::vector<int32_t> bias_total(bias_count);
  for (int64_t c = 0; c < bias_count; ++c) bias_total[c] = quantize(bias_dequantize(b[c]));
  for (int64_t i = 0; i < input.num_elements(); ++i) {
    const uint32_t bias_and_zero =
        static_cast<uint32_t>(bias_total[i % bias_count]) + static_cast<uint32_t>(zero);
    out[i] = static_cast<int32_t>(static_cast<uint32_t>(quantize(input_dequantize(in[i]))) +
                                  bias_and_zero);
  }
}

absl::Status ComputeQuantizedBiasAdd(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
  const Tensor& input = context.input(0);
  const Tensor& bias = context.input(1);
  float ranges[4];
  const char* names[] = {"min_input", "max_input", "min_bias", "max_bias"};
  for (int i = 0; i < 4; ++i) {
    absl::StatusOr<float> value = RangeValue(context, 2 + i, names[i]);
    if (!value.ok()) return value.status();
    ranges[i] = *value;
  }
  if (input.rank() < 2) {
    return context.Error(
        absl::StrCat("Input tensor must be at least 2D: ", ShapeString(input.shape())));
  }
  if (bias.rank() != 1) {
    return context.Error(absl::StrCat("Biases must be 1D: ", ShapeString(bias.shape())));
  }
  if (bias.dim(0) != input.dim(input.rank() - 1)) {
    return context.Error(
        absl::StrCat("Must provide as many biases as the last dimension of the input tensor: ",
                     ShapeString(bias.shape()), " vs. ", ShapeString(input.shape())));
  }
  if (input.dtype() != bias.dtype()) {
    return context.Error("input and bias must have the same dtype");
  }
  // A range symmetric around zero, 2^17 times the largest input magnitude.
  const float total_max =
      std::max(ranges[1], std::max(-ranges[0], std::max(ranges[3], -ranges[2]))) * (1 << 17);
  const float total_min = -total_max;
  Tensor output = *Tensor::Allocate(tensorflow::DT_QINT32, input.shape());
  if (input.num_elements() > 0) {
    if (input.dtype() == tensorflow::DT_QUINT8) {
      QuantizedBiasAdd<uint8_t>(input, ranges[0], ranges[1], bias, ranges[2], ranges[3], total_min,
                                total_max, output.mutable_data<int32_t>());
    } else {
      QuantizedBiasAdd<int8_t>(input, ranges[0], ranges[1], bias, ranges[2], ranges[3], total_min,
                               total_max, output.mutable_data<int32_t>());
    }
  }
  context.set_output(0, std::move(output));
  context.set_output(1, FloatScalar(total_min));
  context.set_output(2, FloatScalar(total_max));
  return absl::OkStatus();
}

// TF registers (quint8, quint8) and (qint8, qint8); mixed pairs are refused when computing.
REGISTER_KERNEL("QuantizedBiasAdd", ComputeQuantizedBiasAdd,
                {{"T1", {tensorflow::DT_QINT8, tensorflow::DT_QUINT8}},
                 {"T2", {tensorflow::DT_QINT8, tensorflow::DT_QUINT8}},
                 {"out_type", {tensorflow::DT_QINT32}}});

}  // namespace
}  // namespace tfjs::runtime::quantized
