#include "converter/frozen_model.h"

#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "converter/readers/checkpoint/crc32c.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

class MaterializeConstTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_path_ = std::string(std::getenv("TEST_TMPDIR")) + "/" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".data";
    std::ofstream(data_path_, std::ios::binary) << "prefix" << bytes_;
    tensorflow::NodeDef* node = model_.graph.add_node();
    node->set_name("w");
    node->set_op("Const");
    (*node->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
    tensorflow::TensorProto* value = (*node->mutable_attr())["value"].mutable_tensor();
    value->set_dtype(tensorflow::DT_FLOAT);
    value->mutable_tensor_shape()->add_dim()->set_size(2);
    WeightSource& source = model_.external_weights["w"];
    source.path = data_path_;
    source.offset = 6;
    source.size = bytes_.size();
    source.crc32c = crc32c::Value(bytes_);
    source.dtype = tensorflow::DT_FLOAT;
    source.checkpoint_key = "layer/w";
  }

  const tensorflow::TensorProto& Value() const {
    return model_.graph.node(0).attr().at("value").tensor();
  }

  const std::string bytes_ = std::string("\x00\x00\x80\x3f\x00\x00\x00\x40", 8);  // 1.0f, 2.0f
  std::string data_path_;
  FrozenModel model_;
};

TEST_F(MaterializeConstTest, ReadsTheBytesIntoTheConstAndDropsTheReference) {
  absl::Status status = MaterializeConst(&model_, model_.graph.mutable_node(0));
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(Value().tensor_content(), bytes_);
  EXPECT_TRUE(model_.external_weights.empty());
  // Held by value now: a second call changes nothing.
  status = MaterializeConst(&model_, model_.graph.mutable_node(0));
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(Value().tensor_content(), bytes_);
}

TEST_F(MaterializeConstTest, CrcMismatchNamesFileVariableAndNode) {
  model_.external_weights["w"].crc32c ^= 1;
  absl::Status status = MaterializeConst(&model_, model_.graph.mutable_node(0));
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_TRUE(absl::StrContains(status.message(), data_path_)) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "'layer/w'")) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "Const 'w'")) << status;
  EXPECT_TRUE(model_.external_weights.contains("w"));
}

TEST_F(MaterializeConstTest, ReferenceToANonConstIsAnError) {
  model_.graph.mutable_node(0)->set_op("Placeholder");
  EXPECT_EQ(MaterializeConst(&model_, model_.graph.mutable_node(0)).code(),
            absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace tfjs::converter
