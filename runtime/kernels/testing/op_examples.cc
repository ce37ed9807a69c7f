#include "runtime/kernels/testing/op_examples.h"

#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/half.h"

namespace tfjs::runtime::testing {
namespace {

std::vector<OpExample>& Registry() {
  static auto* examples = new std::vector<OpExample>();
  return *examples;
}

template <typename T>
absl::Status FillInteger(const std::vector<double>& values, Tensor& tensor,
                         double min = static_cast<double>(std::numeric_limits<T>::min()),
                         double max = static_cast<double>(std::numeric_limits<T>::max())) {
  T* out = tensor.mutable_data<T>();
  for (size_t i = 0; i < values.size(); ++i) {
    const double value = values[i];
    if (value != std::floor(value) || value < min || value > max) {
      return absl::InvalidArgumentError(
          absl::StrCat("value ", value, " does not fit ", DataTypeName(tensor.dtype())));
    }
    out[i] = static_cast<T>(value);
  }
  return absl::OkStatus();
}

template <typename T>
void FillCast(const std::vector<double>& values, Tensor& tensor) {
  T* out = tensor.mutable_data<T>();
  for (size_t i = 0; i < values.size(); ++i) out[i] = static_cast<T>(values[i]);
}

// The example value a DT_VARIANT or DT_RESOURCE element of an example holds, so layout kernels
// can be checked on handles as on numbers.
// Its ZerosLike, Add and Conj are the number's, so those examples hold for variants too; it prints
// and encodes as the number's text.
struct ExampleVariant : VariantValue {
  explicit ExampleVariant(double value) : value(value) {}
  std::string TypeName() const override { return "ExampleVariant"; }
  std::string DebugString() const override { return absl::StrCat(value); }
  absl::Status Encode(std::string* metadata, std::vector<Tensor>*) const override {
    *metadata = DebugString();
    return absl::OkStatus();
  }
  absl::StatusOr<std::shared_ptr<const VariantValue>> Conj() const override {
    return std::make_shared<const ExampleVariant>(value);
  }
  absl::StatusOr<std::shared_ptr<const VariantValue>> ZerosLike() const override {
    return std::make_shared<const ExampleVariant>(0.0);
  }
  absl::StatusOr<std::shared_ptr<const VariantValue>> Add(
      const VariantValue& other) const override {
    const auto* addend = dynamic_cast<const ExampleVariant*>(&other);
    if (addend == nullptr) return absl::InvalidArgumentError("not an example variant");
    return std::make_shared<const ExampleVariant>(value + addend->value);
  }
  double value;
};
struct ExampleResource : Resource {
  explicit ExampleResource(double value) : value(value) {}
  double value;
};

absl::Status ReadHandles(const Tensor& tensor, std::vector<double>& out) {
  for (int64_t i = 0; i < tensor.num_elements(); ++i) {
    const double* value = nullptr;
    if (tensor.dtype() == tensorflow::DT_VARIANT) {
      const auto* variant = dynamic_cast<const ExampleVariant*>(tensor.variant(i));
      if (variant != nullptr) value = &variant->value;
    } else if (const auto* resource = tensor.resource<ExampleResource>(i)) {
      value = &resource->value;
    }
    if (value == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "element ", i, " of a ", DataTypeName(tensor.dtype()), " tensor holds no example value"));
    }
    out.push_back(*value);
  }
  return absl::OkStatus();
}

// The value of a float8 byte: e5m2 (IEEE-like, with infinities) or e4m3fn (bias 7, no
// infinities, NaN only at S.1111.111).
double Float8Value(DataType dtype, uint8_t bits) {
  const bool e5m2 = dtype == tensorflow::DT_FLOAT8_E5M2;
  const int mantissa_bits = e5m2 ? 2 : 3;
  const int bias = e5m2 ? 15 : 7;
  const int exponent = (bits & 0x7f) >> mantissa_bits;
  const int mantissa = bits & ((1 << mantissa_bits) - 1);
  const double sign = (bits & 0x80) != 0 ? -1.0 : 1.0;
  const int max_exponent = (1 << (7 - mantissa_bits)) - 1;
  if (e5m2 && exponent == max_exponent) {
    return mantissa == 0 ? sign * std::numeric_limits<double>::infinity()
                         : std::numeric_limits<double>::quiet_NaN();
  }
  if (!e5m2 && exponent == max_exponent && mantissa == 7) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (exponent == 0) return sign * std::ldexp(mantissa, 1 - bias - mantissa_bits);
  return sign * std::ldexp((1 << mantissa_bits) + mantissa, exponent - bias - mantissa_bits);
}

// The float8 byte holding exactly `value`; InvalidArgument when none does.
absl::StatusOr<uint8_t> Float8Bits(DataType dtype, double value) {
  for (int bits = 0; bits < 256; ++bits) {
    if (Float8Value(dtype, static_cast<uint8_t>(bits)) == value) return static_cast<uint8_t>(bits);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("value ", value, " is not exact in ", DataTypeName(dtype)));
}

