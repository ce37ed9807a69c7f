#include "converter/passes/nchw_to_nhwc.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/graph_runner_testing.h"
#include "converter/passes/optimize.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "runtime/kernels/nn/nn_test_util.h"
#include "runtime/tensor.h"

namespace tfjs::converter {
namespace {

using testing::RandomConst;

class GraphBuilder {
 public:
  tensorflow::NodeDef* Op(const std::string& name, const std::string& op,
                          const std::vector<std::string>& inputs, bool nchw = false) {
    tensorflow::NodeDef* node = graph.add_node();
    node->set_name(name);
    node->set_op(op);
    for (const std::string& input : inputs) node->add_input(input);
    (*node->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
    if (nchw) (*node->mutable_attr())["data_format"].set_s("NCHW");
    return node;
  }
  void Const(const std::string& name, runtime::Shape shape) {
    *graph.add_node() = RandomConst(name, std::move(shape), seed_++);
  }
  void Placeholder(const std::string& name) {
    tensorflow::NodeDef* node = graph.add_node();
    node->set_name(name);
    node->set_op("Placeholder");
    (*node->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
  }
  static void Ints(tensorflow::NodeDef* node, const char* attr, std::vector<int> values) {
    auto* list = (*node->mutable_attr())[attr].mutable_list();
    for (int value : values) list->add_i(value);
  }
  tensorflow::GraphDef& Graph() { return graph; }
  static void String(tensorflow::NodeDef* node, const char* attr, const char* value) {
    (*node->mutable_attr())[attr].set_s(value);
  }

  tensorflow::GraphDef graph;

 private:
  unsigned seed_ = 7;
};

// A channels-first network: every op it has in NCHW, with elementwise ops and weights of
// several ranks between them, and outputs in the middle ("relu") and at the end.
FrozenModel NchwNetwork() {
  GraphBuilder g;
  g.Placeholder("x");  // [2, 3, 9, 8]
  g.Const("w", {3, 3, 3, 4});
  g.Const("b", {4});
  g.Const("c4", {1, 4, 1, 1});
  g.Const("c3", {4, 1, 1});
  g.Const("dw", {3, 3, 4, 2});
  g.Const("scale", {8});
  g.Const("offset", {8});
  g.Const("mean", {8});
  g.Const("variance_raw", {8});
  g.Const("w2", {2, 2, 8, 8});
  g.Const("wt", {3, 3, 4, 8});
  auto* conv = g.Op("conv", "Conv2D", {"x", "w"}, true);
  g.Ints(conv, "strides", {1, 1, 1, 1});
  g.Ints(conv, "dilations", {1, 1, 2, 1});
  g.String(conv, "padding", "SAME");
  g.Op("w/read", "Identity", {"b"});
  g.Op("bias", "BiasAdd", {"conv", "w/read"}, true);
  g.Op("relu", "Relu", {"bias"});
  g.Op("scaled", "Mul", {"relu", "c4"});
  g.Op("shifted", "AddV2", {"c3", "scaled"});
  auto* pool = g.Op("pool", "MaxPool", {"shifted"}, true);
  g.Ints(pool, "ksize", {1, 1, 3, 2});
  g.Ints(pool, "strides", {1, 1, 2, 1});
  g.String(pool, "padding", "VALID");
  auto* dconv = g.Op("dconv", "DepthwiseConv2dNative", {"pool", "dw"}, true);
  g.Ints(dconv, "strides", {1, 1, 1, 1});
  g.String(dconv, "padding", "SAME");
  g.Op("variance", "Square", {"variance_raw"});
  auto* bn = g.Op("bn", "FusedBatchNormV3", {"dconv", "scale", "offset", "mean", "variance"}, true);
  (*bn->mutable_attr())["U"].set_type(tensorflow::DT_FLOAT);
  (*bn->mutable_attr())["is_training"].set_b(false);
  (*bn->mutable_attr())["epsilon"].set_f(0.001f);
  auto* avg = g.Op("avg", "AvgPool", {"bn"}, true);
  g.Ints(avg, "ksize", {1, 1, 2, 2});
  g.Ints(avg, "strides", {1, 1, 1, 1});
  g.String(avg, "padding", "SAME");
  auto* conv2 = g.Op("conv2", "Conv2D", {"avg", "w2"}, true);
  g.Ints(conv2, "strides", {1, 1, 1, 1});
  g.String(conv2, "padding", "EXPLICIT");
  g.Ints(conv2, "explicit_paddings", {0, 0, 0, 0, 1, 0, 0, 1});
  g.Op("sigmoid", "Sigmoid", {"conv2"});
  g.Op("bn_mean", "Neg", {"bn:1"});
  FrozenModel model;
  model.graph = std::move(g.graph);
  for (const char* output : {"relu", "sigmoid", "bn_mean", "bn:2"}) {
    (*model.signature.mutable_outputs())[output].set_name(output);
  }
  return model;
}

tensorflow::NodeDef PermConst(const std::string& name, std::vector<int> perm) {
  tensorflow::NodeDef node;
  node.set_name(name);
  node.set_op("Const");
  (*node.mutable_attr())["dtype"].set_type(tensorflow::DT_INT32);
  tensorflow::TensorProto* tensor = (*node.mutable_attr())["value"].mutable_tensor();
  tensor->set_dtype(tensorflow::DT_INT32);
  tensor->mutable_tensor_shape()->add_dim()->set_size(4);
  for (int p : perm) tensor->add_int_val(p);
  return node;
}

const std::vector<std::string> kOutputs = {"relu", "sigmoid", "bn_mean", "bn:2"};

testing::Feeds Feeds() {
  return {{"x", runtime::nn::testing::RandomFloats({2, 3, 9, 8}, 99)}};
}

// Expectations come from the native runtime on the NCHW graph (its kernels take NCHW as TF's
// do); afterwards no op of the graph is channels-first.
TEST(NchwToNhwcTest, SameValuesInNhwc) {
  FrozenModel model = NchwNetwork();
  const tensorflow::GraphDef before = model.graph;
  ASSERT_TRUE(NchwToNhwc(&model).ok());
  testing::ExpectSameOutputs(before, model.graph, Feeds(), kOutputs, 1e-5);
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    auto format = node.attr().find("data_format");
    if (format != node.attr().end()) EXPECT_EQ(format->second.s(), "NHWC") << node.name();
  }
}

// After the optimization passes (constant folding takes the weights' transposes, pruning the
// transposes nothing reads), transposes stay only at the region's borders: the input's, and one
// back to NCHW per output.
TEST(NchwToNhwcTest, TransposesOnlyAtTheBorders) {
  FrozenModel model = NchwNetwork();
  const tensorflow::GraphDef before = model.graph;
  ASSERT_TRUE(NchwToNhwc(&model).ok());
  ASSERT_TRUE(RunOptimizationPasses(model).ok());
  std::vector<std::string> transposes;
  int fused = 0;
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    if (node.op() == "Transpose") transposes.push_back(absl::StrCat(node.name(), "<-", node.input(0)));
    fused += node.op() == "_FusedConv2D";
  }
  // Nothing but the BiasAdd reads conv's NHWC result, so they fuse as NHWC ones do (conv2 has
  // no bias to fuse).
  EXPECT_EQ(fused, 1);
  EXPECT_THAT(transposes, ::testing::UnorderedElementsAre("x/to_nhwc<-x", "relu<-relu/nhwc",
                                                          "sigmoid<-sigmoid/nhwc"));
  // The optimization passes may move signature outputs to the tensors identities forward.
  absl::StatusOr<std::vector<runtime::Tensor>> want = testing::RunGraph(before, Feeds(), kOutputs);
  ASSERT_TRUE(want.ok()) << want.status();
  std::vector<std::string> after_names;
  for (const std::string& output : kOutputs) {
    after_names.push_back(model.signature.outputs().at(output).name());
  }
  absl::StatusOr<std::vector<runtime::Tensor>> got =
      testing::RunGraph(model.graph, Feeds(), after_names);
  ASSERT_TRUE(got.ok()) << got.status();
  for (size_t k = 0; k < kOutputs.size(); ++k) {
    ASSERT_EQ((*got)[k].shape(), (*want)[k].shape()) << kOutputs[k];
    for (int64_t i = 0; i < (*want)[k].num_elements(); ++i) {
      const float w = (*want)[k].data<float>()[i];
      ASSERT_NEAR((*got)[k].data<float>()[i], w, 1e-5 * std::max(1.f, std::abs(w))) << kOutputs[k];
    }
  }
}

// TF's CPU kernels (and ours) take DepthToSpace and SpaceToDepth in NHWC only, so the expected
// values come from the same ops written by hand between explicit transposes.
TEST(NchwToNhwcTest, DepthToSpaceAndBack) {
  auto network = [](bool nchw) {
    GraphBuilder g;
    g.Placeholder("x");  // [2, 8, 3, 2]
    std::string input = "x";
    if (!nchw) {
      g.Graph().add_node()->CopyFrom(PermConst("to_nhwc_perm", {0, 2, 3, 1}));
      g.Graph().add_node()->CopyFrom(PermConst("to_nchw_perm", {0, 3, 1, 2}));
      (*g.Op("x_nhwc", "Transpose", {"x", "to_nhwc_perm"})->mutable_attr())["Tperm"].set_type(
          tensorflow::DT_INT32);
      input = "x_nhwc";
    }
    auto* d2s = g.Op(nchw ? "d2s" : "d2s_nhwc", "DepthToSpace", {input}, nchw);
    (*d2s->mutable_attr())["block_size"].set_i(2);
    g.Op(nchw ? "neg" : "neg_nhwc", "Neg", {d2s->name()});
    auto* s2d = g.Op(nchw ? "s2d" : "s2d_nhwc", "SpaceToDepth", {nchw ? "neg" : "neg_nhwc"}, nchw);
    (*s2d->mutable_attr())["block_size"].set_i(2);
    if (!nchw) {
      for (const char* name : {"d2s", "s2d"}) {
        (*g.Op(name, "Transpose", {absl::StrCat(name, "_nhwc"), "to_nchw_perm"})
              ->mutable_attr())["Tperm"]
            .set_type(tensorflow::DT_INT32);
      }
    }
    return g.graph;
  };
  FrozenModel model;
  model.graph = network(true);
  model.output_nodes = {"d2s", "s2d"};
  ASSERT_TRUE(NchwToNhwc(&model).ok());
  testing::ExpectSameOutputs(network(false), model.graph,
                             {{"x", runtime::nn::testing::RandomFloats({2, 8, 3, 2}, 5)}},
                             {"d2s", "s2d"}, 0);
}

TEST(NchwToNhwcTest, NhwcGraphIsUnchanged) {
  GraphBuilder g;
  g.Placeholder("x");
  g.Const("b", {4});
  g.Op("bias", "BiasAdd", {"x", "b"});
  FrozenModel model;
  model.graph = g.graph;
  ASSERT_TRUE(NchwToNhwc(&model).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(model.graph, g.graph));
}

// BiasAdd takes ranks from 2; an NCHW one of a rank the pass cannot tell stays as it is.
TEST(NchwToNhwcTest, BiasAddOfUnknownRankStays) {
  GraphBuilder g;
  g.Placeholder("x");
  g.Const("b", {4});
  g.Op("bias", "BiasAdd", {"x", "b"}, true);
  FrozenModel model;
  model.graph = g.graph;
  ASSERT_TRUE(NchwToNhwc(&model).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(model.graph, g.graph));
}

}  // namespace
}  // namespace tfjs::converter
