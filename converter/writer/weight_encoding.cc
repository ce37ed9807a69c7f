#include "converter/writer/weight_encoding.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

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

// Which targets a rule writes for.
enum class RuleTarget { kBoth, kTfjs, kNative };

struct DtypeRule {
  DataType tf_dtype;
  RuleTarget target;
  const char* manifest_dtype;
  const char* converted_from;  // "" when written as is.
  int source_bytes;            // Element size in tensor_content; 0 for strings.
  int output_bytes;
};

// write_weights' _OUTPUT_DTYPES and _AUTO_DTYPE_CONVERSION for the TF.js target; the native
// target writes 64-bit and uint32 weights as they are (manifest dtypes TF.js lacks, read by
// io::LoadWeights), so their bits survive. 8- and 16-bit integers (and uint32 for TF.js) are
// int32 weights on both targets: TF.js loads them and computes those dtypes as int32 anyway
// (tensorflowjs_converter writes uint8/uint16 raw, which TF.js refuses to load, and rejects
// int8/int16); the runtime narrows them back to the dtype the Const declares.
constexpr DtypeRule kDtypeRules[] = {
    {tensorflow::DT_FLOAT, RuleTarget::kBoth, "float32", "", 4, 4},
    {tensorflow::DT_DOUBLE, RuleTarget::kTfjs, "float32", "float64", 8, 4},
    {tensorflow::DT_DOUBLE, RuleTarget::kNative, "float64", "", 8, 8},
    {tensorflow::DT_INT32, RuleTarget::kBoth, "int32", "", 4, 4},
    {tensorflow::DT_INT64, RuleTarget::kTfjs, "int32", "int64", 8, 4},
    {tensorflow::DT_INT64, RuleTarget::kNative, "int64", "", 8, 8},
    {tensorflow::DT_UINT64, RuleTarget::kTfjs, "int32", "uint64", 8, 4},
    {tensorflow::DT_UINT64, RuleTarget::kNative, "uint64", "", 8, 8},
    {tensorflow::DT_UINT32, RuleTarget::kTfjs, "int32", "uint32", 4, 4},
    {tensorflow::DT_UINT32, RuleTarget::kNative, "uint32", "", 4, 4},
    {tensorflow::DT_BOOL, RuleTarget::kBoth, "bool", "", 1, 1},
    {tensorflow::DT_STRING, RuleTarget::kBoth, "string", "", 0, 0},
    {tensorflow::DT_HALF, RuleTarget::kBoth, "float32", "float16", 2, 4},
    {tensorflow::DT_UINT8, RuleTarget::kBoth, "int32", "uint8", 1, 4},
    {tensorflow::DT_UINT16, RuleTarget::kBoth, "int32", "uint16", 2, 4},
    {tensorflow::DT_INT8, RuleTarget::kBoth, "int32", "int8", 1, 4},
    {tensorflow::DT_INT16, RuleTarget::kBoth, "int32", "int16", 2, 4},
    {tensorflow::DT_COMPLEX64, RuleTarget::kBoth, "complex64", "", 8, 8},
    {tensorflow::DT_COMPLEX128, RuleTarget::kTfjs, "complex64", "complex128", 16, 8},
    {tensorflow::DT_COMPLEX128, RuleTarget::kNative, "complex128", "", 16, 16},
    {tensorflow::DT_BFLOAT16, RuleTarget::kNative, "float32", "bfloat16", 2, 4},
};

const DtypeRule* FindRule(int dtype, WeightDtypes dtypes) {
  const RuleTarget target =
      dtypes == WeightDtypes::kNative ? RuleTarget::kNative : RuleTarget::kTfjs;
  for (const DtypeRule& rule : kDtypeRules) {
    if (rule.tf_dtype == dtype && (rule.target == RuleTarget::kBoth || rule.target == target)) {
      return &rule;
    }
  }
  return nullptr;
}

