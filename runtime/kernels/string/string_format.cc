// StringFormat (a template with each placeholder replaced by an input's summary, as TF's
// Tensor::SummarizeValue prints it for tf.print) and AsString (each element printed through a
// printf format built from the precision/scientific/shortest/width/fill attrs, as TF does).
#include <complex>
#include <cstdio>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

// One element as TF's print_v2 summary prints it.
std::string ElementText(const Tensor& tensor, int64_t i) {
  switch (tensor.dtype()) {
    case tensorflow::DT_FLOAT:
      return strings::FloatText(tensor.data<float>()[i]);
    case tensorflow::DT_DOUBLE:
      return strings::DoubleText(tensor.data<double>()[i]);
    case tensorflow::DT_HALF:
      return strings::FloatText(HalfToFloat(tensor.data<uint16_t>()[i]));
    case tensorflow::DT_BFLOAT16:
      return strings::FloatText(BFloat16ToFloat(tensor.data<uint16_t>()[i]));
    case tensorflow::DT_INT32:
      return absl::StrCat(tensor.data<int32_t>()[i]);
    case tensorflow::DT_INT64:
      return absl::StrCat(tensor.data<int64_t>()[i]);
    case tensorflow::DT_UINT32:
      return absl::StrCat(tensor.data<uint32_t>()[i]);
    case tensorflow::DT_UINT64:
      return absl::StrCat(tensor.data<uint64_t>()[i]);
    case tensorflow::DT_INT16:
      return absl::StrCat(tensor.data<int16_t>()[i]);
    case tensorflow::DT_UINT16:
      return absl::StrCat(tensor.data<uint16_t>()[i]);
    case tensorflow::DT_INT8:
      return absl::StrCat(tensor.data<int8_t>()[i]);
    case tensorflow::DT_UINT8:
      return absl::StrCat(tensor.data<uint8_t>()[i]);
    case tensorflow::DT_BOOL:
      return tensor.data<bool>()[i] ? "1" : "0";
    case tensorflow::DT_STRING:
      return absl::StrCat("\"", absl::Utf8SafeCEscape(tensor.strings()[i]), "\"");
    default:
      return "?";
  }
}

bool HasElementText(DataType dtype) {
  switch (dtype) {
    case tensorflow::DT_FLOAT:
    case tensorflow::DT_DOUBLE:
    case tensorflow::DT_HALF:
    case tensorflow::DT_BFLOAT16:
    case tensorflow::DT_INT32:
    case tensorflow::DT_INT64:
    case tensorflow::DT_UINT32:
    case tensorflow::DT_UINT64:
    case tensorflow::DT_INT16:
    case tensorflow::DT_UINT16:
    case tensorflow::DT_INT8:
    case tensorflow::DT_UINT8:
    case tensorflow::DT_BOOL:
    case tensorflow::DT_STRING:
      return true;
    default:
      return false;
  }
}

void AppendDimSpacing(int dim, int rank, std::string* out) {
  if (dim == rank - 1) {
    out->push_back(' ');
    return;
  }
  out->append(rank - dim - 1, '\n');
  out->append(dim + 1, ' ');
}

// TF's PrintOneDimV2: nested brackets, the first and last `ends` entries of each dim.
void AppendDim(const Tensor& tensor, int dim, int64_t ends, int64_t offset, std::string* out) {
  const int rank = tensor.rank();
  if (dim == rank) {
    out->append(ElementText(tensor, offset));
    return;
  }
  out->push_back('[');
  const int64_t count = tensor.dim(dim);
  int64_t stride = 1;
  for (int d = dim + 1; d < rank; ++d) stride *= tensor.dim(d);
  for (int64_t i = 0; i < ends && i < count; ++i) {
    if (i > 0) AppendDimSpacing(dim, rank, out);
    AppendDim(tensor, dim + 1, ends, offset + stride * i, out);
  }
  if (count > 2 * ends) {
    AppendDimSpacing(dim, rank, out);
    out->append("...");
  }
  for (int64_t i = std::max(ends, count - ends); i < count; ++i) {
    AppendDimSpacing(dim, rank, out);
    AppendDim(tensor, dim + 1, ends, offset + stride * i, out);
  }
  out->push_back(']');
}

