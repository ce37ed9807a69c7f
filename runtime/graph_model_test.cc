#include "runtime/graph_model.h"

#include <thread>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace tfjs::runtime {
namespace {

tensorflow::GraphDef ParseGraph(const char* text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph));
  return graph;
}

constexpr char kIdentityGraph[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "shape" value { shape { dim { size: -1 } dim { size: 2 } } } }
  }
  node { name: "y" op: "Identity" input: "x" }
  node {
    name: "c"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr {
      key: "value"
      value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 3 } } int_val: 7 } }
    }
  }
  node { name: "z" op: "Identity" input: "c" input: "^y" }
)pb";

Tensor Floats(Shape shape, std::vector<float> values) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_FLOAT, std::move(shape));
  std::copy(values.begin(), values.end(), tensor.mutable_data<float>());
  return tensor;
}

std::unique_ptr<GraphModel> LoadIdentityGraph() {
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::FromGraphDef(ParseGraph(kIdentityGraph), {}, {}, GraphModelOptions());
  EXPECT_TRUE(model.ok()) << model.status();
  return *std::move(model);
}

TEST(GraphModelTest, InputsAreThePlaceholdersAndOutputsTheUnreadNodes) {
  std::unique_ptr<GraphModel> model = LoadIdentityGraph();
  ASSERT_EQ(model->inputs().size(), 1);
  EXPECT_EQ(model->inputs()[0].name, "x");
  EXPECT_EQ(model->inputs()[0].dtype, tensorflow::DT_FLOAT);
  EXPECT_EQ(model->inputs()[0].shape, Shape({-1, 2}));
  ASSERT_EQ(model->outputs().size(), 1);
  EXPECT_EQ(model->outputs()[0].name, "z");
}

