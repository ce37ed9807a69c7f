// Normalization layers: BatchNormalization (inference: moving statistics; FusedBatchNormV3 for
// 4D channels-last inputs, as Keras's fused path) and LayerNormalization, otherwise computed as
// tf.nn.batch_normalization does:
// x * (gamma * rsqrt(var + eps)) + (beta - mean * gamma * rsqrt(var + eps)).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "converter/keras/layer.h"

namespace tfjs::converter::keras {
namespace {

// The layer's axes (an int or a list), made positive for rank `rank`.
std::vector<int> ReadAxes(LayerCall& call, size_t rank) {
  const google::protobuf::Value* value = call.Get("axis");
  std::vector<int64_t> raw = {-1};
  if (value != nullptr && value->has_list_value()) {
    raw = call.Ints("axis", value->list_value().values_size(), -1);
  } else if (value != nullptr) {
    raw = {call.Int("axis", -1)};
  }
  std::vector<int> axes;
  for (int64_t axis : raw) {
    const int a = NormalizeAxis(axis, rank);
    if (a <= 0 || a >= static_cast<int>(rank)) {
      call.Fail(absl::StrCat("axis ", axis, " out of range for an input of rank ", rank));
      return {};
    }
    axes.push_back(a);
  }
  std::sort(axes.begin(), axes.end());
  return axes;
}

// The shape a parameter over `axes` broadcasts to against x, and the parameter's own shape.
void ParamShapes(const Shape& x, const std::vector<int>& axes, Shape* param, Shape* broadcast) {
  broadcast->assign(x.size(), 1);
  for (int axis : axes) {
    param->push_back(x[axis]);
    (*broadcast)[axis] = x[axis];
  }
}

// A parameter weight reshaped to broadcast against x, unless it already does (trailing axes).
std::string Param(LayerCall& call, size_t index, const Shape& param, const Shape& broadcast,
                  const std::vector<int>& axes, size_t rank) {
  std::string weight = call.Weight(index, param);
  if (call.failed()) return "";
  bool trailing = true;
  for (size_t i = 0; i < axes.size(); ++i) {
    trailing = trailing && axes[i] == static_cast<int>(rank - axes.size() + i);
  }
  return trailing ? weight : call.b.Reshape(call.scope(), weight, broadcast);
}

// What both normalization layers read first: their axes, epsilon and, when "scale" / "center",
// gamma and beta (the layer's first weights, in that order).
struct NormInputs {
  std::vector<int> axes;
  float epsilon = 0;
  Shape param, broadcast;   // ParamShapes of x over axes
  std::string gamma, beta;  // empty when the layer has no scale / center
  size_t next_weight = 0;   // the layer's next weight
};

// Weight `inputs->next_weight` (then advanced) of a layer normalizing x over inputs->axes.
std::string NextNormWeight(LayerCall& call, const KTensor& x, NormInputs* inputs) {
  return Param(call, inputs->next_weight++, inputs->param, inputs->broadcast, inputs->axes,
               x.shape.size());
}

// NormInputs of the layer for input x; false once the call failed.
bool ReadNormInputs(LayerCall& call, const KTensor& x, NormInputs* inputs) {
  inputs->axes = ReadAxes(call, x.shape.size());
  const bool scale = call.Bool("scale", true);
  const bool center = call.Bool("center", true);
  inputs->epsilon = static_cast<float>(call.Float("epsilon", 1e-3));
  if (call.failed()) return false;
  ParamShapes(x.shape, inputs->axes, &inputs->param, &inputs->broadcast);
  if (scale) inputs->gamma = NextNormWeight(call, x, inputs);
  if (center) inputs->beta = NextNormWeight(call, x, inputs);
  return !call.failed();
}

// x * inv + (beta - mean * inv), inv = gamma * rsqrt(var + eps); gamma/beta may be absent.
std::string Normalize(LayerCall& call, const std::string& x, const std::string& mean,
                      const std::string& variance, const std::string& gamma,
                      const std::string& beta, float epsilon) {
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  std::string inv = b.Unary("Rsqrt", s, b.Binary("AddV2", s, variance, b.Scalar(s, epsilon)));
  if (!gamma.empty()) inv = b.Binary("Mul", s, inv, gamma);
  const std::string shifted = b.Binary("Mul", s, mean, inv);
  const std::string offset =
      beta.empty() ? b.Unary("Neg", s, shifted) : b.Binary("Sub", s, beta, shifted);
  return b.Binary("AddV2", s, b.Binary("Mul", s, x, inv), offset);
}

std::vector<KTensor> BatchNormalization(LayerCall& call) {
  const KTensor& x = call.input();
  NormInputs n;
  if (!ReadNormInputs(call, x, &n)) return {};
  const std::string mean = NextNormWeight(call, x, &n);
  const std::string variance = NextNormWeight(call, x, &n);
  if (call.failed()) return {};
  if (x.shape.size() == 4 && n.axes.size() == 1 && n.axes[0] == 3 && x.shape[3] >= 0) {
    // Keras's fused form for 4D channels-last inputs: FusedBatchNormV3, which the converter
    // folds into a convolution before it, as tensorflowjs_converter does.
    GraphBuilder& b = call.b;
    const std::string& s = call.scope();
    const int64_t channels = x.shape[3];
    tensorflow::NodeDef* node =
        b.Add("FusedBatchNormV3", s,
              {x.name,
               n.gamma.empty() ? b.FloatConst(s, {channels}, std::vector<float>(channels, 1))
                               : n.gamma,
               n.beta.empty() ? b.FloatConst(s, {channels}, std::vector<float>(channels, 0))
                              : n.beta,
               mean, variance});
    SetType(node, "U", tensorflow::DT_FLOAT);
    SetFloat(node, "epsilon", n.epsilon);
    SetFloat(node, "exponential_avg_factor", 1.0f);
    SetString(node, "data_format", "NHWC");
    SetBool(node, "is_training", false);
    return {{node->name(), x.shape}};
  }
  return {{Normalize(call, x.name, mean, variance, n.gamma, n.beta, n.epsilon), x.shape}};
}

std::vector<KTensor> LayerNormalization(LayerCall& call) {
  const KTensor& x = call.input();
  NormInputs n;
  if (!ReadNormInputs(call, x, &n)) return {};
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  const std::vector<int32_t> reduce(n.axes.begin(), n.axes.end());
  const std::string mean = b.Reduce("Mean", s, x.name, reduce, true);
  const std::string variance =
      b.Reduce("Mean", s, b.Binary("SquaredDifference", s, x.name, mean), reduce, true);
  return {{Normalize(call, x.name, mean, variance, n.gamma, n.beta, n.epsilon), x.shape}};
}

}  // namespace

void RegisterNormalizationLayers(Registry& registry) {
  registry["BatchNormalization"] = registry["BatchNormalizationV1"] =
      registry["BatchNormalizationV2"] = BatchNormalization;
  registry["LayerNormalization"] = LayerNormalization;
}

}  // namespace tfjs::converter::keras
