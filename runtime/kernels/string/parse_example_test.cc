// Tests for the tf.train.Example / SequenceExample parsing kernels on protos built here; the
// expected tensors are worked by hand from TF's documented output layout.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "proto/example.pb.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using ::testing::HasSubstr;
using testing::RunOp;

void SetInts(tensorflow::Features* features, const std::string& key, std::vector<int64_t> values) {
  auto* list = (*features->mutable_feature())[key].mutable_int64_list();
  for (int64_t v : values) list->add_value(v);
}
void SetFloats(tensorflow::Features* features, const std::string& key, std::vector<float> values) {
  auto* list = (*features->mutable_feature())[key].mutable_float_list();
  for (float v : values) list->add_value(v);
}
void SetBytes(tensorflow::Features* features, const std::string& key,
              std::vector<std::string> values) {
  auto* list = (*features->mutable_feature())[key].mutable_bytes_list();
  for (const std::string& v : values) list->add_value(v);
}
// Appends a step of int64 or float values to feature list `key`.
void AddIntStep(tensorflow::SequenceExample* sequence, const std::string& key,
                std::vector<int64_t> values) {
  auto* step = (*sequence->mutable_feature_lists()->mutable_feature_list())[key].add_feature();
  for (int64_t v : values) step->mutable_int64_list()->add_value(v);
}
void AddFloatStep(tensorflow::SequenceExample* sequence, const std::string& key,
                  std::vector<float> values) {
  auto* step = (*sequence->mutable_feature_lists()->mutable_feature_list())[key].add_feature();
  for (float v : values) step->mutable_float_list()->add_value(v);
}

template <typename Proto>
Tensor Serialized(const std::vector<Proto>& protos) {
  std::vector<std::string> values;
  for (const Proto& proto : protos) values.push_back(proto.SerializeAsString());
  return Tensor::Strings({static_cast<int64_t>(values.size())}, values);
}
Tensor Scalar(const std::string& value) { return Tensor::Strings({}, {value}); }
Tensor Keys(std::vector<std::string> keys) {
  const int64_t n = static_cast<int64_t>(keys.size());
  return Tensor::Strings({n}, std::move(keys));
}
Tensor Int64s(Shape shape, std::vector<int64_t> values) {
  return testing::MakeTensor<int64_t>(tensorflow::DT_INT64, std::move(shape), std::move(values));
}
std::vector<int64_t> I64(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.values<int64_t>().begin(), tensor.values<int64_t>().end());
}
std::vector<int> I32(const Tensor& tensor) {
  return std::vector<int>(tensor.values<int32_t>().begin(), tensor.values<int32_t>().end());
}
std::string Message(const absl::StatusOr<std::vector<Tensor>>& result) {
  return result.ok() ? "ok" : std::string(result.status().message());
}
std::string Types(const std::string& name, const std::vector<std::string>& types) {
  std::string text = "attr { key: \"" + name + "\" value { list {";
  for (const std::string& type : types) text += " type: " + type;
  return text + " } } }";
}
// Shapes as dim lists, e.g. {{2}, {}} for [2] and a scalar.
std::string Shapes(const std::string& name, const std::vector<std::vector<int64_t>>& shapes) {
  std::string text = "attr { key: \"" + name + "\" value { list {";
  for (const auto& shape : shapes) {
    text += " shape {";
    for (int64_t dim : shape) text += " dim { size: " + std::to_string(dim) + " }";
    text += " }";
  }
  return text + " } } }";
}
std::string Int(const std::string& name, int64_t value) {
  return "attr { key: \"" + name + "\" value { i: " + std::to_string(value) + " } }";
}
std::string Strs(const std::string& name, const std::vector<std::string>& values) {
  std::string text = "attr { key: \"" + name + "\" value { list {";
  for (const std::string& v : values) text += " s: \"" + v + "\"";
  return text + " } } }";
}

std::vector<tensorflow::Example> TwoExamples() {
  std::vector<tensorflow::Example> examples(2);
  SetInts(examples[0].mutable_features(), "a", {1, 2, 3});
  SetBytes(examples[0].mutable_features(), "s", {"x"});
  SetFloats(examples[0].mutable_features(), "f", {1.5f, 2.5f});
  SetInts(examples[1].mutable_features(), "a", {4});
  SetFloats(examples[1].mutable_features(), "f", {3, 4});
  return examples;
}

std::string ParseExampleAttrs() {
  return Int("Nsparse", 2) + Int("Ndense", 2) + Types("sparse_types", {"DT_INT64", "DT_STRING"}) +
         Types("Tdense", {"DT_FLOAT", "DT_FLOAT"}) + Shapes("dense_shapes", {{2}, {}});
}

