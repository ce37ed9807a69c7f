// TopologicalOrder: the nodes of a graph ordered so that each comes after all its inputs.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_TOPOLOGICAL_ORDER_H_
#define TFJS_NATIVE_CONVERTER_PASSES_TOPOLOGICAL_ORDER_H_

#include <vector>

#include "proto/graph.pb.h"

namespace tfjs::converter {

// Indices into graph.node(), each after its data and control inputs. Nodes on a cycle (TF1
// loops), downstream of one, or reading a missing node are left out.
std::vector<int> TopologicalOrder(const tensorflow::GraphDef& graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_TOPOLOGICAL_ORDER_H_
