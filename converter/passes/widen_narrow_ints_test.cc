#include "converter/passes/widen_narrow_ints.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "converter/passes/graph_runner_testing.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/tensor.h"

namespace tfjs::converter {
namespace {

using ::testing::HasSubstr;

// Narrow-int arithmetic that leaves its range (int8 100 + 100, -(-128), int16 30000 * 2, uint16
// 65535 + 65535, int32 -> uint8 of negatives), values that only move (Reshape), a reduction, a
// float -> int8 Cast, Consts in int_val and in tensor_content, and a narrow Placeholder.
constexpr char kGraph[] = R"pb(
  node {
    name: "a"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_INT8 } }
  }
  node {
    name: "f"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
  }
  node {
    name: "c8"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT8 } }
    attr {
      key: "value"
      value { tensor { dtype: DT_INT8 tensor_shape { dim { size: 4 } } tensor_content: "\144\200\177\005" } }
    }
  }
  node {
    name: "three"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT8 } }
    attr { key: "value" value { tensor { dtype: DT_INT8 tensor_shape {} int_val: 3 } } }
  }
  node {
    name: "af"
    op: "Cast"
    input: "f"
    attr { key: "SrcT" value { type: DT_FLOAT } }
    attr { key: "DstT" value { type: DT_INT8 } }
  }
  node { name: "sum1" op: "AddV2" input: "a" input: "c8" attr { key: "T" value { type: DT_INT8 } } }
  node { name: "mul" op: "Mul" input: "sum1" input: "af" attr { key: "T" value { type: DT_INT8 } } }
  node { name: "mul3" op: "Mul" input: "mul" input: "three" attr { key: "T" value { type: DT_INT8 } } }
  node { name: "neg" op: "Neg" input: "c8" attr { key: "T" value { type: DT_INT8 } } }
  node { name: "max" op: "Maximum" input: "a" input: "c8" attr { key: "T" value { type: DT_INT8 } } }
  node {
    name: "axis"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } }
  }
  node {
    name: "red"
    op: "Sum"
    input: "mul3"
    input: "axis"
    attr { key: "T" value { type: DT_INT8 } }
    attr { key: "Tidx" value { type: DT_INT32 } }
  }
  node {
    name: "shape"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr {
      key: "value"
      value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 2 } } int_val: 2 } }
    }
  }
  node {
    name: "r8"
    op: "Reshape"
    input: "mul3"
    input: "shape"
    attr { key: "T" value { type: DT_INT8 } }
    attr { key: "Tshape" value { type: DT_INT32 } }
  }
  node {
    name: "ai32"
    op: "Cast"
    input: "a"
    attr { key: "SrcT" value { type: DT_INT8 } }
    attr { key: "DstT" value { type: DT_INT32 } }
  }
  node {
    name: "big"
    op: "Mul"
    input: "ai32"
    input: "axis_1000"
    attr { key: "T" value { type: DT_INT32 } }
  }
  node {
    name: "axis_1000"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 1000 } } }
  }
  node {
    name: "u8"
    op: "Cast"
    input: "big"
    attr { key: "SrcT" value { type: DT_INT32 } }
    attr { key: "DstT" value { type: DT_UINT8 } }
  }
  node {
    name: "u16"
    op: "Const"
    attr { key: "dtype" value { type: DT_UINT16 } }
    attr {
      key: "value"
      value { tensor { dtype: DT_UINT16 tensor_shape { dim { size: 2 } } int_val: 65535 int_val: 7 } }
    }
  }
  node { name: "u16add" op: "AddV2" input: "u16" input: "u16" attr { key: "T" value { type: DT_UINT16 } } }
  node {
    name: "i16"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT16 } }
    attr {
      key: "value"
      value { tensor { dtype: DT_INT16 tensor_shape { dim { size: 2 } } int_val: 30000 int_val: -30000 } }
    }
  }
  node { name: "i16mul" op: "Mul" input: "i16" input: "i16" attr { key: "T" value { type: DT_INT16 } } }
  node {
    name: "mulf"
    op: "Cast"
    input: "mul3"
    attr { key: "SrcT" value { type: DT_INT8 } }
    attr { key: "DstT" value { type: DT_FLOAT } }
  }
)pb";

