#include "converter/writer/python_json.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace tfjs::converter {
namespace {

constexpr int kMaxNestingDepth = 512;

void AppendEscapedCodePoint(uint32_t code_point, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto append_u = [out](uint32_t unit) {
    out->append("\\u");
    for (int shift = 12; shift >= 0; shift -= 4) out->push_back(kHex[(unit >> shift) & 0xf]);
  };
  switch (code_point) {
    case '"': out->append("\\\""); return;
    case '\\': out->append("\\\\"); return;
    case '\b': out->append("\\b"); return;
    case '\f': out->append("\\f"); return;
    case '\n': out->append("\\n"); return;
    case '\r': out->append("\\r"); return;
    case '\t': out->append("\\t"); return;
    default: break;
  }
  if (code_point >= 0x20 && code_point <= 0x7e) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point >= 0x10000) {
    const uint32_t offset = code_point - 0x10000;
    append_u(0xd800 | (offset >> 10));
    append_u(0xdc00 | (offset & 0x3ff));
  } else {
    append_u(code_point);
  }
}

// Decodes one UTF-8 sequence at text[*pos], advancing *pos; false when malformed.
bool DecodeUtf8(absl::string_view text, size_t* pos, uint32_t* code_point) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const uint8_t lead = byte(*pos);
  int length;
  uint32_t value;
  uint32_t minimum;
  if (lead < 0x80) {
    *code_point = lead;
    ++*pos;
    return true;
  } else if ((lead & 0xe0) == 0xc0) {
    length = 2, value = lead & 0x1f, minimum = 0x80;
  } else if ((lead & 0xf0) == 0xe0) {
    length = 3, value = lead & 0x0f, minimum = 0x800;
  } else if ((lead & 0xf8) == 0xf0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    return false;
  }
  if (*pos + length > text.size()) return false;
  for (int i = 1; i < length; ++i) {
    const uint8_t continuation = byte(*pos + i);
    if ((continuation & 0xc0) != 0x80) return false;
    value = (value << 6) | (continuation & 0x3f);
  }
  if (value < minimum || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return false;
  *code_point = value;
  *pos += length;
  return true;
}

// Recursive-descent reader of one JSON document that writes each value back in Python's form.
class PythonJsonReformatter {
 public:
  explicit PythonJsonReformatter(absl::string_view text) : text_(text) {}

