#include "runtime/node_attrs.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {
namespace {

// Splits a table default list such as "[1,1,1,1]" or "[]" into its items.
std::vector<std::string> ListItems(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  absl::ConsumePrefix(&text, "[");
  absl::ConsumeSuffix(&text, "]");
  std::vector<std::string> items;
  if (absl::StripAsciiWhitespace(text).empty()) return items;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    item = absl::StripAsciiWhitespace(item);
    absl::ConsumePrefix(&item, "\"");
    absl::ConsumeSuffix(&item, "\"");
    items.emplace_back(item);
  }
  return items;
}

}  // namespace

const tensorflow::AttrValue* NodeAttrs::Find(absl::string_view name) const {
  auto it = node_.attr().find(std::string(name));
  if (it != node_.attr().end()) return &it->second;
  if (op_def_ == nullptr) return nullptr;
  for (const ops::AttrDef& attr : op_def_->attrs) {
    if (attr.tf_name == name && !attr.tf_deprecated_name.empty()) {
      it = node_.attr().find(attr.tf_deprecated_name);
      if (it != node_.attr().end()) return &it->second;
    }
  }
  return nullptr;
}

absl::StatusOr<std::string> NodeAttrs::Default(absl::string_view name) const {
  if (op_def_ != nullptr) {
    for (const ops::AttrDef& attr : op_def_->attrs) {
      if (attr.tf_name == name && attr.has_default) return attr.default_value;
    }
  }
  return absl::InvalidArgumentError(absl::StrCat("node '", node_.name(), "' (", node_.op(),
                                                 "): missing required attr '", name, "'"));
}

absl::Status NodeAttrs::WrongType(absl::string_view name, absl::string_view expected) const {
  return absl::InvalidArgumentError(absl::StrCat("node '", node_.name(), "' (", node_.op(),
                                                 "): attr '", name, "' is not ", expected));
}

absl::StatusOr<int64_t> NodeAttrs::GetInt(absl::string_view name) const {
  if (const tensorflow::AttrValue* value = Find(name)) {
    if (value->value_case() != tensorflow::AttrValue::kI) return WrongType(name, "an int");
    return value->i();
  }
  absl::StatusOr<std::string> text = Default(name);
  if (!text.ok()) return text.status();
  int64_t result;
  if (!absl::SimpleAtoi(*text, &result)) return WrongType(name, "an int (table default)");
  return result;
}

absl::StatusOr<float> NodeAttrs::GetFloat(absl::string_view name) const {
  if (const tensorflow::AttrValue* value = Find(name)) {
    if (value->value_case() != tensorflow::AttrValue::kF) return WrongType(name, "a float");
    return value->f();
  }
  absl::StatusOr<std::string> text = Default(name);
  if (!text.ok()) return text.status();
  float result;
  if (!absl::SimpleAtof(*text, &result)) return WrongType(name, "a float (table default)");
  return result;
}

absl::StatusOr<bool> NodeAttrs::GetBool(absl::string_view name) const {
  if (const tensorflow::AttrValue* value = Find(name)) {
    if (value->value_case() != tensorflow::AttrValue::kB) return WrongType(name, "a bool");
    return value->b();
  }
  absl::StatusOr<std::string> text = Default(name);
  if (!text.ok()) return text.status();
  bool result;
  if (!absl::SimpleAtob(*text, &result)) return WrongType(name, "a bool (table default)");
  return result;
}

absl::StatusOr<std::string> NodeAttrs::GetString(absl::string_view name) const {
  if (const tensorflow::AttrValue* value = Find(name)) {
    if (value->value_case() != tensorflow::AttrValue::kS) return WrongType(name, "a string");
    return value->s();
  }
  return Default(name);
}

absl::StatusOr<tensorflow::DataType> NodeAttrs::GetType(absl::string_view name) const {
  if (const tensorflow::AttrValue* value = Find(name)) {
    if (value->value_case() != tensorflow::AttrValue::kType) return WrongType(name, "a type");
    return value->type();
  }
  absl::StatusOr<std::string> text = Default(name);
  if (!text.ok()) return text.status();
  absl::StatusOr<tensorflow::DataType> dtype = DataTypeFromName(*text);
  if (!dtype.ok()) return WrongType(name, "a type (table default)");
  return *dtype;
}

absl::StatusOr<std::vector<int64_t>> NodeAttrs::GetIntList(absl::string_view name) const {
  if (const tensorflow::AttrValue* value = Find(name)) {
    if (value->value_case() != tensorflow::AttrValue::kList) return WrongType(name, "a list");
    return std::vector<int64_t>(value->list().i().begin(), value->list().i().end());
  }
  absl::StatusOr<std::string> text = Default(name);
  if (!text.ok()) return text.status();
  std::vector<int64_t> result;
  for (const std::string& item : ListItems(*text)) {
    int64_t number;
    if (!absl::SimpleAtoi(item, &number)) return WrongType(name, "an int list (table default)");
    result.push_back(number);
  }
  return result;
}

absl::StatusOr<std::vector<float>> NodeAttrs::GetFloatList(absl::string_view name) const {
  if (const tensorflow::AttrValue* value = Find(name)) {
    if (value->value_case() != tensorflow::AttrValue::kList) return WrongType(name, "a list");
    return std::vector<float>(value->list().f().begin(), value->list().f().end());
  }
  absl::StatusOr<std::string> text = Default(name);
  if (!text.ok()) return text.status();
  std::vector<float> result;
  for (const std::string& item : ListItems(*text)) {
    float number;
    if (!absl::SimpleAtof(item, &number)) return WrongType(name, "a float list (table default)");
    result.push_back(number);
  }
  return result;
}

absl::StatusOr<std::vector<std::string>> NodeAttrs::GetStringList(absl::string_view name) const {
  if (const tensorflow::AttrValue* value = Find(name)) {
    if (value->value_case() != tensorflow::AttrValue::kList) return WrongType(name, "a list");
    return std::vector<std::string>(value->list().s().begin(), value->list().s().end());
  }
  absl::StatusOr<std::string> text = Default(name);
  if (!text.ok()) return text.status();
  return ListItems(*text);
}

}  // namespace tfjs::runtime
