#include "converter/writer/weight_encoding.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "proto/types.pb.h"
#include "runtime/half.h"

namespace tfjs::converter {
namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "weights are copied as host bytes and TF.js reads little-endian");

using tensorflow::DataType;
using tensorflow::TensorProto;

// Guards the byte arithmetic; no browser loads a weight anywhere near this large.
constexpr int64_t kMaxElements = int64_t{1} << 40;

struct DtypeRule {
  DataType tf_dtype;
  bool native_only;  // Written only for --op_target=native.
  const char* manifest_dtype;
  const char* converted_from;  // "" when written as is.
  int source_bytes;            // Element size in tensor_content; 0 for strings.
  int output_bytes;
};

// write_weights' _OUTPUT_DTYPES and _AUTO_DTYPE_CONVERSION, then the exact widenings only the
// native runtime reads (it narrows them back to the dtype the Const declares).
constexpr DtypeRule kDtypeRules[] = {
    {tensorflow::DT_FLOAT, false, "float32", "", 4, 4},
    {tensorflow::DT_DOUBLE, false, "float32", "float64", 8, 4},
    {tensorflow::DT_INT32, false, "int32", "", 4, 4},
    {tensorflow::DT_INT64, false, "int32", "int64", 8, 4},
    {tensorflow::DT_BOOL, false, "bool", "", 1, 1},
    {tensorflow::DT_STRING, false, "string", "", 0, 0},
    {tensorflow::DT_HALF, false, "float32", "float16", 2, 4},
    {tensorflow::DT_UINT8, false, "uint8", "", 1, 1},
    {tensorflow::DT_UINT16, false, "uint16", "", 2, 2},
    {tensorflow::DT_COMPLEX64, false, "complex64", "", 8, 8},
    {tensorflow::DT_COMPLEX128, false, "complex64", "complex128", 16, 8},
    {tensorflow::DT_INT8, true, "int32", "int8", 1, 4},
    {tensorflow::DT_INT16, true, "int32", "int16", 2, 4},
    {tensorflow::DT_BFLOAT16, true, "float32", "bfloat16", 2, 4},
};

const DtypeRule* FindRule(int dtype) {
  for (const DtypeRule& rule : kDtypeRules) {
    if (rule.tf_dtype == dtype) return &rule;
  }
  return nullptr;
}

std::string DtypeName(int dtype) {
  const std::string& name = tensorflow::DataType_Name(static_cast<DataType>(dtype));
  return name.empty() ? absl::StrCat("dtype ", dtype) : name;
}

// How many values the typed *_val field for the dtype holds (pairs for complex numbers).
int64_t TypedValueCount(const TensorProto& tensor) {
  switch (tensor.dtype()) {
    case tensorflow::DT_FLOAT: return tensor.float_val_size();
    case tensorflow::DT_DOUBLE: return tensor.double_val_size();
    case tensorflow::DT_INT32:
    case tensorflow::DT_INT8:
    case tensorflow::DT_INT16:
    case tensorflow::DT_UINT8:
    case tensorflow::DT_UINT16: return tensor.int_val_size();
    case tensorflow::DT_INT64: return tensor.int64_val_size();
    case tensorflow::DT_BOOL: return tensor.bool_val_size();
    case tensorflow::DT_STRING: return tensor.string_val_size();
    case tensorflow::DT_HALF:
    case tensorflow::DT_BFLOAT16: return tensor.half_val_size();
    case tensorflow::DT_COMPLEX64: return tensor.scomplex_val_size() / 2;
    case tensorflow::DT_COMPLEX128: return tensor.dcomplex_val_size() / 2;
    default: return 0;
  }
}

template <typename T>
void AppendBytes(T value, std::string* out) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out->append(bytes, sizeof(T));
}

template <typename T>
T ReadBytes(const char* at) {
  T value;
  std::memcpy(&value, at, sizeof(T));
  return value;
}

int32_t NarrowInt64(int64_t value, int64_t* wrapped) {
  if (value < std::numeric_limits<int32_t>::min() || value > std::numeric_limits<int32_t>::max()) {
    if (wrapped != nullptr) ++*wrapped;
  }
  return static_cast<int32_t>(static_cast<uint32_t>(value));  // Two's complement, as numpy.
}

float BFloat16BitsToFloat(uint16_t bits) {
  const uint32_t wide = static_cast<uint32_t>(bits) << 16;
  float value;
  std::memcpy(&value, &wide, sizeof(value));
  return value;
}

