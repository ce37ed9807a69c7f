// Epilogue fusion: composing epilogues, the chains the graph fuses into a convolution, and the
// executor's choice between the fused kernel and the nodes one by one.
#include <algorithm>
#include <cmath>
#include <memory>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/epilogue.h"
#include "runtime/executor.h"
#include "runtime/graph.h"

namespace tfjs::runtime {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

TEST(EpilogueTest, AffinesComposeAndClampsIntersect) {
  Epilogue first;
  first.scale = {2.f, 3.f};
  first.bias = {1.f};
  Epilogue second;
  second.scale = {10.f};
  second.bias = {-1.f, 0.5f};
  second.min = 0.f;
  std::optional<Epilogue> affine = ComposeEpilogues(first, second, 2);
  ASSERT_TRUE(affine.has_value());
  // (x * 2 + 1) * 10 - 1 and (x * 3 + 1) * 10 + 0.5.
  EXPECT_EQ(affine->scale, std::vector<float>({20.f, 30.f}));
  EXPECT_EQ(affine->bias, std::vector<float>({9.f, 10.5f}));
  EXPECT_EQ(affine->min, 0.f);
  EXPECT_EQ(affine->max, kInf);

  Epilogue relu;
  relu.min = 0.f;
  Epilogue at_most_six;
  at_most_six.max = 6.f;
  std::optional<Epilogue> relu6 = ComposeEpilogues(relu, at_most_six, 2);
  ASSERT_TRUE(relu6.has_value());
  EXPECT_EQ(relu6->min, 0.f);
  EXPECT_EQ(relu6->max, 6.f);

  Epilogue below = relu;
  below.max = 1.f;
  Epilogue above;
  above.min = 2.f;
  EXPECT_FALSE(ComposeEpilogues(below, above, 2).has_value());  // Disjoint: a constant.
  EXPECT_FALSE(ComposeEpilogues(relu, first, 2).has_value());    // An affine after a clamp.
  Epilogue three;
  three.bias = {1.f, 2.f, 3.f};
  EXPECT_FALSE(ComposeEpilogues(first, three, 2).has_value());  // Not 2 channels.
}

TEST(EpilogueTest, GatedStepMultipliesByItsGateOfTheSameInput) {
  Epilogue step;
  step.scale = {0.5f};
  Epilogue gate;
  gate.bias = {1.f, -1.f};
  gate.min = 0.f;
  step.gate = std::make_shared<const Epilogue>(gate);
  const Epilogue widened = step.Widened(2);
  std::vector<float> values = {4.f, 4.f, -3.f, 0.5f};
  ApplyEpilogues({widened}, 2, values.data(), 4, nullptr);
  // 4 * 0.5 * (4 + 1), 4 * 0.5 * (4 - 1), -3 * 0.5 * max(-2, 0), 0.5 * 0.5 * max(-0.5, 0).
  EXPECT_EQ(values, std::vector<float>({10.f, 6.f, -0.f, 0.f}));
  EXPECT_FALSE(ComposeEpilogues(Epilogue(), widened, 2).has_value());
}

TEST(EpilogueTest, AppliesStepsPerChannelAndKeepsNaN) {
  Epilogue affine;
  affine.scale = {2.f, -1.f};
  affine.bias = {0.f, 1.f};
  Epilogue clamp;
  clamp.min = 0.f;
  clamp.max = 3.f;
  std::vector<float> values = {1.f, 1.f, 5.f, -4.f, std::nanf(""), 0.f};
  ApplyEpilogues({affine, clamp}, 2, values.data(), static_cast<int64_t>(values.size()), nullptr);
  EXPECT_EQ(values[0], 2.f);
  EXPECT_EQ(values[1], 0.f);
  EXPECT_EQ(values[2], 3.f);
  EXPECT_EQ(values[3], 3.f);
  EXPECT_TRUE(std::isnan(values[4]));
  EXPECT_EQ(values[5], 1.f);
}

TEST(EpilogueTest, SlopeScalesNegativesPerChannelAfterTheAffine) {
  Epilogue shift;
  shift.bias = {1.f};
  Epilogue prelu;
  prelu.slope = {0.5f, -2.f};
  prelu.rank = 3;
  std::optional<Epilogue> composed = ComposeEpilogues(shift, prelu, 2);
  ASSERT_TRUE(composed.has_value());
  EXPECT_EQ(composed->rank, 3);
  EXPECT_EQ(composed->ConstantShape(), std::vector<int64_t>({1, 1, 2}));
  // Nothing composes after a slope: it is not an affine.
  EXPECT_FALSE(ComposeEpilogues(prelu, shift, 2).has_value());
  std::vector<float> values = {-3.f, -3.f, 2.f, -1.f, std::nanf(""), -0.5f};
  ApplyEpilogues({*composed}, 2, values.data(), static_cast<int64_t>(values.size()), nullptr);
  // (-3 + 1) * 0.5, (-3 + 1) * -2, 2 + 1, -1 + 1, NaN, (-0.5 + 1).
  EXPECT_EQ(values[0], -1.f);
  EXPECT_EQ(values[1], 4.f);
  EXPECT_EQ(values[2], 3.f);
  EXPECT_EQ(values[3], 0.f);
  EXPECT_TRUE(std::isnan(values[4]));
  EXPECT_EQ(values[5], 0.5f);
}

tensorflow::NodeDef MakeNode(const std::string& name, const std::string& op,
                             std::vector<std::string> inputs) {
  tensorflow::NodeDef node;
  node.set_name(name);
  node.set_op(op);
  for (const std::string& input : inputs) node.add_input(input);
  if (op != "Placeholder" && op != "Const") (*node.mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
  return node;
}

tensorflow::NodeDef FloatConst(const std::string& name, std::vector<int64_t> shape,
                               std::vector<float> values) {
  tensorflow::NodeDef node = MakeNode(name, "Const", {});
  (*node.mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
  tensorflow::TensorProto* tensor = (*node.mutable_attr())["value"].mutable_tensor();
  tensor->set_dtype(tensorflow::DT_FLOAT);
  for (int64_t dim : shape) tensor->mutable_tensor_shape()->add_dim()->set_size(dim);
  for (float value : values) tensor->add_float_val(value);
  return node;
}

// x [1,2,2,2] -> 1x1 Conv2D to 3 channels -> + b -> Relu -> Minimum 2.5 -> * s -> 1 - that.
// `extra_reader`: a second node reads the convolution, so nothing may fuse into it.
tensorflow::GraphDef ChainGraph(bool extra_reader) {
  tensorflow::GraphDef graph;
  tensorflow::NodeDef x = MakeNode("x", "Placeholder", {});
  (*x.mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
  *graph.add_node() = x;
  // Filter HWIO [1,1,2,3]: out[c] = in0 * w[0][c] + in1 * w[1][c].
  *graph.add_node() = FloatConst("w", {1, 1, 2, 3}, {1.f, -1.f, 0.5f, 2.f, 1.f, -2.f});
  tensorflow::NodeDef conv = MakeNode("conv", "Conv2D", {"x", "w"});
  auto& attrs = *conv.mutable_attr();
  for (int i = 0; i < 4; ++i) attrs["strides"].mutable_list()->add_i(1);
  attrs["padding"].set_s("VALID");
  *graph.add_node() = conv;
  *graph.add_node() = FloatConst("b", {3}, {0.5f, -1.f, 1.f});
  *graph.add_node() = MakeNode("add", "AddV2", {"conv", "b"});
  *graph.add_node() = MakeNode("relu", "Relu", {"add"});
  *graph.add_node() = FloatConst("limit", {}, {2.5f});
  *graph.add_node() = MakeNode("min", "Minimum", {"relu", "limit"});
  *graph.add_node() = FloatConst("s", {3}, {2.f, -3.f, 0.25f});
  *graph.add_node() = MakeNode("mul", "Mul", {"s", "min"});
  *graph.add_node() = FloatConst("one", {}, {1.f});
  *graph.add_node() = MakeNode("sub", "Sub", {"one", "mul"});
  if (extra_reader) *graph.add_node() = MakeNode("neg", "Neg", {"conv"});
  return graph;
}

const std::vector<float> kImage = {1.f, 2.f, -1.f, 0.5f, 3.f, -2.f, 0.f, 0.f};
const float kFilter[2][3] = {{1.f, -1.f, 0.5f}, {2.f, 1.f, -2.f}};
const float kBias[3] = {0.5f, -1.f, 1.f};
const float kScale[3] = {2.f, -3.f, 0.25f};

// The chain's nodes computed one by one from the image, in double.
struct Expected {
  std::vector<float> relu;
  std::vector<float> sub;
};
Expected Compute() {
  Expected expected;
  for (int pixel = 0; pixel < 4; ++pixel) {
    for (int c = 0; c < 3; ++c) {
      const double conv =
          kImage[pixel * 2] * kFilter[0][c] + kImage[pixel * 2 + 1] * kFilter[1][c];
      const double relu = std::max(conv + kBias[c], 0.0);
      expected.relu.push_back(static_cast<float>(relu));
      expected.sub.push_back(static_cast<float>(1.0 - kScale[c] * std::min(relu, 2.5)));
    }
  }
  return expected;
}

Tensor Image(std::vector<float> values) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_FLOAT, {1, 2, 2, 2});
  std::copy(values.begin(), values.end(), tensor.mutable_data<float>());
  return tensor;
}

void ExpectNear(const Tensor& tensor, const std::vector<float>& expected) {
  ASSERT_EQ(tensor.num_elements(), static_cast<int64_t>(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(tensor.data<float>()[i], expected[i], 1e-5) << "element " << i;
  }
}

TEST(EpilogueFusionTest, ChainOfPointwiseReadersFusesIntoTheConvolution) {
  absl::StatusOr<std::unique_ptr<Graph>> graph = Graph::Build(ChainGraph(false), {});
  ASSERT_TRUE(graph.ok()) << graph.status();
  const Endpoint conv = *(*graph)->Resolve("conv");
  const Node::Fusion* fusion = (*graph)->nodes()[conv.node].fusion.get();
  ASSERT_NE(fusion, nullptr);
  std::vector<std::string> absorbed;
  for (int index : fusion->absorbed) absorbed.push_back((*graph)->nodes()[index].def->name());
  EXPECT_EQ(absorbed, std::vector<std::string>({"add", "relu", "min", "mul", "sub"}));

  const Expected expected = Compute();
  Executor executor(**graph);
  const Endpoint x = *(*graph)->Resolve("x");
  // The fused kernel alone; then with an intermediate fetched, the nodes one by one.
  absl::StatusOr<std::vector<Tensor>> fused =
      executor.Run({{x, Image(kImage)}}, {*(*graph)->Resolve("sub")}, nullptr);
  ASSERT_TRUE(fused.ok()) << fused.status();
  ExpectNear((*fused)[0], expected.sub);
  absl::StatusOr<std::vector<Tensor>> apart = executor.Run(
      {{x, Image(kImage)}}, {*(*graph)->Resolve("relu"), *(*graph)->Resolve("sub")}, nullptr);
  ASSERT_TRUE(apart.ok()) << apart.status();
  ExpectNear((*apart)[0], expected.relu);
  ExpectNear((*apart)[1], expected.sub);
}

TEST(EpilogueFusionTest, FusedRunFedNaNKeepsItThroughTheClamps) {
  absl::StatusOr<std::unique_ptr<Graph>> graph = Graph::Build(ChainGraph(false), {});
  ASSERT_TRUE(graph.ok()) << graph.status();
  std::vector<float> image = kImage;
  image[0] = std::nanf("");  // Pixel 0 is NaN in every channel; the others are as before.
  Executor executor(**graph);
  absl::StatusOr<std::vector<Tensor>> outputs = executor.Run(
      {{*(*graph)->Resolve("x"), Image(image)}}, {*(*graph)->Resolve("sub")}, nullptr);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const Expected expected = Compute();
  for (int i = 0; i < 12; ++i) {
    if (i < 3) {
      EXPECT_TRUE(std::isnan((*outputs)[0].data<float>()[i])) << "element " << i;
    } else {
      EXPECT_NEAR((*outputs)[0].data<float>()[i], expected.sub[i], 1e-5) << "element " << i;
    }
  }
}

TEST(EpilogueFusionTest, ConvolutionWithAnotherReaderIsNotFused) {
  absl::StatusOr<std::unique_ptr<Graph>> graph = Graph::Build(ChainGraph(true), {});
  ASSERT_TRUE(graph.ok()) << graph.status();
  EXPECT_EQ((*graph)->nodes()[(*graph)->Resolve("conv")->node].fusion, nullptr);
  Executor executor(**graph);
  absl::StatusOr<std::vector<Tensor>> outputs =
      executor.Run({{*(*graph)->Resolve("x"), Image(kImage)}}, {*(*graph)->Resolve("sub")},
                   nullptr);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectNear((*outputs)[0], Compute().sub);
}

// Hard swish as MobileNetV3 graphs spell it: x / 6 * relu6(x + 3), x a convolution read by both
// chains; the product of the chains joins them into one gated step of the convolution.
TEST(EpilogueFusionTest, TwoChainsJoinedByAProductFuseAsAGatedStep) {
  tensorflow::GraphDef graph = ChainGraph(false);
  graph.mutable_node()->DeleteSubrange(4, graph.node_size() - 4);  // x, w, conv, b.
  *graph.add_node() = FloatConst("three", {}, {3.f});
  *graph.add_node() = MakeNode("shifted", "AddV2", {"conv", "three"});
  *graph.add_node() = MakeNode("gate", "Relu6", {"shifted"});
  *graph.add_node() = FloatConst("sixth", {}, {1.f / 6});
  *graph.add_node() = MakeNode("scaled", "Mul", {"sixth", "conv"});
  *graph.add_node() = MakeNode("swish", "Mul", {"scaled", "gate"});
  absl::StatusOr<std::unique_ptr<Graph>> built = Graph::Build(graph, {});
  ASSERT_TRUE(built.ok()) << built.status();
  const Node::Fusion* fusion = (*built)->nodes()[(*built)->Resolve("conv")->node].fusion.get();
  ASSERT_NE(fusion, nullptr);
  std::vector<std::string> absorbed;
  for (int index : fusion->absorbed) absorbed.push_back((*built)->nodes()[index].def->name());
  ASSERT_EQ(absorbed.size(), 4);
  EXPECT_EQ(absorbed.back(), "swish");
  std::sort(absorbed.begin(), absorbed.end() - 1);
  EXPECT_EQ(absorbed, std::vector<std::string>({"gate", "scaled", "shifted", "swish"}));

  Executor executor(**built);
  absl::StatusOr<std::vector<Tensor>> outputs = executor.Run(
      {{*(*built)->Resolve("x"), Image(kImage)}}, {*(*built)->Resolve("swish")}, nullptr);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  std::vector<float> expected;
  for (int pixel = 0; pixel < 4; ++pixel) {
    for (int c = 0; c < 3; ++c) {
      const double conv = kImage[pixel * 2] * kFilter[0][c] +
                          kImage[pixel * 2 + 1] * kFilter[1][c];
      expected.push_back(static_cast<float>(conv / 6 * std::min(std::max(conv + 3, 0.0), 6.0)));
    }
  }
  ExpectNear((*outputs)[0], expected);
}

// A residual Add of two computed tensors takes the Relu reading it as a clamp in its own loop.
TEST(EpilogueFusionTest, AddOfTwoTensorsTakesTheReluAfterIt) {
  tensorflow::GraphDef graph;
  for (const char* name : {"x", "y"}) {
    tensorflow::NodeDef input = MakeNode(name, "Placeholder", {});
    (*input.mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
    *graph.add_node() = input;
  }
  *graph.add_node() = MakeNode("add", "AddV2", {"x", "y"});
  *graph.add_node() = MakeNode("relu", "Relu", {"add"});
  absl::StatusOr<std::unique_ptr<Graph>> built = Graph::Build(graph, {});
  ASSERT_TRUE(built.ok()) << built.status();
  const Node::Fusion* fusion = (*built)->nodes()[(*built)->Resolve("add")->node].fusion.get();
  ASSERT_NE(fusion, nullptr);
  EXPECT_EQ(fusion->absorbed, std::vector<int>({(*built)->Resolve("relu")->node}));
  Executor executor(**built);
  absl::StatusOr<std::vector<Tensor>> outputs =
      executor.Run({{*(*built)->Resolve("x"), Image({1, -2, 3, -4, 5, -6, 7, std::nanf("")})},
                    {*(*built)->Resolve("y"), Image({-2, 1, 1, 1, -5, 7, 0, 1})}},
                   {*(*built)->Resolve("relu")}, nullptr);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const float* relu = (*outputs)[0].data<float>();
  const std::vector<float> expected = {0, 0, 4, 0, 0, 1, 7};
  for (int i = 0; i < 7; ++i) EXPECT_EQ(relu[i], expected[i]) << "element " << i;
  EXPECT_TRUE(std::isnan(relu[7]));
}

// A residual Add of two computed tensors takes the Prelu reading it (one alpha per channel,
// shaped [1, 1, C] as Keras's PReLU): one pass, the same values and shape as the two nodes.
tensorflow::GraphDef AddPreluGraph() {
  tensorflow::GraphDef graph;
  for (const char* name : {"x", "y"}) {
    tensorflow::NodeDef input = MakeNode(name, "Placeholder", {});
    (*input.mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
    *graph.add_node() = input;
  }
  *graph.add_node() = MakeNode("add", "AddV2", {"x", "y"});
  *graph.add_node() = FloatConst("alpha", {1, 1, 2}, {0.25f, -2.f});
  tensorflow::NodeDef prelu = MakeNode("prelu", "Prelu", {"add", "alpha"});
  prelu.mutable_attr()->erase("T");  // TF.js's Prelu nodes carry no T.
  *graph.add_node() = prelu;
  return graph;
}

TEST(EpilogueFusionTest, AddOfTwoTensorsTakesThePreluAfterIt) {
  absl::StatusOr<std::unique_ptr<Graph>> built = Graph::Build(AddPreluGraph(), {});
  ASSERT_TRUE(built.ok()) << built.status();
  const Node::Fusion* fusion = (*built)->nodes()[(*built)->Resolve("add")->node].fusion.get();
  ASSERT_NE(fusion, nullptr);
  EXPECT_EQ(fusion->absorbed, std::vector<int>({(*built)->Resolve("prelu")->node}));
  Executor executor(**built);
  const std::vector<float> x = {1, -2, 3, -4, 5, -6, 7, std::nanf("")};
  const std::vector<float> y = {-2, 1, 1, 1, -5, 7, 0, 1};
  for (bool fused : {true, false}) {
    std::vector<Endpoint> fetches = {*(*built)->Resolve("prelu")};
    if (!fused) fetches.push_back(*(*built)->Resolve("add"));  // The nodes one by one.
    absl::StatusOr<std::vector<Tensor>> outputs =
        executor.Run({{*(*built)->Resolve("x"), Image(x)}, {*(*built)->Resolve("y"), Image(y)}},
                     fetches, nullptr);
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    const float* prelu = (*outputs)[0].data<float>();
    // Sums -1, -1, 4, -3, 0, 1, 7, NaN; negatives times 0.25 (even channel) or -2 (odd).
    const std::vector<float> expected = {-0.25f, 2.f, 4.f, 6.f, 0.f, 1.f, 7.f};
    for (int i = 0; i < 7; ++i) EXPECT_EQ(prelu[i], expected[i]) << "element " << i;
    EXPECT_TRUE(std::isnan(prelu[7]));
  }

  // Rank-1 inputs grow to alpha's rank 3, as through the Prelu node.
  Tensor a = *Tensor::Allocate(tensorflow::DT_FLOAT, {2});
  Tensor b = *Tensor::Allocate(tensorflow::DT_FLOAT, {2});
  a.mutable_data<float>()[0] = -4.f;
  a.mutable_data<float>()[1] = -4.f;
  b.mutable_data<float>()[0] = 0.f;
  b.mutable_data<float>()[1] = 1.f;
  absl::StatusOr<std::vector<Tensor>> grown = executor.Run(
      {{*(*built)->Resolve("x"), a}, {*(*built)->Resolve("y"), b}}, {*(*built)->Resolve("prelu")},
      nullptr);
  ASSERT_TRUE(grown.ok()) << grown.status();
  EXPECT_EQ(ShapeString((*grown)[0].shape()), ShapeString(Shape({1, 1, 2})));
  EXPECT_EQ((*grown)[0].data<float>()[0], -1.f);
  EXPECT_EQ((*grown)[0].data<float>()[1], 6.f);
}

// MaxPool takes the Relu reading it as XNNPACK's lower bound; a run fed NaN pools with no
// bounds and clamps afterwards, as the two nodes one by one do.
TEST(EpilogueFusionTest, MaxPoolTakesTheReluAfterIt) {
  tensorflow::GraphDef graph;
  tensorflow::NodeDef x = MakeNode("x", "Placeholder", {});
  (*x.mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
  *graph.add_node() = x;
  tensorflow::NodeDef pool = MakeNode("pool", "MaxPool", {"x"});
  auto& attrs = *pool.mutable_attr();
  for (int64_t size : {1, 2, 1, 1}) attrs["ksize"].mutable_list()->add_i(size);
  for (int i = 0; i < 4; ++i) attrs["strides"].mutable_list()->add_i(1);
  attrs["padding"].set_s("VALID");
  *graph.add_node() = pool;
  *graph.add_node() = MakeNode("relu", "Relu", {"pool"});
  absl::StatusOr<std::unique_ptr<Graph>> built = Graph::Build(graph, {});
  ASSERT_TRUE(built.ok()) << built.status();
  const Node::Fusion* fusion = (*built)->nodes()[(*built)->Resolve("pool")->node].fusion.get();
  ASSERT_NE(fusion, nullptr);
  EXPECT_EQ(fusion->absorbed, std::vector<int>({(*built)->Resolve("relu")->node}));
  Executor executor(**built);
  // [1, 2, 2, 2]: the window spans the two rows; per column and channel the larger row value.
  absl::StatusOr<std::vector<Tensor>> outputs =
      executor.Run({{*(*built)->Resolve("x"), Image({1, -2, -3, -4, -5, 6, -7, -0.5f})}},
                   {*(*built)->Resolve("relu")}, nullptr);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(ShapeString((*outputs)[0].shape()), ShapeString(Shape({1, 1, 2, 2})));
  const std::vector<float> expected = {1, 6, 0, 0};  // max(1,-5), max(-2,6), max(-3,-7)...
  for (int i = 0; i < 4; ++i) EXPECT_EQ((*outputs)[0].data<float>()[i], expected[i]);

  const Tensor with_nan = Image({std::nanf(""), -2, -3, -4, std::nanf(""), 6, -7, -0.5f});
  absl::StatusOr<std::vector<Tensor>> fused =
      executor.Run({{*(*built)->Resolve("x"), with_nan}}, {*(*built)->Resolve("relu")}, nullptr);
  ASSERT_TRUE(fused.ok()) << fused.status();
  absl::StatusOr<std::vector<Tensor>> apart =
      executor.Run({{*(*built)->Resolve("x"), with_nan}},
                   {*(*built)->Resolve("relu"), *(*built)->Resolve("pool")}, nullptr);
  ASSERT_TRUE(apart.ok()) << apart.status();
  for (int i = 0; i < 4; ++i) {
    const float one = (*fused)[0].data<float>()[i], other = (*apart)[0].data<float>()[i];
    EXPECT_TRUE(one == other || (std::isnan(one) && std::isnan(other))) << "element " << i;
  }
  EXPECT_EQ((*fused)[0].data<float>()[1], 6.f);
  EXPECT_EQ((*fused)[0].data<float>()[2], 0.f);
  EXPECT_EQ((*fused)[0].data<float>()[3], 0.f);
}

}  // namespace
}  // namespace tfjs::runtime
