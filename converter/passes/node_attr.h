// Reads and sets NodeDef attrs with the op's default when the attr is absent, for graph passes.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_NODE_ATTR_H_
#define TFJS_NATIVE_CONVERTER_PASSES_NODE_ATTR_H_

#include <string>

#include "absl/strings/string_view.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

std::string StringAttr(const tensorflow::NodeDef& node, absl::string_view name,
                       absl::string_view fallback);
bool BoolAttr(const tensorflow::NodeDef& node, absl::string_view name, bool fallback);
float FloatAttr(const tensorflow::NodeDef& node, absl::string_view name, float fallback);
tensorflow::DataType TypeAttr(const tensorflow::NodeDef& node, absl::string_view name);

// data_format is NHWC, or absent (TF's default).
bool IsChannelsLast(const tensorflow::NodeDef& node);

void SetTypeAttr(tensorflow::NodeDef* node, const std::string& name, tensorflow::DataType type);
void SetStringAttr(tensorflow::NodeDef* node, const std::string& name, const std::string& value);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_NODE_ATTR_H_
