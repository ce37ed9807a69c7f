// LowerKerasModel per layer family on small models: the lowered graph runs in the native
// runtime and gives values computed by hand (or by the layer's formula written out here).
#include "converter/keras/lower_keras_model.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converter/passes/lower_control_flow.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"

namespace tfjs::converter {
namespace {

using runtime::Tensor;
using ::testing::ElementsAre;
using ::testing::FloatNear;
using ::testing::HasSubstr;
using ::testing::Pointwise;

LayersModelWeight W(const std::string& name, const std::vector<int64_t>& shape,
                    const std::vector<float>& values) {
  LayersModelWeight weight;
  weight.name = name;
  weight.value.set_dtype(tensorflow::DT_FLOAT);
  for (int64_t dim : shape) weight.value.mutable_tensor_shape()->add_dim()->set_size(dim);
  weight.value.set_tensor_content(
      std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float)));
  return weight;
}

Tensor T(const std::vector<int64_t>& shape, const std::vector<float>& values) {
  Tensor tensor =
      *Tensor::Allocate(tensorflow::DT_FLOAT, runtime::Shape(shape.begin(), shape.end()));
  std::copy(values.begin(), values.end(), tensor.mutable_data<float>());
  return tensor;
}

// A Sequential model of `layers` (JSON layer objects) on input shape `input_shape`.
std::string Sequential(const std::string& input_shape, const std::vector<std::string>& layers) {
  return absl::StrCat(
      R"({"class_name": "Sequential", "config": {"name": "s", "layers": [)",
      R"({"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": )", input_shape,
      R"(, "dtype": "float32"}}, )", absl::StrJoin(layers, ", "), "]}}");
}

std::string Layer(const std::string& class_name, const std::string& name,
                  const std::string& config = "") {
  return absl::StrCat(R"({"class_name": ")", class_name, R"(", "config": {"name": ")", name, "\"",
                      config.empty() ? "" : ", ", config, "}}");
}

class Model {
 public:
  explicit Model(std::string config) { model_.model_config = std::move(config); }
  Model& Weights(const std::string& layer, std::vector<LayersModelWeight> weights) {
    model_.layer_names.push_back(layer);
    model_.layers.push_back(std::move(weights));
    return *this;
  }
  absl::StatusOr<FrozenModel> LowerOnly() const { return LowerKerasModel(model_); }
  // Lowered, with TF2 control flow lowered to TF1 loops as the converter does by default.
  absl::StatusOr<FrozenModel> Lower() const {
    absl::StatusOr<FrozenModel> frozen = LowerKerasModel(model_);
    if (!frozen.ok()) return frozen;
    if (absl::Status status = LowerControlFlow(&frozen->graph); !status.ok()) return status;
    return frozen;
  }
  // Runs the lowered model on `inputs` (by signature key) and returns output `output` (a
  // signature key; the first output when empty) flat.
  std::vector<float> Run(const std::vector<std::pair<std::string, Tensor>>& inputs,
                         std::vector<int64_t>* shape = nullptr,
                         const std::string& output = "") const {
    absl::StatusOr<FrozenModel> frozen = Lower();
    EXPECT_TRUE(frozen.ok()) << frozen.status();
    if (!frozen.ok()) return {};
    absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model =
        runtime::GraphModel::FromGraphDef(frozen->graph, {}, frozen->signature, {});
    EXPECT_TRUE(model.ok()) << model.status();
    if (!model.ok()) return {};
    std::vector<std::string> fetch;
    if (!output.empty()) fetch.push_back(output);
    absl::StatusOr<std::vector<Tensor>> out = (*model)->ExecuteAsync(inputs, fetch);
    EXPECT_TRUE(out.ok()) << out.status();
    if (!out.ok() || out->empty()) return {};
    const Tensor& t = (*out)[0];
    if (shape != nullptr) shape->assign(t.shape().begin(), t.shape().end());
    return std::vector<float>(t.data<float>(), t.data<float>() + t.num_elements());
  }

 private:
  LayersModel model_;
};

auto Near(std::vector<float> want) { return Pointwise(FloatNear(1e-5), want); }

TEST(LowerKerasModelTest, DenseAndReluWithArguments) {
  // dense: [1, 2] x [[1, -1], [2, 0.5]] + [0.5, -1] = [5.5, -1]
  // ReLU(max_value 5, negative_slope 0.1): [min(5.5, 5), -0.1 * 1] = [5, -0.1]
  Model model(Sequential("[null, 2]",
                         {Layer("Dense", "dense", R"("units": 2, "activation": "linear")"),
                          Layer("ReLU", "relu", R"("max_value": 5.0, "negative_slope": 0.1)")}));
  model.Weights("dense",
                {W("dense/kernel", {2, 2}, {1, -1, 2, 0.5}), W("dense/bias", {2}, {0.5, -1})});
  std::vector<int64_t> shape;
  EXPECT_THAT(model.Run({{"in", T({1, 2}, {1, 2})}}, &shape), Near({5, -0.1f}));
  EXPECT_THAT(shape, ElementsAre(1, 2));
  absl::StatusOr<FrozenModel> frozen = model.Lower();
  ASSERT_TRUE(frozen.ok());
  EXPECT_EQ(frozen->signature.inputs().at("in").name(), "in:0");
  EXPECT_EQ(frozen->signature.outputs().at("relu").name(), "relu:0");
}

