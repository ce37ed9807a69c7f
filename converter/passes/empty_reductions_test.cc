#include "converter/passes/empty_reductions.h"

#include <cmath>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/graph_runner_testing.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/tensor.h"

namespace tfjs::converter {
namespace {

// Reductions over axis 0 of [?, 3] inputs (fed empty and non-empty), and over axis 1 of a
// [2, 3] input, which cannot be empty and stays as it is.
std::string Graph() {
  std::string text = R"pb(
    node {
      name: "x"
      op: "Placeholder"
      attr { key: "dtype" value { type: DT_FLOAT } }
      attr { key: "shape" value { shape { dim { size: -1 } dim { size: 3 } } } }
    }
    node {
      name: "xi"
      op: "Placeholder"
      attr { key: "dtype" value { type: DT_INT32 } }
      attr { key: "shape" value { shape { dim { size: -1 } dim { size: 3 } } } }
    }
    node {
      name: "b"
      op: "Placeholder"
      attr { key: "dtype" value { type: DT_BOOL } }
      attr { key: "shape" value { shape { dim { size: -1 } dim { size: 3 } } } }
    }
    node {
      name: "full"
      op: "Placeholder"
      attr { key: "dtype" value { type: DT_FLOAT } }
      attr { key: "shape" value { shape { dim { size: 2 } dim { size: 3 } } } }
    }
    node {
      name: "axis"
      op: "Const"
      attr { key: "dtype" value { type: DT_INT32 } }
      attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } }
    }
    node {
      name: "last"
      op: "Const"
      attr { key: "dtype" value { type: DT_INT64 } }
      attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape { dim { size: 1 } } int64_val: -1 } } }
    }
  )pb";
  auto reduce = [&](const char* name, const char* op, const char* input, const char* type,
                    const char* axes, const char* tidx, bool keep_dims) {
    absl::StrAppend(&text, "node { name: \"", name, "\" op: \"", op, "\" input: \"", input,
                    "\" input: \"", axes, "\" ",
                    type[0] ? absl::StrCat("attr { key: \"T\" value { type: ", type, " } } ") : "",
                    "attr { key: \"Tidx\" value { type: ", tidx, " } } ",
                    "attr { key: \"keep_dims\" value { b: ", keep_dims ? "true" : "false",
                    " } } }\n");
  };
  reduce("max", "Max", "x", "DT_FLOAT", "axis", "DT_INT32", false);
  reduce("min", "Min", "x", "DT_FLOAT", "axis", "DT_INT32", true);
  reduce("mean", "Mean", "x", "DT_FLOAT", "axis", "DT_INT32", false);
  reduce("maxi", "Max", "xi", "DT_INT32", "axis", "DT_INT32", false);
  reduce("mini", "Min", "xi", "DT_INT32", "axis", "DT_INT32", false);
  reduce("all", "All", "b", "", "axis", "DT_INT32", false);
  reduce("full_max", "Max", "full", "DT_FLOAT", "last", "DT_INT64", false);
  return text;
}

const std::vector<std::string> kOutputs = {"max", "min", "mean", "maxi", "mini", "all", "full_max"};

template <typename T>
runtime::Tensor Tensor(runtime::DataType dtype, runtime::Shape shape, const std::vector<T>& values) {
  runtime::Tensor tensor = *runtime::Tensor::Allocate(dtype, shape);
  for (size_t i = 0; i < values.size(); ++i) tensor.mutable_data<T>()[i] = values[i];
  return tensor;
}

testing::Feeds Feeds(int rows) {
  std::vector<float> x;
  std::vector<int32_t> xi;
  std::vector<bool> b;
  for (int i = 0; i < rows * 3; ++i) {
    x.push_back(0.5f * i - 2.f);
    xi.push_back(7 - 3 * i);
    b.push_back(i % 4 != 1);
  }
  runtime::Tensor bools = *runtime::Tensor::Allocate(tensorflow::DT_BOOL, {rows, 3});
  for (size_t i = 0; i < b.size(); ++i) bools.mutable_data<bool>()[i] = b[i];
  return {{"x", Tensor<float>(tensorflow::DT_FLOAT, {rows, 3}, x)},
          {"xi", Tensor<int32_t>(tensorflow::DT_INT32, {rows, 3}, xi)},
          {"b", bools},
          {"full", Tensor<float>(tensorflow::DT_FLOAT, {2, 3}, {1, -2, 3, 0.5f, 4, -1})}};
}

// Expectations from the native runtime on the original graph (its reductions follow TF's:
// -inf / +inf, int32's lowest / highest, NaN and true over nothing).
TEST(EmptyReductionsTest, SameValuesEmptyOrNot) {
  tensorflow::GraphDef before;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(Graph(), &before));
  tensorflow::GraphDef after = before;
  RewriteEmptyReductions(&after);
  for (int rows : {0, 2}) {
    SCOPED_TRACE(rows);
    absl::StatusOr<std::vector<runtime::Tensor>> want =
        testing::RunGraph(before, Feeds(rows), kOutputs);
    ASSERT_TRUE(want.ok()) << want.status();
    absl::StatusOr<std::vector<runtime::Tensor>> got = testing::RunGraph(after, Feeds(rows), kOutputs);
    ASSERT_TRUE(got.ok()) << got.status();
    for (size_t k = 0; k < kOutputs.size(); ++k) {
      const runtime::Tensor& w = (*want)[k];
      const runtime::Tensor& g = (*got)[k];
      ASSERT_EQ(g.dtype(), w.dtype()) << kOutputs[k];
      ASSERT_EQ(g.shape(), w.shape()) << kOutputs[k];
      if (w.dtype() == tensorflow::DT_FLOAT) {
        for (int64_t i = 0; i < w.num_elements(); ++i) {
          const float wv = w.data<float>()[i], gv = g.data<float>()[i];
          EXPECT_TRUE(wv == gv || (std::isnan(wv) && std::isnan(gv))) << kOutputs[k] << ": " << gv
                                                                      << " vs " << wv;
        }
      } else {
        testing::ExpectSameTensor(w, g);
      }
    }
    if (rows == 0) {
      EXPECT_TRUE(std::isinf((*want)[0].data<float>()[0]));
      EXPECT_TRUE(std::isnan((*want)[2].data<float>()[0]));
    }
  }
  // Each reduction over the dim of unknown size is rewritten; the one over a dim of known size 3
  // is untouched.
  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> nodes;
  for (const tensorflow::NodeDef& node : after.node()) nodes[node.name()] = &node;
  EXPECT_EQ(nodes.at("max")->input(0), "max/padded");
  EXPECT_EQ(nodes.at("mini")->input(0), "mini/padded");
  EXPECT_EQ(nodes.at("mean")->op(), "RealDiv");
  EXPECT_EQ(nodes.at("all")->op(), "LogicalNot");
  EXPECT_EQ(nodes.at("full_max")->input(0), "full");
}

}  // namespace
}  // namespace tfjs::converter
