// Recurrent layers SimpleRNN, LSTM, GRU (return_sequences, return_state, go_backwards,
// reset_after, initial states as extra inputs) and Bidirectional. The loop is unrolled over the
// input's static time dimension: one MatMul chain per step, no While, so both TF.js's execute()
// and the native runtime run the result without control flow. A time dimension unknown at
// conversion is refused.
#include "absl/strings/str_cat.h"
#include "converter/keras/layer.h"

namespace tfjs::converter::keras {
namespace {

enum class Cell { kSimple, kLstm, kGru };

struct Step {
  std::string h, c;
};

// Split(axis 1) of x into n equal parts, as "node:k" names.
std::vector<std::string> SplitColumns(LayerCall& call, const std::string& x, int64_t n) {
  tensorflow::NodeDef* node =
      call.b.Add("Split", call.scope(), {call.b.IntConst(call.scope(), {}, {1}), x});
  SetInt(node, "num_split", n);
  std::vector<std::string> parts;
  for (int64_t i = 0; i < n; ++i) parts.push_back(absl::StrCat(node->name(), ":", i));
  return parts;
}

std::vector<KTensor> Recurrent(LayerCall& call, Cell cell) {
  if (call.inputs().empty()) {
    call.Fail("has no input");
    return {};
  }
  const KTensor& x = call.inputs()[0];
  const int64_t units = call.Int("units", 0);
  const bool use_bias = call.Bool("use_bias", true);
  const bool return_sequences = call.Bool("return_sequences", false);
  const bool return_state = call.Bool("return_state", false);
  const bool go_backwards = call.Bool("go_backwards", false);
  const bool reset_after = call.Bool("reset_after", false);
  const std::string activation = call.Str("activation", "tanh");
  const std::string recurrent_activation =
      call.Str("recurrent_activation", cell == Cell::kSimple ? "tanh" : "hard_sigmoid");
  if (call.Bool("stateful", false)) call.Fail("stateful recurrent layers are not supported");
  if (call.failed()) return {};
  if (x.shape.size() != 3 || x.shape[1] < 0 || x.shape[2] < 0) {
    call.Fail("needs an input [batch, time, features] with a static time dimension and "
              "features (the loop is unrolled)");
    return {};
  }
  const int64_t steps = x.shape[1];
  const int64_t features = x.shape[2];
  const int64_t gates = cell == Cell::kSimple ? 1 : cell == Cell::kLstm ? 4 : 3;
  const std::string kernel = call.Weight(0, {features, gates * units});
  const std::string recurrent = call.Weight(1, {units, gates * units});
  std::string bias, recurrent_bias;
  if (use_bias) {
    if (cell == Cell::kGru && reset_after) {
      const std::string both = call.Weight(2, {2, gates * units});
      if (call.failed()) return {};
      tensorflow::NodeDef* unpack = call.b.Add("Unpack", call.scope(), {both});
      SetInt(unpack, "num", 2);
      SetInt(unpack, "axis", 0);
      bias = unpack->name() + ":0";
      recurrent_bias = unpack->name() + ":1";
    } else {
      bias = call.Weight(2, {gates * units});
    }
  }
  if (call.failed()) return {};
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();

  Step state;
  const size_t state_count = cell == Cell::kLstm ? 2 : 1;
  if (call.inputs().size() == 1 + state_count) {
    state.h = call.inputs()[1].name;
    if (cell == Cell::kLstm) state.c = call.inputs()[2].name;
  } else if (call.inputs().size() == 1) {
    state.h = b.BatchZeros(s, x.name, {units});
    if (cell == Cell::kLstm) state.c = state.h;
  } else {
    call.Fail(absl::StrCat("takes its input and ", state_count, " initial states, got ",
                           call.inputs().size(), " inputs"));
    return {};
  }
  tensorflow::NodeDef* unstack = b.Add("Unpack", s, {x.name});
  SetInt(unstack, "num", steps);
  SetInt(unstack, "axis", 1);

  std::vector<std::string> recurrent_parts;
  if (cell == Cell::kGru) recurrent_parts = SplitColumns(call, recurrent, 3);
  std::vector<std::string> outputs;
  for (int64_t i = 0; i < steps; ++i) {
    const int64_t t = go_backwards ? steps - 1 - i : i;
    std::string xw = b.MatMul(s, absl::StrCat(unstack->name(), ":", t), kernel);
    if (use_bias) xw = b.BiasAdd(s, xw, bias);
    if (cell == Cell::kSimple) {
      const std::string z = b.Binary("AddV2", s, xw, b.MatMul(s, state.h, recurrent));
      state.h = Activate(call, activation, z);
    } else if (cell == Cell::kLstm) {
      const std::string z = b.Binary("AddV2", s, xw, b.MatMul(s, state.h, recurrent));
      const std::vector<std::string> g = SplitColumns(call, z, 4);
      const std::string in = Activate(call, recurrent_activation, g[0]);
      const std::string forget = Activate(call, recurrent_activation, g[1]);
      const std::string candidate = Activate(call, activation, g[2]);
      const std::string out = Activate(call, recurrent_activation, g[3]);
      state.c = b.Binary("AddV2", s, b.Binary("Mul", s, forget, state.c),
                         b.Binary("Mul", s, in, candidate));
      state.h = b.Binary("Mul", s, out, Activate(call, activation, state.c));
    } else {
      const std::vector<std::string> xg = SplitColumns(call, xw, 3);
      std::string hz, hr, hh;
      if (reset_after) {
        std::string hu = b.MatMul(s, state.h, recurrent);
        if (use_bias) hu = b.BiasAdd(s, hu, recurrent_bias);
        const std::vector<std::string> hg = SplitColumns(call, hu, 3);
        hz = hg[0];
        hr = hg[1];
        hh = hg[2];
      } else {
        hz = b.MatMul(s, state.h, recurrent_parts[0]);
        hr = b.MatMul(s, state.h, recurrent_parts[1]);
      }
      const std::string z = Activate(call, recurrent_activation, b.Binary("AddV2", s, xg[0], hz));
      const std::string r = Activate(call, recurrent_activation, b.Binary("AddV2", s, xg[1], hr));
      const std::string reset =
          reset_after ? b.Binary("Mul", s, r, hh)
                      : b.MatMul(s, b.Binary("Mul", s, r, state.h), recurrent_parts[2]);
      const std::string candidate = Activate(call, activation, b.Binary("AddV2", s, xg[2], reset));
      // h = z * h + (1 - z) * candidate
      const std::string keep = b.Binary("Mul", s, z, state.h);
      const std::string one_minus = b.Binary("Sub", s, b.Scalar(s, 1.0f), z);
      state.h = b.Binary("AddV2", s, keep, b.Binary("Mul", s, one_minus, candidate));
    }
    if (call.failed()) return {};
    outputs.push_back(state.h);
  }
  std::vector<KTensor> result;
  if (return_sequences) {
    tensorflow::NodeDef* pack = b.Add("Pack", s, outputs);
    SetInt(pack, "N", steps);
    SetInt(pack, "axis", 1);
    result.push_back({pack->name(), {x.shape[0], steps, units}});
  } else {
    result.push_back({state.h, {x.shape[0], units}});
  }
  if (return_state) {
    result.push_back({state.h, {x.shape[0], units}});
    if (cell == Cell::kLstm) result.push_back({state.c, {x.shape[0], units}});
  }
  return result;
}

std::vector<KTensor> SimpleRNN(LayerCall& call) { return Recurrent(call, Cell::kSimple); }
std::vector<KTensor> LSTM(LayerCall& call) { return Recurrent(call, Cell::kLstm); }
std::vector<KTensor> GRU(LayerCall& call) { return Recurrent(call, Cell::kGru); }

// The wrapped layer run forward and (go_backwards flipped) backward, half the weights each,
// outputs merged by merge_mode; a backward sequence is reversed back in time first.
std::vector<KTensor> Bidirectional(LayerCall& call) {
  const google::protobuf::Value* layer = call.Get("layer");
  if (layer == nullptr || !layer->has_struct_value()) {
    call.Fail("has no wrapped layer");
    return {};
  }
  // merge_mode null (None) returns the two outputs unmerged.
  const auto mode = call.config().fields().find("merge_mode");
  const std::string merge_mode =
      mode == call.config().fields().end() ? "concat" : call.Str("merge_mode", "");
  if (call.Has("backward_layer")) call.Fail("an explicit backward_layer is not supported");
  if (call.failed()) return {};
  const auto& fields = layer->struct_value().fields();
  const std::string class_name =
      fields.count("class_name") ? fields.at("class_name").string_value() : "";
  const Lowering lowering = FindLowering(class_name);
  if (lowering == nullptr || (class_name != "SimpleRNN" && class_name != "LSTM" &&
                              class_name != "GRU")) {
    call.Fail(absl::StrCat("wraps '", class_name, "', not SimpleRNN, LSTM or GRU"));
    return {};
  }
  google::protobuf::Struct forward_config =
      fields.count("config") ? fields.at("config").struct_value() : google::protobuf::Struct();
  google::protobuf::Struct backward_config = forward_config;
  const auto go_backwards = forward_config.fields().find("go_backwards");
  const bool backwards =
      go_backwards != forward_config.fields().end() && go_backwards->second.bool_value();
  (*backward_config.mutable_fields())["go_backwards"].set_bool_value(!backwards);
  const size_t half = call.weights().size() / 2;
  std::vector<KTensor> inputs = {call.inputs().at(0)};
  LayerCall forward = call.Nested(class_name, forward_config, call.scope() + "/forward",
                                  inputs, call.weights().subspan(0, half));
  LayerCall backward = call.Nested(class_name, backward_config, call.scope() + "/backward",
                                   inputs, call.weights().subspan(half));
  const std::vector<KTensor> fw = lowering(forward);
  if (forward.failed()) {
    call.Fail(absl::StrCat("forward ", class_name, ": ", forward.status().message()));
    return {};
  }
  std::vector<KTensor> bw = lowering(backward);
  if (backward.failed()) {
    call.Fail(absl::StrCat("backward ", class_name, ": ", backward.status().message()));
    return {};
  }
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  KTensor back = bw[0];
  if (back.shape.size() == 3) {
    tensorflow::NodeDef* reverse = b.Add("ReverseV2", s, {back.name, b.IntConst(s, {1}, {1})});
    SetType(reverse, "Tidx", tensorflow::DT_INT32);
    back.name = reverse->name();
  }
  std::vector<KTensor> result;
  if (merge_mode == "concat") {
    Shape shape = fw[0].shape;
    shape.back() *= 2;
    result.push_back({b.Concat(s, {fw[0].name, back.name}, static_cast<int>(shape.size()) - 1),
                      shape});
  } else if (merge_mode == "sum") {
    result.push_back({b.Binary("AddV2", s, fw[0].name, back.name), fw[0].shape});
  } else if (merge_mode == "mul") {
    result.push_back({b.Binary("Mul", s, fw[0].name, back.name), fw[0].shape});
  } else if (merge_mode == "ave") {
    result.push_back({b.Binary("Mul", s, b.Binary("AddV2", s, fw[0].name, back.name),
                               b.Scalar(s, 0.5f)),
                      fw[0].shape});
  } else if (merge_mode.empty()) {
    result = {fw[0], back};
  } else {
    call.Fail(absl::StrCat("merge_mode '", merge_mode, "' is not supported"));
    return {};
  }
  result.insert(result.end(), fw.begin() + 1, fw.end());
  result.insert(result.end(), bw.begin() + 1, bw.end());
  return result;
}

}  // namespace

void RegisterRecurrentLayers(Registry& registry) {
  registry["SimpleRNN"] = SimpleRNN;
  registry["LSTM"] = registry["UnifiedLSTM"] = registry["LSTMV1"] = LSTM;
  registry["GRU"] = registry["UnifiedGRU"] = registry["GRUV1"] = GRU;
  registry["Bidirectional"] = Bidirectional;
}

}  // namespace tfjs::converter::keras