TEST(ParseExampleTest, SparseAndDenseFeatures) {
  auto out = RunOp("ParseExample",
                   {Serialized(TwoExamples()), Keys({}), Scalar("a"), Scalar("s"), Scalar("f"),
                    Scalar("d"), Floats({0}, {}), Floats({}, {7})},
                   ParseExampleAttrs(), 8);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(I64((*out)[0]), ElementsAre(0, 0, 0, 1, 0, 2, 1, 0));
  EXPECT_THAT(I64((*out)[2]), ElementsAre(1, 2, 3, 4));
  EXPECT_THAT((*out)[3].strings(), ElementsAre("x"));
  EXPECT_THAT(I64((*out)[4]), ElementsAre(2, 3));
  EXPECT_THAT(I64((*out)[5]), ElementsAre(2, 1));
  EXPECT_EQ(ShapeString((*out)[6].shape()), "[2,2]");
  EXPECT_THAT(testing::FloatValues((*out)[6]), ElementsAre(1.5f, 2.5f, 3, 4));
  EXPECT_THAT(testing::FloatValues((*out)[7]), ElementsAre(7, 7));
}

TEST(ParseExampleTest, Errors) {
  // "f" is required (empty default) and the second example lacks it.
  std::vector<tensorflow::Example> examples = TwoExamples();
  examples[1].mutable_features()->mutable_feature()->erase("f");
  EXPECT_THAT(Message(RunOp("ParseExample",
                            {Serialized(examples), Keys({"e0", "e1"}), Scalar("a"), Scalar("s"),
                             Scalar("f"), Scalar("d"), Floats({0}, {}), Floats({}, {7})},
                            ParseExampleAttrs(), 8)),
              HasSubstr("Name: e1, Feature: f (data type: float32) is required"));
  examples = TwoExamples();
  SetFloats(examples[0].mutable_features(), "f", {1});
  EXPECT_THAT(Message(RunOp("ParseExample",
                            {Serialized(examples), Keys({}), Scalar("a"), Scalar("s"), Scalar("f"),
                             Scalar("d"), Floats({0}, {}), Floats({}, {7})},
                            ParseExampleAttrs(), 8)),
              HasSubstr("Number of float32 values != expected"));
  examples = TwoExamples();
  SetFloats(examples[1].mutable_features(), "a", {1});
  EXPECT_THAT(Message(RunOp("ParseExample",
                            {Serialized(examples), Keys({}), Scalar("a"), Scalar("s"), Scalar("f"),
                             Scalar("d"), Floats({0}, {}), Floats({}, {7})},
                            ParseExampleAttrs(), 8)),
              HasSubstr("Data types don't match. Data type: float32 but expected type: int64"));
  EXPECT_THAT(Message(RunOp("ParseExample",
                            {Tensor::Strings({1}, {"\xff"}), Keys({}), Scalar("a"), Scalar("s"),
                             Scalar("f"), Scalar("d"), Floats({0}, {}), Floats({}, {7})},
                            ParseExampleAttrs(), 8)),
              HasSubstr("Could not parse example input"));
}

std::string V2Attrs() {
  return Int("num_sparse", 0) + Types("sparse_types", {}) + Types("Tdense", {"DT_FLOAT"}) +
         Shapes("dense_shapes", {{-1, 2}}) + Types("ragged_value_types", {"DT_INT64"}) +
         Types("ragged_split_types", {"DT_INT32"});
}

TEST(ParseExampleV2Test, VariableLengthDenseAndRagged) {
  std::vector<tensorflow::Example> examples(2);
  SetFloats(examples[0].mutable_features(), "v", {1, 2, 3, 4});
  SetInts(examples[0].mutable_features(), "r", {1, 2});
  SetInts(examples[1].mutable_features(), "r", {});
  auto out =
      RunOp("ParseExampleV2",
            {Serialized(examples), Keys({}), Keys({}), Keys({"v"}), Keys({"r"}), Floats({}, {-1})},
            V2Attrs(), 3);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(ShapeString((*out)[0].shape()), "[2,2,2]");
  EXPECT_THAT(testing::FloatValues((*out)[0]), ElementsAre(1, 2, 3, 4, -1, -1, -1, -1));
  EXPECT_THAT(I64((*out)[1]), ElementsAre(1, 2));
  EXPECT_THAT(I32((*out)[2]), ElementsAre(0, 2, 2));
  // A scalar input: no batch dim, and empty ragged splits.
  auto single = RunOp("ParseExampleV2",
                      {Scalar(examples[0].SerializeAsString()), Keys({}), Keys({}), Keys({"v"}),
                       Keys({"r"}), Floats({}, {-1})},
                      V2Attrs(), 3);
  ASSERT_TRUE(single.ok()) << single.status();
  EXPECT_EQ(ShapeString((*single)[0].shape()), "[2,2]");
  EXPECT_EQ(ShapeString((*single)[2].shape()), "[0]");
  SetFloats(examples[1].mutable_features(), "v", {1, 2, 3});
  EXPECT_THAT(Message(RunOp("ParseExampleV2",
                            {Serialized(examples), Keys({}), Keys({}), Keys({"v"}), Keys({"r"}),
                             Floats({}, {-1})},
                            V2Attrs(), 3)),
              HasSubstr("not a multiple of stride length"));
  EXPECT_THAT(Message(RunOp("ParseExampleV2",
                            {Serialized(examples), Keys({}), Keys({}), Keys({"v"}), Keys({"r"}),
                             Floats({2}, {-1, -1})},
                            V2Attrs(), 3)),
              HasSubstr("must contain a single element"));
}

