#include "converter/passes/node_attr.h"

namespace tfjs::converter {
namespace {

const tensorflow::AttrValue* FindAttr(const tensorflow::NodeDef& node, absl::string_view name) {
  auto it = node.attr().find(std::string(name));
  return it == node.attr().end() ? nullptr : &it->second;
}

}  // namespace

std::string StringAttr(const tensorflow::NodeDef& node, absl::string_view name,
                       absl::string_view fallback) {
  const tensorflow::AttrValue* value = FindAttr(node, name);
  return value != nullptr && value->value_case() == tensorflow::AttrValue::kS ? value->s()
                                                                               : std::string(fallback);
}

bool BoolAttr(const tensorflow::NodeDef& node, absl::string_view name, bool fallback) {
  const tensorflow::AttrValue* value = FindAttr(node, name);
  return value != nullptr && value->value_case() == tensorflow::AttrValue::kB ? value->b()
                                                                               : fallback;
}

float FloatAttr(const tensorflow::NodeDef& node, absl::string_view name, float fallback) {
  const tensorflow::AttrValue* value = FindAttr(node, name);
  return value != nullptr && value->value_case() == tensorflow::AttrValue::kF ? value->f()
                                                                               : fallback;
}

tensorflow::DataType TypeAttr(const tensorflow::NodeDef& node, absl::string_view name) {
  const tensorflow::AttrValue* value = FindAttr(node, name);
  return value != nullptr && value->value_case() == tensorflow::AttrValue::kType
             ? value->type()
             : tensorflow::DT_INVALID;
}

bool IsChannelsLast(const tensorflow::NodeDef& node) {
  return StringAttr(node, "data_format", "NHWC") == "NHWC";
}

void SetTypeAttr(tensorflow::NodeDef* node, const std::string& name, tensorflow::DataType type) {
  (*node->mutable_attr())[name].set_type(type);
}

void SetStringAttr(tensorflow::NodeDef* node, const std::string& name, const std::string& value) {
  (*node->mutable_attr())[name].set_s(value);
}

}  // namespace tfjs::converter
