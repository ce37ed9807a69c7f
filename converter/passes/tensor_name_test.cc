#include "converter/passes/tensor_name.h"

#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

TEST(TensorNameTest, ParsesAndPrintsInputs) {
  TensorName plain = TensorName::Parse("conv/BiasAdd");
  EXPECT_EQ(plain.node, "conv/BiasAdd");
  EXPECT_EQ(plain.output_index, 0);
  EXPECT_FALSE(plain.is_control);

  TensorName indexed = TensorName::Parse("split:2");
  EXPECT_EQ(indexed.node, "split");
  EXPECT_EQ(indexed.output_index, 2);
  EXPECT_EQ(indexed.ToInput(), "split:2");
  EXPECT_EQ(TensorName::Parse("split:0").ToInput(), "split");

  TensorName control = TensorName::Parse("^init");
  EXPECT_TRUE(control.is_control);
  EXPECT_EQ(control.node, "init");
  EXPECT_EQ(control.ToInput(), "^init");

  EXPECT_EQ(TensorName::Parse("scope:name").node, "scope:name");
  EXPECT_EQ(InputNodeName("^a/b"), "a/b");
  EXPECT_EQ(InputNodeName("a/b:3"), "a/b");
}

}  // namespace
}  // namespace tfjs::converter
