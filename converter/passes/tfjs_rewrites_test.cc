#include "converter/passes/tfjs_rewrites.h"

#include <string>
#include <vector>

#include "converter/passes/optimize.h"
#include "converter/readers/frozen_graph_reader.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

// One node per TF.js rewrite, reading Placeholders (so nothing folds away): an NCHW Conv2D and
// BiasAdd, a float FloorDiv, Max over dims of unknown size, MatrixBandPart, a FakeQuant with a
// constant range, a training FusedBatchNormV3, an int8 Add, an int32 BitwiseAnd and Mean, a
// NonMaxSuppressionV5 whose valid_outputs is read and a split into a TensorArray of unknown
// element shape.
constexpr char kGraph[] = R"pb(
  node {
    name: "f"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "shape" value { shape { dim { size: -1 } dim { size: 3 } } } }
  }
  node { name: "i" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "b" op: "Placeholder" attr { key: "dtype" value { type: DT_INT8 } } }
  node {
    name: "image"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr {
      key: "shape"
      value { shape { dim { size: 1 } dim { size: 2 } dim { size: 4 } dim { size: 4 } } }
    }
  }
  node {
    name: "filter"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr {
      key: "shape"
      value { shape { dim { size: 3 } dim { size: 3 } dim { size: 2 } dim { size: 2 } } }
    }
  }
  node {
    name: "conv"
    op: "Conv2D"
    input: "image"
    input: "filter"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "data_format" value { s: "NCHW" } }
    attr { key: "padding" value { s: "SAME" } }
    attr { key: "strides" value { list { i: 1 i: 1 i: 1 i: 1 } } }
  }
  node {
    name: "bias"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "shape" value { shape { dim { size: 2 } } } }
  }
  node {
    name: "biased"
    op: "BiasAdd"
    input: "conv"
    input: "bias"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "data_format" value { s: "NCHW" } }
  }
  node {
    name: "floor_div"
    op: "FloorDiv"
    input: "f"
    input: "f"
    attr { key: "T" value { type: DT_FLOAT } }
  }
  node {
    name: "axis"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } }
  }
  node {
    name: "max"
    op: "Max"
    input: "f"
    input: "axis"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "Tidx" value { type: DT_INT32 } }
  }
  node {
    name: "one"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT64 } }
    attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape {} int64_val: 1 } } }
  }
  node {
    name: "band"
    op: "MatrixBandPart"
    input: "f"
    input: "one"
    input: "one"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "Tindex" value { type: DT_INT64 } }
  }
  node {
    name: "low"
    op: "Const"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: -1 } } }
  }
  node {
    name: "high"
    op: "Const"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1 } } }
  }
  node {
    name: "fake_quant"
    op: "FakeQuantWithMinMaxVars"
    input: "f"
    input: "low"
    input: "high"
    attr { key: "num_bits" value { i: 8 } }
    attr { key: "narrow_range" value { b: false } }
  }
  node {
    name: "empty"
    op: "Const"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 0 } } } } }
  }
  node {
    name: "batch_norm"
    op: "FusedBatchNormV3"
    input: "image"
    input: "bias"
    input: "bias"
    input: "empty"
    input: "empty"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "U" value { type: DT_FLOAT } }
    attr { key: "data_format" value { s: "NHWC" } }
    attr { key: "epsilon" value { f: 0.001 } }
    attr { key: "is_training" value { b: true } }
  }
  node { name: "narrow" op: "Add" input: "b" input: "b" attr { key: "T" value { type: DT_INT8 } } }
  node {
    name: "bits"
    op: "BitwiseAnd"
    input: "i"
    input: "i"
    attr { key: "T" value { type: DT_INT32 } }
  }
  node {
    name: "mean"
    op: "Mean"
    input: "i"
    input: "axis"
    attr { key: "T" value { type: DT_INT32 } }
    attr { key: "Tidx" value { type: DT_INT32 } }
  }
  node {
    name: "max_boxes"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 3 } } }
  }
  node {
    name: "nms"
    op: "NonMaxSuppressionV5"
    input: "filter"
    input: "f"
    input: "max_boxes"
    input: "high"
    input: "low"
    input: "high"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "pad_to_max_output_size" value { b: false } }
  }
  node { name: "count" op: "Identity" input: "nms:2" attr { key: "T" value { type: DT_INT32 } } }
  node {
    name: "lengths"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT64 } }
    attr {
      key: "value"
      value { tensor { dtype: DT_INT64 tensor_shape { dim { size: 3 } } int64_val: 1 } }
    }
  }
  node {
    name: "ta"
    op: "TensorArrayV3"
    input: "max_boxes"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "element_shape" value { shape { unknown_rank: true } } }
  }
  node {
    name: "split"
    op: "TensorArraySplitV3"
    input: "ta"
    input: "filter"
    input: "lengths"
    input: "ta:1"
    attr { key: "T" value { type: DT_FLOAT } }
  }
)pb";

