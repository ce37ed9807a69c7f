// A recursive-descent JSON reader guided by the message descriptors: it fills sub-messages
// directly and writes each message's other fields as wire bytes for protobuf's generated parser.
#include "io/json_message.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <limits>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/wire_format_lite.h"

namespace tfjs::io {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::internal::WireFormatLite;

// JSON nests no deeper than this (protobuf's own parser allows 100).
constexpr int kMaxDepth = 100;

bool IsStructType(const Descriptor* type) {
  const std::string& name = type->full_name();
  return name == "google.protobuf.Struct" || name == "google.protobuf.Value" ||
         name == "google.protobuf.ListValue";
}

bool IsWellKnownType(const Descriptor* type) {
  return type->file()->name().rfind("google/protobuf/", 0) == 0;
}

class JsonMessageParser {
 public:
  JsonMessageParser(absl::string_view json, const ElementHook& on_element)
      : text_(json), on_element_(on_element) {}

  absl::Status ParseDocument(Message* message) {
    SkipWhitespace();
    absl::Status status = ParseInto(message, 0);
    if (!status.ok()) return status;
    SkipWhitespace();
    if (pos_ != text_.size()) return Error("unexpected text after the top-level object");
    return absl::OkStatus();
  }

 private:
  // Fields read straight into their sub-messages: messages of our own types, not map entries
  // (their maps are filled through the wire encoding) nor well-known types.
  static bool IsDirect(const FieldDescriptor* field) {
    return field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field->is_map() &&
           !IsWellKnownType(field->message_type());
  }

  // A JSON object merged into `message`. Fields IsDirect() names are parsed into their
  // sub-messages; the others are read as wire bytes that protobuf's generated parser merges once
  // the object ends. So the encoding held at a time is one message's own fields (a node of a
  // GraphDef, not the whole graph).
  absl::Status ParseInto(Message* message, int depth) {
    if (depth > kMaxDepth) return Error("JSON nested too deeply");
    if (!Consume('{')) return Error("expected an object");
    std::string wire;
    if (!Consume('}')) {
      std::string key_scratch;
      do {
        absl::StatusOr<absl::string_view> key = ParseString(&key_scratch);
        if (!key.ok()) return key.status();
        if (!Consume(':')) return Error("expected ':'");
        const FieldDescriptor* field = FindField(message->GetDescriptor(), *key);
        absl::Status status = field == nullptr ? SkipValue(depth + 1)
                              : IsDirect(field) ? ParseFieldInto(message, field, depth + 1)
                                                : ParseField(field, depth + 1, &wire);
        if (!status.ok()) return status;
      } while (Consume(','));
      if (!Consume('}')) return Error("expected ',' or '}'");
    }
    if (!message->MergeFromString(wire)) {
      return absl::InvalidArgumentError("a string is not valid UTF-8");
    }
    return absl::OkStatus();
  }