// Converts raw tensor_content elements that TF.js needs narrower (or, for the native runtime,
// wider).
std::string NarrowContent(const DtypeRule& rule, const std::string& content, int64_t elements,
                          int64_t* wrapped) {
  std::string out;
  out.reserve(elements * rule.output_bytes);
  const char* at = content.data();
  switch (rule.tf_dtype) {
    case tensorflow::DT_DOUBLE:
      for (int64_t i = 0; i < elements; ++i, at += 8) {
        AppendBytes(static_cast<float>(ReadBytes<double>(at)), &out);
      }
      break;
    case tensorflow::DT_INT64:
      for (int64_t i = 0; i < elements; ++i, at += 8) {
        AppendBytes(NarrowInt64(ReadBytes<int64_t>(at), wrapped), &out);
      }
      break;
    case tensorflow::DT_INT8:
      for (int64_t i = 0; i < elements; ++i, at += 1) {
        AppendBytes(static_cast<int32_t>(ReadBytes<int8_t>(at)), &out);
      }
      break;
    case tensorflow::DT_INT16:
      for (int64_t i = 0; i < elements; ++i, at += 2) {
        AppendBytes(static_cast<int32_t>(ReadBytes<int16_t>(at)), &out);
      }
      break;
    case tensorflow::DT_BFLOAT16:
      for (int64_t i = 0; i < elements; ++i, at += 2) {
        AppendBytes(BFloat16BitsToFloat(ReadBytes<uint16_t>(at)), &out);
      }
      break;
    case tensorflow::DT_HALF:
      for (int64_t i = 0; i < elements; ++i, at += 2) {
        AppendBytes(runtime::HalfToFloat(ReadBytes<uint16_t>(at)), &out);
      }
      break;
    default:  // DT_COMPLEX128: real and imaginary parts alike.
      for (int64_t i = 0; i < 2 * elements; ++i, at += 8) {
        AppendBytes(static_cast<float>(ReadBytes<double>(at)), &out);
      }
      break;
  }
  return out;
}

// Element i reads typed value min(i, count - 1): TensorFlow repeats the last value given.
template <typename AppendValue>
std::string FromTypedValues(int64_t elements, int64_t count, int output_bytes,
                            AppendValue append_value) {
  std::string out;
  if (count == 0) return std::string(elements * output_bytes, '\0');
  out.reserve(elements * output_bytes);
  for (int64_t i = 0; i < elements; ++i) append_value(std::min(i, count - 1), &out);
  return out;
}

// Each string as its uint32 byte length, then its bytes.
std::string EncodeStrings(const TensorProto& t, int64_t n) {
  const int64_t count = t.string_val_size();
  const std::string empty;
  std::string out;
  for (int64_t i = 0; i < n; ++i) {
    const std::string& value = count == 0 ? empty : t.string_val(std::min(i, count - 1));
    AppendBytes(static_cast<uint32_t>(value.size()), &out);
    out.append(value);
  }
  return out;
}

std::string EncodeTypedValues(const TensorProto& t, int64_t n, int output_bytes,
                              int64_t* wrapped) {
  const int64_t count = TypedValueCount(t);
  switch (t.dtype()) {
    case tensorflow::DT_FLOAT:
      return FromTypedValues(n, count, output_bytes,
                             [&](int j, std::string* out) { AppendBytes(t.float_val(j), out); });
    case tensorflow::DT_DOUBLE:
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        AppendBytes(static_cast<float>(t.double_val(j)), out);
      });
    case tensorflow::DT_INT32:
    case tensorflow::DT_INT8:  // Widened: int_val holds them as int32 already.
    case tensorflow::DT_INT16:
      return FromTypedValues(n, count, output_bytes,
                             [&](int j, std::string* out) { AppendBytes(t.int_val(j), out); });
    case tensorflow::DT_BFLOAT16:  // Bit patterns, one per int32, widened to float32.
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        AppendBytes(BFloat16BitsToFloat(static_cast<uint16_t>(t.half_val(j))), out);
      });
    case tensorflow::DT_UINT8:
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        AppendBytes(static_cast<uint8_t>(t.int_val(j)), out);
      });
    case tensorflow::DT_UINT16:
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        AppendBytes(static_cast<uint16_t>(t.int_val(j)), out);
      });
    case tensorflow::DT_INT64:
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        AppendBytes(NarrowInt64(t.int64_val(j), wrapped), out);
      });
    case tensorflow::DT_BOOL:
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        AppendBytes(static_cast<uint8_t>(t.bool_val(j) ? 1 : 0), out);
      });
    case tensorflow::DT_HALF:  // Bit patterns, one per int32, widened to float32.
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        AppendBytes(runtime::HalfToFloat(static_cast<uint16_t>(t.half_val(j))), out);
      });
    case tensorflow::DT_COMPLEX64:
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        AppendBytes(t.scomplex_val(2 * j), out);
        AppendBytes(t.scomplex_val(2 * j + 1), out);
      });
    case tensorflow::DT_COMPLEX128:
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        AppendBytes(static_cast<float>(t.dcomplex_val(2 * j)), out);
        AppendBytes(static_cast<float>(t.dcomplex_val(2 * j + 1)), out);
      });
    default:
      return EncodeStrings(t, n);
  }
}

}  // namespace

