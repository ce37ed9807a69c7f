#include "converter/passes/tensor_array_element_shape.h"

#include <string>
#include <vector>

#include "converter/passes/graph_runner_testing.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "runtime/tensor.h"

namespace tfjs::converter {
namespace {

// Two TensorArrays of unknown element shape split from values of shape [?, 3] and [?, ?].
constexpr char kGraph[] = R"pb(
  node {
    name: "v"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "shape" value { shape { dim { size: -1 } dim { size: 3 } } } }
  }
  node {
    name: "w"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "shape" value { shape { dim { size: -1 } dim { size: -1 } } } }
  }
  node {
    name: "size"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 2 } } }
  }
  node {
    name: "lengths"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT64 } }
    attr {
      key: "value"
      value {
        tensor { dtype: DT_INT64 tensor_shape { dim { size: 2 } } int64_val: 1 int64_val: 1 }
      }
    }
  }
  node {
    name: "order"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr {
      key: "value"
      value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 2 } } int_val: 1 int_val: 0 } }
    }
  }
  node {
    name: "ta"
    op: "TensorArrayV3"
    input: "size"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "element_shape" value { shape { unknown_rank: true } } }
    attr { key: "identical_element_shapes" value { b: true } }
  }
  node {
    name: "split"
    op: "TensorArraySplitV3"
    input: "ta"
    input: "v"
    input: "lengths"
    input: "ta:1"
    attr { key: "T" value { type: DT_FLOAT } }
  }
  node {
    name: "gather"
    op: "TensorArrayGatherV3"
    input: "ta"
    input: "order"
    input: "split"
    attr { key: "dtype" value { type: DT_FLOAT } }
  }
  node {
    name: "tb"
    op: "TensorArrayV3"
    input: "size"
    attr { key: "dtype" value { type: DT_FLOAT } }
  }
  node {
    name: "split_b"
    op: "TensorArraySplitV3"
    input: "tb"
    input: "w"
    input: "lengths"
    input: "tb:1"
    attr { key: "T" value { type: DT_FLOAT } }
  }
)pb";

TEST(TensorArrayElementShapeTest, SplitArraysGetTheElementShapeOfTheValue) {
  tensorflow::GraphDef before;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kGraph, &before));
  tensorflow::GraphDef after = before;
  RewriteTensorArrayElementShapes(&after);
  for (const tensorflow::NodeDef& node : after.node()) {
    if (node.name() == "ta") {
      const tensorflow::TensorShapeProto& shape = node.attr().at("element_shape").shape();
      EXPECT_FALSE(shape.unknown_rank());
      ASSERT_EQ(shape.dim_size(), 2);
      EXPECT_EQ(shape.dim(0).size(), -1);
      EXPECT_EQ(shape.dim(1).size(), 3);
    }
    if (node.name() == "tb") EXPECT_FALSE(node.attr().contains("element_shape"));
  }
  runtime::Tensor v = *runtime::Tensor::Allocate(tensorflow::DT_FLOAT, {2, 3});
  for (int i = 0; i < 6; ++i) v.mutable_data<float>()[i] = static_cast<float>(i);
  testing::ExpectSameOutputs(before, after, {{"v", v}}, {"gather"});
  tensorflow::GraphDef again = after;
  RewriteTensorArrayElementShapes(&again);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(after, again));
}

}  // namespace
}  // namespace tfjs::converter