// The rule that wrote `spec` for a tensor of `dtype`, whichever target it was.
const DtypeRule* RuleOf(const WeightSpec& spec, int dtype) {
  for (WeightDtypes dtypes : {WeightDtypes::kTfjs, WeightDtypes::kNative}) {
    const DtypeRule* rule = FindRule(dtype, dtypes);
    if (rule != nullptr && rule->manifest_dtype == spec.dtype) return rule;
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
    case tensorflow::DT_UINT32: return tensor.uint32_val_size();
    case tensorflow::DT_UINT64: return tensor.uint64_val_size();
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

// The low 32 bits as int32 (two's complement, as numpy's astype), counting values that change.
template <typename T>
int32_t WrapToInt32(T value, int64_t* wrapped) {
  constexpr T kMax = std::numeric_limits<int32_t>::max();
  bool fits = value <= kMax;
  if constexpr (std::is_signed_v<T>) fits = fits && value >= std::numeric_limits<int32_t>::min();
  if (wrapped != nullptr && !fits) ++*wrapped;
  return static_cast<int32_t>(static_cast<uint32_t>(value));
}

float BFloat16BitsToFloat(uint16_t bits) {
  const uint32_t wide = static_cast<uint32_t>(bits) << 16;
  float value;
  std::memcpy(&value, &wide, sizeof(value));
  return value;
}

template <typename From, typename To>
void AppendConverted(const char* at, int64_t elements, std::string* out) {
  for (int64_t i = 0; i < elements; ++i, at += sizeof(From)) {
    AppendBytes(static_cast<To>(ReadBytes<From>(at)), out);
  }
}

template <typename From>
void AppendWrapped(const char* at, int64_t elements, int64_t* wrapped, std::string* out) {
  for (int64_t i = 0; i < elements; ++i, at += sizeof(From)) {
    AppendBytes(WrapToInt32(ReadBytes<From>(at), wrapped), out);
  }
}

// Converts raw tensor_content elements to the dtype the rule writes.
std::string ConvertContent(const DtypeRule& rule, const std::string& content, int64_t elements,
                           int64_t* wrapped) {
  std::string out;
  out.reserve(elements * rule.output_bytes);
  const char* at = content.data();
  switch (rule.tf_dtype) {
    case tensorflow::DT_DOUBLE: AppendConverted<double, float>(at, elements, &out); break;
    case tensorflow::DT_INT64: AppendWrapped<int64_t>(at, elements, wrapped, &out); break;
    case tensorflow::DT_UINT64: AppendWrapped<uint64_t>(at, elements, wrapped, &out); break;
    case tensorflow::DT_UINT32: AppendWrapped<uint32_t>(at, elements, wrapped, &out); break;
    case tensorflow::DT_INT8: AppendConverted<int8_t, int32_t>(at, elements, &out); break;
    case tensorflow::DT_UINT8: AppendConverted<uint8_t, int32_t>(at, elements, &out); break;
    case tensorflow::DT_INT16: AppendConverted<int16_t, int32_t>(at, elements, &out); break;
    case tensorflow::DT_UINT16: AppendConverted<uint16_t, int32_t>(at, elements, &out); break;
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
      AppendConverted<double, float>(at, 2 * elements, &out);
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

std::string EncodeTypedValues(const DtypeRule& rule, const TensorProto& t, int64_t n,
                              int64_t* wrapped) {
  const int64_t count = TypedValueCount(t);
  const int output_bytes = rule.output_bytes;
  const bool as_is = rule.converted_from[0] == '\0';
  switch (t.dtype()) {
    case tensorflow::DT_FLOAT:
      return FromTypedValues(n, count, output_bytes,
                             [&](int j, std::string* out) { AppendBytes(t.float_val(j), out); });
    case tensorflow::DT_DOUBLE:
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        if (as_is) {
          AppendBytes(t.double_val(j), out);
        } else {
          AppendBytes(static_cast<float>(t.double_val(j)), out);
        }
      });
    case tensorflow::DT_INT32:
    case tensorflow::DT_INT8:  // Widened: int_val holds them as int32 already.
    case tensorflow::DT_INT16:
      return FromTypedValues(n, count, output_bytes,
                             [&](int j, std::string* out) { AppendBytes(t.int_val(j), out); });
    case tensorflow::DT_UINT8:  // int_val holds the values; widened to int32.
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        AppendBytes(static_cast<int32_t>(static_cast<uint8_t>(t.int_val(j))), out);
      });
    case tensorflow::DT_UINT16:
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        AppendBytes(static_cast<int32_t>(static_cast<uint16_t>(t.int_val(j))), out);
      });
    case tensorflow::DT_UINT32:
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        if (as_is) {
          AppendBytes(t.uint32_val(j), out);
        } else {
          AppendBytes(WrapToInt32(t.uint32_val(j), wrapped), out);
        }
      });
    case tensorflow::DT_UINT64:
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        if (as_is) {
          AppendBytes(t.uint64_val(j), out);
        } else {
          AppendBytes(WrapToInt32(t.uint64_val(j), wrapped), out);
        }
      });
    case tensorflow::DT_BFLOAT16:  // Bit patterns, one per int32, widened to float32.
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        AppendBytes(BFloat16BitsToFloat(static_cast<uint16_t>(t.half_val(j))), out);
      });
    case tensorflow::DT_INT64:
      return FromTypedValues(n, count, output_bytes, [&](int j, std::string* out) {
        if (as_is) {
          AppendBytes(t.int64_val(j), out);
        } else {
          AppendBytes(WrapToInt32(t.int64_val(j), wrapped), out);
        }
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
        if (as_is) {
          AppendBytes(t.dcomplex_val(2 * j), out);
          AppendBytes(t.dcomplex_val(2 * j + 1), out);
        } else {
          AppendBytes(static_cast<float>(t.dcomplex_val(2 * j)), out);
          AppendBytes(static_cast<float>(t.dcomplex_val(2 * j + 1)), out);
        }
      });
    default:
      return EncodeStrings(t, n);
  }
}

}  // namespace