TEST(LowerKerasModelTest, ReluThresholdAndActivationLayers) {
  // ReLU(threshold 1.5): x * (x > 1.5); then LeakyReLU(0.5) leaves it; ELU(alpha 2) of x<=0:
  // 2 * (exp(x) - 1).
  Model model(Sequential("[null, 3]", {Layer("ReLU", "r", R"("threshold": 1.5)"),
                                       Layer("Dense", "d", R"("units": 3, "use_bias": false)"),
                                       Layer("ELU", "e", R"("alpha": 2.0)")}));
  // d = -identity
  model.Weights("d", {W("d/kernel", {3, 3}, {-1, 0, 0, 0, -1, 0, 0, 0, -1})});
  const float e2 = 2 * (std::exp(-2.0f) - 1), e3 = 2 * (std::exp(-3.0f) - 1);
  EXPECT_THAT(model.Run({{"in", T({1, 3}, {1, 2, 3})}}), Near({0, e2, e3}));
}

TEST(LowerKerasModelTest, SoftmaxOverAnInnerAxis) {
  Model model(Sequential("[null, 2, 2]", {Layer("Softmax", "sm", R"("axis": 1)")}));
  const float a = 1 / (1 + std::exp(1.0f)), b = 1 - a;  // softmax([0, 1]) = [a, b]
  // columns [0, 1] and [3, 3]
  EXPECT_THAT(model.Run({{"in", T({1, 2, 2}, {0, 3, 1, 3})}}), Near({a, 0.5f, b, 0.5f}));
}

