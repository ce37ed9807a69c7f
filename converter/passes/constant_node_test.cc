#include "converter/passes/constant_node.h"

#include "gtest/gtest.h"
#include "runtime/tensor.h"
#include "runtime/tensor_proto.h"

namespace tfjs::converter {
namespace {

TEST(ConstantNodeTest, RoundTripsNumbersAndStrings) {
  runtime::Tensor ints = *runtime::Tensor::Allocate(tensorflow::DT_INT64, {2});
  ints.mutable_data<int64_t>()[0] = -3;
  ints.mutable_data<int64_t>()[1] = int64_t{1} << 40;
  absl::StatusOr<tensorflow::NodeDef> node = MakeConstNode("c", "/cpu:0", ints);
  ASSERT_TRUE(node.ok()) << node.status();
  EXPECT_EQ(node->op(), "Const");
  EXPECT_EQ(node->device(), "/cpu:0");
  EXPECT_EQ(node->attr().at("dtype").type(), tensorflow::DT_INT64);
  absl::StatusOr<runtime::Tensor> back = runtime::TensorFromProto(node->attr().at("value").tensor());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->shape(), ints.shape());
  EXPECT_EQ(back->values<int64_t>()[1], int64_t{1} << 40);

  const runtime::Tensor strings = runtime::Tensor::Strings({2}, {"a", "bc"});
  absl::StatusOr<tensorflow::TensorProto> proto = runtime::TensorToProto(strings);
  ASSERT_TRUE(proto.ok());
  absl::StatusOr<runtime::Tensor> strings_back = runtime::TensorFromProto(*proto);
  ASSERT_TRUE(strings_back.ok());
  EXPECT_EQ(strings_back->strings(), strings.strings());
}

TEST(ConstantNodeTest, RejectsResources) {
  runtime::Tensor resource = runtime::Tensor::ForResource(std::make_shared<runtime::Resource>());
  absl::StatusOr<tensorflow::NodeDef> node = MakeConstNode("table", "", resource);
  ASSERT_FALSE(node.ok());
  EXPECT_NE(node.status().message().find("table"), std::string::npos);
}

}  // namespace
}  // namespace tfjs::converter