TEST(ParseSingleExampleTest, SparseIndicesHaveOneColumn) {
  auto out =
      RunOp("ParseSingleExample", {Scalar(TwoExamples()[0].SerializeAsString()), Floats({0}, {})},
            Int("num_sparse", 1) + Strs("sparse_keys", {"a"}) + Strs("dense_keys", {"f"}) +
                Types("sparse_types", {"DT_INT64"}) + Types("Tdense", {"DT_FLOAT"}) +
                Shapes("dense_shapes", {{2}}),
            4);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(ShapeString((*out)[0].shape()), "[3,1]");
  EXPECT_THAT(I64((*out)[0]), ElementsAre(0, 1, 2));
  EXPECT_THAT(I64((*out)[1]), ElementsAre(1, 2, 3));
  EXPECT_THAT(I64((*out)[2]), ElementsAre(3));
  EXPECT_THAT(testing::FloatValues((*out)[3]), ElementsAre(1.5f, 2.5f));
}

std::vector<tensorflow::SequenceExample> TwoSequences() {
  std::vector<tensorflow::SequenceExample> sequences(2);
  SetInts(sequences[0].mutable_context(), "c", {5});
  SetInts(sequences[1].mutable_context(), "c", {6});
  AddFloatStep(&sequences[0], "fd", {1, 2});
  AddFloatStep(&sequences[0], "fd", {3, 4});
  AddFloatStep(&sequences[1], "fd", {5, 6});
  AddIntStep(&sequences[0], "fs", {1});
  AddIntStep(&sequences[0], "fs", {2, 3});
  AddIntStep(&sequences[1], "fr", {4});
  AddIntStep(&sequences[0], "fr", {1});
  AddIntStep(&sequences[0], "fr", {2, 3});
  return sequences;
}

std::string SequenceAttrs(const std::vector<std::string>& assumed_empty,
                          const std::vector<std::string>& dense_lists) {
  std::vector<std::string> types(dense_lists.size(), "DT_FLOAT");
  std::vector<std::vector<int64_t>> shapes(dense_lists.size(), std::vector<int64_t>{2});
  return Strs("feature_list_dense_missing_assumed_empty", assumed_empty) +
         Strs("context_sparse_keys", {}) + Strs("context_dense_keys", {"c"}) +
         Strs("feature_list_sparse_keys", {"fs"}) + Strs("feature_list_dense_keys", dense_lists) +
         Int("Ncontext_sparse", 0) + Int("Ncontext_dense", 1) + Int("Nfeature_list_sparse", 1) +
         Int("Nfeature_list_dense", static_cast<int64_t>(dense_lists.size())) +
         Types("context_sparse_types", {}) + Types("Tcontext_dense", {"DT_INT64"}) +
         Types("feature_list_dense_types", types) + Shapes("context_dense_shapes", {{}}) +
         Types("feature_list_sparse_types", {"DT_INT64"}) +
         Shapes("feature_list_dense_shapes", shapes);
}

TEST(ParseSequenceExampleTest, ContextAndFeatureLists) {
  auto out = RunOp("ParseSequenceExample", {Serialized(TwoSequences()), Keys({}), Int64s({0}, {})},
                   SequenceAttrs({}, {"fd"}), 6);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(I64((*out)[0]), ElementsAre(5, 6));
  EXPECT_THAT(I64((*out)[1]), ElementsAre(0, 0, 0, 0, 1, 0, 0, 1, 1));
  EXPECT_THAT(I64((*out)[2]), ElementsAre(1, 2, 3));
  EXPECT_THAT(I64((*out)[3]), ElementsAre(2, 2, 2));
  EXPECT_EQ(ShapeString((*out)[4].shape()), "[2,2,2]");
  EXPECT_THAT(testing::FloatValues((*out)[4]), ElementsAre(1, 2, 3, 4, 5, 6, 0, 0));
  EXPECT_THAT(I64((*out)[5]), ElementsAre(2, 1));
}

