#include "converter/keras/layer.h"

#include <cmath>
#include <cstring>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tfjs::converter::keras {
namespace {

using google::protobuf::Value;

std::string ShapeString(const Shape& shape) {
  return absl::StrCat("[", absl::StrJoin(shape, ", "), "]");
}

Shape TensorShape(const tensorflow::TensorProto& tensor) {
  Shape shape;
  for (const auto& dim : tensor.tensor_shape().dim()) shape.push_back(dim.size());
  return shape;
}

const Registry& TheRegistry() {
  static const Registry* registry = [] {
    auto* r = new Registry;
    RegisterCoreLayers(*r);
    RegisterConvLayers(*r);
    RegisterPoolingLayers(*r);
    RegisterReshapingLayers(*r);
    RegisterNormalizationLayers(*r);
    RegisterMergeLayers(*r);
    RegisterRecurrentLayers(*r);
    RegisterOpLayers(*r);
    return r;
  }();
  return *registry;
}

}  // namespace

const KTensor& LayerCall::input() {
  if (inputs_.size() != 1) {
    Fail(absl::StrCat("takes one input, got ", inputs_.size()));
    static const KTensor* const kNone = new KTensor;
    return inputs_.empty() ? *kNone : inputs_[0];
  }
  return inputs_[0];
}

const Value* LayerCall::Get(absl::string_view key) const {
  auto it = config_.fields().find(std::string(key));
  if (it == config_.fields().end() || it->second.kind_case() == Value::kNullValue) return nullptr;
  return &it->second;
}

bool LayerCall::Has(absl::string_view key) const { return Get(key) != nullptr; }

int64_t LayerCall::Int(absl::string_view key, int64_t fallback) {
  const Value* value = Get(key);
  if (value == nullptr) return fallback;
  // Keras writes 1-tuples for some int arguments (e.g. Conv1D's strides).
  if (value->has_list_value() && value->list_value().values_size() == 1) {
    value = &value->list_value().values(0);
  }
  if (!value->has_number_value() || value->number_value() != std::floor(value->number_value())) {
    Fail(absl::StrCat("config '", key, "' is not an integer"));
    return fallback;
  }
  return static_cast<int64_t>(value->number_value());
}

double LayerCall::Float(absl::string_view key, double fallback) {
  const Value* value = Get(key);
  if (value == nullptr) return fallback;
  if (!value->has_number_value()) {
    Fail(absl::StrCat("config '", key, "' is not a number"));
    return fallback;
  }
  return value->number_value();
}

std::string LayerCall::Str(absl::string_view key, const std::string& fallback) {
  const Value* value = Get(key);
  if (value == nullptr) return fallback;
  if (!value->has_string_value()) {
    Fail(absl::StrCat("config '", key, "' is not a string"));
    return fallback;
  }
  return value->string_value();
}

bool LayerCall::Bool(absl::string_view key, bool fallback) {
  const Value* value = Get(key);
  if (value == nullptr) return fallback;
  if (!value->has_bool_value()) {
    Fail(absl::StrCat("config '", key, "' is not a bool"));
    return fallback;
  }
  return value->bool_value();
}

std::vector<int64_t> LayerCall::Ints(absl::string_view key, int n, int64_t fallback) {
  const Value* value = Get(key);
  if (value == nullptr) return std::vector<int64_t>(n, fallback);
  if (value->has_number_value()) return std::vector<int64_t>(n, Int(key, fallback));
  std::vector<int64_t> ints;
  if (value->has_list_value()) {
    for (const Value& element : value->list_value().values()) {
      if (!element.has_number_value()) break;
      ints.push_back(static_cast<int64_t>(element.number_value()));
    }
  }
  if (ints.size() == 1 && n > 1) ints.resize(n, ints[0]);
  if (static_cast<int>(ints.size()) != n) {
    Fail(absl::StrCat("config '", key, "' is not ", n, " integers"));
    return std::vector<int64_t>(n, fallback);
  }
  return ints;
}

std::string LayerCall::Weight(size_t index, const Shape& shape) {
  if (index >= weights_.size()) {
    Fail(absl::StrCat("needs weight ", index, " but the file has ", weights_.size(), " for it"));
    return "";
  }
  const LayersModelWeight& weight = weights_[index];
  const Shape have = TensorShape(weight.value);
  bool matches = have.size() == shape.size();
  for (size_t i = 0; matches && i < shape.size(); ++i) {
    matches = shape[i] < 0 || shape[i] == have[i];
  }
  if (!matches) {
    Fail(absl::StrCat("weight ", weight.name, " has shape ", ShapeString(have), ", expected ",
                      ShapeString(shape)));
    return "";
  }
  if (auto it = weight_nodes_->find(&weight); it != weight_nodes_->end()) return it->second;
  tensorflow::TensorProto value = weight.value;
  if (value.dtype() == tensorflow::DT_DOUBLE) {
    // Keras computes in the layer's float32; a float64 weight is cast when loaded.
    const std::string& bytes = value.tensor_content();
    std::string floats(bytes.size() / 2, '\0');
    for (size_t i = 0; i < bytes.size() / sizeof(double); ++i) {
      double d;
      std::memcpy(&d, bytes.data() + i * sizeof(double), sizeof d);
      const float f = static_cast<float>(d);
      std::memcpy(floats.data() + i * sizeof(float), &f, sizeof f);
    }
    value.set_dtype(tensorflow::DT_FLOAT);
    value.set_tensor_content(floats);
  } else if (value.dtype() != tensorflow::DT_FLOAT) {
    Fail(absl::StrCat("weight ", weight.name, " is not float32"));
    return "";
  }
  const size_t slash = weight.name.rfind('/');
  const std::string label =
      slash == std::string::npos ? weight.name : weight.name.substr(slash + 1);
  std::string node = b.Const(scope_, label, value);
  (*weight_nodes_)[&weight] = node;
  return node;
}

