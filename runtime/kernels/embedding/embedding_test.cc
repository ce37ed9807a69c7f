// Tests for GenerateVocabRemapping (TF's documented example, limits, file errors) and NegTrain
// (the positive and negative updates on reference variables, worked by hand with a vocabulary
// whose only drawable word is known).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using testing::Floats;
using ::testing::HasSubstr;
using testing::Ints;
using ::testing::Pointwise;
using testing::RunOp;

std::string WriteFile(const std::string& name, const std::string& contents) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = std::string(dir == nullptr ? "/tmp" : dir) + "/" + name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

std::string Attrs(int64_t offset, int64_t count, int64_t old_size = -1) {
  return "attr { key: \"new_vocab_offset\" value { i: " + std::to_string(offset) + " } }" +
         "attr { key: \"num_new_vocab\" value { i: " + std::to_string(count) + " } }" +
         "attr { key: \"old_vocab_size\" value { i: " + std::to_string(old_size) + " } }";
}

absl::StatusOr<std::vector<Tensor>> Remap(const std::string& new_path, const std::string& old_path,
                                          const std::string& attrs) {
  return RunOp("GenerateVocabRemapping",
               {Tensor::Strings({}, {new_path}), Tensor::Strings({}, {old_path})}, attrs, 2);
}

std::vector<int64_t> Int64Values(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.values<int64_t>().begin(), tensor.values<int64_t>().end());
}

TEST(GenerateVocabRemappingTest, TfDocumentedExample) {
  const std::string new_path = WriteFile("new.txt", "f0\nf1\nf2\nf3\n");
  const std::string old_path = WriteFile("old.txt", "f1\r\nf0\r\nf3");
  auto outputs = Remap(new_path, old_path, Attrs(1, 3));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Int64Values((*outputs)[0]), ElementsAre(0, -1, 2));
  EXPECT_EQ((*outputs)[1].data<int32_t>()[0], 2);
  // Only the first two old lines: f3 is not found.
  auto limited = Remap(new_path, old_path, Attrs(1, 3, 2));
  ASSERT_TRUE(limited.ok()) << limited.status();
  EXPECT_THAT(Int64Values((*limited)[0]), ElementsAre(0, -1, -1));
  EXPECT_EQ((*limited)[1].data<int32_t>()[0], 1);
}

TEST(GenerateVocabRemappingTest, Errors) {
  const std::string new_path = WriteFile("new2.txt", "a\nb\n");
  const std::string old_path = WriteFile("old2.txt", "b\n");
  auto past_end = Remap(new_path, old_path, Attrs(1, 2));
  ASSERT_FALSE(past_end.ok());
  EXPECT_THAT(past_end.status().message(), HasSubstr("3 > 2"));
  auto old_short = Remap(new_path, old_path, Attrs(0, 2, 3));
  ASSERT_FALSE(old_short.ok());
  EXPECT_THAT(old_short.status().message(), HasSubstr("expected 3 but got 1"));
  auto empty_line = Remap(WriteFile("gap.txt", "a\n\nb\n"), old_path, Attrs(0, 1));
  ASSERT_FALSE(empty_line.ok());
  EXPECT_THAT(empty_line.status().message(), HasSubstr("empty line"));
  auto duplicate = Remap(new_path, WriteFile("dup.txt", "a\nb\na\n"), Attrs(0, 1));
  ASSERT_FALSE(duplicate.ok());
  EXPECT_THAT(duplicate.status().message(), HasSubstr("different value for same key"));
  auto missing = Remap(new_path, "/nonexistent/vocab.txt", Attrs(0, 1));
  ASSERT_FALSE(missing.ok());
  auto no_name = Remap("", old_path, Attrs(0, 1));
  ASSERT_FALSE(no_name.ok());
  EXPECT_THAT(no_name.status().message(), HasSubstr("filename cannot be empty"));
}