// Tensor::SummarizeValue(max_entries, print_v2 = true).
std::string Summarize(const Tensor& tensor, int64_t max_entries) {
  const int64_t count = tensor.num_elements();
  if (max_entries < 0) max_entries = count;
  const int64_t limit = std::min(max_entries, count);
  std::string out;
  if (!HasElementText(tensor.dtype())) {
    if (tensor.rank() > 0) out.push_back('[');
    for (int64_t i = 0; i < limit; ++i) out.append(i > 0 ? " ?" : "?");
    if (max_entries < count) out.append("...");
    if (tensor.rank() > 0) out.push_back(']');
    return out;
  }
  if (tensor.rank() == 0) {
    for (int64_t i = 0; i < limit; ++i) out.append(ElementText(tensor, i));
    return out;
  }
  AppendDim(tensor, 0, limit, 0, &out);
  return out;
}

absl::Status ComputeStringFormat(OpContext& context) {
  const NodeAttrs attrs = strings::AttrsOf(context);
  absl::StatusOr<std::string> pattern = attrs.GetString("template");
  absl::StatusOr<std::string> placeholder = attrs.GetString("placeholder");
  absl::StatusOr<int64_t> summarize = attrs.GetInt("summarize");
  if (!pattern.ok()) return context.Error(pattern.status().message());
  if (!placeholder.ok()) return context.Error(placeholder.status().message());
  if (!summarize.ok()) return context.Error(summarize.status().message());
  const std::vector<std::string> pieces = absl::StrSplit(*pattern, *placeholder);
  if (static_cast<int>(pieces.size()) - 1 != context.num_inputs()) {
    return context.Error(absl::StrCat("num placeholders in template and num inputs must match: ",
                                      pieces.size() - 1, " vs. ", context.num_inputs()));
  }
  std::string out = pieces[0];
  for (int i = 0; i < context.num_inputs(); ++i) {
    absl::StrAppend(&out, Summarize(context.input(i), *summarize), pieces[i + 1]);
  }
  context.set_output(0, Tensor::Strings({}, {std::move(out)}));
  return absl::OkStatus();
}

// The printf conversion TF's AsString builds for `dtype` from the attrs.
absl::StatusOr<std::string> AsStringFormat(const OpContext& context, DataType dtype) {
  const NodeAttrs attrs = strings::AttrsOf(context);
  absl::StatusOr<int64_t> precision = attrs.GetInt("precision");
  absl::StatusOr<bool> scientific = attrs.GetBool("scientific");
  absl::StatusOr<bool> shortest = attrs.GetBool("shortest");
  absl::StatusOr<int64_t> width = attrs.GetInt("width");
  absl::StatusOr<std::string> fill = attrs.GetString("fill");
  for (const absl::Status& status : {precision.status(), scientific.status(), shortest.status(),
                                     width.status(), fill.status()}) {
    if (!status.ok()) return context.Error(status.message());
  }
  const bool is_float = dtype == tensorflow::DT_FLOAT || dtype == tensorflow::DT_DOUBLE ||
                        dtype == tensorflow::DT_HALF || dtype == tensorflow::DT_BFLOAT16 ||
                        dtype == tensorflow::DT_COMPLEX64 || dtype == tensorflow::DT_COMPLEX128;
  if (!is_float && dtype != tensorflow::DT_STRING) {
    if (*scientific || *shortest) {
      return context.Error(absl::StrCat(
          "scientific and shortest format not supported for datatype ", DataTypeName(dtype)));
    }
    if (*precision >= 0) {
      return context.Error(
          absl::StrCat("precision not supported for datatype ", DataTypeName(dtype)));
    }
  }
  if (fill->size() > 1) return context.Error("Fill string must be one or fewer characters");
  if (*scientific && *shortest) {
    return context.Error("Cannot select both scientific and shortest notation");
  }
  std::string format = "%";
  if (*width > -1) absl::StrAppend(&format, *fill, *width);
  if (*precision > -1) absl::StrAppend(&format, ".", *precision);
  switch (dtype) {
    case tensorflow::DT_UINT8:
    case tensorflow::DT_UINT16:
    case tensorflow::DT_UINT32:
      format += "u";
      break;
    case tensorflow::DT_UINT64:
      format += "llu";
      break;
    case tensorflow::DT_INT8:
    case tensorflow::DT_INT16:
    case tensorflow::DT_INT32:
      format += "d";
      break;
    case tensorflow::DT_INT64:
      format += "lld";
      break;
    case tensorflow::DT_STRING:
      format += "s";
      break;
    case tensorflow::DT_BOOL:
      break;
    default:
      format += *shortest ? "g" : (*scientific ? "e" : "f");
  }
  if (dtype == tensorflow::DT_COMPLEX64 || dtype == tensorflow::DT_COMPLEX128) {
    format = absl::StrCat("(", format, ",", format, ")");
  }
  return format;
}