const std::vector<std::string> kOutputs = {"sum1", "mul", "mul3", "neg", "max", "red", "r8",
                                           "u8", "u16add", "i16mul", "mulf"};

tensorflow::GraphDef Parse(const char* text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph));
  return graph;
}

template <typename T>
runtime::Tensor Vector(runtime::DataType dtype, const std::vector<T>& values) {
  runtime::Tensor tensor =
      *runtime::Tensor::Allocate(dtype, {static_cast<int64_t>(values.size())});
  for (size_t i = 0; i < values.size(); ++i) tensor.mutable_data<T>()[i] = values[i];
  return tensor;
}

// The integer elements of a tensor of any integer dtype, widened.
std::vector<int64_t> Ints(const runtime::Tensor& tensor) {
  std::vector<int64_t> ints;
  for (int64_t i = 0; i < tensor.num_elements(); ++i) {
    switch (tensor.dtype()) {
      case tensorflow::DT_INT8:
        ints.push_back(tensor.data<int8_t>()[i]);
        break;
      case tensorflow::DT_UINT8:
        ints.push_back(tensor.data<uint8_t>()[i]);
        break;
      case tensorflow::DT_INT16:
        ints.push_back(tensor.data<int16_t>()[i]);
        break;
      case tensorflow::DT_UINT16:
        ints.push_back(tensor.data<uint16_t>()[i]);
        break;
      case tensorflow::DT_INT32:
        ints.push_back(tensor.data<int32_t>()[i]);
        break;
      case tensorflow::DT_FLOAT:
        ints.push_back(static_cast<int64_t>(tensor.data<float>()[i]));
        break;
      default:
        ADD_FAILURE() << "dtype " << tensor.dtype();
    }
  }
  return ints;
}

// Expectations come from the native runtime on the narrow graph (its kernels follow
// TensorFlow's, wrapping included); the widened graph runs on int32 feeds of the same values.
TEST(WidenNarrowIntsTest, WidenedGraphComputesTheNarrowValues) {
  FrozenModel model;
  model.graph = Parse(kGraph);
  const std::vector<float> f = {1.5f, -2.7f, 120.9f, -127.2f};
  const testing::Feeds narrow_feeds = {
      {"a", Vector<int8_t>(tensorflow::DT_INT8, {100, -128, 1, -7})},
      {"f", Vector<float>(tensorflow::DT_FLOAT, f)}};
  absl::StatusOr<std::vector<runtime::Tensor>> want =
      testing::RunGraph(model.graph, narrow_feeds, kOutputs);
  ASSERT_TRUE(want.ok()) << want.status();

  ASSERT_TRUE(WidenNarrowInts(&model).ok());
  // The model's input keeps its dtype.
  absl::StatusOr<std::vector<runtime::Tensor>> got =
      testing::RunGraph(model.graph, narrow_feeds, kOutputs);
  ASSERT_TRUE(got.ok()) << got.status();
  for (size_t k = 0; k < kOutputs.size(); ++k) {
    const runtime::DataType want_dtype = (*want)[k].dtype();
    EXPECT_EQ((*got)[k].dtype(),
              want_dtype == tensorflow::DT_FLOAT ? tensorflow::DT_FLOAT : tensorflow::DT_INT32)
        << kOutputs[k];
    EXPECT_EQ(runtime::ShapeString((*got)[k].shape()), runtime::ShapeString((*want)[k].shape()))
        << kOutputs[k];
    EXPECT_EQ(Ints((*got)[k]), Ints((*want)[k])) << kOutputs[k];
  }
  // The narrow results really left their range, so the wraps were needed.
  EXPECT_EQ(Ints((*want)[0]), (std::vector<int64_t>{-56, 0, -128, -2}));
  EXPECT_EQ(Ints((*want)[8]), (std::vector<int64_t>{65534, 14}));

  // Only the input, and the Casts from it (its own, and "ai32"), name int8.
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    if (node.name() == "a" || node.name() == "a/as_int32" || node.name() == "ai32") {
      EXPECT_EQ(node.attr().at(node.op() == "Cast" ? "SrcT" : "dtype").type(), tensorflow::DT_INT8)
          << node.name();
      continue;
    }
    for (const auto& [name, value] : node.attr()) {
      EXPECT_TRUE(value.type() == tensorflow::DT_INVALID || value.type() == tensorflow::DT_INT32 ||
                  value.type() == tensorflow::DT_FLOAT)
          << node.name() << " attr " << name;
      if (value.has_tensor()) {
        EXPECT_EQ(value.tensor().dtype(), tensorflow::DT_INT32) << node.name();
      }
    }
  }
}

