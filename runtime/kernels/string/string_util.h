// Helpers shared by the string kernels: attrs with the op table's defaults, string input checks,
// UTF-8 walking and TF's text forms of numbers.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_STRING_STRING_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_STRING_STRING_UTIL_H_

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "runtime/kernel.h"
#include "runtime/node_attrs.h"

namespace tfjs::runtime::strings {

// The node's attrs, falling back to TF's defaults from the op table.
NodeAttrs AttrsOf(const OpContext& context);

// OK when input `index` is a string tensor; else an error naming `name`.
absl::Status CheckStringInput(const OpContext& context, int index, absl::string_view name);

// True for a UTF-8 continuation byte (10xxxxxx).
inline bool IsTrailByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
// The number of UTF-8 characters in `text`: bytes that are not continuation bytes.
int64_t Utf8Length(absl::string_view text);

// TF's text form of a float (strings::StrCat): the shortest of %.6g / %.9g that reads back the
// same value; "nan", "inf", "-inf" for the non-finite.
std::string FloatText(float value);
// The same for a double: %.15g, else %.17g.
std::string DoubleText(double value);

// A float or double as TF's safe_strtof/safe_strtod read it: surrounding ASCII whitespace,
// decimal or hex-integer text, case-insensitive "inf"/"nan".
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

// An integer as TF's safe_strto32/64 read it: surrounding ASCII whitespace, an optional sign,
// decimal digits; std::nullopt on overflow.
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

// ParseFloating or ParseInteger, by T.
template <typename T>
std::optional<T> ParseNumber(absl::string_view text) {
  if constexpr (std::is_floating_point_v<T>) {
    return ParseFloating<T>(text);
  } else {
    return ParseInteger<T>(text);
  }
}

}  // namespace tfjs::runtime::strings

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_STRING_STRING_UTIL_H_
