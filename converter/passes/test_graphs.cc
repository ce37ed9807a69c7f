#include "converter/passes/test_graphs.h"

#include <cstdlib>
#include <iostream>

#include "google/protobuf/text_format.h"

namespace tfjs::converter::testing {

tensorflow::GraphDef ParseGraph(const std::string& text) {
  tensorflow::GraphDef graph;
  if (!google::protobuf::TextFormat::ParseFromString(text, &graph)) {
    std::cerr << "test graph literal does not parse:\n" << text << "\n";
    std::abort();
  }
  return graph;
}

std::vector<std::string> InputsOf(const tensorflow::NodeDef& node) {
  return std::vector<std::string>(node.input().begin(), node.input().end());
}

const tensorflow::NodeDef* FindNode(const tensorflow::GraphDef& graph, const std::string& name) {
  for (const tensorflow::NodeDef& node : graph.node()) {
    if (node.name() == name) return &node;
  }
  return nullptr;
}

}  // namespace tfjs::converter::testing
