#include "converter/passes/static_shapes.h"

#include <vector>

#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

TEST(StaticShapesTest, CarriesPlaceholderShapesThroughElementwiseOps) {
  const tensorflow::GraphDef graph = testing::ParseGraph(R"pb(
    node { name: "x" op: "Placeholder"
           attr { key: "shape" value { shape { dim { size: -1 } dim { size: 3 } } } } }
    node { name: "bias" op: "Const"
           attr { key: "value" value { tensor { tensor_shape { dim { size: 1 } } } } } }
    node { name: "relu" op: "Relu" input: "x" }
    node { name: "sum" op: "AddV2" input: "relu" input: "bias" }
    node { name: "wide" op: "Const"
           attr { key: "value" value { tensor { tensor_shape { dim { size: 4 } dim { size: 1 } dim { size: 1 } } } } } }
    node { name: "outer" op: "Mul" input: "sum" input: "wide" }
    node { name: "bad" op: "Mul" input: "x" input: "bad_dims" }
    node { name: "bad_dims" op: "Const"
           attr { key: "value" value { tensor { tensor_shape { dim { size: 2 } } } } } }
    node { name: "unknown" op: "Placeholder" attr { key: "shape" value { shape { unknown_rank: true } } } }
    node { name: "neg" op: "Neg" input: "unknown" }
    node { name: "switch" op: "Switch" input: "x" input: "p" }
    node { name: "p" op: "Placeholder" attr { key: "shape" value { shape {} } } }
    node { name: "branch" op: "Relu" input: "switch:1" }
    node { name: "waits" op: "Relu" input: "x" input: "^p" }
    node { name: "matmul" op: "MatMul" input: "x" input: "x" }
  )pb");
  const absl::flat_hash_map<std::string, StaticShape> shapes = InferStaticShapes(graph);
  EXPECT_EQ(shapes.at("sum").dims, (std::vector<int64_t>{-1, 3}));
  EXPECT_EQ(shapes.at("outer").dims, (std::vector<int64_t>{4, -1, 3}));
  EXPECT_FALSE(shapes.at("outer").IsFullyDefined());
  EXPECT_TRUE(shapes.at("p").IsFullyDefined());
  for (const char* name : {"bad", "unknown", "neg", "switch", "branch", "waits", "matmul"}) {
    EXPECT_FALSE(shapes.contains(name)) << name;
  }
}

}  // namespace
}  // namespace tfjs::converter