TEST(ParseSequenceExampleTest, MissingDenseFeatureList) {
  const std::vector<Tensor> inputs = {Serialized(TwoSequences()), Keys({}), Int64s({0}, {})};
  EXPECT_THAT(Message(RunOp("ParseSequenceExample", inputs, SequenceAttrs({}, {"gone"}), 6)),
              HasSubstr("Feature list 'gone' is required but could not be found"));
  auto empty = RunOp("ParseSequenceExample", inputs, SequenceAttrs({"gone"}, {"gone"}), 6);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(ShapeString((*empty)[4].shape()), "[2,0,2]");
  EXPECT_THAT(I64((*empty)[5]), ElementsAre(0, 0));
}

TEST(ParseSequenceExampleV2Test, RaggedFeatureLists) {
  const std::string attrs =
      Int("Ncontext_sparse", 0) + Types("Tcontext_dense", {}) + Types("context_sparse_types", {}) +
      Types("context_ragged_value_types", {"DT_INT64"}) +
      Types("context_ragged_split_types", {"DT_INT64"}) + Shapes("context_dense_shapes", {}) +
      Int("Nfeature_list_sparse", 0) + Int("Nfeature_list_dense", 0) +
      Types("feature_list_dense_types", {}) + Types("feature_list_sparse_types", {}) +
      Types("feature_list_ragged_value_types", {"DT_INT64"}) +
      Types("feature_list_ragged_split_types", {"DT_INT64"}) +
      Shapes("feature_list_dense_shapes", {});
  auto out = RunOp("ParseSequenceExampleV2",
                   {Serialized(TwoSequences()), Keys({}), Keys({}), Keys({}), Keys({"c"}), Keys({}),
                    Keys({}), Keys({"fr"}), testing::Bools({0}, {})},
                   attrs, 5);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(I64((*out)[0]), ElementsAre(5, 6));
  EXPECT_THAT(I64((*out)[1]), ElementsAre(0, 1, 2));
  EXPECT_THAT(I64((*out)[2]), ElementsAre(1, 2, 3, 4));
  EXPECT_THAT(I64((*out)[3]), ElementsAre(0, 2, 3));
  EXPECT_THAT(I64((*out)[4]), ElementsAre(0, 1, 3, 4));
}

TEST(ParseSingleSequenceExampleTest, OneSequence) {
  const std::string attrs =
      Int("Ncontext_sparse", 0) + Int("Ncontext_dense", 1) + Int("Nfeature_list_sparse", 1) +
      Int("Nfeature_list_dense", 1) + Types("context_sparse_types", {}) +
      Types("Tcontext_dense", {"DT_INT64"}) + Types("feature_list_dense_types", {"DT_FLOAT"}) +
      Shapes("context_dense_shapes", {{}}) + Types("feature_list_sparse_types", {"DT_INT64"}) +
      Shapes("feature_list_dense_shapes", {{2}});
  auto out = RunOp("ParseSingleSequenceExample",
                   {Scalar(TwoSequences()[0].SerializeAsString()), Keys({}), Scalar("c"),
                    Scalar("fs"), Scalar("fd"), Int64s({0}, {}), Scalar("seq")},
                   attrs, 5);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(I64((*out)[0]), ElementsAre(5));
  EXPECT_EQ(ShapeString((*out)[1].shape()), "[3,2]");
  EXPECT_THAT(I64((*out)[1]), ElementsAre(0, 0, 1, 0, 1, 1));
  EXPECT_THAT(I64((*out)[3]), ElementsAre(2, 2));
  EXPECT_THAT(testing::FloatValues((*out)[4]), ElementsAre(1, 2, 3, 4));
}

TEST(DecodeJsonExampleTest, JsonToBinary) {
  auto out = RunOp("DecodeJSONExample",
                   {Keys({R"({"features": {"feature": {"a": {"int64List": {"value": ["1", 2]}},
                                                        "b": {"bytes_list": {"value": ["eHk="]}}}}})",
                          "{}"})},
                   "");
  ASSERT_TRUE(out.ok()) << out.status();
  tensorflow::Example example;
  ASSERT_TRUE(example.ParseFromString((*out)[0].strings()[0]));
  const auto& features = example.features().feature();
  EXPECT_THAT(features.at("a").int64_list().value(), ElementsAre(1, 2));
  EXPECT_THAT(features.at("b").bytes_list().value(), ElementsAre("xy"));
  EXPECT_EQ((*out)[0].strings()[1], "");
  EXPECT_THAT(Message(RunOp("DecodeJSONExample", {Keys({"{\"features\": 3}"})}, "")),
              HasSubstr("Error while parsing JSON"));
}

}  // namespace
}  // namespace tfjs::runtime