template <typename T>
void ReadCast(const Tensor& tensor, std::vector<double>& out) {
  for (T value : tensor.values<T>()) out.push_back(static_cast<double>(value));
}

}  // namespace

ExampleTensor X(Shape shape, std::vector<double> values) {
  return ExampleTensor{std::move(shape), std::move(values), tensorflow::DT_INVALID};
}

ExampleTensor Fixed(DataType dtype, Shape shape, std::vector<double> values) {
  return ExampleTensor{std::move(shape), std::move(values), dtype};
}

ExampleTensor Bytes(Shape shape, std::vector<std::string> strings) {
  ExampleTensor tensor{std::move(shape), {}, tensorflow::DT_STRING};
  tensor.strings = std::move(strings);
  return tensor;
}

bool RegisterOpExamples(std::vector<OpExample> examples) {
  for (OpExample& example : examples) Registry().push_back(std::move(example));
  return true;
}

const std::vector<OpExample>& AllOpExamples() { return Registry(); }

absl::StatusOr<Tensor> ExampleToTensor(const ExampleTensor& example, DataType dtype_under_test) {
  const DataType dtype = example.dtype == tensorflow::DT_INVALID ? dtype_under_test : example.dtype;
  absl::StatusOr<Tensor> allocated = Tensor::Allocate(dtype, example.shape);
  if (!allocated.ok()) return allocated.status();
  Tensor tensor = *std::move(allocated);
  if (!example.strings.empty() || (dtype == tensorflow::DT_STRING && example.values.empty())) {
    if (dtype != tensorflow::DT_STRING ||
        static_cast<int64_t>(example.strings.size()) != tensor.num_elements()) {
      return absl::InvalidArgumentError(absl::StrCat("example string tensor of shape ",
                                                     ShapeString(example.shape), " has ",
                                                     example.strings.size(), " strings"));
    }
    tensor.mutable_strings() = example.strings;
    return tensor;
  }
  if (static_cast<int64_t>(example.values.size()) != tensor.num_elements()) {
    return absl::InvalidArgumentError(absl::StrCat("example tensor of shape ",
                                                   ShapeString(example.shape), " has ",
                                                   example.values.size(), " values"));
  }
  const std::vector<double>& values = example.values;
  switch (dtype) {
    case tensorflow::DT_FLOAT:
      FillCast<float>(values, tensor);
      break;
    case tensorflow::DT_DOUBLE:
      FillCast<double>(values, tensor);
      break;
    case tensorflow::DT_HALF:
      for (size_t i = 0; i < values.size(); ++i) {
        tensor.mutable_data<uint16_t>()[i] = FloatToHalf(static_cast<float>(values[i]));
      }
      break;
    case tensorflow::DT_BFLOAT16:
      for (size_t i = 0; i < values.size(); ++i) {
        tensor.mutable_data<uint16_t>()[i] = FloatToBFloat16(static_cast<float>(values[i]));
      }
      break;
    case tensorflow::DT_INT8:
      if (absl::Status status = FillInteger<int8_t>(values, tensor); !status.ok()) return status;
      break;
    case tensorflow::DT_INT16:
      if (absl::Status status = FillInteger<int16_t>(values, tensor); !status.ok()) return status;
      break;
    case tensorflow::DT_INT32:
    case tensorflow::DT_QINT32:
      if (absl::Status status = FillInteger<int32_t>(values, tensor); !status.ok()) return status;
      break;
    case tensorflow::DT_INT64:
      if (absl::Status status = FillInteger<int64_t>(values, tensor); !status.ok()) return status;
      break;
    case tensorflow::DT_UINT8:
    case tensorflow::DT_QUINT8:
      if (absl::Status status = FillInteger<uint8_t>(values, tensor); !status.ok()) return status;
      break;
    case tensorflow::DT_QINT8:
      if (absl::Status status = FillInteger<int8_t>(values, tensor); !status.ok()) return status;
      break;
    case tensorflow::DT_INT4:
      if (absl::Status status = FillInteger<int8_t>(values, tensor, -8, 7); !status.ok()) {
        return status;
      }
      break;
    case tensorflow::DT_UINT4:
      if (absl::Status status = FillInteger<uint8_t>(values, tensor, 0, 15); !status.ok()) {
        return status;
      }
      break;
    case tensorflow::DT_UINT16:
    case tensorflow::DT_QUINT16:
      if (absl::Status status = FillInteger<uint16_t>(values, tensor); !status.ok()) return status;
      break;
    case tensorflow::DT_QINT16:
      if (absl::Status status = FillInteger<int16_t>(values, tensor); !status.ok()) return status;
      break;
    case tensorflow::DT_UINT32:
      if (absl::Status status = FillInteger<uint32_t>(values, tensor); !status.ok()) return status;
      break;
    case tensorflow::DT_UINT64:
      if (absl::Status status = FillInteger<uint64_t>(values, tensor); !status.ok()) return status;
      break;
    case tensorflow::DT_BOOL:
      for (size_t i = 0; i < values.size(); ++i) tensor.mutable_data<bool>()[i] = values[i] != 0;
      break;
    case tensorflow::DT_COMPLEX64:
      for (size_t i = 0; i < values.size(); ++i) {
        tensor.mutable_data<std::complex<float>>()[i] = static_cast<float>(values[i]);
      }
      break;
    case tensorflow::DT_COMPLEX128:
      for (size_t i = 0; i < values.size(); ++i) {
        tensor.mutable_data<std::complex<double>>()[i] = values[i];
      }
      break;
    case tensorflow::DT_STRING:
      for (size_t i = 0; i < values.size(); ++i) {
        tensor.mutable_strings()[i] = absl::StrCat(values[i]);
      }
      break;
    case tensorflow::DT_FLOAT8_E5M2:
    case tensorflow::DT_FLOAT8_E4M3FN:
      for (size_t i = 0; i < values.size(); ++i) {
        absl::StatusOr<uint8_t> bits = Float8Bits(dtype, values[i]);
        if (!bits.ok()) return bits.status();
        tensor.mutable_data<uint8_t>()[i] = *bits;
      }
      break;
    case tensorflow::DT_VARIANT:
      for (size_t i = 0; i < values.size(); ++i) {
        tensor.mutable_handles()[i] = std::make_shared<const ExampleVariant>(values[i]);
      }
      break;
    case tensorflow::DT_RESOURCE:
      for (size_t i = 0; i < values.size(); ++i) {
        tensor.mutable_handles()[i] =
            std::shared_ptr<Resource>(std::make_shared<ExampleResource>(values[i]));
      }
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("examples cannot hold dtype ", DataTypeName(dtype)));
  }
  return tensor;
}