TEST(GraphModelTest, ExecutesAndFetchesAnyNode) {
  std::unique_ptr<GraphModel> model = LoadIdentityGraph();
  absl::StatusOr<std::vector<Tensor>> outputs =
      model->Execute({{"x", Floats({1, 2}, {1.5f, -2.f})}}, {"y", "z:0"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ASSERT_EQ(outputs->size(), 2);
  EXPECT_EQ((*outputs)[0].shape(), Shape({1, 2}));
  EXPECT_EQ((*outputs)[0].values<float>()[1], -2.f);
  // A single int_val fills the whole shape, as TF does.
  EXPECT_EQ((*outputs)[1].values<int32_t>()[2], 7);
}

TEST(GraphModelTest, RejectsWrongDtypeShapeAndMissingInputs) {
  std::unique_ptr<GraphModel> model = LoadIdentityGraph();
  absl::StatusOr<std::vector<Tensor>> wrong_shape =
      model->Execute({{"x", Floats({1, 3}, {1, 2, 3})}}, {"y"});
  EXPECT_NE(wrong_shape.status().message().find("must be [-1,2], but was [1,3]"),
            std::string::npos)
      << wrong_shape.status();
  absl::StatusOr<std::vector<Tensor>> wrong_dtype =
      model->Execute({{"x", Tensor::Scalar<int32_t>(tensorflow::DT_INT32, 1)}}, {"y"});
  EXPECT_NE(wrong_dtype.status().message().find("must be float32, but was int32"),
            std::string::npos)
      << wrong_dtype.status();
  absl::StatusOr<std::vector<Tensor>> missing = model->Execute({}, {"y"});
  EXPECT_NE(missing.status().message().find("'x' is needed"), std::string::npos)
      << missing.status();
  EXPECT_FALSE(model->Execute({}, {"nope"}).ok());
}

TEST(GraphModelTest, PlaceholderV2IsAnInputLikePlaceholder) {
  absl::StatusOr<std::unique_ptr<GraphModel>> model = GraphModel::FromGraphDef(
      ParseGraph(R"pb(
        node {
          name: "x"
          op: "PlaceholderV2"
          attr { key: "dtype" value { type: DT_FLOAT } }
          attr { key: "shape" value { shape { dim { size: 2 } } } }
        }
        node { name: "y" op: "Identity" input: "x" }
      )pb"),
      {}, {}, GraphModelOptions());
  ASSERT_TRUE(model.ok()) << model.status();
  ASSERT_EQ((*model)->inputs().size(), 1);
  EXPECT_EQ((*model)->inputs()[0].name, "x");
  EXPECT_EQ((*model)->inputs()[0].dtype, tensorflow::DT_FLOAT);
  EXPECT_EQ((*model)->inputs()[0].shape, Shape({2}));
  absl::StatusOr<std::vector<Tensor>> fed =
      (*model)->Execute({{"x", Floats({2}, {3.f, -1.f})}}, {"y"});
  ASSERT_TRUE(fed.ok()) << fed.status();
  EXPECT_EQ((*fed)[0].values<float>()[1], -1.f);
  absl::StatusOr<std::vector<Tensor>> wrong_shape =
      (*model)->Execute({{"x", Floats({3}, {1, 2, 3})}}, {"y"});
  EXPECT_NE(wrong_shape.status().message().find("must be [2], but was [3]"), std::string::npos)
      << wrong_shape.status();
  absl::StatusOr<std::vector<Tensor>> missing = (*model)->Execute({}, {"y"});
  EXPECT_NE(missing.status().message().find("'x' is needed"), std::string::npos)
      << missing.status();
}

TEST(GraphModelTest, ListsEveryOpWithoutAKernel) {
  absl::StatusOr<std::unique_ptr<GraphModel>> model = GraphModel::FromGraphDef(
      ParseGraph(R"pb(
        node { name: "a" op: "NoSuchOp" }
        node { name: "b" op: "AlsoMissing" input: "a" }
        node { name: "c" op: "NoSuchOp" input: "b" }
      )pb"),
      {}, {}, GraphModelOptions());
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("AlsoMissing (b); NoSuchOp (a, c)"), std::string::npos)
      << model.status();
}

TEST(GraphModelTest, RejectsCyclesAndDanglingInputs) {
  absl::StatusOr<std::unique_ptr<GraphModel>> dangling = GraphModel::FromGraphDef(
      ParseGraph(R"pb(node { name: "a" op: "Identity" input: "ghost" })pb"), {}, {},
      GraphModelOptions());
  EXPECT_NE(dangling.status().message().find("missing input 'ghost'"), std::string::npos);

  absl::StatusOr<std::unique_ptr<GraphModel>> cycle = GraphModel::FromGraphDef(
      ParseGraph(R"pb(
        node { name: "a" op: "Identity" input: "b" }
        node { name: "b" op: "Identity" input: "a" }
      )pb"),
      {}, {}, GraphModelOptions());
  ASSERT_TRUE(cycle.ok()) << cycle.status();
  EXPECT_NE((*cycle)->Execute({}, {"a"}).status().message().find("cycle"), std::string::npos);
}

TEST(GraphModelTest, ConcurrentExecuteCallsAgree) {
  std::unique_ptr<GraphModel> model = LoadIdentityGraph();
  std::vector<std::thread> threads;
  std::vector<float> seen(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        auto outputs = model->Execute({{"x", Floats({1, 2}, {float(t), 0.f})}}, {"y"});
        seen[t] = outputs.ok() ? (*outputs)[0].values<float>()[0] : -1.f;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < 8; ++t) EXPECT_EQ(seen[t], float(t));
}

TEST(GraphModelTest, ThreadsBeyondTheCoresAreCutUnlessForced) {
  GraphModelOptions options;
  options.num_threads = AvailableCores() + 3;
  absl::StatusOr<std::unique_ptr<GraphModel>> cut =
      GraphModel::FromGraphDef(ParseGraph(kIdentityGraph), {}, {}, options);
  ASSERT_TRUE(cut.ok()) << cut.status();
  EXPECT_EQ((*cut)->num_threads(), AvailableCores());
  options.force_threads = true;
  absl::StatusOr<std::unique_ptr<GraphModel>> forced =
      GraphModel::FromGraphDef(ParseGraph(kIdentityGraph), {}, {}, options);
  ASSERT_TRUE(forced.ok()) << forced.status();
  EXPECT_EQ((*forced)->num_threads(), AvailableCores() + 3);
}

}  // namespace
}  // namespace tfjs::runtime
