#include "converter/writer/proto_json.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "converter/writer/python_json.h"
#include "google/protobuf/descriptor.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::Status AppendMessage(const Message& message, std::string* out);

// One element of `field`: the whole field when singular, element `index` when repeated.
absl::Status AppendFieldValue(const Message& message, const FieldDescriptor* field, int index,
                              std::string* out) {
  const Reflection* reflection = message.GetReflection();
  const bool repeated = field->is_repeated();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return AppendMessage(repeated ? reflection->GetRepeatedMessage(message, field, index)
                                    : reflection->GetMessage(message, field),
                           out);
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int number = repeated ? reflection->GetRepeatedEnumValue(message, field, index)
                                  : reflection->GetEnumValue(message, field);
      const auto* value = field->enum_type()->FindValueByNumber(number);
      // Proto3 enums are open: json_format writes numbers it has no name for as numbers.
      if (value == nullptr) return absl::StrAppend(out, number), absl::OkStatus();
      return AppendPythonJsonString(value->name(), out);
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      const std::string& value =
          repeated ? reflection->GetRepeatedStringReference(message, field, index, &scratch)
                   : reflection->GetStringReference(message, field, &scratch);
      if (field->type() == FieldDescriptor::TYPE_BYTES) {
        absl::StrAppend(out, "\"", absl::Base64Escape(value), "\"");
        return absl::OkStatus();
      }
      absl::Status status = AppendPythonJsonString(value, out);
      if (!status.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("field ", field->full_name(), ": ", status.message()));
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      const bool value = repeated ? reflection->GetRepeatedBool(message, field, index)
                                  : reflection->GetBool(message, field);
      out->append(value ? "true" : "false");
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32:
      absl::StrAppend(out, repeated ? reflection->GetRepeatedInt32(message, field, index)
                                    : reflection->GetInt32(message, field));
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_UINT32:
      absl::StrAppend(out, repeated ? reflection->GetRepeatedUInt32(message, field, index)
                                    : reflection->GetUInt32(message, field));
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_INT64:
      absl::StrAppend(out, "\"",
                      repeated ? reflection->GetRepeatedInt64(message, field, index)
                               : reflection->GetInt64(message, field),
                      "\"");
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_UINT64:
      absl::StrAppend(out, "\"",
                      repeated ? reflection->GetRepeatedUInt64(message, field, index)
                               : reflection->GetUInt64(message, field),
                      "\"");
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_FLOAT: {
      const float value = repeated ? reflection->GetRepeatedFloat(message, field, index)
                                   : reflection->GetFloat(message, field);
      // json_format turns non-finite values into the strings "NaN", "Infinity", "-Infinity".
      if (!std::isfinite(value)) return AppendPythonJsonString(PythonFloatRepr(value), out);
      out->append(PythonFloat32Repr(value));
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      const double value = repeated ? reflection->GetRepeatedDouble(message, field, index)
                                    : reflection->GetDouble(message, field);
      if (!std::isfinite(value)) return AppendPythonJsonString(PythonFloatRepr(value), out);
      out->append(PythonFloatRepr(value));
      return absl::OkStatus();
    }
  }
  return absl::InternalError(absl::StrCat("unhandled field type in ", field->full_name()));
}

// A map key as json_format writes it: str(key), "true"/"false" for bools.
absl::StatusOr<std::string> MapKeyText(const Message& entry) {
  const FieldDescriptor* key_field = entry.GetDescriptor()->map_key();
  const Reflection* reflection = entry.GetReflection();
  switch (key_field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return reflection->GetString(entry, key_field);
    case FieldDescriptor::CPPTYPE_BOOL:
      return std::string(reflection->GetBool(entry, key_field) ? "true" : "false");
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(reflection->GetInt32(entry, key_field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(reflection->GetUInt32(entry, key_field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(reflection->GetInt64(entry, key_field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(reflection->GetUInt64(entry, key_field));
    default:
      return absl::InternalError(absl::StrCat("unexpected map key type in ",
                                              entry.GetDescriptor()->full_name()));
  }
}

absl::Status AppendMap(const Message& message, const FieldDescriptor* field, std::string* out) {
  const Reflection* reflection = message.GetReflection();
  std::vector<std::pair<std::string, const Message*>> entries;
  for (int i = 0, n = reflection->FieldSize(message, field); i < n; ++i) {
    const Message& entry = reflection->GetRepeatedMessage(message, field, i);
    absl::StatusOr<std::string> key = MapKeyText(entry);
    if (!key.ok()) return key.status();
    entries.emplace_back(*std::move(key), &entry);
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  const FieldDescriptor* value_field = field->message_type()->map_value();
  out->push_back('{');
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out->append(", ");
    absl::Status status = AppendPythonJsonString(entries[i].first, out);
    if (!status.ok()) return status;
    out->append(": ");
    status = AppendFieldValue(*entries[i].second, value_field, /*index=*/0, out);
    if (!status.ok()) return status;
  }
  out->push_back('}');
  return absl::OkStatus();
}

// A NodeDef's attrs, read through the generated map: reading a map field through reflection
// mirrors it into a repeated field that stays in the message, as large as the attrs themselves.
absl::Status AppendAttrMap(const tensorflow::NodeDef& node, std::string* out) {
  std::vector<std::pair<absl::string_view, const tensorflow::AttrValue*>> entries;
  entries.reserve(node.attr().size());
  for (const auto& [key, value] : node.attr()) entries.emplace_back(key, &value);
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out->push_back('{');
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out->append(", ");
    absl::Status status = AppendPythonJsonString(entries[i].first, out);
    if (!status.ok()) return status;
    out->append(": ");
    status = AppendMessage(*entries[i].second, out);
    if (!status.ok()) return status;
  }
  out->push_back('}');
  return absl::OkStatus();
}

absl::Status AppendMessage(const Message& message, std::string* out) {
  const std::string& type_name = message.GetDescriptor()->full_name();
  if (type_name.rfind("google.protobuf.", 0) == 0) {
    // Well-known types have special JSON forms; no graph or signature field uses them.
    return absl::UnimplementedError(
        absl::StrCat("cannot write ", type_name, " as model.json JSON"));
  }
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);  // Set fields, in field-number order.
  out->push_back('{');
  for (size_t f = 0; f < fields.size(); ++f) {
    const FieldDescriptor* field = fields[f];
    if (f > 0) out->append(", ");
    absl::Status status = AppendPythonJsonString(field->json_name(), out);
    if (!status.ok()) return status;
    out->append(": ");
    const auto* node = dynamic_cast<const tensorflow::NodeDef*>(&message);
    if (node != nullptr && field->number() == tensorflow::NodeDef::kAttrFieldNumber) {
      status = AppendAttrMap(*node, out);
    } else if (field->is_map()) {
      status = AppendMap(message, field, out);
    } else if (field->is_repeated()) {
      out->push_back('[');
      for (int i = 0, n = reflection->FieldSize(message, field); i < n && status.ok(); ++i) {
        if (i > 0) out->append(", ");
        status = AppendFieldValue(message, field, i, out);
      }
      out->push_back(']');
    } else {
      status = AppendFieldValue(message, field, /*index=*/0, out);
    }
    if (!status.ok()) return status;
  }
  out->push_back('}');
  return absl::OkStatus();
}

}  // namespace

absl::Status AppendMessageAsPythonJson(const Message& message, std::string* out) {
  return AppendMessage(message, out);
}

}  // namespace tfjs::converter