absl::StatusOr<std::vector<double>> TensorToDoubles(const Tensor& tensor) {
  std::vector<double> out;
  switch (tensor.dtype()) {
    case tensorflow::DT_FLOAT:
      ReadCast<float>(tensor, out);
      break;
    case tensorflow::DT_DOUBLE:
      ReadCast<double>(tensor, out);
      break;
    case tensorflow::DT_HALF:
      for (uint16_t bits : tensor.values<uint16_t>()) out.push_back(HalfToFloat(bits));
      break;
    case tensorflow::DT_BFLOAT16:
      for (uint16_t bits : tensor.values<uint16_t>()) out.push_back(BFloat16ToFloat(bits));
      break;
    case tensorflow::DT_INT8:
    case tensorflow::DT_QINT8:
    case tensorflow::DT_INT4:
      ReadCast<int8_t>(tensor, out);
      break;
    case tensorflow::DT_INT16:
    case tensorflow::DT_QINT16:
      ReadCast<int16_t>(tensor, out);
      break;
    case tensorflow::DT_INT32:
    case tensorflow::DT_QINT32:
      ReadCast<int32_t>(tensor, out);
      break;
    case tensorflow::DT_INT64:
      ReadCast<int64_t>(tensor, out);
      break;
    case tensorflow::DT_UINT8:
    case tensorflow::DT_QUINT8:
    case tensorflow::DT_UINT4:
      ReadCast<uint8_t>(tensor, out);
      break;
    case tensorflow::DT_UINT16:
    case tensorflow::DT_QUINT16:
      ReadCast<uint16_t>(tensor, out);
      break;
    case tensorflow::DT_UINT32:
      ReadCast<uint32_t>(tensor, out);
      break;
    case tensorflow::DT_UINT64:
      ReadCast<uint64_t>(tensor, out);
      break;
    case tensorflow::DT_BOOL:
      ReadCast<bool>(tensor, out);
      break;
    case tensorflow::DT_COMPLEX64:
      for (std::complex<float> value : tensor.values<std::complex<float>>()) {
        if (value.imag() != 0) return absl::InvalidArgumentError("complex value with imag part");
        out.push_back(value.real());
      }
      break;
    case tensorflow::DT_COMPLEX128:
      for (std::complex<double> value : tensor.values<std::complex<double>>()) {
        if (value.imag() != 0) return absl::InvalidArgumentError("complex value with imag part");
        out.push_back(value.real());
      }
      break;
    case tensorflow::DT_FLOAT8_E5M2:
    case tensorflow::DT_FLOAT8_E4M3FN:
      for (uint8_t bits : tensor.values<uint8_t>())
        out.push_back(Float8Value(tensor.dtype(), bits));
      break;
    case tensorflow::DT_VARIANT:
    case tensorflow::DT_RESOURCE:
      if (absl::Status status = ReadHandles(tensor, out); !status.ok()) return status;
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("examples cannot compare dtype ", DataTypeName(tensor.dtype())));
  }
  return out;
}

}  // namespace tfjs::runtime::testing
