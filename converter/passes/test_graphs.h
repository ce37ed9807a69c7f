// Test helper: builds GraphDefs from text format and looks nodes up by name.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_TEST_GRAPHS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_TEST_GRAPHS_H_

#include <string>
#include <vector>

#include "proto/graph.pb.h"

namespace tfjs::converter::testing {

// A node's float32 "T" attr, to paste into text-format NodeDefs.
inline constexpr char kFloatT[] = "attr { key: 'T' value { type: DT_FLOAT } } ";

// Parses a text-format GraphDef; an unparsable literal aborts the test binary.
tensorflow::GraphDef ParseGraph(const std::string& text);

// The node's inputs, data and control, in order.
std::vector<std::string> InputsOf(const tensorflow::NodeDef& node);

// The node called `name`, or nullptr.
const tensorflow::NodeDef* FindNode(const tensorflow::GraphDef& graph, const std::string& name);

}  // namespace tfjs::converter::testing

#endif  // TFJS_NATIVE_CONVERTER_PASSES_TEST_GRAPHS_H_
