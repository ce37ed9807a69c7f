// Recurrent layers SimpleRNN, LSTM, GRU (return_sequences, return_state, go_backwards,
// reset_after, initial states as extra inputs), Bidirectional and TimeDistributed. A static time
// dimension is unrolled (one MatMul chain per step, no control flow, so TF.js's execute() runs it);
// one known only at run time becomes a TF2 While over the steps, with the per-step outputs in a
// TensorList (TF.js then needs executeAsync, as for TF's own Keras RNN graphs).
#include "absl/strings/str_cat.h"
#include "converter/keras/function_builder.h"
#include "converter/keras/layer.h"

namespace tfjs::converter::keras {
namespace {

enum class Cell { kSimple, kLstm, kGru };

struct Step {
  std::string h, c;
};

struct CellConfig {
  Cell cell = Cell::kSimple;
  int64_t units = 0;
  int64_t features = 0;
  bool use_bias = true;
  bool reset_after = false;
  std::string activation, recurrent_activation;
  int64_t gates() const { return cell == Cell::kSimple ? 1 : cell == Cell::kLstm ? 4 : 3; }
};

// The cell's weights as nodes of `call`'s graph.
struct CellWeights {
  std::string kernel, recurrent, bias, recurrent_bias;
  std::vector<std::string> recurrent_parts;  // GRU without reset_after: U_z, U_r, U_h
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

CellWeights LoadCellWeights(LayerCall& call, const CellConfig& cfg) {
  CellWeights w;
  w.kernel = call.Weight(0, {cfg.features, cfg.gates() * cfg.units});
  w.recurrent = call.Weight(1, {cfg.units, cfg.gates() * cfg.units});
  if (cfg.use_bias) {
    if (cfg.cell == Cell::kGru && cfg.reset_after) {
      const std::string both = call.Weight(2, {2, cfg.gates() * cfg.units});
      if (call.failed()) return w;
      tensorflow::NodeDef* unpack = call.b.Add("Unpack", call.scope(), {both});
      SetInt(unpack, "num", 2);
      SetInt(unpack, "axis", 0);
      w.bias = unpack->name() + ":0";
      w.recurrent_bias = unpack->name() + ":1";
    } else {
      w.bias = call.Weight(2, {cfg.gates() * cfg.units});
    }
  }
  if (!call.failed() && cfg.cell == Cell::kGru && !cfg.reset_after) {
    w.recurrent_parts = SplitColumns(call, w.recurrent, 3);
  }
  return w;
}

// One step of the cell on x_t [batch, features] from `state`, Keras's gate order and formulas.
Step CellStep(LayerCall& call, const CellConfig& cfg, const CellWeights& w, const std::string& x_t,
              const Step& state) {
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  std::string xw = b.MatMul(s, x_t, w.kernel);
  if (cfg.use_bias) xw = b.BiasAdd(s, xw, w.bias);
  Step next;
  if (cfg.cell == Cell::kSimple) {
    const std::string z = b.Binary("AddV2", s, xw, b.MatMul(s, state.h, w.recurrent));
    next.h = Activate(call, cfg.activation, z);
  } else if (cfg.cell == Cell::kLstm) {
    const std::string z = b.Binary("AddV2", s, xw, b.MatMul(s, state.h, w.recurrent));
    const std::vector<std::string> g = SplitColumns(call, z, 4);
    const std::string in = Activate(call, cfg.recurrent_activation, g[0]);
    const std::string forget = Activate(call, cfg.recurrent_activation, g[1]);
    const std::string candidate = Activate(call, cfg.activation, g[2]);
    const std::string out = Activate(call, cfg.recurrent_activation, g[3]);
    next.c = b.Binary("AddV2", s, b.Binary("Mul", s, forget, state.c),
                      b.Binary("Mul", s, in, candidate));
    next.h = b.Binary("Mul", s, out, Activate(call, cfg.activation, next.c));
  } else {
    const std::vector<std::string> xg = SplitColumns(call, xw, 3);
    std::string hz, hr, hh;
    if (cfg.reset_after) {
      std::string hu = b.MatMul(s, state.h, w.recurrent);
      if (cfg.use_bias) hu = b.BiasAdd(s, hu, w.recurrent_bias);
      const std::vector<std::string> hg = SplitColumns(call, hu, 3);
      hz = hg[0];
      hr = hg[1];
      hh = hg[2];
    } else {
      hz = b.MatMul(s, state.h, w.recurrent_parts[0]);
      hr = b.MatMul(s, state.h, w.recurrent_parts[1]);
    }
    const std::string z = Activate(call, cfg.recurrent_activation, b.Binary("AddV2", s, xg[0], hz));
    const std::string r = Activate(call, cfg.recurrent_activation, b.Binary("AddV2", s, xg[1], hr));
    const std::string reset =
        cfg.reset_after ? b.Binary("Mul", s, r, hh)
                        : b.MatMul(s, b.Binary("Mul", s, r, state.h), w.recurrent_parts[2]);
    const std::string candidate =
        Activate(call, cfg.activation, b.Binary("AddV2", s, xg[2], reset));
    // h = z * h + (1 - z) * candidate
    const std::string keep = b.Binary("Mul", s, z, state.h);
    const std::string one_minus = b.Binary("Sub", s, b.Scalar(s, 1.0f), z);
    next.h = b.Binary("AddV2", s, keep, b.Binary("Mul", s, one_minus, candidate));
  }
  return next;
}

// An int32 binary op.
std::string IntBinary(GraphBuilder& b, const char* op, const std::string& scope,
                      const std::string& x, const std::string& y) {
  tensorflow::NodeDef* node = b.Add(op, scope, {x, y});
  SetType(node, "T", tensorflow::DT_INT32);
  return node->name();
}

// The steps unrolled: one MatMul chain per time step of a static time dimension.
std::vector<std::string> Unrolled(LayerCall& call, const CellConfig& cfg, const KTensor& x,
                                  bool go_backwards, Step* state) {
  const CellWeights w = LoadCellWeights(call, cfg);
  if (call.failed()) return {};
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  const int64_t steps = x.shape[1];
  tensorflow::NodeDef* unstack = b.Add("Unpack", s, {x.name});
  SetInt(unstack, "num", steps);
  SetInt(unstack, "axis", 1);
  std::string masks;
  if (!x.mask.empty()) {
    // [batch, time] -> per step [batch, 1], selecting the new state where the step counts.
    tensorflow::NodeDef* expand = b.Add("ExpandDims", s, {x.mask, b.IntConst(s, {}, {2})});
    SetType(expand, "T", tensorflow::DT_BOOL);
    SetType(expand, "Tdim", tensorflow::DT_INT32);
    tensorflow::NodeDef* unstack_mask = b.Add("Unpack", s, {expand->name()});
    SetType(unstack_mask, "T", tensorflow::DT_BOOL);
    SetInt(unstack_mask, "num", steps);
    SetInt(unstack_mask, "axis", 1);
    masks = unstack_mask->name();
  }
  std::vector<std::string> outputs;
  for (int64_t i = 0; i < steps; ++i) {
    const int64_t t = go_backwards ? steps - 1 - i : i;
    Step next = CellStep(call, cfg, w, absl::StrCat(unstack->name(), ":", t), *state);
    if (call.failed()) return {};
    if (!masks.empty()) {
      // Keras's rnn: masked steps keep the previous state (and output).
      const std::string m = absl::StrCat(masks, ":", t);
      next.h = b.Add("SelectV2", s, {m, next.h, state->h})->name();
      if (cfg.cell == Cell::kLstm) next.c = b.Add("SelectV2", s, {m, next.c, state->c})->name();
    }
    *state = next;
    outputs.push_back(state->h);
  }
  return outputs;
}

// The steps as a TF2 While over a time dimension known only at run time (the converter lowers
// it to a TF1 loop unless --control_flow_v2): loop variables (i, steps, x, h[, c][, outputs]),
// the outputs a TensorList of h per step. Returns the sequence [batch, time, units] when
// `sequences`, and leaves the final state in `state`.
std::string Looped(LayerCall& call, const CellConfig& cfg, const KTensor& x, bool go_backwards,
                   bool sequences, Step* state) {
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  const bool lstm = cfg.cell == Cell::kLstm;
  // Loop variables.
  std::vector<FunctionArg> vars = {{"i", tensorflow::DT_INT32},
                                   {"steps", tensorflow::DT_INT32},
                                   {"x", tensorflow::DT_FLOAT},
                                   {"h", tensorflow::DT_FLOAT}};
  if (lstm) vars.push_back({"c", tensorflow::DT_FLOAT});
  if (sequences) vars.push_back({"outputs", tensorflow::DT_VARIANT});

  // Body: one step at t = i (or steps - 1 - i).
  tensorflow::GraphDef body_graph;
  GraphBuilder body(&body_graph);
  for (const FunctionArg& var : vars) body.Reserve(var.name);
  WeightNodes body_weights;
  LayerCall step_call(&body, &body_weights, call.class_name(), call.config(), "step", {},
                      call.weights());
  const CellWeights w = LoadCellWeights(step_call, cfg);
  if (step_call.failed()) {
    call.Fail(step_call.status().message());
    return "";
  }
  std::string t = "i";
  if (go_backwards) {
    t = IntBinary(body, "Sub", "step",
                  IntBinary(body, "Sub", "step", "steps", body.IntConst("step", {}, {1})), "i");
  }
  tensorflow::NodeDef* x_t =
      body.Add("GatherV2", "step", {"x", t, body.IntConst("step", {}, {1})}, /*typed=*/false);
  SetType(x_t, "Tparams", tensorflow::DT_FLOAT);
  SetType(x_t, "Tindices", tensorflow::DT_INT32);
  SetType(x_t, "Taxis", tensorflow::DT_INT32);
  SetInt(x_t, "batch_dims", 0);
  const Step next = CellStep(step_call, cfg, w, x_t->name(), {"h", lstm ? "c" : ""});
  if (step_call.failed()) {
    call.Fail(step_call.status().message());
    return "";
  }
  auto pass = [&](const std::string& arg, tensorflow::DataType dtype) {
    tensorflow::NodeDef* node = body.Add("Identity", "step", {arg}, /*typed=*/false);
    SetType(node, "T", dtype);
    return node->name();
  };
  std::vector<std::pair<FunctionArg, std::string>> body_returns = {
      {vars[0], IntBinary(body, "AddV2", "step", "i", body.IntConst("step", {}, {1}))},
      {vars[1], pass("steps", tensorflow::DT_INT32)},
      {vars[2], pass("x", tensorflow::DT_FLOAT)},
      {vars[3], next.h}};
  if (lstm) body_returns.push_back({vars[4], next.c});
  if (sequences) {
    tensorflow::NodeDef* set =
        body.Add("TensorListSetItem", "step", {"outputs", "i", next.h}, /*typed=*/false);
    SetType(set, "element_dtype", tensorflow::DT_FLOAT);
    body_returns.push_back({vars.back(), set->name()});
  }
  // Cond: i < steps.
  tensorflow::GraphDef cond_graph;
  GraphBuilder cond(&cond_graph);
  for (const FunctionArg& var : vars) cond.Reserve(var.name);
  tensorflow::NodeDef* less = cond.Add("Less", "cond", {"i", "steps"});
  SetType(less, "T", tensorflow::DT_INT32);

  const std::string body_name = b.UniqueName(s + "_while_body");
  const std::string cond_name = b.UniqueName(s + "_while_cond");
  absl::StatusOr<tensorflow::FunctionDef> body_function =
      BuildFunction(body_name, vars, body_graph, body_returns);
  absl::StatusOr<tensorflow::FunctionDef> cond_function =
      BuildFunction(cond_name, vars, cond_graph, {{{"less", tensorflow::DT_BOOL}, less->name()}});
  if (!body_function.ok() || !cond_function.ok()) {
    call.Fail((body_function.ok() ? cond_function.status() : body_function.status()).message());
    return "";
  }
  *b.AddFunction() = *std::move(body_function);
  *b.AddFunction() = *std::move(cond_function);

  // Initial values in the graph.
  tensorflow::NodeDef* shape = b.Add("Shape", s, {x.name});
  SetType(shape, "out_type", tensorflow::DT_INT32);
  tensorflow::NodeDef* steps = b.Add(
      "StridedSlice", s,
      {shape->name(), b.IntConst(s, {1}, {1}), b.IntConst(s, {1}, {2}), b.IntConst(s, {1}, {1})});
  SetType(steps, "T", tensorflow::DT_INT32);
  SetType(steps, "Index", tensorflow::DT_INT32);
  for (const char* mask : {"begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask"}) {
    SetInt(steps, mask, 0);
  }
  SetInt(steps, "shrink_axis_mask", 1);
  std::vector<std::string> inputs = {b.IntConst(s, {}, {0}), steps->name(), x.name, state->h};
  if (lstm) inputs.push_back(state->c);
  const std::string element_shape = b.IntConst(s, {2}, {-1, static_cast<int32_t>(cfg.units)});
  if (sequences) {
    tensorflow::NodeDef* reserve =
        b.Add("TensorListReserve", s, {element_shape, steps->name()}, /*typed=*/false);
    SetType(reserve, "element_dtype", tensorflow::DT_FLOAT);
    SetType(reserve, "shape_type", tensorflow::DT_INT32);
    inputs.push_back(reserve->name());
  }
  tensorflow::NodeDef* loop = b.Add("While", s, inputs, /*typed=*/false);
  auto& attrs = *loop->mutable_attr();
  for (const FunctionArg& var : vars) attrs["T"].mutable_list()->add_type(var.dtype);
  attrs["cond"].mutable_func()->set_name(cond_name);
  attrs["body"].mutable_func()->set_name(body_name);
  attrs["parallel_iterations"].set_i(10);
  for (size_t i = 0; i < vars.size(); ++i) {
    attrs["output_shapes"].mutable_list()->add_shape()->set_unknown_rank(true);
  }
  state->h = loop->name() + ":3";
  if (lstm) state->c = loop->name() + ":4";
  if (!sequences) return "";
  tensorflow::NodeDef* stack =
      b.Add("TensorListStack", s, {absl::StrCat(loop->name(), ":", vars.size() - 1), element_shape},
            /*typed=*/false);
  SetType(stack, "element_dtype", tensorflow::DT_FLOAT);
  SetInt(stack, "num_elements", -1);
  return b.Transpose(s, stack->name(), {1, 0, 2});
}

std::vector<KTensor> Recurrent(LayerCall& call, Cell cell) {
  if (call.inputs().empty()) {
    call.Fail("has no input");
    return {};
  }
  const KTensor& x = call.inputs()[0];
  CellConfig cfg;
  cfg.cell = cell;
  cfg.units = call.Int("units", 0);
  cfg.use_bias = call.Bool("use_bias", true);
  cfg.reset_after = call.Bool("reset_after", false);
  cfg.activation = call.Str("activation", "tanh");
  cfg.recurrent_activation =
      call.Str("recurrent_activation", cell == Cell::kSimple ? "tanh" : "hard_sigmoid");
  const bool return_sequences = call.Bool("return_sequences", false);
  const bool return_state = call.Bool("return_state", false);
  const bool go_backwards = call.Bool("go_backwards", false);
  if (call.Bool("stateful", false)) call.Fail("stateful recurrent layers are not supported");
  if (call.failed()) return {};
  if (x.shape.size() != 3 || x.shape[2] < 0) {
    call.Fail("needs an input [batch, time, features] with known features");
    return {};
  }
  cfg.features = x.shape[2];
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();

  Step state;
  const size_t state_count = cell == Cell::kLstm ? 2 : 1;
  if (call.inputs().size() == 1 + state_count) {
    state.h = call.inputs()[1].name;
    if (cell == Cell::kLstm) state.c = call.inputs()[2].name;
  } else if (call.inputs().size() == 1) {
    state.h = b.BatchZeros(s, x.name, {cfg.units});
    if (cell == Cell::kLstm) state.c = state.h;
  } else {
    call.Fail(absl::StrCat("takes its input and ", state_count, " initial states, got ",
                           call.inputs().size(), " inputs"));
    return {};
  }
  std::string sequence;
  if (x.shape[1] >= 0) {
    const std::vector<std::string> outputs = Unrolled(call, cfg, x, go_backwards, &state);
    if (call.failed()) return {};
    if (return_sequences) {
      tensorflow::NodeDef* pack = b.Add("Pack", s, outputs);
      SetInt(pack, "N", static_cast<int64_t>(outputs.size()));
      SetInt(pack, "axis", 1);
      sequence = pack->name();
    }
  } else {
    if (!x.mask.empty()) {
      call.Fail("masks over a time dimension known only at run time are not supported");
      return {};
    }
    sequence = Looped(call, cfg, x, go_backwards, return_sequences, &state);
    if (call.failed()) return {};
  }
  std::vector<KTensor> result;
  if (return_sequences) {
    result.push_back({sequence, {x.shape[0], x.shape[1], cfg.units}, tensorflow::DT_FLOAT, x.mask});
  } else {
    result.push_back({state.h, {x.shape[0], cfg.units}});
  }
  if (return_state) {
    result.push_back({state.h, {x.shape[0], cfg.units}});
    if (cell == Cell::kLstm) result.push_back({state.c, {x.shape[0], cfg.units}});
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
                              class_name != "GRU" && class_name != "ConvLSTM2D")) {
    call.Fail(absl::StrCat("wraps '", class_name, "', not SimpleRNN, LSTM, GRU or ConvLSTM2D"));
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
  LayerCall forward = call.Nested(class_name, forward_config, call.scope() + "/forward", inputs,
                                  call.weights().subspan(0, half));
  LayerCall backward = call.Nested(class_name, backward_config, call.scope() + "/backward", inputs,
                                   call.weights().subspan(half));
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
  const auto sequences = forward_config.fields().find("return_sequences");
  if (sequences != forward_config.fields().end() && sequences->second.bool_value()) {
    tensorflow::NodeDef* reverse = b.Add("ReverseV2", s, {back.name, b.IntConst(s, {1}, {1})});
    SetType(reverse, "Tidx", tensorflow::DT_INT32);
    back.name = reverse->name();
  }
  std::vector<KTensor> result;
  if (merge_mode == "concat") {
    Shape shape = fw[0].shape;
    shape.back() *= 2;
    result.push_back(
        {b.Concat(s, {fw[0].name, back.name}, static_cast<int>(shape.size()) - 1), shape});
  } else if (merge_mode == "sum") {
    result.push_back({b.Binary("AddV2", s, fw[0].name, back.name), fw[0].shape});
  } else if (merge_mode == "mul") {
    result.push_back({b.Binary("Mul", s, fw[0].name, back.name), fw[0].shape});
  } else if (merge_mode == "ave") {
    result.push_back(
        {b.Binary("Mul", s, b.Binary("AddV2", s, fw[0].name, back.name), b.Scalar(s, 0.5f)),
         fw[0].shape});
  } else if (merge_mode.empty()) {
    result = {fw[0], back};
  } else {
    call.Fail(absl::StrCat("merge_mode '", merge_mode, "' is not supported"));
    return {};
  }
  for (KTensor& merged : result) merged.mask = fw[0].mask;
  result.insert(result.end(), fw.begin() + 1, fw.end());
  result.insert(result.end(), bw.begin() + 1, bw.end());
  return result;
}

// The wrapped layer applied to every time step: [B, T, ...] folded to [B * T, ...], the layer,
// and unfolded to [B, T, ...] (T read at run time when unknown at conversion).
std::vector<KTensor> TimeDistributed(LayerCall& call) {
  const google::protobuf::Value* layer = call.Get("layer");
  if (layer == nullptr || !layer->has_struct_value()) {
    call.Fail("has no wrapped layer");
    return {};
  }
  const KTensor& x = call.input();
  if (call.failed()) return {};
  if (x.shape.size() < 3 || Product(x.shape, 2, x.shape.size()) < 0) {
    call.Fail("needs an input [batch, time, ...] with known dimensions after the time");
    return {};
  }
  const auto& fields = layer->struct_value().fields();
  const std::string class_name =
      fields.count("class_name") ? fields.at("class_name").string_value() : "";
  const Lowering lowering = FindLowering(class_name);
  if (lowering == nullptr) {
    call.Fail(absl::StrCat("wraps '", class_name, "', which has no lowering"));
    return {};
  }
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  Shape folded = {-1};
  folded.insert(folded.end(), x.shape.begin() + 2, x.shape.end());
  KTensor in{b.Reshape(s, x.name, folded), folded, x.dtype};
  LayerCall inner = call.Nested(
      class_name,
      fields.count("config") ? fields.at("config").struct_value() : google::protobuf::Struct(),
      s + "/inner", {in}, call.weights());
  const std::vector<KTensor> out = lowering(inner);
  if (inner.failed()) {
    call.Fail(absl::StrCat(class_name, ": ", inner.status().message()));
    return {};
  }
  const Shape& step = out.at(0).shape;
  if (Product(step, 1, step.size()) < 0) {
    call.Fail(absl::StrCat(class_name, " gives no static shape per step"));
    return {};
  }
  Shape shape = {x.shape[0], x.shape[1]};
  shape.insert(shape.end(), step.begin() + 1, step.end());
  if (x.shape[1] >= 0) {
    Shape target = shape;
    target[0] = -1;
    return {{b.Reshape(s, out[0].name, target), shape}};
  }
  // [batch, time] of x, then the step's dimensions.
  tensorflow::NodeDef* in_shape = b.Add("Shape", s, {x.name}, /*typed=*/false);
  SetType(in_shape, "T", x.dtype);
  SetType(in_shape, "out_type", tensorflow::DT_INT32);
  const std::string leading = b.SliceAxis(s, in_shape->name(), 1, 0, 0, 2, tensorflow::DT_INT32);
  const std::vector<int32_t> rest(step.begin() + 1, step.end());
  const std::string target =
      b.Concat(s, {leading, b.IntConst(s, {static_cast<int64_t>(rest.size())}, rest)}, 0,
               tensorflow::DT_INT32);
  tensorflow::NodeDef* reshape = b.Add("Reshape", s, {out[0].name, target});
  SetType(reshape, "Tshape", tensorflow::DT_INT32);
  return {{reshape->name(), shape}};
}

}  // namespace

void RegisterRecurrentLayers(Registry& registry) {
  registry["SimpleRNN"] = SimpleRNN;
  registry["LSTM"] = registry["UnifiedLSTM"] = registry["LSTMV1"] = LSTM;
  registry["GRU"] = registry["UnifiedGRU"] = registry["GRUV1"] = GRU;
  registry["Bidirectional"] = Bidirectional;
  registry["TimeDistributed"] = TimeDistributed;
}

}  // namespace tfjs::converter::keras
