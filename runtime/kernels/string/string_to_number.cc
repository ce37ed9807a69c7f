// StringToNumber: parses each string as TF's safe_strto* do: surrounding ASCII whitespace
// allowed; floats take decimal or hex-integer text and case-insensitive "inf"/"nan"; integers
// take an optional sign and decimal digits and fail on overflow.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

template <typename T>
std::optional<T> ParseFloating(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return std::nullopt;
  bool negative = false;
  absl::string_view body = text;
  if (body[0] == '+' || body[0] == '-') {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (absl::EqualsIgnoreCase(body, "inf")) {
    return negative ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
  }
  if (absl::EqualsIgnoreCase(body, "nan")) return std::numeric_limits<T>::quiet_NaN();
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    uint64_t value = 0;
    if (!absl::SimpleHexAtoi(body.substr(2), &value)) return std::nullopt;
    for (char c : body.substr(2)) {
      if (!absl::ascii_isxdigit(c)) return std::nullopt;
    }
    return negative ? -static_cast<T>(value) : static_cast<T>(value);
  }
  bool digits = false;
  for (char c : body) {
    if (absl::ascii_isdigit(c)) {
      digits = true;
    } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
      return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  const std::string copy(text);
  char* end = nullptr;
  T value;
  if constexpr (std::is_same_v<T, float>) {
    value = std::strtof(copy.c_str(), &end);
  } else {
    value = std::strtod(copy.c_str(), &end);
  }
  if (end != copy.c_str() + copy.size()) return std::nullopt;
  return value;
}

template <typename T>
std::optional<T> ParseInteger(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return std::nullopt;
  if constexpr (std::is_unsigned_v<T>) {
    if (text[0] == '-') return std::nullopt;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (!absl::ascii_isdigit(text[i]) && !(i == 0 && (text[i] == '+' || text[i] == '-'))) {
      return std::nullopt;
    }
  }
  T value;
  if (!absl::SimpleAtoi(text, &value)) return std::nullopt;
  return value;
}

absl::Status ComputeStringToNumber(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, 0, "string_tensor"); !status.ok()) {
    return status;
  }
  absl::StatusOr<DataType> out_type = strings::AttrsOf(context).GetType("out_type");
  if (!out_type.ok()) return context.Error(out_type.status().message());
  const Tensor& input = context.input(0);
  absl::StatusOr<Tensor> output = Tensor::Allocate(*out_type, input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  using Types = math::TypeList<float, double, int32_t, int64_t>;
  return math::DispatchDataType(Types(), context, *out_type, "out_type", [&](auto tag) {
    using T = decltype(tag);
    T* out = output->mutable_data<T>();
    for (int64_t i = 0; i < input.num_elements(); ++i) {
      const std::string& text = input.strings()[i];
      std::optional<T> value;
      if constexpr (std::is_floating_point_v<T>) {
        value = ParseFloating<T>(text);
      } else {
        value = ParseInteger<T>(text);
      }
      if (!value.has_value()) {
        return context.Error(
            absl::StrCat("StringToNumberOp could not correctly convert string: ", text));
      }
      out[i] = *value;
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  });
}

REGISTER_KERNEL("StringToNumber", ComputeStringToNumber,
                {{"out_type", math::DtypesOf(math::TypeList<float, double, int32_t, int64_t>())}});

}  // namespace
}  // namespace tfjs::runtime
