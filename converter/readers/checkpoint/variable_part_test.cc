#include "converter/readers/checkpoint/variable_part.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "testdata/tools/bundle_writer.h"

namespace tfjs::converter {
namespace {

template <typename T>
T Parse(const std::string& text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

std::vector<float> Floats(const tensorflow::TensorProto& tensor) {
  std::vector<float> values(tensor.tensor_content().size() / sizeof(float));
  std::memcpy(values.data(), tensor.tensor_content().data(), tensor.tensor_content().size());
  return values;
}

class VariablePartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string prefix = std::string(std::getenv("TEST_TMPDIR")) + "/ckpt/variables";
    std::filesystem::create_directories(std::filesystem::path(prefix).parent_path());
    testdata::BundleWriter writer(prefix);
    // "emb" [3, 2] in two row slices, added out of order; "words" [1, 3] cut along columns.
    const auto emb_shape = Parse<tensorflow::TensorShapeProto>("dim { size: 3 } dim { size: 2 }");
    ASSERT_TRUE(
        writer
            .AddSlice(
                "emb", emb_shape,
                Parse<tensorflow::TensorSliceProto>("extent { start: 2 length: 1 } extent {}"),
                Parse<tensorflow::TensorProto>(
                    "dtype: DT_FLOAT tensor_shape { dim { size: 1 } dim { size: 2 } } "
                    "float_val: 5 float_val: 6"))
            .ok());
    ASSERT_TRUE(
        writer
            .AddSlice(
                "emb", emb_shape,
                Parse<tensorflow::TensorSliceProto>("extent { start: 0 length: 2 } extent {}"),
                Parse<tensorflow::TensorProto>(
                    "dtype: DT_FLOAT tensor_shape { dim { size: 2 } dim { size: 2 } } "
                    "float_val: 1 float_val: 2 float_val: 3 float_val: 4"))
            .ok());
    const auto words_shape = Parse<tensorflow::TensorShapeProto>("dim { size: 1 } dim { size: 3 }");
    ASSERT_TRUE(
        writer
            .AddSlice(
                "words", words_shape,
                Parse<tensorflow::TensorSliceProto>("extent {} extent { start: 0 length: 1 }"),
                Parse<tensorflow::TensorProto>(
                    "dtype: DT_STRING tensor_shape { dim { size: 1 } dim { size: 1 } } "
                    "string_val: 'a'"))
            .ok());
    ASSERT_TRUE(
        writer
            .AddSlice(
                "words", words_shape,
                Parse<tensorflow::TensorSliceProto>("extent {} extent { start: 1 length: 2 }"),
                Parse<tensorflow::TensorProto>(
                    "dtype: DT_STRING tensor_shape { dim { size: 1 } dim { size: 2 } } "
                    "string_val: 'b' string_val: 'c'"))
            .ok());
    ASSERT_TRUE(
        writer
            .Add("plain", Parse<tensorflow::TensorProto>(
                              "dtype: DT_FLOAT tensor_shape { dim { size: 1 } } float_val: 9"))
            .ok());
    ASSERT_TRUE(writer.Finish().ok());
    absl::StatusOr<std::unique_ptr<CheckpointReader>> reader = CheckpointReader::Open(prefix);
    ASSERT_TRUE(reader.ok()) << reader.status();
    reader_ = *std::move(reader);
  }

  std::unique_ptr<CheckpointReader> reader_;
};

TEST_F(VariablePartTest, PartsAreTheSlicesInOrderAlongTheirDimension) {
  absl::StatusOr<tensorflow::TensorProto> part = ReadVariablePart(*reader_, "emb/part_0");
  ASSERT_TRUE(part.ok()) << part.status();
  EXPECT_EQ(part->tensor_shape().dim(0).size(), 2);
  EXPECT_EQ(Floats(*part), (std::vector<float>{1, 2, 3, 4}));
  part = ReadVariablePart(*reader_, "emb/part_1");
  ASSERT_TRUE(part.ok()) << part.status();
  EXPECT_EQ(part->tensor_shape().dim(0).size(), 1);
  EXPECT_EQ(Floats(*part), (std::vector<float>{5, 6}));
  part = ReadVariablePart(*reader_, "words/part_1");
  ASSERT_TRUE(part.ok()) << part.status();
  EXPECT_EQ(part->tensor_shape().dim(1).size(), 2);
  ASSERT_EQ(part->string_val_size(), 2);
  EXPECT_EQ(part->string_val(0), "b");
  EXPECT_EQ(part->string_val(1), "c");
}

TEST_F(VariablePartTest, OtherKeysAreNotFound) {
  for (const char* key : {"emb/part_2", "plain/part_0", "missing/part_0", "emb", "emb/part_x"}) {
    EXPECT_EQ(ReadVariablePart(*reader_, key).status().code(), absl::StatusCode::kNotFound) << key;
  }
}

}  // namespace
}  // namespace tfjs::converter