  absl::StatusOr<std::string> Run() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // A UTF-8 byte order mark.
    std::string out;
    SkipWhitespace();
    absl::Status status = Value(0, &out);
    if (!status.ok()) return status;
    SkipWhitespace();
    if (pos_ != text_.size()) return Error("unexpected text after the JSON value");
    return out;
  }

 private:
  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat("invalid JSON at byte ", pos_, ": ", what));
  }

  void SkipWhitespace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Consume(absl::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) return false;
    pos_ += literal.size();
    return true;
  }

  absl::Status Value(int depth, std::string* out) {
    if (depth > kMaxNestingDepth) return Error("nested too deeply");
    if (pos_ >= text_.size()) return Error("unexpected end of text");
    const char c = text_[pos_];
    if (c == '{') return Object(depth, out);
    if (c == '[') return Array(depth, out);
    if (c == '"') return String(out);
    if (Consume("true")) return out->append("true"), absl::OkStatus();
    if (Consume("false")) return out->append("false"), absl::OkStatus();
    if (Consume("null")) return out->append("null"), absl::OkStatus();
    // Python's json.load also reads these non-standard constants, and json.dump writes them back.
    if (Consume("NaN")) return out->append("NaN"), absl::OkStatus();
    if (Consume("Infinity")) return out->append("Infinity"), absl::OkStatus();
    if (Consume("-Infinity")) return out->append("-Infinity"), absl::OkStatus();
    if (c == '-' || (c >= '0' && c <= '9')) return Number(out);
    return Error(absl::StrCat("unexpected character '", std::string(1, c), "'"));
  }

  absl::Status Object(int depth, std::string* out) {
    ++pos_;  // '{'
    // Python dicts keep the first position of a key and the last value given for it.
    std::vector<std::pair<std::string, std::string>> members;
    SkipWhitespace();
    if (Consume("}")) return out->append("{}"), absl::OkStatus();
    while (true) {
      SkipWhitespace();
      if (pos_ >= text_.size() || text_[pos_] != '"') return Error("expected a string key");
      std::string key;
      absl::Status status = String(&key);
      if (!status.ok()) return status;
      SkipWhitespace();
      if (!Consume(":")) return Error("expected ':'");
      SkipWhitespace();
      std::string value;
      status = Value(depth + 1, &value);
      if (!status.ok()) return status;
      bool replaced = false;
      for (auto& member : members) {
        if (member.first == key) {
          member.second = std::move(value);
          replaced = true;
          break;
        }
      }
      if (!replaced) members.emplace_back(std::move(key), std::move(value));
      SkipWhitespace();
      if (Consume("}")) break;
      if (!Consume(",")) return Error("expected ',' or '}'");
    }
    out->push_back('{');
    for (size_t i = 0; i < members.size(); ++i) {
      if (i > 0) out->append(", ");
      absl::StrAppend(out, members[i].first, ": ", members[i].second);
    }
    out->push_back('}');
    return absl::OkStatus();
  }

  absl::Status Array(int depth, std::string* out) {
    ++pos_;  // '['
    SkipWhitespace();
    if (Consume("]")) return out->append("[]"), absl::OkStatus();
    out->push_back('[');
    for (bool first = true;; first = false) {
      if (!first) out->append(", ");
      SkipWhitespace();
      absl::Status status = Value(depth + 1, out);
      if (!status.ok()) return status;
      SkipWhitespace();
      if (Consume("]")) break;
      if (!Consume(",")) return Error("expected ',' or ']'");
    }
    out->push_back(']');
    return absl::OkStatus();
  }

  absl::Status HexUnit(uint32_t* unit) {
    if (pos_ + 4 > text_.size()) return Error("truncated \\u escape");
    *unit = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_++];
      int digit;
      if (h >= '0' && h <= '9') {
        digit = h - '0';
      } else if (h >= 'a' && h <= 'f') {
        digit = h - 'a' + 10;
      } else if (h >= 'A' && h <= 'F') {
        digit = h - 'A' + 10;
      } else {
        return Error("bad hex digit in \\u escape");
      }
      *unit = (*unit << 4) | digit;
    }
    return absl::OkStatus();
  }

  // Writes the string back escaped as Python does; lone surrogates stay lone, as in Python.
  absl::Status String(std::string* out) {
    ++pos_;  // '"'
    out->push_back('"');
    while (true) {
      if (pos_ >= text_.size()) return Error("unterminated string");
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        break;
      }
      if (static_cast<uint8_t>(c) < 0x20) return Error("control character in string");
      uint32_t code_point;
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) return Error("unterminated escape");
        const char escaped = text_[pos_ + 1];
        pos_ += 2;
        switch (escaped) {
          case '"': code_point = '"'; break;
          case '\\': code_point = '\\'; break;
          case '/': code_point = '/'; break;
          case 'b': code_point = '\b'; break;
          case 'f': code_point = '\f'; break;
          case 'n': code_point = '\n'; break;
          case 'r': code_point = '\r'; break;
          case 't': code_point = '\t'; break;
          case 'u': {
            absl::Status status = HexUnit(&code_point);
            if (!status.ok()) return status;
            if (code_point >= 0xd800 && code_point <= 0xdbff &&
                text_.substr(pos_, 2) == "\\u") {
              const size_t before_low = pos_;
              pos_ += 2;
              uint32_t low;
              status = HexUnit(&low);
              if (!status.ok()) return status;
              if (low >= 0xdc00 && low <= 0xdfff) {
                code_point = 0x10000 + ((code_point - 0xd800) << 10) + (low - 0xdc00);
              } else {
                pos_ = before_low;
              }
            }
            break;
          }
          default:
            return Error("unknown escape");
        }
      } else if (!DecodeUtf8(text_, &pos_, &code_point)) {
        return Error("malformed UTF-8");
      }
      AppendEscapedCodePoint(code_point, out);
    }
    out->push_back('"');
    return absl::OkStatus();
  }

  absl::Status Number(std::string* out) {
    const size_t start = pos_;
    auto digits = [&] {
      const size_t before = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - before;
    };
    Consume("-");
    if (Consume("0")) {
      // JSON allows no leading zeros.
    } else if (digits() == 0) {
      return Error("bad number");
    }
    bool is_integer = true;
    if (Consume(".")) {
      is_integer = false;
      if (digits() == 0) return Error("bad number fraction");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      is_integer = false;
      if (!Consume("+")) Consume("-");
      if (digits() == 0) return Error("bad number exponent");
    }
    const std::string token(text_.substr(start, pos_ - start));
    if (is_integer) {
      // Python ints keep every digit; only "-0" changes (to "0").
      out->append(token == "-0" ? "0" : token);
    } else {
      out->append(PythonFloatRepr(std::strtod(token.c_str(), nullptr)));
    }
    return absl::OkStatus();
  }

  absl::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

