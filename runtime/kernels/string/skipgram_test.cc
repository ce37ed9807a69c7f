// Tests for Skipgram: the vocabulary, counts and epoch size are exact; the random (word, context)
// pairs are checked to be words within window_size of each other in the corpus.
#include <cstdio>
#include <fstream>
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
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

std::string WriteCorpus(const std::string& text) {
  const std::string path = ::testing::TempDir() + "/skipgram_corpus.txt";
  std::ofstream(path) << text;
  return path;
}

std::string Attrs(const std::string& path, int batch, int window, int min_count) {
  return "attr { key: \"filename\" value { s: \"" + path + "\" } }" +
         "attr { key: \"batch_size\" value { i: " + std::to_string(batch) + " } }" +
         "attr { key: \"window_size\" value { i: " + std::to_string(window) + " } }" +
         "attr { key: \"min_count\" value { i: " + std::to_string(min_count) + " } }" +
         "attr { key: \"subsample\" value { f: 0 } }";
}

TEST(SkipgramTest, VocabularyAndWindowedPairs) {
  // 20 words: a x8, b x6, c x4, d x2.
  const std::string text = "a b a c a b d a b c\n a b a c a b d a b c";
  const std::string path = WriteCorpus(text);
  auto out = RunOp("Skipgram", {}, Attrs(path, 50, 2, 3), 7);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].strings(), ElementsAre("UNK", "a", "b", "c"));
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(2, 8, 6, 4));
  EXPECT_EQ((*out)[2].data<int64_t>()[0], 20);
  // Every pair is two corpus words at most 2 apart (the corpus read cyclically, d as UNK 0).
  const std::vector<int> ids = {1, 2, 1, 3, 1, 2, 0, 1, 2, 3};
  std::set<std::pair<int, int>> near;
  for (int i = 0; i < 20; ++i) {
    for (int d = 1; d <= 2; ++d) {
      near.insert({ids[i % 10], ids[(i + d) % 10]});
      near.insert({ids[(i + d) % 10], ids[i % 10]});
    }
  }
  const std::vector<int32_t> examples = IntValues((*out)[5]);
  const std::vector<int32_t> labels = IntValues((*out)[6]);
  ASSERT_EQ(examples.size(), 50u);
  for (size_t i = 0; i < examples.size(); ++i) {
    EXPECT_TRUE(near.count({examples[i], labels[i]})) << examples[i] << " " << labels[i];
  }
  EXPECT_THAT(Message(RunOp("Skipgram", {}, Attrs(path, 5, 5, 1), 7)),
              HasSubstr("contains too little data: 20 words"));
  EXPECT_THAT(Message(RunOp("Skipgram", {}, Attrs("/no/such/file", 5, 1, 1), 7)),
              HasSubstr("Could not read"));
}

}  // namespace
}  // namespace tfjs::runtime