// w_in and w_out [3, 1] reference variables, set from the feeds, one NegTrain step, then read.
std::string NegTrainGraph(const std::string& vocab_count, int samples) {
  std::string graph;
  for (const char* name : {"w_in", "w_out"}) {
    graph += std::string("node { name: '") + name +
             "' op: 'VariableV2' attr { key: 'dtype' value { type: DT_FLOAT } } attr { key: "
             "'shape' value { shape { dim { size: 3 } dim { size: 1 } } } } }\n" +
             "node { name: '" + name +
             "_init' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } }\n" +
             "node { name: '" + name + "_assign' op: 'Assign' input: '" + name + "' input: '" +
             name + "_init' attr { key: 'T' value { type: DT_FLOAT } } }\n";
  }
  for (const char* name : {"examples", "labels"}) {
    graph += std::string("node { name: '") + name +
             "' op: 'Placeholder' attr { key: 'dtype' value { type: DT_INT32 } } }\n";
  }
  graph +=
      "node { name: 'lr' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } }\n"
      "node { name: 'train' op: 'NegTrain' input: 'w_in' input: 'w_out' input: 'examples' "
      "input: 'labels' input: 'lr' input: '^w_in_assign' input: '^w_out_assign' "
      "attr { key: 'vocab_count' value { list { " +
      vocab_count +
      " } } } attr { key: 'num_negative_samples' value { i: " + std::to_string(samples) +
      " } } }\n";
  for (const char* name : {"w_in", "w_out"}) {
    graph += std::string("node { name: '") + name + "_read' op: 'Identity' input: '" + name +
             "' input: '^train' attr { key: 'T' value { type: DT_FLOAT } } }\n";
  }
  return graph;
}

TEST(NegTrainTest, PositiveAndNegativeUpdates) {
  // Word 1 is the only one with a count, so every negative sample is 1. Example 0 (v_in 1),
  // label 2 (v_out 0): g = sigmoid(-0) = 0.5, w_out[2] = 0.5. Negative word 1 (2): g =
  // -sigmoid(2), w_out[1] = 2 + g; v_in gets 0 * 0.5 + 2 g.
  const double g = -1 / (std::exp(-2.0) + 1);
  auto outputs = testing::RunGraph(NegTrainGraph("i: 0 i: 1 i: 0", 1),
                                   {{"w_in_init", Floats({3, 1}, {1, 0, 0})},
                                    {"w_out_init", Floats({3, 1}, {0, 2, 0})},
                                    {"examples", Ints({1}, {0})},
                                    {"labels", Ints({1}, {2})},
                                    {"lr", Floats({}, {1})}},
                                   {"w_in_read:0", "w_out_read:0"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(testing::FloatValues((*outputs)[0]),
              Pointwise(FloatNear(1e-6), std::vector<float>{static_cast<float>(1 + 2 * g), 0, 0}));
  EXPECT_THAT(testing::FloatValues((*outputs)[1]),
              Pointwise(FloatNear(1e-6), std::vector<float>{0, static_cast<float>(2 + g), 0.5f}));
}

TEST(NegTrainTest, NegativeSampleEqualToTheLabelIsSkipped) {
  // The label is word 1, the only drawable word: only the positive update happens.
  auto outputs = testing::RunGraph(NegTrainGraph("i: 0 i: 1 i: 0", 5),
                                   {{"w_in_init", Floats({3, 1}, {1, 0, 0})},
                                    {"w_out_init", Floats({3, 1}, {0, 0, 0})},
                                    {"examples", Ints({1}, {0})},
                                    {"labels", Ints({1}, {1})},
                                    {"lr", Floats({}, {0.5f})}},
                                   {"w_in_read:0", "w_out_read:0"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(testing::FloatValues((*outputs)[0]), ElementsAre(1, 0, 0));
  EXPECT_THAT(testing::FloatValues((*outputs)[1]), ElementsAre(0, 0.25f, 0));
}

TEST(NegTrainTest, Errors) {
  const std::string attrs =
      "attr { key: 'vocab_count' value { list { i: 1 i: 1 } } } "
      "attr { key: 'num_negative_samples' value { i: 1 } }";
  auto shapes = RunOp("NegTrain",
                      {Floats({2, 1}, {0, 0}), Floats({2, 2}, {0, 0, 0, 0}), Ints({1}, {0}),
                       Ints({1}, {1}), Floats({}, {1})},
                      attrs, 0);
  ASSERT_FALSE(shapes.ok());
  EXPECT_THAT(shapes.status().message(), HasSubstr("w_in.shape == w_out.shape"));
  auto vocab = RunOp("NegTrain",
                     {Floats({3, 1}, {0, 0, 0}), Floats({3, 1}, {0, 0, 0}), Ints({1}, {0}),
                      Ints({1}, {1}), Floats({}, {1})},
                     attrs, 0);
  ASSERT_FALSE(vocab.ok());
  EXPECT_THAT(vocab.status().message(), HasSubstr("vocab_size mismatches"));
  auto range = RunOp("NegTrain",
                     {Floats({2, 1}, {0, 0}), Floats({2, 1}, {0, 0}), Ints({1}, {0}),
                      Ints({1}, {2}), Floats({}, {1})},
                     attrs, 0);
  ASSERT_FALSE(range.ok());
  EXPECT_THAT(range.status().message(), HasSubstr("[0, 2)"));
}

}  // namespace
}  // namespace tfjs::runtime
