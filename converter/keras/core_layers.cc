// Core Keras layers: Dense, Activation and the activation layers, the identity-at-inference
// layers (Dropout family, noise), Flatten, Reshape, Permute, RepeatVector, Embedding.
#include "absl/strings/str_cat.h"
#include "converter/keras/layer.h"

namespace tfjs::converter::keras {
namespace {

std::vector<KTensor> Identity(LayerCall& call) { return call.inputs(); }

// x @ kernel along the last axis; inputs of rank > 2 are flattened to [-1, in] and back.
std::vector<KTensor> Dense(LayerCall& call) {
  const KTensor& x = call.input();
  const int64_t units = call.Int("units", 0);
  const bool use_bias = call.Bool("use_bias", true);
  if (call.failed()) return {};
  if (x.shape.size() < 2 || x.shape.back() < 0) {
    call.Fail("needs an input of rank >= 2 with a known last dimension");
    return {};
  }
  const int64_t in = x.shape.back();
  GraphBuilder& b = call.b;
  const std::string kernel = call.Weight(0, {in, units});
  const std::string bias = use_bias ? call.Weight(1, {units}) : "";
  if (call.failed()) return {};
  std::string flat = x.name;
  const size_t rank = x.shape.size();
  if (rank > 2) flat = b.Reshape(call.scope(), x.name, {-1, in});
  std::string y = b.MatMul(call.scope(), flat, kernel);
  if (use_bias) y = b.BiasAdd(call.scope(), y, bias);
  Shape shape = x.shape;
  shape.back() = units;
  if (rank > 2 && Product(x.shape, 1, rank - 1) >= 0) {
    Shape target = shape;
    target[0] = -1;
    y = b.Reshape(call.scope(), y, target);
  } else if (rank > 2) {
    // Dimensions known only at run time: the input's shape with the last one replaced.
    tensorflow::NodeDef* in_shape = b.Add("Shape", call.scope(), {x.name});
    SetType(in_shape, "out_type", tensorflow::DT_INT32);
    const std::string& s = call.scope();
    const std::string leading = b.SliceAxis(s, in_shape->name(), 1, 0, 0,
                                            static_cast<int64_t>(rank) - 1, tensorflow::DT_INT32);
    const std::string target = b.Concat(
        s, {leading, b.IntConst(s, {1}, {static_cast<int32_t>(units)})}, 0, tensorflow::DT_INT32);
    tensorflow::NodeDef* reshape = b.Add("Reshape", s, {y, target});
    SetType(reshape, "Tshape", tensorflow::DT_INT32);
    y = reshape->name();
  }
  return {{ActivateFromConfig(call, "activation", y), shape}};
}

std::vector<KTensor> Activation(LayerCall& call) {
  const KTensor& x = call.input();
  return {{ActivateFromConfig(call, "activation", x.name), x.shape}};
}

// Keras's backend relu(x, negative_slope, max_value, threshold).
std::vector<KTensor> ReLU(LayerCall& call) {
  const KTensor& x = call.input();
  const double slope = call.Float("negative_slope", 0.0);
  const double threshold = call.Float("threshold", 0.0);
  const bool clip = call.Has("max_value");
  const double max_value = call.Float("max_value", 0.0);
  if (call.failed()) return {};
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  if (slope != 0 && !clip && threshold == 0) {
    tensorflow::NodeDef* leaky = b.Add("LeakyRelu", s, {x.name});
    SetFloat(leaky, "alpha", static_cast<float>(slope));
    return {{leaky->name(), x.shape}};
  }
  std::string negative_part;
  if (slope != 0) {
    std::string shifted = b.Unary("Neg", s, x.name);
    if (threshold != 0) {
      shifted = b.Binary("AddV2", s, shifted, b.Scalar(s, static_cast<float>(threshold)));
    }
    negative_part = b.Unary("Relu", s, shifted);
  }
  std::string y;
  bool clip_max = clip;
  if (threshold != 0) {
    tensorflow::NodeDef* above =
        b.Add("Greater", s, {x.name, b.Scalar(s, static_cast<float>(threshold))});
    tensorflow::NodeDef* mask = b.Add("Cast", s, {above->name()}, /*typed=*/false);
    SetType(mask, "SrcT", tensorflow::DT_BOOL);
    SetType(mask, "DstT", tensorflow::DT_FLOAT);
    SetBool(mask, "Truncate", false);
    y = b.Binary("Mul", s, x.name, mask->name());
  } else if (clip && max_value == 6) {
    y = b.Unary("Relu6", s, x.name);
    clip_max = false;
  } else {
    y = b.Unary("Relu", s, x.name);
  }
  if (clip_max) {
    y = b.Binary("Minimum", s, b.Binary("Maximum", s, y, b.Scalar(s, 0.0f)),
                 b.Scalar(s, static_cast<float>(max_value)));
  }
  if (slope != 0) {
    y = b.Binary("Sub", s, y,
                 b.Binary("Mul", s, negative_part, b.Scalar(s, static_cast<float>(slope))));
  }
  return {{y, x.shape}};
}

std::vector<KTensor> LeakyReLU(LayerCall& call) {
  const KTensor& x = call.input();
  // Keras 2 calls it alpha (default 0.3), Keras 3 negative_slope.
  const double alpha = call.Float("alpha", call.Float("negative_slope", 0.3));
  tensorflow::NodeDef* node = call.b.Add("LeakyRelu", call.scope(), {x.name});
  SetFloat(node, "alpha", static_cast<float>(alpha));
  return {{node->name(), x.shape}};
}

std::vector<KTensor> ELU(LayerCall& call) {
  const KTensor& x = call.input();
  const double alpha = call.Float("alpha", 1.0);
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  const std::string elu = b.Unary("Elu", s, x.name);
  if (alpha == 1.0) return {{elu, x.shape}};
  // where(x > 0, elu(x), alpha * elu(x))
  tensorflow::NodeDef* positive = b.Add("Greater", s, {x.name, b.Scalar(s, 0.0f)});
  const std::string scaled = b.Binary("Mul", s, elu, b.Scalar(s, static_cast<float>(alpha)));
  tensorflow::NodeDef* select = b.Add("SelectV2", s, {positive->name(), elu, scaled});
  return {{select->name(), x.shape}};
}

std::vector<KTensor> Softmax(LayerCall& call) {
  const KTensor& x = call.input();
  const int rank = static_cast<int>(x.shape.size());
  const int axis = NormalizeAxis(call.Int("axis", -1), rank);
  if (call.failed()) return {};
  GraphBuilder& b = call.b;
  if (axis == rank - 1) return {{b.Unary("Softmax", call.scope(), x.name), x.shape}};
  if (axis < 0 || axis >= rank) {
    call.Fail(absl::StrCat("axis ", axis, " out of range for rank ", rank));
    return {};
  }
  std::vector<int32_t> perm;
  for (int i = 0; i < rank; ++i) perm.push_back(i);
  std::swap(perm[axis], perm[rank - 1]);  // its own inverse
  const std::string moved = b.Transpose(call.scope(), x.name, perm);
  return {{b.Transpose(call.scope(), b.Unary("Softmax", call.scope(), moved), perm), x.shape}};
}

// relu(x) + alpha * min(x, 0), alpha of the input's shape without the batch, shared axes of
// size 1.
std::vector<KTensor> PReLU(LayerCall& call) {
  const KTensor& x = call.input();
  Shape alpha_shape(x.shape.begin() + 1, x.shape.end());
  if (const auto* shared = call.Get("shared_axes"); shared != nullptr) {
    for (int64_t axis : call.Ints(
             "shared_axes", shared->has_list_value() ? shared->list_value().values_size() : 1, 1)) {
      if (axis >= 1 && axis <= static_cast<int64_t>(alpha_shape.size())) alpha_shape[axis - 1] = 1;
    }
  }
  const std::string alpha = call.Weight(0, alpha_shape);
  if (call.failed()) return {};
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  const std::string positive = b.Unary("Relu", s, x.name);
  const std::string negative = b.Binary("Sub", s, x.name, positive);
  return {{b.Binary("AddV2", s, positive, b.Binary("Mul", s, alpha, negative)), x.shape}};
}

// x * (x > theta)
std::vector<KTensor> ThresholdedReLU(LayerCall& call) {
  const KTensor& x = call.input();
  const double theta = call.Float("theta", 1.0);
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  tensorflow::NodeDef* above =
      b.Add("Greater", s, {x.name, b.Scalar(s, static_cast<float>(theta))});
  tensorflow::NodeDef* mask = b.Add("Cast", s, {above->name()}, /*typed=*/false);
  SetType(mask, "SrcT", tensorflow::DT_BOOL);
  SetType(mask, "DstT", tensorflow::DT_FLOAT);
  SetBool(mask, "Truncate", false);
  return {{b.Binary("Mul", s, x.name, mask->name()), x.shape}};
}

// x * any(x != mask_value, -1), and that as the mask of the time steps.
std::vector<KTensor> Masking(LayerCall& call) {
  const KTensor& x = call.input();
  const float mask_value = static_cast<float>(call.Float("mask_value", 0.0));
  if (call.failed()) return {};
  if (x.shape.size() < 3) {
    call.Fail("needs an input [batch, time, ...]");
    return {};
  }
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  tensorflow::NodeDef* differs = b.Add("NotEqual", s, {x.name, b.Scalar(s, mask_value)});
  SetBool(differs, "incompatible_shape_error", true);
  const int last = static_cast<int>(x.shape.size()) - 1;
  tensorflow::NodeDef* keep = b.Add("Any", s, {differs->name(), b.IntConst(s, {1}, {last})},
                                    /*typed=*/false);
  SetType(keep, "Tidx", tensorflow::DT_INT32);
  SetBool(keep, "keep_dims", true);
  tensorflow::NodeDef* weight = b.Add("Cast", s, {keep->name()}, /*typed=*/false);
  SetType(weight, "SrcT", tensorflow::DT_BOOL);
  SetType(weight, "DstT", tensorflow::DT_FLOAT);
  SetBool(weight, "Truncate", false);
  tensorflow::NodeDef* mask = b.Add("Squeeze", s, {keep->name()}, /*typed=*/false);
  SetType(mask, "T", tensorflow::DT_BOOL);
  SetInts(mask, "squeeze_dims", {last});
  KTensor y{b.Binary("Mul", s, x.name, weight->name()), x.shape};
  y.mask = mask->name();
  return {y};
}

std::vector<KTensor> Flatten(LayerCall& call) {
  const KTensor& x = call.input();
  const std::string format = call.Str("data_format", "channels_last");
  if (call.failed()) return {};
  const int64_t size = Product(x.shape, 1, x.shape.size());
  if (size < 0) {
    call.Fail("needs the input's dimensions after the batch to be known");
    return {};
  }
  std::string in = x.name;
  if (format == "channels_first" && x.shape.size() > 2) {
    // Keras moves the channels last before flattening.
    std::vector<int32_t> perm = {0};
    for (int i = 2; i < static_cast<int>(x.shape.size()); ++i) perm.push_back(i);
    perm.push_back(1);
    in = call.b.Transpose(call.scope(), in, perm);
  }
  return {{call.b.Reshape(call.scope(), in, {-1, size}), {x.shape[0], size}}};
}

std::vector<KTensor> Reshape(LayerCall& call) {
  const KTensor& x = call.input();
  const auto* target_value = call.Get("target_shape");
  if (target_value == nullptr || !target_value->has_list_value()) {
    call.Fail("has no target_shape");
    return {};
  }
  Shape target = call.Ints("target_shape", target_value->list_value().values_size(), 0);
  if (call.failed()) return {};
  const int64_t size = Product(x.shape, 1, x.shape.size());
  int64_t known = 1;
  int unknown = -1;
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] == -1)
      unknown = static_cast<int>(i);
    else
      known *= target[i];
  }
  if (unknown >= 0) {
    if (size < 0 || known == 0 || size % known != 0) {
      call.Fail("cannot infer its -1 dimension from the input's static shape");
      return {};
    }
    target[unknown] = size / known;
  }
  Shape full = {-1};
  full.insert(full.end(), target.begin(), target.end());
  std::string y = call.b.Reshape(call.scope(), x.name, full);
  full[0] = x.shape.empty() ? -1 : x.shape[0];
  return {{y, full}};
}

