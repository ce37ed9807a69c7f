// Tests for DecodeProtoV2 and EncodeProto on TensorProto (compiled in: "local://") and on a
// FileDescriptorSet given as "bytes://".
#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.pb.h"
#include "gtest/gtest.h"
#include "proto/example.pb.h"
#include "proto/tensor.pb.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::IntValues;
using testing::RunOp;

std::string Message(const absl::StatusOr<std::vector<Tensor>>& result) {
  return result.ok() ? "ok" : std::string(result.status().message());
}

std::string DecodeAttrs(const std::string& extra = "") {
  return "attr { key: \"message_type\" value { s: \"tensorflow.TensorProto\" } }"
         "attr { key: \"field_names\" value { list { s: \"dtype\" s: \"float_val\" "
         "s: \"string_val\" } } }"
         "attr { key: \"output_types\" value { list { type: DT_INT32 type: DT_FLOAT "
         "type: DT_STRING } } }" +
         extra;
}

TEST(DecodeProtoTest, FieldsPaddedWithDefaults) {
  tensorflow::TensorProto first, second;
  first.set_dtype(tensorflow::DT_FLOAT);
  first.add_float_val(1.5f);
  first.add_float_val(-2);
  second.add_string_val("x");
  auto out = RunOp("DecodeProtoV2",
                   {Tensor::Strings({2}, {first.SerializeAsString(), second.SerializeAsString()})},
                   DecodeAttrs(), 4);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(ShapeString((*out)[0].shape()), "[2,3]");
  EXPECT_THAT(IntValues((*out)[0]), ElementsAre(1, 2, 0, 0, 0, 1));
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(tensorflow::DT_FLOAT, 0));
  EXPECT_THAT(testing::FloatValues((*out)[2]), ElementsAre(1.5f, -2, 0, 0));
  EXPECT_THAT((*out)[3].strings(), ElementsAre("", "x"));
  auto text = RunOp("DecodeProtoV2", {Tensor::Strings({}, {"float_val: 3 float_val: 4"})},
                    DecodeAttrs("attr { key: \"message_format\" value { s: \"text\" } }"), 4);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_THAT(testing::FloatValues((*text)[2]), ElementsAre(3, 4));
  EXPECT_THAT(Message(RunOp("DecodeProtoV2", {Tensor::Strings({1}, {"x"})},
                            "attr { key: \"message_type\" value { s: \"tensorflow.TensorProto\" } }"
                            "attr { key: \"field_names\" value { list { s: \"float_val\" } } }"
                            "attr { key: \"output_types\" value { list { type: DT_INT32 } } }",
                            2)),
              HasSubstr("Unexpected output type"));
  EXPECT_THAT(Message(RunOp("DecodeProtoV2", {Tensor::Strings({1}, {""})},
                            "attr { key: \"message_type\" value { s: \"no.Such\" } }"
                            "attr { key: \"field_names\" value { list { } } }"
                            "attr { key: \"output_types\" value { list { } } }",
                            1)),
              HasSubstr("No descriptor found for message type no.Such"));
}

TEST(DecodeProtoTest, DescriptorSetFromBytes) {
  google::protobuf::FileDescriptorSet set;
  tensorflow::Int64List::descriptor()->file()->CopyTo(set.add_file());
  tensorflow::Int64List list;
  list.add_value(7);
  list.add_value(-8);
  auto out = RunOp("DecodeProtoV2", {Tensor::Strings({1}, {list.SerializeAsString()})},
                   "attr { key: \"message_type\" value { s: \"tensorflow.Int64List\" } }"
                   "attr { key: \"field_names\" value { list { s: \"value\" } } }"
                   "attr { key: \"output_types\" value { list { type: DT_INT64 } } }"
                   "attr { key: \"descriptor_source\" value { s: \"bytes://" +
                       absl::CEscape(set.SerializeAsString()) + "\" } }",
                   2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[1].values<int64_t>(), ElementsAre(7, -8));
}

TEST(EncodeProtoTest, RoundTripsTensorProtoFields) {
  auto out =
      RunOp("EncodeProto",
            {testing::Ints({2, 2}, {1, 2, 0, 1}), testing::Ints({2, 1}, {1, 0}),
             testing::Floats({2, 2}, {5, 6, 0, 0}), Tensor::Strings({2, 1}, {"", "s"})},
            "attr { key: \"message_type\" value { s: \"tensorflow.TensorProto\" } }"
            "attr { key: \"field_names\" value { list { s: \"dtype\" s: \"float_val\" } } }"
            "attr { key: \"Tinput_types\" value { list { type: DT_INT32 type: DT_FLOAT } } }",
            1);
  // Three value inputs for two fields: refused.
  EXPECT_THAT(Message(out), HasSubstr("field_names has 2 entries but there are 3"));
  auto encoded = RunOp("EncodeProto",
                       {testing::Ints({2, 2}, {1, 2, 0, 1}), testing::Ints({2, 1}, {1, 0}),
                        testing::Floats({2, 2}, {5, 6, 7, 0})},
                       "attr { key: \"message_type\" value { s: \"tensorflow.TensorProto\" } }"
                       "attr { key: \"field_names\" value { list { s: \"dtype\" s: \"float_val\" "
                       "} } }",
                       1);
  ASSERT_TRUE(encoded.ok()) << encoded.status();
  tensorflow::TensorProto first, second;
  ASSERT_TRUE(first.ParseFromString((*encoded)[0].strings()[0]));
  ASSERT_TRUE(second.ParseFromString((*encoded)[0].strings()[1]));
  EXPECT_EQ(first.dtype(), tensorflow::DT_FLOAT);
  EXPECT_THAT(first.float_val(), ElementsAre(5, 6));
  EXPECT_EQ(second.dtype(), tensorflow::DT_INVALID);
  EXPECT_THAT(second.float_val(), ElementsAre(7));
}

}  // namespace
}  // namespace tfjs::runtime