absl::Status AppendPythonJsonString(absl::string_view utf8, std::string* out) {
  out->push_back('"');
  size_t pos = 0;
  while (pos < utf8.size()) {
    uint32_t code_point;
    if (!DecodeUtf8(utf8, &pos, &code_point)) {
      return absl::InvalidArgumentError(
          absl::StrCat("string is not valid UTF-8 (byte ", pos, "): \"", utf8, "\""));
    }
    AppendEscapedCodePoint(code_point, out);
  }
  out->push_back('"');
  return absl::OkStatus();
}

std::string PythonFloatRepr(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  std::string sign = std::signbit(value) ? "-" : "";
  if (value == 0) return sign + "0.0";
  // Shortest round-trip digits in scientific form, "d.ddde±XX".
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), std::fabs(value),
                                    std::chars_format::scientific);
  const std::string scientific(buffer, result.ptr);
  const size_t e = scientific.find('e');
  std::string digits = scientific.substr(0, e);
  if (digits.size() > 1) digits.erase(1, 1);  // Drop the '.'.
  const int exponent = std::atoi(scientific.c_str() + e + 1);
  const int point = exponent + 1;  // Digits before the decimal point.
  const int count = static_cast<int>(digits.size());
  // repr switches to exponent notation outside 1e-4 <= |x| < 1e16.
  if (point > -4 && point <= 16) {
    if (point <= 0) return sign + "0." + std::string(-point, '0') + digits;
    if (point >= count) return sign + digits + std::string(point - count, '0') + ".0";
    return sign + digits.substr(0, point) + "." + digits.substr(point);
  }
  std::string mantissa = digits.substr(0, 1);
  if (count > 1) mantissa += "." + digits.substr(1);
  const int shown_exponent = point - 1;
  char exponent_text[16];
  std::snprintf(exponent_text, sizeof(exponent_text), "e%c%02d", shown_exponent < 0 ? '-' : '+',
                std::abs(shown_exponent));
  return sign + mantissa + exponent_text;
}

std::string PythonFloat32Repr(float value) {
  if (!std::isfinite(value)) return PythonFloatRepr(value);
  char buffer[64];
  for (int precision = 6;; ++precision) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", precision, static_cast<double>(value));
    const double rounded = std::strtod(buffer, nullptr);
    if (static_cast<float>(rounded) == value) return PythonFloatRepr(rounded);
  }
}

absl::StatusOr<std::string> ReformatJsonAsPython(absl::string_view json_text) {
  return PythonJsonReformatter(json_text).Run();
}

}  // namespace tfjs::converter