std::vector<KTensor> Permute(LayerCall& call) {
  const KTensor& x = call.input();
  const std::vector<int64_t> dims = call.Ints("dims", static_cast<int>(x.shape.size()) - 1, 0);
  if (call.failed()) return {};
  std::vector<int32_t> perm = {0};
  Shape shape = {x.shape[0]};
  for (int64_t dim : dims) {
    if (dim < 1 || dim >= static_cast<int64_t>(x.shape.size())) {
      call.Fail(absl::StrCat("dims entry ", dim, " out of range"));
      return {};
    }
    perm.push_back(static_cast<int32_t>(dim));
    shape.push_back(x.shape[dim]);
  }
  return {{call.b.Transpose(call.scope(), x.name, perm), shape}};
}

// [B, F] -> [B, n, F]
std::vector<KTensor> RepeatVector(LayerCall& call) {
  const KTensor& x = call.input();
  const int64_t n = call.Int("n", 1);
  if (call.failed()) return {};
  if (x.shape.size() != 2) {
    call.Fail("needs a rank-2 input");
    return {};
  }
  GraphBuilder& b = call.b;
  tensorflow::NodeDef* expand =
      b.Add("ExpandDims", call.scope(), {x.name, b.IntConst(call.scope(), {}, {1})});
  SetType(expand, "Tdim", tensorflow::DT_INT32);
  tensorflow::NodeDef* tile =
      b.Add("Tile", call.scope(),
            {expand->name(), b.IntConst(call.scope(), {3}, {1, static_cast<int32_t>(n), 1})});
  SetType(tile, "Tmultiples", tensorflow::DT_INT32);
  return {{tile->name(), {x.shape[0], n, x.shape[1]}}};
}