TEST(LowerKerasModelTest, CausalDilatedConv1D) {
  // y[t] = 1 * x[t - 2] + 10 * x[t], zeros before the start.
  Model model(
      Sequential("[null, 4, 1]",
                 {Layer("Conv1D", "c", R"("filters": 1, "kernel_size": [2], "padding": "causal",
                                "dilation_rate": [2], "use_bias": false)")}));
  model.Weights("c", {W("c_7/kernel", {2, 1, 1}, {1, 10})});  // a name not the layer's
  EXPECT_THAT(model.Run({{"in", T({1, 4, 1}, {1, 2, 3, 4})}}), Near({10, 20, 31, 42}));
}

TEST(LowerKerasModelTest, ChannelsFirstConv1DAndGroups) {
  // channels_first [1, 2 channels, 3 steps], kernel 1: y = c0 + 2 * c1 + bias 1.
  Model model(Sequential("[null, 2, 3]", {Layer("Conv1D", "c", R"("filters": 1, "kernel_size": 1,
                                "data_format": "channels_first")")}));
  model.Weights("c", {W("c/kernel", {1, 2, 1}, {1, 2}), W("c/bias", {1}, {1})});
  std::vector<int64_t> shape;
  EXPECT_THAT(model.Run({{"in", T({1, 2, 3}, {1, 2, 3, 10, 20, 30})}}, &shape), Near({22, 43, 64}));
  EXPECT_THAT(shape, ElementsAre(1, 1, 3));

  // groups=2 on 2 channels: filter 0 sees channel 0 (x3), filter 1 channel 1 (x-1).
  Model grouped(Sequential("[null, 1, 1, 2]",
                           {Layer("Conv2D", "g", R"("filters": 2, "kernel_size": 1, "groups": 2,
                                  "use_bias": false)")}));
  grouped.Weights("g", {W("g/kernel", {1, 1, 1, 2}, {3, -1})});
  EXPECT_THAT(grouped.Run({{"in", T({1, 1, 1, 2}, {5, 7})}}), Near({15, -7}));
}

TEST(LowerKerasModelTest, DepthwiseSeparableAndTransposedConv) {
  // Depthwise 1x1, multiplier 2: channel c -> (c * k0, c * k1).
  Model depthwise(Sequential(
      "[null, 1, 1, 1]", {Layer("DepthwiseConv2D", "d", R"("kernel_size": 1, "depth_multiplier": 2,
                                    "use_bias": false)")}));
  depthwise.Weights("d", {W("d/depthwise_kernel", {1, 1, 1, 2}, {2, 3})});
  EXPECT_THAT(depthwise.Run({{"in", T({1, 1, 1, 1}, {4})}}), Near({8, 12}));

  // Separable: depthwise x2 then pointwise sum (1, 1) plus bias 0.5.
  Model separable(Sequential("[null, 1, 1, 2]",
                             {Layer("SeparableConv2D", "s", R"("filters": 1, "kernel_size": 1)")}));
  separable.Weights("s", {W("s/depthwise_kernel", {1, 1, 2, 1}, {2, 2}),
                          W("s/pointwise_kernel", {1, 1, 2, 1}, {1, 1}), W("s/bias", {1}, {0.5})});
  EXPECT_THAT(separable.Run({{"in", T({1, 1, 1, 2}, {1, 3})}}), Near({8.5}));

  // Conv2DTranspose 2x2, stride 2, valid: each input pixel spreads its value times the kernel.
  Model transposed(Sequential("[null, 1, 2, 1]",
                              {Layer("Conv2DTranspose", "t", R"("filters": 1, "kernel_size": 2,
                                     "strides": 2, "use_bias": false)")}));
  transposed.Weights("t", {W("t/kernel", {2, 2, 1, 1}, {1, 2, 3, 4})});
  std::vector<int64_t> shape;
  EXPECT_THAT(transposed.Run({{"in", T({1, 1, 2, 1}, {1, 10})}}, &shape),
              Near({1, 2, 10, 20, 3, 4, 30, 40}));
  EXPECT_THAT(shape, ElementsAre(1, 2, 4, 1));
}

TEST(LowerKerasModelTest, PoolingPaddingCroppingUpSampling) {
  // [1, 3, 5, 2] -> pad 1 each side -> [0, 1, 3, 5, 2, 0] -> max pool 2 -> [1, 5, 2]
  // -> upsample 2 -> [1, 1, 5, 5, 2, 2] -> crop (1, 2) -> [1, 5, 5] -> global average 11/3.
  Model model(Sequential(
      "[null, 4, 1]",
      {Layer("ZeroPadding1D", "p", R"("padding": 1)"),
       Layer("MaxPooling1D", "m", R"("pool_size": 2)"), Layer("UpSampling1D", "u", R"("size": 2)"),
       Layer("Cropping1D", "c", R"("cropping": [1, 2])"), Layer("GlobalAveragePooling1D", "g")}));
  EXPECT_THAT(model.Run({{"in", T({1, 4, 1}, {1, 3, 5, 2})}}), Near({11.0f / 3}));

  // 2D: average pool 2x2 of a 2x2 image, then GlobalMaxPooling2D.
  Model two(Sequential("[null, 2, 2, 1]", {Layer("AveragePooling2D", "a", R"("pool_size": [2, 2])"),
                                           Layer("GlobalMaxPooling2D", "g")}));
  EXPECT_THAT(two.Run({{"in", T({1, 2, 2, 1}, {1, 2, 3, 6})}}), Near({3}));
}

TEST(LowerKerasModelTest, ReshapingLayers) {
  // [[1, 2, 3], [4, 5, 6]] permuted -> [[1, 4], [2, 5], [3, 6]] -> flatten -> reshape [-1, 2]
  Model model(
      Sequential("[null, 2, 3]", {Layer("Permute", "p", R"("dims": [2, 1])"), Layer("Flatten", "f"),
                                  Layer("Reshape", "r", R"("target_shape": [-1, 2])")}));
  std::vector<int64_t> shape;
  EXPECT_THAT(model.Run({{"in", T({1, 2, 3}, {1, 2, 3, 4, 5, 6})}}, &shape),
              Near({1, 4, 2, 5, 3, 6}));
  EXPECT_THAT(shape, ElementsAre(1, 3, 2));

  Model repeat(Sequential("[null, 2]", {Layer("RepeatVector", "r", R"("n": 2)")}));
  EXPECT_THAT(repeat.Run({{"in", T({1, 2}, {7, 8})}}), Near({7, 8, 7, 8}));
}

TEST(LowerKerasModelTest, BatchAndLayerNormalization) {
  // BN: (x - 3) / sqrt(4) * 2 + 1 = x - 2 (epsilon 0).
  Model bn(Sequential("[null, 1]", {Layer("BatchNormalization", "bn", R"("epsilon": 0.0)")}));
  bn.Weights("bn", {W("bn/gamma", {1}, {2}), W("bn/beta", {1}, {1}), W("bn/moving_mean", {1}, {3}),
                    W("bn/moving_variance", {1}, {4})});
  EXPECT_THAT(bn.Run({{"in", T({2, 1}, {5, 7})}}), Near({3, 5}));

  // 4D channels last (fused): the same per channel, channel 1 with gamma 1, beta 0, mean 0,
  // variance 1.
  Model fused(
      Sequential("[null, 1, 1, 2]", {Layer("BatchNormalization", "bn", R"("epsilon": 0.0)")}));
  fused.Weights("bn", {W("bn/gamma", {2}, {2, 1}), W("bn/beta", {2}, {1, 0}),
                       W("bn/moving_mean", {2}, {3, 0}), W("bn/moving_variance", {2}, {4, 1})});
  EXPECT_THAT(fused.Run({{"in", T({1, 1, 1, 2}, {5, 7})}}), Near({3, 7}));

  // LN of [1, 3]: mean 2, variance 1 -> [-1, 1], times gamma [1, 2] plus beta [0, 10].
  Model ln(Sequential("[null, 2]", {Layer("LayerNormalization", "ln", R"("epsilon": 0.0)")}));
  ln.Weights("ln", {W("ln/gamma", {2}, {1, 2}), W("ln/beta", {2}, {0, 10})});
  EXPECT_THAT(ln.Run({{"in", T({1, 2}, {1, 3})}}), Near({-1, 12}));
}

TEST(LowerKerasModelTest, FunctionalSharedLayerMergesAndNestedModel) {
  // d (shared, kernel [[2]]) on a and b; outputs: Add(d(a), d(b)), Subtract, Multiply, Average,
  // Maximum, Minimum, Concatenate, Dot, and a nested Sequential (Dense kernel [[3]]) on a.
  auto node = [](const std::string& layer, int index) {
    return absl::StrCat(R"([")", layer, R"(", )", index, ", 0, {}]");
  };
  auto layer = [&](const std::string& class_name, const std::string& name,
                   const std::vector<std::string>& inputs, const std::string& config = "") {
    std::vector<std::string> nodes;
    for (const std::string& input : inputs) nodes.push_back("[" + input + "]");
    return absl::StrCat(R"({"class_name": ")", class_name, R"(", "name": ")", name,
                        R"(", "config": {"name": ")", name, "\"", config.empty() ? "" : ", ",
                        config, R"(}, "inbound_nodes": [)", absl::StrJoin(nodes, ", "), "]}");
  };
  const std::string input_a =
      R"({"class_name": "InputLayer", "name": "a", "config": {"name": "a", "batch_input_shape": [null, 1]}, "inbound_nodes": []})";
  const std::string input_b =
      R"({"class_name": "InputLayer", "name": "b", "config": {"name": "b", "batch_input_shape": [null, 1]}, "inbound_nodes": []})";
  const std::string nested = absl::StrCat(
      R"({"class_name": "Sequential", "name": "inner", "config": {"name": "inner", "layers": [)",
      Layer("Dense", "inner_dense",
            R"("units": 1, "use_bias": false, "batch_input_shape": [null, 1])"),
      R"(]}, "inbound_nodes": [[["a", 0, 0, {}]]]})");
  const std::string both = node("da", 0) + ", " + node("db", 0);
  std::vector<std::string> layers = {
      input_a, input_b,
      // The shared layer: called on a (node 0) and on b (node 1).
      absl::StrCat(
          R"({"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 1, "use_bias": false}, )",
          R"("inbound_nodes": [[["a", 0, 0, {}]], [["b", 0, 0, {}]]]})"),
      layer("Activation", "da", {node("d", 0)}, R"("activation": "linear")"),
      layer("Activation", "db", {node("d", 1)}, R"("activation": "linear")"),
      layer("Add", "add", {both}), layer("Subtract", "sub", {both}),
      layer("Multiply", "mul", {both}), layer("Average", "avg", {both}),
      layer("Maximum", "max", {both}), layer("Minimum", "min", {both}),
      layer("Concatenate", "cat", {both}), layer("Dot", "dot", {both}, R"("axes": 1)"), nested};
  const std::vector<std::string> names = {"add", "sub", "mul", "avg",  "max",
                                          "min", "cat", "dot", "inner"};
  std::vector<std::string> outputs;
  for (const std::string& name : names)
    outputs.push_back(absl::StrCat(R"([")", name, R"(", 0, 0])"));
  const std::string config = absl::StrCat(
      R"({"class_name": "Model", "config": {"name": "m", "layers": [)", absl::StrJoin(layers, ", "),
      R"(], "input_layers": [["a", 0, 0], ["b", 0, 0]], "output_layers": [)",
      absl::StrJoin(outputs, ", "), "]}}");
  Model model(config);
  model.Weights("d", {W("d/kernel", {1, 1}, {2})});
  model.Weights("inner", {W("inner_dense/kernel", {1, 1}, {3})});
  const std::vector<std::pair<std::string, Tensor>> feeds = {{"a", T({1, 1}, {1})},
                                                             {"b", T({1, 1}, {4})}};
  // d(a) = 2, d(b) = 8
  const std::vector<std::vector<float>> want = {{10}, {-6}, {16}, {5}, {8}, {2}, {2, 8}, {16}, {3}};
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_THAT(model.Run(feeds, nullptr, names[i]), Near(want[i])) << names[i];
  }
}

TEST(LowerKerasModelTest, SimpleRnnSequencesBackwardsAndBidirectional) {
  // h_t = x_t + 0.5 h_{t-1}: forward over [1, 2, 3] -> [1, 2.5, 4.25];
  // backward over [3, 2, 1] -> [3, 3.5, 2.75].
  const std::string rnn = R"("units": 1, "activation": "linear", "return_sequences": true)";
  auto weights = [](const std::string& prefix) {
    return std::vector<LayersModelWeight>{W(prefix + "/kernel", {1, 1}, {1}),
                                          W(prefix + "/recurrent_kernel", {1, 1}, {0.5}),
                                          W(prefix + "/bias", {1}, {0})};
  };
  Model forward(Sequential("[null, 3, 1]", {Layer("SimpleRNN", "r", rnn)}));
  forward.Weights("r", weights("r"));
  EXPECT_THAT(forward.Run({{"in", T({1, 3, 1}, {1, 2, 3})}}), Near({1, 2.5, 4.25}));

  Model backward(Sequential(
      "[null, 3, 1]", {Layer("SimpleRNN", "r", absl::StrCat(rnn, R"(, "go_backwards": true)"))}));
  backward.Weights("r", weights("r"));
  EXPECT_THAT(backward.Run({{"in", T({1, 3, 1}, {1, 2, 3})}}), Near({3, 3.5, 2.75}));

  // Bidirectional concat: the backward sequence is put back in time order.
  Model bidi(Sequential(
      "[null, 3, 1]",
      {Layer(
          "Bidirectional", "bi",
          absl::StrCat(
              R"("merge_mode": "concat", "layer": {"class_name": "SimpleRNN", "config": {"name": "r", )",
              rnn, "}}"))}));
  std::vector<LayersModelWeight> both = weights("bi/forward_r");
  for (LayersModelWeight& w : weights("bi/backward_r")) both.push_back(w);
  bidi.Weights("bi", both);
  EXPECT_THAT(bidi.Run({{"in", T({1, 3, 1}, {1, 2, 3})}}), Near({1, 2.75, 2.5, 3.5, 4.25, 3}));
}

TEST(LowerKerasModelTest, MaskedStepsKeepTheRecurrentState) {
  // Step 2 is all mask_value: h = [1, 1 (kept), 3 + 0.5 * 1].
  Model model(Sequential(
      "[null, 3, 1]",
      {Layer("Masking", "m", R"("mask_value": 0.0)"), Layer("Dropout", "d", R"("rate": 0.5)"),
       Layer("SimpleRNN", "r",
             R"("units": 1, "activation": "linear", "return_sequences": true)")}));
  model.Weights("r", {W("r/kernel", {1, 1}, {1}), W("r/recurrent_kernel", {1, 1}, {0.5}),
                      W("r/bias", {1}, {0})});
  EXPECT_THAT(model.Run({{"in", T({1, 3, 1}, {1, 0, 3})}}), Near({1, 1, 3.5}));
}

TEST(LowerKerasModelTest, RnnOverARunTimeTimeDimensionLoops) {
  // The same recurrences as above with the time dimension unknown at conversion: a While loop.
  const std::string rnn = R"("units": 1, "activation": "linear", "return_sequences": true)";
  const std::vector<LayersModelWeight> weights = {
      W("r/kernel", {1, 1}, {1}), W("r/recurrent_kernel", {1, 1}, {0.5}), W("r/bias", {1}, {0})};
  Model forward(Sequential("[null, null, 1]", {Layer("SimpleRNN", "r", rnn)}));
  forward.Weights("r", weights);
  absl::StatusOr<FrozenModel> frozen = forward.LowerOnly();
  ASSERT_TRUE(frozen.ok()) << frozen.status();
  EXPECT_TRUE(std::any_of(frozen->graph.node().begin(), frozen->graph.node().end(),
                          [](const tensorflow::NodeDef& node) { return node.op() == "While"; }));
  std::vector<int64_t> shape;
  EXPECT_THAT(forward.Run({{"in", T({1, 3, 1}, {1, 2, 3})}}, &shape), Near({1, 2.5, 4.25}));
  EXPECT_THAT(shape, ElementsAre(1, 3, 1));
  EXPECT_THAT(forward.Run({{"in", T({1, 2, 1}, {1, 2})}}), Near({1, 2.5}));

  Model backward(Sequential(
      "[null, null, 1]",
      {Layer("SimpleRNN", "r", R"("units": 1, "activation": "linear", "go_backwards": true)")}));
  backward.Weights("r", weights);
  EXPECT_THAT(backward.Run({{"in", T({1, 3, 1}, {1, 2, 3})}}), Near({2.75}));

  // LSTM, looped, against the same LSTM unrolled.
  const std::string lstm =
      R"("units": 2, "return_sequences": true, "recurrent_activation": "sigmoid")";
  const std::vector<LayersModelWeight> lstm_weights = {
      W("l/kernel", {1, 8}, {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, -0.8f}),
      W("l/recurrent_kernel", {2, 8},
        {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, -0.1f, -0.2f, -0.3f, -0.4f, -0.5f, -0.6f,
         -0.7f, -0.8f}),
      W("l/bias", {8}, {0, 1, 0, 0, 0, 1, 0, 0})};
  Model looped(Sequential("[null, null, 1]", {Layer("LSTM", "l", lstm)}));
  looped.Weights("l", lstm_weights);
  Model unrolled(Sequential("[null, 3, 1]", {Layer("LSTM", "l", lstm)}));
  unrolled.Weights("l", lstm_weights);
  const std::vector<std::pair<std::string, Tensor>> feeds = {{"in", T({1, 3, 1}, {1, -1, 2})}};
  const std::vector<float> want = unrolled.Run(feeds);
  ASSERT_EQ(want.size(), 6u);
  EXPECT_THAT(looped.Run(feeds), Near(want));
}

float HardSigmoid(float x) { return std::min(1.0f, std::max(0.0f, 0.2f * x + 0.5f)); }
float Sigmoid(float x) { return 1 / (1 + std::exp(-x)); }

TEST(LowerKerasModelTest, LstmAndGruFollowKerasGateOrder) {
  // LSTM, one unit, gates (i, f, c, o) from kernel [0.1, 0.2, 1, 0.3], recurrent [0.5, 0, 0, 0],
  // no bias, hard_sigmoid gates, tanh.
  Model lstm(Sequential("[null, 2, 1]", {Layer("LSTM", "l", R"("units": 1, "use_bias": false,
                               "recurrent_activation": "hard_sigmoid", "return_sequences": true)")}));
  lstm.Weights("l", {W("l/kernel", {1, 4}, {0.1f, 0.2f, 1, 0.3f}),
                     W("l/recurrent_kernel", {1, 4}, {0.5f, 0, 0, 0})});
  float h = 0, c = 0;
  std::vector<float> sequence;
  for (float x : {1.0f, -2.0f}) {
    const float i = HardSigmoid(0.1f * x + 0.5f * h), f = HardSigmoid(0.2f * x);
    const float g = std::tanh(x), o = HardSigmoid(0.3f * x);
    c = f * c + i * g;
    h = o * std::tanh(c);
    sequence.push_back(h);
  }
  const std::vector<std::pair<std::string, Tensor>> feeds = {{"in", T({1, 2, 1}, {1, -2})}};
  EXPECT_THAT(lstm.Run(feeds), Near(sequence));

  // GRU reset_after, gates (z, r, h): kernel [0.5, -0.5, 1], recurrent [0.3, 0.2, 0.7],
  // input bias [0.1, 0, 0], recurrent bias [0, 0, 0.2], sigmoid gates, tanh.
  Model gru(Sequential("[null, 2, 1]", {Layer("GRU", "g", R"("units": 1, "reset_after": true,
                              "recurrent_activation": "sigmoid")")}));
  gru.Weights("g", {W("g/kernel", {1, 3}, {0.5f, -0.5f, 1}),
                    W("g/recurrent_kernel", {1, 3}, {0.3f, 0.2f, 0.7f}),
                    W("g/bias", {2, 3}, {0.1f, 0, 0, 0, 0, 0.2f})});
  h = 0;
  for (float x : {1.0f, -2.0f}) {
    const float z = Sigmoid(0.5f * x + 0.1f + 0.3f * h);
    const float r = Sigmoid(-0.5f * x + 0.2f * h);
    const float candidate = std::tanh(x + r * (0.7f * h + 0.2f));
    h = z * h + (1 - z) * candidate;
  }
  EXPECT_THAT(gru.Run(feeds), Near({h}));
}

TEST(LowerKerasModelTest, LocallyConnectedHasAKernelPerPosition) {
  // 1D: position 0 sees [1, 2] with kernel [1, 10], position 1 sees [2, 3] with [100, 1000].
  Model one(Sequential("[null, 3, 1]",
                       {Layer("LocallyConnected1D", "l", R"("filters": 1, "kernel_size": 2)")}));
  one.Weights("l",
              {W("l/kernel", {2, 2, 1}, {1, 10, 100, 1000}), W("l/bias", {2, 1}, {0.5, 0.25})});
  EXPECT_THAT(one.Run({{"in", T({1, 3, 1}, {1, 2, 3})}}), Near({21.5, 3200.25}));

  // 2D 1x2 kernel on a 1x2 image of 2 channels: channels_last flattens the patch as (col,
  // channel) = [1, 2, 3, 4], channels_first as (channel, col) = [1, 3, 2, 4].
  const std::vector<LayersModelWeight> weights = {W("l/kernel", {1, 4, 1}, {1, 10, 100, 1000}),
                                                  W("l/bias", {1, 1, 1}, {0})};
  Model last(Sequential("[null, 1, 2, 2]", {Layer("LocallyConnected2D", "l",
                                                  R"("filters": 1, "kernel_size": [1, 2])")}));
  last.Weights("l", weights);
  EXPECT_THAT(last.Run({{"in", T({1, 1, 2, 2}, {1, 2, 3, 4})}}), Near({4321}));
  Model first(Sequential(
      "[null, 2, 1, 2]",
      {Layer("LocallyConnected2D", "l",
             R"("filters": 1, "kernel_size": [1, 2], "data_format": "channels_first")")}));
  first.Weights("l", weights);
  EXPECT_THAT(first.Run({{"in", T({1, 2, 1, 2}, {1, 3, 2, 4})}}), Near({4231}));
}

TEST(LowerKerasModelTest, ConvLstm2DOnOnePixelIsAnLstm) {
  // A 1x1 ConvLSTM2D on 1x1 frames computes exactly an LSTM with the same weights.
  const std::vector<float> kernel = {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, -0.8f};
  const std::vector<float> recurrent = {0.1f,  0.2f,  0.3f,  0.4f,  0.5f,  0.6f,  0.7f,  0.8f,
                                        -0.1f, -0.2f, -0.3f, -0.4f, -0.5f, -0.6f, -0.7f, -0.8f};
  const std::vector<float> bias = {0, 1, 0, 0, 0, 1, 0, 0};
  for (const bool backwards : {false, true}) {
    const std::string common =
        absl::StrCat(R"("return_sequences": true, "go_backwards": )", backwards ? "true" : "false");
    Model lstm(
        Sequential("[null, 3, 1]", {Layer("LSTM", "l", absl::StrCat(R"("units": 2, )", common))}));
    lstm.Weights("l", {W("l/kernel", {1, 8}, kernel), W("l/recurrent_kernel", {2, 8}, recurrent),
                       W("l/bias", {8}, bias)});
    Model conv(Sequential(
        "[null, 3, 1, 1, 1]",
        {Layer("ConvLSTM2D", "c",
               absl::StrCat(R"("filters": 2, "kernel_size": [1, 1], "padding": "same", )",
                            R"("data_format": "channels_first", )", common))}));
    conv.Weights("c", {W("c/kernel", {1, 1, 1, 8}, kernel),
                       W("c/recurrent_kernel", {1, 1, 2, 8}, recurrent), W("c/bias", {8}, bias)});
    const std::vector<float> want = lstm.Run({{"in", T({1, 3, 1}, {1, -1, 2})}});
    ASSERT_EQ(want.size(), 6u);
    std::vector<int64_t> shape;
    EXPECT_THAT(conv.Run({{"in", T({1, 3, 1, 1, 1}, {1, -1, 2})}}, &shape), Near(want));
    EXPECT_THAT(shape, ElementsAre(1, 3, 2, 1, 1));
  }
}

TEST(LowerKerasModelTest, TensorFlowOpLayerRunsItsNodeDef) {
  // Reshape [-1, 2, 2] -> [-1, 4] as a raw TF op, then Dense summing all four values.
  const std::string config = R"({"class_name": "Model", "config": {"name": "m", "layers": [
      {"name": "x", "class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 2, 2]},
       "inbound_nodes": []},
      {"name": "tf_op_layer_Reshape", "class_name": "TensorFlowOpLayer", "config": {"name": "Reshape",
       "node_def": {"name": "Reshape", "op": "Reshape", "input": ["x", "Reshape/shape"],
                    "attr": {"T": {"type": "DT_FLOAT"}, "Tshape": {"type": "DT_INT32"}}},
       "constants": {"1": [-1, 4]}}, "inbound_nodes": [[["x", 0, 0, {}]]]},
      {"name": "d", "class_name": "Dense", "config": {"name": "d", "units": 1, "use_bias": false},
       "inbound_nodes": [[["tf_op_layer_Reshape", 0, 0, {}]]]}],
    "input_layers": [["x", 0, 0]], "output_layers": [["d", 0, 0]]}})";
  Model model(config);
  model.Weights("d", {W("d/kernel", {4, 1}, {1, 10, 100, 1000})});
  EXPECT_THAT(model.Run({{"x", T({1, 2, 2}, {1, 2, 3, 4})}}), Near({4321}));
}

TEST(LowerKerasModelTest, TimeDistributedAppliesTheLayerPerStep) {
  // Dense [[1], [10]] on each of 3 steps of 2 features; the time dimension static or not.
  for (const char* time : {"3", "null"}) {
    Model model(Sequential(
        absl::StrCat("[null, ", time, ", 2]"),
        {Layer(
            "TimeDistributed", "t",
            R"("layer": {"class_name": "Dense", "config": {"name": "d", "units": 1, "use_bias": false}})")}));
    model.Weights("t", {W("d/kernel", {2, 1}, {1, 10})});
    std::vector<int64_t> shape;
    EXPECT_THAT(model.Run({{"in", T({1, 3, 2}, {1, 2, 3, 4, 5, 6})}}, &shape), Near({21, 43, 65}))
        << time;
    EXPECT_THAT(shape, ElementsAre(1, 3, 1)) << time;
  }
}

TEST(LowerKerasModelTest, EmbeddingGathersRows) {
  Model model(
      Sequential("[null, 2]", {Layer("Embedding", "e", R"("input_dim": 3, "output_dim": 2)")}));
  model.Weights("e", {W("e/embeddings", {3, 2}, {0, 1, 10, 11, 20, 21})});
  EXPECT_THAT(model.Run({{"in", T({1, 2}, {2, 0})}}), Near({20, 21, 0, 1}));

  // mask_zero: index 0 is padding, so the RNN keeps its state there: h = [1, 1, 1 * 0.5 + 3].
  Model masked(
      Sequential("[null, 3]",
                 {Layer("Embedding", "e", R"("input_dim": 3, "output_dim": 1, "mask_zero": true)"),
                  Layer("SimpleRNN", "r",
                        R"("units": 1, "activation": "linear", "return_sequences": true)")}));
  masked.Weights("e", {W("e/embeddings", {3, 1}, {100, 1, 3})});
  masked.Weights("r", {W("r/kernel", {1, 1}, {1}), W("r/recurrent_kernel", {1, 1}, {0.5}),
                       W("r/bias", {1}, {0})});
  EXPECT_THAT(masked.Run({{"in", T({1, 3}, {1, 0, 2})}}), Near({1, 1, 3.5}));
}

TEST(LowerKerasModelTest, DotProductAttention) {
  // One query [1, 0] against keys [1, 0] and [0, 1] scaled by 2: softmax([2, 0]) weights the
  // values [10] and [20].
  const std::string config = R"({"class_name": "Model", "config": {"name": "m", "layers": [
      {"name": "q", "class_name": "InputLayer", "config": {"name": "q", "batch_input_shape": [null, 1, 2]},
       "inbound_nodes": []},
      {"name": "v", "class_name": "InputLayer", "config": {"name": "v", "batch_input_shape": [null, 2, 1]},
       "inbound_nodes": []},
      {"name": "k", "class_name": "InputLayer", "config": {"name": "k", "batch_input_shape": [null, 2, 2]},
       "inbound_nodes": []},
      {"name": "att", "class_name": "Attention", "config": {"name": "att", "use_scale": true},
       "inbound_nodes": [[["q", 0, 0, {}], ["v", 0, 0, {}], ["k", 0, 0, {}]]]}],
    "input_layers": [["q", 0, 0], ["v", 0, 0], ["k", 0, 0]], "output_layers": [["att", 0, 0]]}})";
  Model model(config);
  model.Weights("att", {W("att/scale", {}, {2})});
  const float w = 1 / (1 + std::exp(-2.0f));  // softmax([2, 0])[0]
  EXPECT_THAT(model.Run({{"q", T({1, 1, 2}, {1, 0})},
                         {"v", T({1, 2, 1}, {10, 20})},
                         {"k", T({1, 2, 2}, {1, 0, 0, 1})}}),
              Near({10 * w + 20 * (1 - w)}));
}

TEST(LowerKerasModelTest, RefusesLambdaAndListsUnknownClasses) {
  Model lambda(Sequential("[null, 2]", {Layer("Lambda", "my_lambda", R"("function": "abc")"),
                                        Layer("Dense", "d", R"("units": 1)")}));
  absl::StatusOr<FrozenModel> frozen = lambda.Lower();
  ASSERT_FALSE(frozen.ok());
  EXPECT_THAT(frozen.status().message(), HasSubstr("my_lambda"));
  EXPECT_THAT(frozen.status().message(), HasSubstr("Python bytecode"));

  Model unknown(
      Sequential("[null, 2]", {Layer("Foo", "f1"), Layer("Bar", "b1"), Layer("Foo", "f2")}));
  frozen = unknown.Lower();
  ASSERT_FALSE(frozen.ok());
  EXPECT_THAT(frozen.status().message(), HasSubstr("Bar (b1); Foo (f1, f2)"));

  Model bad_weight(Sequential("[null, 2]", {Layer("Dense", "d", R"("units": 1)")}));
  bad_weight.Weights("d", {W("d/kernel", {3, 1}, {1, 2, 3}), W("d/bias", {1}, {0})});
  frozen = bad_weight.Lower();
  ASSERT_FALSE(frozen.ok());
  EXPECT_THAT(frozen.status().message(), HasSubstr("layer 'd' (Dense)"));
}

}  // namespace
}  // namespace tfjs::converter