absl::StatusOr<WeightSpec> DescribeWeight(absl::string_view name, const TensorProto& tensor,
                                          WeightDtypes dtypes) {
  const DtypeRule* rule = FindRule(tensor.dtype());
  if (rule == nullptr || (rule->native_only && dtypes != WeightDtypes::kNative)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "weight '", name, "' is a ", DtypeName(tensor.dtype()),
        " tensor, which TF.js weights cannot hold (they can be float32, int32, bool, string, "
        "float16, uint8, uint16 or complex64; float64, int64 and complex128 are narrowed)",
        rule != nullptr ? "; --op_target=native writes it widened, for this project's runtime"
                        : ""));
  }
  WeightSpec spec;
  spec.name = std::string(name);
  spec.dtype = rule->manifest_dtype;
  spec.converted_from = rule->converted_from;
  if (tensor.tensor_shape().unknown_rank()) {
    return absl::InvalidArgumentError(absl::StrCat("weight '", name, "' has an unknown rank"));
  }
  int64_t elements = 1;
  for (const auto& dim : tensor.tensor_shape().dim()) {
    if (dim.size() < 0 || (dim.size() > 0 && elements > kMaxElements / dim.size())) {
      return absl::InvalidArgumentError(
          absl::StrCat("weight '", name, "' has an invalid shape dimension ", dim.size()));
    }
    spec.shape.push_back(dim.size());
    elements *= dim.size();
  }
  const int64_t typed_values = TypedValueCount(tensor);
  if (!tensor.tensor_content().empty()) {
    const int64_t expected = elements * rule->source_bytes;
    if (rule->source_bytes == 0 ||
        static_cast<int64_t>(tensor.tensor_content().size()) != expected) {
      return absl::InvalidArgumentError(absl::StrCat(
          "weight '", name, "' has ", tensor.tensor_content().size(),
          " bytes of tensor_content, but its shape [", absl::StrJoin(spec.shape, ","), "] of ",
          DtypeName(tensor.dtype()), " needs ", expected));
    }
  } else if (typed_values > elements) {
    return absl::InvalidArgumentError(absl::StrCat("weight '", name, "' holds ", typed_values,
                                                   " values but its shape [",
                                                   absl::StrJoin(spec.shape, ","), "] has ",
                                                   elements, " elements"));
  }
  if (tensor.dtype() == tensorflow::DT_STRING) {
    spec.byte_size = 4 * elements;
    for (int64_t i = 0; i < elements && typed_values > 0; ++i) {
      spec.byte_size += tensor.string_val(std::min(i, typed_values - 1)).size();
    }
  } else {
    spec.byte_size = elements * rule->output_bytes;
  }
  return spec;
}

absl::StatusOr<std::string> EncodeWeight(const WeightSpec& spec, const TensorProto& tensor,
                                         int64_t* wrapped_int64_values) {
  const DtypeRule* rule = FindRule(tensor.dtype());
  if (rule == nullptr || rule->manifest_dtype != spec.dtype) {
    return absl::InvalidArgumentError(
        absl::StrCat("weight '", spec.name, "' does not match its description"));
  }
  int64_t elements = 1;
  for (int64_t dim : spec.shape) elements *= dim;
  std::string bytes;
  if (tensor.tensor_content().empty()) {
    bytes = EncodeTypedValues(tensor, elements, rule->output_bytes, wrapped_int64_values);
  } else if (spec.converted_from.empty()) {
    bytes = tensor.tensor_content();
  } else {
    bytes = NarrowContent(*rule, tensor.tensor_content(), elements, wrapped_int64_values);
  }
  if (static_cast<int64_t>(bytes.size()) != spec.byte_size) {
    return absl::InternalError(absl::StrCat("weight '", spec.name, "' encoded to ", bytes.size(),
                                            " bytes, expected ", spec.byte_size));
  }
  return bytes;
}

std::optional<absl::string_view> WeightBytesInPlace(const WeightSpec& spec,
                                                    const TensorProto& tensor) {
  const DtypeRule* rule = FindRule(tensor.dtype());
  if (rule == nullptr || rule->manifest_dtype != spec.dtype || !spec.converted_from.empty() ||
      tensor.tensor_content().empty() ||
      static_cast<int64_t>(tensor.tensor_content().size()) != spec.byte_size) {
    return std::nullopt;
  }
  return absl::string_view(tensor.tensor_content());
}

}  // namespace tfjs::converter