// Rows of the embeddings matrix gathered by the (int-cast) input.
std::vector<KTensor> Embedding(LayerCall& call) {
  const KTensor& x = call.input();
  const int64_t input_dim = call.Int("input_dim", -1);
  const int64_t output_dim = call.Int("output_dim", -1);
  if (call.failed()) return {};
  const std::string table = call.Weight(0, {input_dim, output_dim});
  if (call.failed()) return {};
  GraphBuilder& b = call.b;
  std::string indices = x.name;
  if (x.dtype != tensorflow::DT_INT32) {
    tensorflow::NodeDef* cast = b.Add("Cast", call.scope(), {x.name}, /*typed=*/false);
    SetType(cast, "SrcT", x.dtype);
    SetType(cast, "DstT", tensorflow::DT_INT32);
    SetBool(cast, "Truncate", false);
    indices = cast->name();
  }
  tensorflow::NodeDef* gather =
      b.Add("GatherV2", call.scope(), {table, indices, b.IntConst(call.scope(), {}, {0})},
            /*typed=*/false);
  SetType(gather, "Tparams", tensorflow::DT_FLOAT);
  SetType(gather, "Tindices", tensorflow::DT_INT32);
  SetType(gather, "Taxis", tensorflow::DT_INT32);
  SetInt(gather, "batch_dims", 0);
  Shape shape = x.shape;
  shape.push_back(output_dim);
  KTensor y{gather->name(), shape};
  if (call.Bool("mask_zero", false) && x.shape.size() == 2) {
    // Index 0 is padding: the steps whose index is 0 are masked.
    tensorflow::NodeDef* mask =
        b.Add("NotEqual", call.scope(), {indices, b.IntConst(call.scope(), {}, {0})},
              /*typed=*/false);
    SetType(mask, "T", tensorflow::DT_INT32);
    SetBool(mask, "incompatible_shape_error", true);
    y.mask = mask->name();
  }
  return {y};
}

}  // namespace

void RegisterCoreLayers(Registry& registry) {
  registry["Dense"] = Dense;
  registry["Activation"] = Activation;
  registry["ReLU"] = ReLU;
  registry["LeakyReLU"] = LeakyReLU;
  registry["ELU"] = ELU;
  registry["Softmax"] = Softmax;
  registry["PReLU"] = PReLU;
  registry["ThresholdedReLU"] = ThresholdedReLU;
  // Identity at inference.
  for (const char* name :
       {"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise",
        "GaussianDropout", "AlphaDropout", "ActivityRegularization"}) {
    registry[name] = Identity;
  }
  registry["Masking"] = Masking;
  registry["Flatten"] = Flatten;
  registry["Reshape"] = Reshape;
  registry["Permute"] = Permute;
  registry["RepeatVector"] = RepeatVector;
  registry["Embedding"] = Embedding;
}

}  // namespace tfjs::converter::keras