TEST(WidenNarrowIntsTest, OnlyOpsThatComputeAreWrapped) {
  FrozenModel model;
  model.graph = Parse(kGraph);
  ASSERT_TRUE(WidenNarrowInts(&model).ok());
  std::vector<std::string> computed;
  for (const tensorflow::NodeDef& node : model.graph.node()) {
    if (absl::EndsWith(node.name(), "/int32")) computed.push_back(node.name());
  }
  EXPECT_THAT(computed, ::testing::UnorderedElementsAre(
                            "af/int32", "sum1/int32", "mul/int32", "mul3/int32", "neg/int32",
                            "max/int32", "red/int32", "u8/int32", "u16add/int32",
                            "i16mul/int32"));
}

TEST(WidenNarrowIntsTest, SignatureOutputsWidenInputsStay) {
  FrozenModel model;
  model.graph = Parse(kGraph);
  (*model.signature.mutable_inputs())["a"].set_dtype(tensorflow::DT_INT8);
  (*model.signature.mutable_outputs())["u8"].set_dtype(tensorflow::DT_UINT8);
  (*model.signature.mutable_outputs())["mulf"].set_dtype(tensorflow::DT_FLOAT);
  ASSERT_TRUE(WidenNarrowInts(&model).ok());
  EXPECT_EQ(model.signature.inputs().at("a").dtype(), tensorflow::DT_INT8);
  EXPECT_EQ(model.signature.outputs().at("u8").dtype(), tensorflow::DT_INT32);
  EXPECT_EQ(model.signature.outputs().at("mulf").dtype(), tensorflow::DT_FLOAT);
}

TEST(WidenNarrowIntsTest, CastToUint32IsRefused) {
  FrozenModel model;
  model.graph = Parse(R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node {
      name: "to_u32"
      op: "Cast"
      input: "x"
      attr { key: "SrcT" value { type: DT_FLOAT } }
      attr { key: "DstT" value { type: DT_UINT32 } }
    }
  )pb");
  const absl::Status status = WidenNarrowInts(&model);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("node 'to_u32' (op Cast)"));
  EXPECT_THAT(status.message(), HasSubstr("cannot cast to uint32"));
}

TEST(WidenNarrowIntsTest, BitcastOfNarrowIntsIsRefused) {
  FrozenModel model;
  model.graph = Parse(R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_UINT8 } } }
    node {
      name: "bytes"
      op: "Bitcast"
      input: "x"
      attr { key: "T" value { type: DT_UINT8 } }
      attr { key: "type" value { type: DT_FLOAT } }
    }
  )pb");
  const absl::Status status = WidenNarrowInts(&model);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("node 'bytes' (op Bitcast)"));
}

TEST(WidenNarrowIntsTest, GraphWithoutNarrowIntsIsUnchanged) {
  FrozenModel model;
  model.graph = Parse(R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
    node { name: "y" op: "Neg" input: "x" attr { key: "T" value { type: DT_INT32 } } }
  )pb");
  const std::string before = model.graph.SerializeAsString();
  ASSERT_TRUE(WidenNarrowInts(&model).ok());
  EXPECT_EQ(model.graph.SerializeAsString(), before);
}

}  // namespace
}  // namespace tfjs::converter