template <typename... Args>
std::string Printf(const std::string& format, Args... args) {
  const int size = std::snprintf(nullptr, 0, format.c_str(), args...);
  std::string out(size > 0 ? size : 0, '\0');
  std::snprintf(out.data(), out.size() + 1, format.c_str(), args...);
  return out;
}

absl::Status ComputeAsString(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  absl::StatusOr<std::string> format = AsStringFormat(context, input.dtype());
  if (!format.ok()) return format.status();
  const std::string& f = *format;
  std::vector<std::string> out(input.num_elements());
  for (int64_t i = 0; i < input.num_elements(); ++i) {
    switch (input.dtype()) {
      case tensorflow::DT_FLOAT:
        out[i] = Printf(f, double{input.data<float>()[i]});
        break;
      case tensorflow::DT_DOUBLE:
        out[i] = Printf(f, input.data<double>()[i]);
        break;
      case tensorflow::DT_HALF:
        out[i] = Printf(f, double{HalfToFloat(input.data<uint16_t>()[i])});
        break;
      case tensorflow::DT_BFLOAT16:
        out[i] = Printf(f, double{BFloat16ToFloat(input.data<uint16_t>()[i])});
        break;
      case tensorflow::DT_INT8:
        out[i] = Printf(f, int{input.data<int8_t>()[i]});
        break;
      case tensorflow::DT_INT16:
        out[i] = Printf(f, int{input.data<int16_t>()[i]});
        break;
      case tensorflow::DT_INT32:
        out[i] = Printf(f, int{input.data<int32_t>()[i]});
        break;
      case tensorflow::DT_INT64:
        out[i] = Printf(f, static_cast<long long>(input.data<int64_t>()[i]));
        break;
      case tensorflow::DT_UINT8:
        out[i] = Printf(f, unsigned{input.data<uint8_t>()[i]});
        break;
      case tensorflow::DT_UINT16:
        out[i] = Printf(f, unsigned{input.data<uint16_t>()[i]});
        break;
      case tensorflow::DT_UINT32:
        out[i] = Printf(f, unsigned{input.data<uint32_t>()[i]});
        break;
      case tensorflow::DT_UINT64:
        out[i] = Printf(f, static_cast<unsigned long long>(input.data<uint64_t>()[i]));
        break;
      case tensorflow::DT_BOOL:
        out[i] = input.data<bool>()[i] ? "true" : "false";
        break;
      case tensorflow::DT_COMPLEX64: {
        const std::complex<float> value = input.data<std::complex<float>>()[i];
        out[i] = Printf(f, double{value.real()}, double{value.imag()});
        break;
      }
      case tensorflow::DT_COMPLEX128: {
        const std::complex<double> value = input.data<std::complex<double>>()[i];
        out[i] = Printf(f, value.real(), value.imag());
        break;
      }
      case tensorflow::DT_STRING:
        out[i] = Printf(f, input.strings()[i].c_str());
        break;
      case tensorflow::DT_VARIANT: {
        // TF's Variant::DebugString.
        const VariantValue* value = input.variant(i);
        out[i] = value == nullptr ? "Variant<type:  value: [empty]>"
                                  : absl::StrCat("Variant<type: ", value->TypeName(),
                                                 " value: ", value->DebugString(), ">");
        break;
      }
      default:
        return context.Error(
            absl::StrCat("Cannot encode input of type ", DataTypeName(input.dtype())));
    }
  }
  context.set_output(0, Tensor::Strings(input.shape(), std::move(out)));
  return absl::OkStatus();
}

REGISTER_KERNEL("StringFormat", ComputeStringFormat);
REGISTER_KERNEL("AsString", ComputeAsString,
                {{"T",
                  {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE, tensorflow::DT_HALF,
                   tensorflow::DT_BFLOAT16, tensorflow::DT_INT8, tensorflow::DT_INT16,
                   tensorflow::DT_INT32, tensorflow::DT_INT64, tensorflow::DT_UINT8,
                   tensorflow::DT_UINT16, tensorflow::DT_UINT32, tensorflow::DT_UINT64,
                   tensorflow::DT_BOOL, tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128,
                   tensorflow::DT_STRING, tensorflow::DT_VARIANT}}});

}  // namespace
}  // namespace tfjs::runtime
