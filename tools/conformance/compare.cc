#include "tools/conformance/compare.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "runtime/half.h"

namespace tfjs::conformance {
namespace {

using runtime::Tensor;

// A tensor's elements widened for comparison: floats to double, integers to int64.
struct Elements {
  enum Kind { kFloat, kInteger, kBool, kOther } kind = kOther;
  std::vector<double> floats;
  std::vector<int64_t> integers;
};

template <typename T>
std::vector<int64_t> Integers(const Tensor& tensor) {
  std::vector<int64_t> out;
  for (T value : tensor.values<T>()) out.push_back(static_cast<int64_t>(value));
  return out;
}

float BFloat16BitsToFloat(uint16_t bits) {
  const uint32_t wide = static_cast<uint32_t>(bits) << 16;
  float value;
  std::memcpy(&value, &wide, sizeof(value));
  return value;
}

Elements ElementsOf(const Tensor& tensor) {
  Elements elements;
  switch (tensor.dtype()) {
    case tensorflow::DT_FLOAT:
      elements.kind = Elements::kFloat;
      for (float v : tensor.values<float>()) elements.floats.push_back(v);
      break;
    case tensorflow::DT_DOUBLE:
      elements.kind = Elements::kFloat;
      for (double v : tensor.values<double>()) elements.floats.push_back(v);
      break;
    case tensorflow::DT_HALF:
      elements.kind = Elements::kFloat;
      for (uint16_t v : tensor.values<uint16_t>())
        elements.floats.push_back(runtime::HalfToFloat(v));
      break;
    case tensorflow::DT_BFLOAT16:
      elements.kind = Elements::kFloat;
      for (uint16_t v : tensor.values<uint16_t>())
        elements.floats.push_back(BFloat16BitsToFloat(v));
      break;
    case tensorflow::DT_BOOL:
      elements.kind = Elements::kBool;
      elements.integers = Integers<bool>(tensor);
      break;
    case tensorflow::DT_INT8:
      elements.kind = Elements::kInteger;
      elements.integers = Integers<int8_t>(tensor);
      break;
    case tensorflow::DT_UINT8:
      elements.kind = Elements::kInteger;
      elements.integers = Integers<uint8_t>(tensor);
      break;
    case tensorflow::DT_INT16:
      elements.kind = Elements::kInteger;
      elements.integers = Integers<int16_t>(tensor);
      break;
    case tensorflow::DT_UINT16:
      elements.kind = Elements::kInteger;
      elements.integers = Integers<uint16_t>(tensor);
      break;
    case tensorflow::DT_INT32:
      elements.kind = Elements::kInteger;
      elements.integers = Integers<int32_t>(tensor);
      break;
    case tensorflow::DT_UINT32:
      elements.kind = Elements::kInteger;
      elements.integers = Integers<uint32_t>(tensor);
      break;
    case tensorflow::DT_INT64:
      elements.kind = Elements::kInteger;
      elements.integers = Integers<int64_t>(tensor);
      break;
    case tensorflow::DT_UINT64:
      elements.kind = Elements::kInteger;
      elements.integers = Integers<uint64_t>(tensor);
      break;
    default:
      break;
  }
  return elements;
}

// The output dtypes that may stand for a reference of TF dtype `want`.
bool DtypeAccepted(const std::string& got, const std::string& want) {
  return got == want || (want == "int64" && got == "int32") ||
         (want == "float64" && got == "float32");
}

bool Close(double got, double want, const Tolerance& tolerance) {
  if (std::isnan(want)) return std::isnan(got);
  if (std::isinf(want)) return got == want;
  return std::abs(got - want) <= tolerance.atol + tolerance.rtol * std::abs(want);
}

std::string Mismatch(int64_t count, int64_t total, int64_t first, const std::string& got,
                     const std::string& want) {
  return absl::StrCat(count, "/", total, " values differ (first at flat index ", first, ": got ",
                      got, ", want ", want, ")");
}

}  // namespace

std::optional<Tolerance> FloatTolerance(absl::string_view tf_dtype) {
  if (tf_dtype == "float32" || tf_dtype == "float64" || tf_dtype == "complex64") {
    return Tolerance{1e-5, 1e-4};
  }
  if (tf_dtype == "float16") return Tolerance{1e-3, 1e-2};
  if (tf_dtype == "bfloat16") return Tolerance{1e-2, 2e-2};
  return std::nullopt;
}

std::string ComparisonRules() {
  return "Shapes must match exactly. Dtypes must match exactly, except that TF.js's narrowing "
         "is accepted: an int32 output for an int64 reference (compared after wrapping the "
         "reference to 32 bits) and a float32 output for a float64 one. Integers and booleans "
         "compare exactly. Floats pass when |got - want| <= atol + rtol * |want|, NaN equals "
         "NaN and infinities must match: float32 and float64 atol 1e-5, rtol 1e-4 (the "
         "frozen-graph references were stored as text with about 8 significant digits); "
         "float16 atol 1e-3, rtol 1e-2; bfloat16 atol 1e-2, rtol 2e-2.";
}

std::optional<std::string> CompareOutput(const Tensor& got, const Tensor& want,
                                         absl::string_view tf_dtype) {
  const std::string got_dtype = runtime::DataTypeName(got.dtype());
  std::string want_dtype(tf_dtype);
  if (want_dtype.empty() || want_dtype == "unknown") want_dtype = runtime::DataTypeName(want.dtype());
  if (!DtypeAccepted(got_dtype, want_dtype)) {
    return absl::StrCat("dtype ", got_dtype, " where TF gives ", want_dtype);
  }
  if (got.shape() != want.shape()) {
    return absl::StrCat("shape ", runtime::ShapeString(got.shape()), " where TF gives ",
                        runtime::ShapeString(want.shape()));
  }
  const Elements got_elements = ElementsOf(got);
  const Elements want_elements = ElementsOf(want);
  if (got_elements.kind == Elements::kOther || got_elements.kind != want_elements.kind) {
    return absl::StrCat("cannot compare a ", got_dtype, " output with a ",
                        runtime::DataTypeName(want.dtype()), " reference");
  }
  const int64_t total = got.num_elements();
  int64_t count = 0;
  int64_t first = -1;
  if (got_elements.kind == Elements::kFloat) {
    const Tolerance tolerance = FloatTolerance(want_dtype).value_or(Tolerance{1e-5, 1e-4});
    for (int64_t i = 0; i < total; ++i) {
      if (Close(got_elements.floats[i], want_elements.floats[i], tolerance)) continue;
      if (count++ == 0) first = i;
    }
    if (count == 0) return std::nullopt;
    return Mismatch(count, total, first, absl::StrFormat("%.9g", got_elements.floats[first]),
                    absl::StrFormat("%.9g", want_elements.floats[first]));
  }
  const bool wrap = got_dtype == "int32" && want_dtype == "int64";
  for (int64_t i = 0; i < total; ++i) {
    int64_t expected = want_elements.integers[i];
    if (wrap) expected = static_cast<int32_t>(static_cast<uint32_t>(expected));
    if (got_elements.integers[i] == expected) continue;
    if (count++ == 0) first = i;
  }
  if (count == 0) return std::nullopt;
  int64_t expected = want_elements.integers[first];
  if (wrap) expected = static_cast<int32_t>(static_cast<uint32_t>(expected));
  return Mismatch(count, total, first, absl::StrCat(got_elements.integers[first]),
                  absl::StrCat(expected));
}

}  // namespace tfjs::conformance