// Converts `model` as converter/cli/convert.cc does for the TF.js target, then runs the TF.js
// rewrites again on the result: they must find nothing left to change.
void ExpectRewritesIdempotent(FrozenModel model) {
  ASSERT_TRUE(RunTfjsLayoutRewrites(&model).ok());
  ASSERT_TRUE(RunOptimizationPasses(model).ok());
  absl::Status status = RunTfjsRewrites(&model);
  ASSERT_TRUE(status.ok()) << status;
  FrozenModel again = model;
  ASSERT_TRUE(RunTfjsLayoutRewrites(&again).ok());
  status = RunTfjsRewrites(&again);
  ASSERT_TRUE(status.ok()) << status;
  std::string difference;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&difference);
  EXPECT_TRUE(differencer.Compare(model.graph, again.graph)) << difference;
  EXPECT_EQ(model.output_nodes, again.output_nodes);
}

TEST(TfjsRewritesTest, RunningThemTwiceChangesNothing) {
  FrozenModel model;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kGraph, &model.graph));
  model.output_nodes = {"biased", "floor_div", "max",   "band",  "fake_quant",
                        "batch_norm", "narrow",  "bits", "mean", "count", "split"};
  ExpectRewritesIdempotent(model);
}

// The graph above is rewritten at all: none of its patterns is left for TF.js.
TEST(TfjsRewritesTest, TheGraphIsRewritten) {
  FrozenModel model;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kGraph, &model.graph));
  model.output_nodes = {"biased", "floor_div", "max",   "band",  "fake_quant",
                        "batch_norm", "narrow",  "bits", "mean", "count", "split"};
  ASSERT_TRUE(RunTfjsLayoutRewrites(&model).ok());
  ASSERT_TRUE(RunOptimizationPasses(model).ok());
  ASSERT_TRUE(RunTfjsRewrites(&model).ok());
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    SCOPED_TRACE(node.name());
    EXPECT_NE(node.op(), "MatrixBandPart");
    EXPECT_NE(node.op(), "FakeQuantWithMinMaxVars");
    EXPECT_NE(node.op(), "BitwiseAnd");
    EXPECT_FALSE(node.op() == "FloorDiv" && node.attr().at("T").type() == tensorflow::DT_FLOAT);
    EXPECT_FALSE(node.op() == "Mean" && node.attr().at("T").type() == tensorflow::DT_INT32);
    EXPECT_FALSE(node.op() == "Add" && node.attr().at("T").type() == tensorflow::DT_INT8);
    if (node.attr().contains("data_format")) EXPECT_NE(node.attr().at("data_format").s(), "NCHW");
    if (node.name() == "nms") EXPECT_EQ(node.op(), "IdentityN");
    if (node.name() == "max") EXPECT_NE(node.input(0), "f");  // Max of the padded input
    if (node.name() == "ta") {
      EXPECT_FALSE(node.attr().at("element_shape").shape().unknown_rank());
    }
  }
}

TEST(TfjsRewritesTest, RunningThemTwiceOnTestdataChangesNothing) {
  for (const char* name : {"conv_net", "dense_net", "fused_blocks", "int_bool_ops", "narrow_ints",
                           "nchw_net", "scalar_and_empty"}) {
    SCOPED_TRACE(name);
    // Tests run in the workspace root of their runfiles; the outputs are the sink tensors.
    absl::StatusOr<FrozenModel> model =
        ReadFrozenModel(std::string("testdata/frozen/") + name + "/frozen_model.pbtxt", {});
    ASSERT_TRUE(model.ok()) << model.status();
    ExpectRewritesIdempotent(*std::move(model));
  }
}

}  // namespace
}  // namespace tfjs::converter