void LayerCall::Fail(absl::string_view message) {
  if (status_.ok()) status_ = absl::InvalidArgumentError(message);
}

bool PropagatesMask(absl::string_view class_name) {
  static const auto* const kPassing = new absl::flat_hash_set<std::string>{"Dense",
                                                                           "Activation",
                                                                           "ReLU",
                                                                           "LeakyReLU",
                                                                           "ELU",
                                                                           "Softmax",
                                                                           "PReLU",
                                                                           "ThresholdedReLU",
                                                                           "Dropout",
                                                                           "SpatialDropout1D",
                                                                           "GaussianNoise",
                                                                           "GaussianDropout",
                                                                           "AlphaDropout",
                                                                           "BatchNormalization",
                                                                           "LayerNormalization"};
  return kPassing->contains(std::string(class_name));
}

Lowering FindLowering(absl::string_view class_name) {
  const Registry& registry = TheRegistry();
  auto it = registry.find(std::string(class_name));
  return it == registry.end() ? nullptr : it->second;
}

absl::Status RunLowering(Lowering lowering, LayerCall& call, std::vector<KTensor>* outputs) {
  *outputs = lowering(call);
  if (call.failed()) return call.status();
  if (outputs->empty()) return absl::InternalError("lowering produced no outputs");
  return absl::OkStatus();
}

std::string Activate(LayerCall& call, const std::string& name, const std::string& x) {
  GraphBuilder& b = call.b;
  const std::string& scope = call.scope();
  if (name == "linear" || name.empty()) return x;
  static const auto* const kUnary = new absl::flat_hash_map<std::string, std::string>{
      {"relu", "Relu"},         {"relu6", "Relu6"},
      {"sigmoid", "Sigmoid"},   {"tanh", "Tanh"},
      {"elu", "Elu"},           {"selu", "Selu"},
      {"softplus", "Softplus"}, {"exponential", "Exp"},
      {"softmax", "Softmax"},   {"log_softmax", "LogSoftmax"}};
  if (auto it = kUnary->find(name); it != kUnary->end()) return b.Unary(it->second, scope, x);
  if (name == "hard_sigmoid") {
    // Keras 2: clip(0.2 * x + 0.5, 0, 1).
    const std::string y = b.Binary("AddV2", scope, b.Binary("Mul", scope, x, b.Scalar(scope, 0.2f)),
                                   b.Scalar(scope, 0.5f));
    return b.Binary("Minimum", scope, b.Binary("Maximum", scope, y, b.Scalar(scope, 0.0f)),
                    b.Scalar(scope, 1.0f));
  }
  if (name == "softsign") {
    // x / (1 + |x|), as TF's Softsign computes it (TF.js 4.22 has no Softsign op).
    return b.Binary("RealDiv", scope, x,
                    b.Binary("AddV2", scope, b.Unary("Abs", scope, x), b.Scalar(scope, 1.0f)));
  }
  if (name == "swish" || name == "silu") {
    return b.Binary("Mul", scope, x, b.Unary("Sigmoid", scope, x));
  }
  if (name == "gelu") {
    // approximate=False: 0.5 * x * (1 + erf(x / sqrt(2))).
    const std::string erf =
        b.Unary("Erf", scope, b.Binary("Mul", scope, x, b.Scalar(scope, 0.70710678118654752f)));
    const std::string half = b.Binary("Mul", scope, x, b.Scalar(scope, 0.5f));
    return b.Binary("Mul", scope, half, b.Binary("AddV2", scope, erf, b.Scalar(scope, 1.0f)));
  }
  call.Fail(absl::StrCat("unknown activation '", name, "'"));
  return x;
}

std::string ActivateFromConfig(LayerCall& call, absl::string_view key, const std::string& x) {
  const Value* value = call.Get(key);
  if (value != nullptr && value->has_struct_value()) {
    // Newer Keras serializes activations as {"class_name": ..., "config": {"name": ...}}.
    const auto& fields = value->struct_value().fields();
    auto config = fields.find("config");
    if (config != fields.end()) {
      auto name = config->second.struct_value().fields().find("name");
      if (name != config->second.struct_value().fields().end()) {
        return Activate(call, name->second.string_value(), x);
      }
    }
    auto class_name = fields.find("class_name");
    if (class_name != fields.end()) return Activate(call, class_name->second.string_value(), x);
  }
  return Activate(call, call.Str(key, "linear"), x);
}

}  // namespace tfjs::converter::keras