absl::StatusOr<WeightSpec> DescribeWeight(absl::string_view name, const TensorProto& tensor,
                                          WeightDtypes dtypes) {
  const DtypeRule* rule = FindRule(tensor.dtype(), dtypes);
  if (rule == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "weight '", name, "' is a ", DtypeName(tensor.dtype()),
        " tensor, which TF.js weights cannot hold (they can be float32, int32, bool, string or "
        "complex64; float16, 8-, 16- and 64-bit numbers are converted)",
        FindRule(tensor.dtype(), WeightDtypes::kNative) != nullptr
            ? "; --op_target=native writes it widened, for this project's runtime"
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
  const DtypeRule* rule = RuleOf(spec, tensor.dtype());
  if (rule == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("weight '", spec.name, "' does not match its description"));
  }
  int64_t elements = 1;
  for (int64_t dim : spec.shape) elements *= dim;
  std::string bytes;
  if (tensor.tensor_content().empty()) {
    bytes = EncodeTypedValues(*rule, tensor, elements, wrapped_int64_values);
  } else if (spec.converted_from.empty()) {
    bytes = tensor.tensor_content();
  } else {
    bytes = ConvertContent(*rule, tensor.tensor_content(), elements, wrapped_int64_values);
  }
  if (static_cast<int64_t>(bytes.size()) != spec.byte_size) {
    return absl::InternalError(absl::StrCat("weight '", spec.name, "' encoded to ", bytes.size(),
                                            " bytes, expected ", spec.byte_size));
  }
  return bytes;
}

std::optional<absl::string_view> WeightBytesInPlace(const WeightSpec& spec,
                                                    const TensorProto& tensor) {
  const DtypeRule* rule = RuleOf(spec, tensor.dtype());
  if (rule == nullptr || !spec.converted_from.empty() ||
      tensor.tensor_content().empty() ||
      static_cast<int64_t>(tensor.tensor_content().size()) != spec.byte_size) {
    return std::nullopt;
  }
  return absl::string_view(tensor.tensor_content());
}

}  // namespace tfjs::converter
