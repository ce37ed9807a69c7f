// Merge layers: Concatenate, Add, Subtract, Multiply, Average, Maximum, Minimum, Dot, and
// Attention (dot-product), which merges its query and value inputs.
#include "absl/strings/str_cat.h"
#include "converter/keras/layer.h"

namespace tfjs::converter::keras {
namespace {

bool CheckInputs(LayerCall& call, size_t at_least) {
  if (call.inputs().size() < at_least) {
    call.Fail(absl::StrCat("needs at least ", at_least, " inputs, got ", call.inputs().size()));
    return false;
  }
  return true;
}

// The broadcast of the inputs' static shapes (Keras merges same-rank or broadcastable shapes).
Shape MergedShape(const std::vector<KTensor>& inputs) {
  Shape shape = inputs[0].shape;
  for (const KTensor& x : inputs) {
    if (x.shape.size() > shape.size())
      shape.insert(shape.begin(), x.shape.size() - shape.size(), 1);
    for (size_t i = 0; i < x.shape.size(); ++i) {
      int64_t& d = shape[shape.size() - x.shape.size() + i];
      if (d == 1 || d < 0) d = x.shape[i] == 1 && d < 0 ? d : x.shape[i];
    }
  }
  return shape;
}

std::vector<KTensor> Fold(LayerCall& call, const char* op) {
  if (!CheckInputs(call, 1)) return {};
  const std::vector<KTensor>& xs = call.inputs();
  std::string y = xs[0].name;
  for (size_t i = 1; i < xs.size(); ++i) y = call.b.Binary(op, call.scope(), y, xs[i].name);
  return {{y, MergedShape(xs)}};
}

std::vector<KTensor> AddLayer(LayerCall& call) { return Fold(call, "AddV2"); }
std::vector<KTensor> MultiplyLayer(LayerCall& call) { return Fold(call, "Mul"); }
std::vector<KTensor> MaximumLayer(LayerCall& call) { return Fold(call, "Maximum"); }
std::vector<KTensor> MinimumLayer(LayerCall& call) { return Fold(call, "Minimum"); }

std::vector<KTensor> SubtractLayer(LayerCall& call) {
  if (call.inputs().size() != 2) {
    call.Fail(absl::StrCat("needs exactly 2 inputs, got ", call.inputs().size()));
    return {};
  }
  return Fold(call, "Sub");
}

std::vector<KTensor> AverageLayer(LayerCall& call) {
  std::vector<KTensor> sum = Fold(call, "AddV2");
  if (sum.empty()) return {};
  const float scale = 1.0f / static_cast<float>(call.inputs().size());
  sum[0].name = call.b.Binary("Mul", call.scope(), sum[0].name, call.b.Scalar(call.scope(), scale));
  return sum;
}

std::vector<KTensor> Concatenate(LayerCall& call) {
  if (!CheckInputs(call, 1)) return {};
  const std::vector<KTensor>& xs = call.inputs();
  const size_t rank = xs[0].shape.size();
  const int axis = NormalizeAxis(call.Int("axis", -1), rank);
  if (call.failed()) return {};
  Shape shape = xs[0].shape;
  std::vector<std::string> names;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (xs[i].shape.size() != rank) {
      call.Fail("inputs of different ranks");
      return {};
    }
    if (i > 0)
      shape[axis] = shape[axis] < 0 || xs[i].shape[axis] < 0 ? -1 : shape[axis] + xs[i].shape[axis];
    names.push_back(xs[i].name);
  }
  return {{call.b.Concat(call.scope(), names, axis), shape}};
}

// x / sqrt(max(sum(x^2, axis), 1e-12)), as Keras's l2_normalize.
std::string L2Normalize(LayerCall& call, const std::string& x, int axis) {
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  const std::string sum = b.Reduce("Sum", s, b.Unary("Square", s, x), {axis}, true);
  const std::string inv = b.Unary("Rsqrt", s, b.Binary("Maximum", s, sum, b.Scalar(s, 1e-12f)));
  return b.Binary("Mul", s, x, inv);
}

// Keras's batch_dot for rank-2 and rank-3 inputs.
std::vector<KTensor> Dot(LayerCall& call) {
  if (call.inputs().size() != 2) {
    call.Fail(absl::StrCat("needs exactly 2 inputs, got ", call.inputs().size()));
    return {};
  }
  const KTensor& x = call.inputs()[0];
  const KTensor& y = call.inputs()[1];
  const std::vector<int64_t> raw_axes = call.Ints("axes", 2, -1);
  const bool normalize = call.Bool("normalize", false);
  if (call.failed()) return {};
  const size_t rank = x.shape.size();
  if (rank != y.shape.size() || (rank != 2 && rank != 3)) {
    call.Fail("supports two inputs of rank 2 or of rank 3");
    return {};
  }
  const int ax = NormalizeAxis(raw_axes[0], rank), ay = NormalizeAxis(raw_axes[1], rank);
  if (ax < 1 || ay < 1 || ax >= static_cast<int>(rank) || ay >= static_cast<int>(rank)) {
    call.Fail("axes out of range");
    return {};
  }
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  std::string a = normalize ? L2Normalize(call, x.name, ax) : x.name;
  std::string c = normalize ? L2Normalize(call, y.name, ay) : y.name;
  if (rank == 2) {
    return {{b.Reduce("Sum", s, b.Binary("Mul", s, a, c), {1}, true), {x.shape[0], 1}}};
  }
  tensorflow::NodeDef* matmul = b.Add("BatchMatMulV2", s, {a, c});
  SetBool(matmul, "adj_x", ax == 1);
  SetBool(matmul, "adj_y", ay == 2);
  return {{matmul->name(), {x.shape[0], x.shape[ax == 1 ? 2 : 1], y.shape[ay == 1 ? 2 : 1]}}};
}

// Dot-product attention (Keras's Attention, score_mode 'dot'): softmax(q k^T [* scale]) v over
// inputs [query, value] or [query, value, key].
std::vector<KTensor> Attention(LayerCall& call) {
  const std::vector<KTensor>& xs = call.inputs();
  if (xs.size() != 2 && xs.size() != 3) {
    call.Fail(
        absl::StrCat("takes [query, value] or [query, value, key], got ", xs.size(), " inputs"));
    return {};
  }
  const bool use_scale = call.Bool("use_scale", false);
  if (call.Str("score_mode", "dot") != "dot") call.Fail("only score_mode 'dot' is supported");
  if (call.Bool("causal", false)) call.Fail("causal attention is not supported");
  if (call.failed()) return {};
  const KTensor& query = xs[0];
  const KTensor& value = xs[1];
  const KTensor& key = xs.size() == 3 ? xs[2] : xs[1];
  if (query.shape.size() != 3 || value.shape.size() != 3 || key.shape.size() != 3) {
    call.Fail("needs rank-3 query, value and key");
    return {};
  }
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  tensorflow::NodeDef* scores = b.Add("BatchMatMulV2", s, {query.name, key.name});
  SetBool(scores, "adj_x", false);
  SetBool(scores, "adj_y", true);
  std::string logits = scores->name();
  if (use_scale) {
    const std::string scale = call.Weight(0, {});
    if (call.failed()) return {};
    logits = b.Binary("Mul", s, logits, scale);
  }
  tensorflow::NodeDef* result =
      b.Add("BatchMatMulV2", s, {b.Unary("Softmax", s, logits), value.name});
  SetBool(result, "adj_x", false);
  SetBool(result, "adj_y", false);
  return {{result->name(), {query.shape[0], query.shape[1], value.shape[2]}}};
}

}  // namespace

void RegisterMergeLayers(Registry& registry) {
  registry["Add"] = AddLayer;
  registry["Subtract"] = SubtractLayer;
  registry["Multiply"] = MultiplyLayer;
  registry["Average"] = AverageLayer;
  registry["Maximum"] = MaximumLayer;
  registry["Minimum"] = MinimumLayer;
  registry["Concatenate"] = Concatenate;
  registry["Dot"] = Dot;
  registry["Attention"] = Attention;
}

}  // namespace tfjs::converter::keras