  // A message field (IsDirect) read into `message`; each element of a repeated one is handed to
  // on_element_ once read.
  absl::Status ParseFieldInto(Message* message, const FieldDescriptor* field, int depth) {
    // null leaves a field unset.
    if (Peek() == 'n') return SkipValue(depth);
    const google::protobuf::Reflection* reflection = message->GetReflection();
    if (!field->is_repeated()) return ParseInto(reflection->MutableMessage(message, field), depth);
    if (!Consume('[')) return Error(absl::StrCat("expected a list for ", field->name()));
    if (Consume(']')) return absl::OkStatus();
    do {
      Message* element = reflection->AddMessage(message, field);
      if (absl::Status status = ParseInto(element, depth + 1); !status.ok()) return status;
      if (on_element_) on_element_(*field, *element);
    } while (Consume(','));
    return Consume(']') ? absl::OkStatus() : Error("expected ',' or ']'");
  }

  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(what, " at byte ", pos_));
  }

  void SkipWhitespace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\r' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }

  // Skips whitespace, then consumes `c` if it comes next.
  bool Consume(char c) {
    SkipWhitespace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  char Peek() {
    SkipWhitespace();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }

  bool ConsumeLiteral(absl::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) return false;
    pos_ += literal.size();
    return true;
  }

  static void AppendUtf8(uint32_t code, std::string* out) {
    if (code < 0x80) {
      out->push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (code >> 6)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (code >> 12)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (code >> 18)));
      out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  absl::StatusOr<uint32_t> ParseHex4() {
    if (pos_ + 4 > text_.size()) return Error("truncated \\u escape");
    uint32_t code = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_++];
      code <<= 4;
      if (c >= '0' && c <= '9') {
        code |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        code |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        code |= c - 'A' + 10;
      } else {
        return Error("bad \\u escape");
      }
    }
    return code;
  }

  // A JSON string (the opening quote next): a view into the text when it has no escapes, else
  // into `scratch`, which holds the decoded bytes.
  absl::StatusOr<absl::string_view> ParseString(std::string* scratch) {
    if (!Consume('"')) return Error("expected a string");
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\\') ++pos_;
    if (pos_ >= text_.size()) return Error("unterminated string");
    if (text_[pos_] == '"') return text_.substr(start, pos_++ - start);
    scratch->assign(text_.data() + start, pos_ - start);
    while (pos_ < text_.size() && text_[pos_] != '"') {
      const char c = text_[pos_++];
      if (c != '\\') {
        scratch->push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) break;
      const char escape = text_[pos_++];
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          scratch->push_back(escape);
          break;
        case 'b':
          scratch->push_back('\b');
          break;
        case 'f':
          scratch->push_back('\f');
          break;
        case 'n':
          scratch->push_back('\n');
          break;
        case 'r':
          scratch->push_back('\r');
          break;
        case 't':
          scratch->push_back('\t');
          break;
        case 'u': {
          absl::StatusOr<uint32_t> code = ParseHex4();
          if (!code.ok()) return code.status();
          uint32_t value = *code;
          if (value >= 0xD800 && value < 0xDC00 && ConsumeLiteral("\\u")) {
            absl::StatusOr<uint32_t> low = ParseHex4();
            if (!low.ok()) return low.status();
            if (*low < 0xDC00 || *low >= 0xE000) return Error("bad surrogate pair");
            value = 0x10000 + ((value - 0xD800) << 10) + (*low - 0xDC00);
          }
          AppendUtf8(value, scratch);
          break;
        }
        default:
          return Error("bad escape in string");
      }
    }
    if (pos_ >= text_.size()) return Error("unterminated string");
    ++pos_;
    return absl::string_view(*scratch);
  }

  // A number token, unconverted.
  absl::StatusOr<absl::string_view> ParseNumberToken() {
    SkipWhitespace();
    const size_t start = pos_;
    while (pos_ < text_.size() &&
           (absl::ascii_isdigit(text_[pos_]) || text_[pos_] == '-' || text_[pos_] == '+' ||
            text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
    }
    if (pos_ == start) return Error("expected a value");
    return text_.substr(start, pos_ - start);
  }

  // Skips any JSON value.
  absl::Status SkipValue(int depth) {
    if (depth > kMaxDepth) return Error("JSON nested too deeply");
    std::string scratch;
    switch (Peek()) {
      case '"':
        return ParseString(&scratch).status();
      case '{':
        ++pos_;
        if (Consume('}')) return absl::OkStatus();
        do {
          if (absl::Status status = ParseString(&scratch).status(); !status.ok()) return status;
          if (!Consume(':')) return Error("expected ':'");
          if (absl::Status status = SkipValue(depth + 1); !status.ok()) return status;
        } while (Consume(','));
        return Consume('}') ? absl::OkStatus() : Error("expected ',' or '}'");
      case '[':
        ++pos_;
        if (Consume(']')) return absl::OkStatus();
        do {
          if (absl::Status status = SkipValue(depth + 1); !status.ok()) return status;
        } while (Consume(','));
        return Consume(']') ? absl::OkStatus() : Error("expected ',' or ']'");
      case 't':
        return ConsumeLiteral("true") ? absl::OkStatus() : Error("bad literal");
      case 'f':
        return ConsumeLiteral("false") ? absl::OkStatus() : Error("bad literal");
      case 'n':
        return ConsumeLiteral("null") ? absl::OkStatus() : Error("bad literal");
      default:
        return ParseNumberToken().status();
    }
  }

  // The text of the next value, skipped.
  absl::StatusOr<absl::string_view> ValueText(int depth) {
    SkipWhitespace();
    const size_t start = pos_;
    if (absl::Status status = SkipValue(depth); !status.ok()) return status;
    return text_.substr(start, pos_ - start);
  }

  // A JSON object as the wire encoding of message type `descriptor`, appended to `out`.
  absl::Status ParseMessage(const Descriptor* descriptor, int depth, std::string* out) {
    if (depth > kMaxDepth) return Error("JSON nested too deeply");
    if (!Consume('{')) return Error("expected an object");
    if (Consume('}')) return absl::OkStatus();
    std::string key_scratch;
    do {
      absl::StatusOr<absl::string_view> key = ParseString(&key_scratch);
      if (!key.ok()) return key.status();
      if (!Consume(':')) return Error("expected ':'");
      const FieldDescriptor* field = FindField(descriptor, *key);
      absl::Status status =
          field == nullptr ? SkipValue(depth + 1) : ParseField(field, depth + 1, out);
      if (!status.ok()) return status;
    } while (Consume(','));
    return Consume('}') ? absl::OkStatus() : Error("expected ',' or '}'");
  }

  absl::Status ParseField(const FieldDescriptor* field, int depth, std::string* out) {
    const bool is_struct = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
                           IsStructType(field->message_type());
    // null leaves a field unset, except where google.protobuf.Value gives it a meaning.
    if (!(is_struct && !field->is_repeated()) && Peek() == 'n') return SkipValue(depth);
    if (field->is_map()) return ParseMap(field, depth, out);
    if (!field->is_repeated()) return ParseValue(field, depth, out);
    if (!Consume('[')) return Error(absl::StrCat("expected a list for ", field->name()));
    if (Consume(']')) return absl::OkStatus();
    do {
      if (absl::Status status = ParseValue(field, depth + 1, out); !status.ok()) return status;
    } while (Consume(','));
    return Consume(']') ? absl::OkStatus() : Error("expected ',' or ']'");
  }

  // A scratch buffer for a message nested `depth` deep, emptied.
  std::string* Buffer(int depth) {
    if (static_cast<int>(buffers_.size()) <= depth) buffers_.resize(depth + 1);
    buffers_[depth].clear();
    return &buffers_[depth];
  }

  static void AppendLengthDelimited(const FieldDescriptor* field, absl::string_view bytes,
                                    std::string* out) {
    AppendTag(field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED, out);
    AppendVarint(bytes.size(), out);
    out->append(bytes.data(), bytes.size());
  }

  // Map entries are messages with the key as field 1 and the value as field 2.
  absl::Status ParseMap(const FieldDescriptor* field, int depth, std::string* out) {
    if (!Consume('{')) return Error(absl::StrCat("expected an object for map ", field->name()));
    if (Consume('}')) return absl::OkStatus();
    const FieldDescriptor* key_field = field->message_type()->map_key();
    const FieldDescriptor* value_field = field->message_type()->map_value();
    std::string scratch;
    do {
      absl::StatusOr<absl::string_view> key = ParseString(&scratch);
      if (!key.ok()) return key.status();
      if (!Consume(':')) return Error("expected ':'");
      std::string* entry = Buffer(depth);
      absl::Status status = AppendFromString(key_field, *key, entry);
      if (status.ok()) status = ParseValue(value_field, depth + 1, entry);
      if (!status.ok()) return status;
      AppendLengthDelimited(field, *entry, out);
    } while (Consume(','));
    return Consume('}') ? absl::OkStatus() : Error("expected ',' or '}'");
  }

  // google.protobuf.Struct, Value or ListValue through protobuf's parser (wrapped in a Struct,
  // since a Value or ListValue need not be an object), as wire bytes.
  absl::Status ParseStructType(const Descriptor* type, int depth, std::string* out) {
    absl::StatusOr<absl::string_view> text = ValueText(depth);
    if (!text.ok()) return text.status();
    google::protobuf::Struct wrapper;
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    const auto status = google::protobuf::util::JsonStringToMessage(
        absl::StrCat("{\"v\":", *text, "}"), &wrapper, options);
    if (!status.ok()) return Error(status.message().as_string());
    const google::protobuf::Value& value = wrapper.fields().at("v");
    const std::string& name = type->full_name();
    if (name == "google.protobuf.Value") return value.AppendToString(out), absl::OkStatus();
    if (name == "google.protobuf.Struct" && value.has_struct_value()) {
      return value.struct_value().AppendToString(out), absl::OkStatus();
    }
    if (name == "google.protobuf.ListValue" && value.has_list_value()) {
      return value.list_value().AppendToString(out), absl::OkStatus();
    }
    return Error(
        absl::StrCat("expected a JSON ", name == "google.protobuf.Struct" ? "object" : "list"));
  }

  // One value of `field` (the field itself, or one element of a repeated field), as a tag and
  // its value.
  absl::Status ParseValue(const FieldDescriptor* field, int depth, std::string* out) {
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      const Descriptor* type = field->message_type();
      if (IsWellKnownType(type) && !IsStructType(type)) {
        return absl::UnimplementedError(
            absl::StrCat("field ", field->full_name(), " of type ", type->full_name()));
      }
      std::string* child = Buffer(depth);
      absl::Status status = IsStructType(type) ? ParseStructType(type, depth, child)
                                               : ParseMessage(type, depth + 1, child);
      if (!status.ok()) return status;
      AppendLengthDelimited(field, *child, out);
      return absl::OkStatus();
    }
    switch (Peek()) {
      case '"': {
        std::string scratch;
        absl::StatusOr<absl::string_view> text = ParseString(&scratch);
        if (!text.ok()) return text.status();
        return AppendFromString(field, *text, out);
      }
      case 't':
      case 'f': {
        const bool value = Peek() == 't';
        if (!ConsumeLiteral(value ? "true" : "false")) return Error("bad literal");
        if (field->cpp_type() != FieldDescriptor::CPPTYPE_BOOL) {
          return Error(absl::StrCat("a bool is no value for ", field->name()));
        }
        AppendTag(field, WireFormatLite::WIRETYPE_VARINT, out);
        AppendVarint(value ? 1 : 0, out);
        return absl::OkStatus();
      }
      case '{':
      case '[':
      case 'n':
        return Error(absl::StrCat("expected a scalar for ", field->name()));
      default: {
        absl::StatusOr<absl::string_view> number = ParseNumberToken();
        if (!number.ok()) return number.status();
        return AppendNumber(field, *number, out);
      }
    }
  }

  // An integer from a JSON number or string: digits, or a float with an integral value.
  template <typename Int>
  absl::StatusOr<Int> ToInteger(absl::string_view text, const FieldDescriptor* field) {
    Int value;
    if (absl::SimpleAtoi(text, &value)) return value;
    double real;
    if (absl::SimpleAtod(text, &real) && std::isfinite(real) && real == std::floor(real) &&
        real >= static_cast<double>(std::numeric_limits<Int>::min()) &&
        real <= static_cast<double>(std::numeric_limits<Int>::max())) {
      return static_cast<Int>(real);
    }
    return Error(absl::StrCat("'", text, "' is no integer for ", field->name()));
  }

  absl::StatusOr<double> ToDouble(absl::string_view text, const FieldDescriptor* field) {
    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (text == "Infinity") return std::numeric_limits<double>::infinity();
    if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
    double value;
    if (!text.empty() && text[0] != ' ' && absl::SimpleAtod(text, &value)) return value;
    return Error(absl::StrCat("'", text, "' is no number for ", field->name()));
  }

  static void AppendVarint(uint64_t value, std::string* out) {
    while (value >= 0x80) {
      out->push_back(static_cast<char>(value | 0x80));
      value >>= 7;
    }
    out->push_back(static_cast<char>(value));
  }

  static void AppendTag(const FieldDescriptor* field, WireFormatLite::WireType type,
                        std::string* out) {
    AppendVarint(WireFormatLite::MakeTag(field->number(), type), out);
  }

  template <typename Fixed>
  static void AppendFixed(const FieldDescriptor* field, Fixed value, std::string* out) {
    AppendTag(
        field,
        sizeof(Fixed) == 4 ? WireFormatLite::WIRETYPE_FIXED32 : WireFormatLite::WIRETYPE_FIXED64,
        out);
    char bytes[sizeof(Fixed)];
    std::memcpy(bytes, &value, sizeof(Fixed));  // Little-endian, as the wire format.
    out->append(bytes, sizeof(Fixed));
  }

  // A numeric field from the text of a JSON number or string.
  absl::Status AppendNumber(const FieldDescriptor* field, absl::string_view text,
                            std::string* out) {
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_ENUM: {
        absl::StatusOr<int32_t> value = ToInteger<int32_t>(text, field);
        if (!value.ok()) return value.status();
        switch (field->type()) {
          case FieldDescriptor::TYPE_SINT32:
            AppendTag(field, WireFormatLite::WIRETYPE_VARINT, out);
            AppendVarint(WireFormatLite::ZigZagEncode32(*value), out);
            break;
          case FieldDescriptor::TYPE_SFIXED32:
            AppendFixed(field, *value, out);
            break;
          default:  // int32 and enums: negative values sign-extended to 64 bits.
            AppendTag(field, WireFormatLite::WIRETYPE_VARINT, out);
            AppendVarint(static_cast<uint64_t>(static_cast<int64_t>(*value)), out);
        }
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        absl::StatusOr<int64_t> value = ToInteger<int64_t>(text, field);
        if (!value.ok()) return value.status();
        if (field->type() == FieldDescriptor::TYPE_SFIXED64) {
          AppendFixed(field, *value, out);
          return absl::OkStatus();
        }
        AppendTag(field, WireFormatLite::WIRETYPE_VARINT, out);
        AppendVarint(field->type() == FieldDescriptor::TYPE_SINT64
                         ? WireFormatLite::ZigZagEncode64(*value)
                         : static_cast<uint64_t>(*value),
                     out);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        absl::StatusOr<uint32_t> value = ToInteger<uint32_t>(text, field);
        if (!value.ok()) return value.status();
        if (field->type() == FieldDescriptor::TYPE_FIXED32) {
          AppendFixed(field, *value, out);
          return absl::OkStatus();
        }
        AppendTag(field, WireFormatLite::WIRETYPE_VARINT, out);
        AppendVarint(*value, out);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        absl::StatusOr<uint64_t> value = ToInteger<uint64_t>(text, field);
        if (!value.ok()) return value.status();
        if (field->type() == FieldDescriptor::TYPE_FIXED64) {
          AppendFixed(field, *value, out);
          return absl::OkStatus();
        }
        AppendTag(field, WireFormatLite::WIRETYPE_VARINT, out);
        AppendVarint(*value, out);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_DOUBLE: {
        absl::StatusOr<double> value = ToDouble(text, field);
        if (!value.ok()) return value.status();
        AppendFixed(field, *value, out);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_FLOAT: {
        absl::StatusOr<double> value = ToDouble(text, field);
        if (!value.ok()) return value.status();
        const float narrowed = static_cast<float>(*value);
        if (std::isfinite(*value) && !std::isfinite(narrowed)) {
          return Error(absl::StrCat("'", text, "' is out of float range for ", field->name()));
        }
        AppendFixed(field, narrowed, out);
        return absl::OkStatus();
      }
      default:
        return Error(absl::StrCat("a number is no value for ", field->name()));
    }
  }

  // A field from the contents of a JSON string (or a map key).
  absl::Status AppendFromString(const FieldDescriptor* field, absl::string_view text,
                                std::string* out) {
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING: {
        if (field->type() == FieldDescriptor::TYPE_BYTES) {
          std::string bytes;
          if (!absl::Base64Unescape(text, &bytes) && !absl::WebSafeBase64Unescape(text, &bytes)) {
            return Error(absl::StrCat("bad base64 for ", field->name()));
          }
          AppendLengthDelimited(field, bytes, out);
          return absl::OkStatus();
        }
        AppendLengthDelimited(field, text, out);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        const auto* value = field->enum_type()->FindValueByName(std::string(text));
        if (value == nullptr) {
          // Unknown enum names are skipped with the unknown fields; numbers in strings are read.
          int32_t number;
          if (!absl::SimpleAtoi(text, &number)) return absl::OkStatus();
          return AppendNumber(field, text, out);
        }
        AppendTag(field, WireFormatLite::WIRETYPE_VARINT, out);
        AppendVarint(static_cast<uint64_t>(static_cast<int64_t>(value->number())), out);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        // Only map keys hold bools as strings.
        if (text != "true" && text != "false") {
          return Error(absl::StrCat("'", text, "' is no bool for ", field->name()));
        }
        AppendTag(field, WireFormatLite::WIRETYPE_VARINT, out);
        AppendVarint(text == "true" ? 1 : 0, out);
        return absl::OkStatus();
      }
      default:
        return AppendNumber(field, text, out);
    }
  }

  // The field `key` names: by JSON name or proto name; nullptr for none.
  const FieldDescriptor* FindField(const Descriptor* descriptor, absl::string_view key) {
    auto [fields, added] = fields_.try_emplace(descriptor);
    if (added) {
      for (int i = 0; i < descriptor->field_count(); ++i) {
        const FieldDescriptor* field = descriptor->field(i);
        fields->second.emplace(field->name(), field);
        fields->second.emplace(field->json_name(), field);
      }
    }
    auto it = fields->second.find(key);
    return it == fields->second.end() ? nullptr : it->second;
  }

  absl::string_view text_;
  const ElementHook& on_element_;
  size_t pos_ = 0;
  // Per nesting depth, the wire bytes of the message being read there (a deque: growing it
  // leaves the outer buffers in place).
  std::deque<std::string> buffers_;
  // Per message type: its fields by JSON and proto name (views into the descriptors).
  absl::flat_hash_map<const Descriptor*,
                      absl::flat_hash_map<absl::string_view, const FieldDescriptor*>>
      fields_;
};

}  // namespace

absl::Status ParseJsonToMessage(absl::string_view json, google::protobuf::Message* message,
                                const ElementHook& on_element) {
  return JsonMessageParser(json, on_element).ParseDocument(message);
}

}  // namespace tfjs::io
