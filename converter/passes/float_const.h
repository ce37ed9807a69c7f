// FloatConst: reads and writes the float32 values of Const nodes, for passes that rewrite weights.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_FLOAT_CONST_H_
#define TFJS_NATIVE_CONVERTER_PASSES_FLOAT_CONST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "proto/graph.pb.h"

namespace tfjs::converter {

struct FloatConst {
  std::vector<int64_t> shape;
  // Row-major, one per element.
  std::vector<float> values;
};

// The value of a DT_FLOAT Const node (tensor_content or float_val, TF's shorthand of fewer values
// than elements repeating the last one, none meaning zeros); nullopt for any other node or a
// value that does not fit its shape.
std::optional<FloatConst> ReadFloatConst(const tensorflow::NodeDef& node);

// A DT_FLOAT Const node called `name` holding `value` in tensor_content.
tensorflow::NodeDef MakeFloatConst(const std::string& name, const FloatConst& value);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_FLOAT_CONST_H_
