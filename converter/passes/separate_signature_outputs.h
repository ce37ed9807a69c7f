// SeparateSignatureOutputs: gives every signature output a graph node of its own, as TF.js keys
// a model's outputs by node (GraphModel.predict() and structured output names need it).
#ifndef TFJS_NATIVE_CONVERTER_PASSES_SEPARATE_SIGNATURE_OUTPUTS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_SEPARATE_SIGNATURE_OUTPUTS_H_

#include "proto/graph.pb.h"
#include "proto/saved_model.pb.h"

namespace tfjs::converter {

// TF.js gives each output node one signature key, so two outputs on one node (the IdentityN an
// inlined TF2 signature function or a lowered If/While becomes, or two outputs of one op) come
// back as the same tensor. An output of an IdentityN is renamed to the tensor it forwards,
// looked up further through identity ops (the function's own Identity nodes, which wait on its
// NoOp), as Grappler leaves tensorflowjs_converter's outputs next to the producing nodes; the
// identities then have no reader left and go, with what only they waited on. Outputs still
// sharing a node with an earlier one (by key order) or with a signature input get an Identity
// of their own, named "<node>/<key>" (with any ':' of the key, as in a frozen graph's "split:1",
// made '_': TF.js would read "split/split:1:0" as node "split/split"). Only those outputs' names change, and Identity nodes are
// added.
void SeparateSignatureOutputs(tensorflow::SignatureDef* signature, tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_SEPARATE_SIGNATURE_OUTPUTS_H_
