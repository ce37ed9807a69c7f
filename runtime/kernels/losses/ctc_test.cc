// Tests for CTCLoss, CTCGreedyDecoder and CTCBeamSearchDecoder against brute force: every
// alignment path of a small problem enumerated, collapsed by CTC's rules and summed, which gives
// the exact loss, its gradient and the best labelings.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::MakeTensor;
using testing::RunOp;

Tensor Int64s(Shape shape, std::vector<int64_t> values) {
  return MakeTensor<int64_t>(tensorflow::DT_INT64, std::move(shape), std::move(values));
}
std::vector<int64_t> Int64Values(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.data<int64_t>(),
                              tensor.data<int64_t>() + tensor.num_elements());
}
std::vector<double> DoubleValues(const Tensor& tensor) {
  return std::vector<double>(tensor.data<double>(), tensor.data<double>() + tensor.num_elements());
}

// A [time, 1, classes] problem with its per-frame softmax.
struct Problem {
  int time;
  int classes;
  std::vector<double> logits;
  double Prob(int t, int c) const {
    double sum = 0;
    for (int k = 0; k < classes; ++k) sum += std::exp(logits[t * classes + k]);
    return std::exp(logits[t * classes + c]) / sum;
  }
};

// Calls fn(path, probability) for every alignment path.
template <typename Fn>
void ForEachPath(const Problem& p, Fn fn) {
  std::vector<int> path(p.time, 0);
  while (true) {
    double probability = 1;
    for (int t = 0; t < p.time; ++t) probability *= p.Prob(t, path[t]);
    fn(path, probability);
    int t = p.time - 1;
    while (t >= 0 && ++path[t] == p.classes) path[t--] = 0;
    if (t < 0) return;
  }
}

// CTC's collapse: merge repeats (when asked), then drop blanks (the last class).
std::vector<int> Collapse(const std::vector<int>& path, int blank, bool merge) {
  std::vector<int> out;
  int previous = -1;
  for (int c : path) {
    if (c != blank && !(merge && c == previous)) out.push_back(c);
    previous = c;
  }
  return out;
}

Tensor Logits(const Problem& p) {
  return MakeTensor<double>(tensorflow::DT_DOUBLE, {p.time, 1, p.classes}, p.logits);
}

std::string LossAttrs(bool merge) {
  return std::string("attr { key: 'T' value { type: DT_DOUBLE } } ") +
         "attr { key: 'ctc_merge_repeated' value { b: " + (merge ? "true" : "false") + " } }";
}

TEST(CtcLossTest, MatchesBruteForceLossAndGradient) {
  const Problem p{4, 3, {0.1, 0.5, -0.2, 1.0, 0.3, 0.0, -0.5, 0.2, 0.4, 0.3, -0.1, 0.8}};
  const std::vector<int> label = {0, 0};  // a repeat needs a blank between
  for (bool merge : {true, false}) {
    double total = 0;
    std::vector<double> occupancy(p.time * p.classes, 0.0);
    ForEachPath(p, [&](const std::vector<int>& path, double probability) {
      if (Collapse(path, p.classes - 1, merge) != label) return;
      total += probability;
      for (int t = 0; t < p.time; ++t) occupancy[t * p.classes + path[t]] += probability;
    });
    auto out = RunOp("CTCLoss",
                     {Logits(p), Int64s({2, 2}, {0, 0, 0, 1}),
                      testing::Ints({2}, {label.begin(), label.end()}), testing::Ints({1}, {4})},
                     LossAttrs(merge), 2);
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_NEAR(DoubleValues((*out)[0])[0], -std::log(total), 1e-12) << merge;
    const std::vector<double> gradient = DoubleValues((*out)[1]);
    for (int t = 0; t < p.time; ++t) {
      for (int c = 0; c < p.classes; ++c) {
        EXPECT_NEAR(gradient[t * p.classes + c],
                    p.Prob(t, c) - occupancy[t * p.classes + c] / total, 1e-12)
            << "merge " << merge << " t " << t << " c " << c;
      }
    }
  }
}

TEST(CtcLossTest, BatchesLengthsCollapsingAndIgnoredSequences) {
  // Batch of 2 over 2 frames of 2 classes (label 0, blank 1), uniform logits: entry 0 has label
  // [0] ("00", "0-", "-0": p = 3/4); entry 1 has sequence length 1 and labels [0, 0].
  const Tensor logits =
      MakeTensor<double>(tensorflow::DT_DOUBLE, {2, 2, 2}, {0, 0, 0, 0, 0, 0, 0, 0});
  const Tensor indices = Int64s({3, 2}, {0, 0, 1, 0, 1, 1});
  const Tensor values = testing::Ints({3}, {0, 0, 0});
  const Tensor lengths = testing::Ints({2}, {2, 1});
  auto too_short = RunOp("CTCLoss", {logits, indices, values, lengths}, LossAttrs(true), 2);
  ASSERT_FALSE(too_short.ok());
  EXPECT_THAT(std::string(too_short.status().message()), HasSubstr("Not enough time"));
  // Ignoring longer outputs: entry 1 gets loss 0 and gradient 0.
  auto ignored = RunOp("CTCLoss", {logits, indices, values, lengths},
                       LossAttrs(true) +
                           " attr { key: 'ignore_longer_outputs_than_inputs' "
                           "value { b: true } }",
                       2);
  ASSERT_TRUE(ignored.ok()) << ignored.status();
  EXPECT_THAT(DoubleValues((*ignored)[0]),
              ::testing::Pointwise(::testing::DoubleNear(1e-12),
                                   std::vector<double>{std::log(4.0 / 3), 0.0}));
  EXPECT_THAT(DoubleValues((*ignored)[1]),
              ::testing::Pointwise(::testing::DoubleNear(1e-12),
                                   std::vector<double>{0.5 - 2.0 / 3, 0.5 - 1.0 / 3, 0, 0,
                                                       0.5 - 2.0 / 3, 0.5 - 1.0 / 3, 0, 0}));
  // preprocess_collapse_repeated turns entry 1's [0, 0] into [0], which one frame can emit.
  auto collapsed = RunOp("CTCLoss", {logits, indices, values, testing::Ints({2}, {2, 2})},
                         LossAttrs(true) +
                             " attr { key: 'preprocess_collapse_repeated' "
                             "value { b: true } }",
                         2);
  ASSERT_TRUE(collapsed.ok()) << collapsed.status();
  EXPECT_NEAR(DoubleValues((*collapsed)[0])[1], std::log(4.0 / 3), 1e-12);
}

TEST(CtcLossTest, FloatAndBadInputs) {
  // One frame, uniform over (label 0, blank): p("0") = 1/2.
  auto out = RunOp("CTCLoss",
                   {testing::Floats({1, 1, 2}, {0, 0}), Int64s({1, 2}, {0, 0}),
                    testing::Ints({1}, {0}), testing::Ints({1}, {1})},
                   "", 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_NEAR(testing::FloatValues((*out)[0])[0], std::log(2.0f), 1e-6);
  EXPECT_THAT(testing::FloatValues((*out)[1]), ElementsAre(-0.5f, 0.5f));
  const Tensor logits = testing::Floats({1, 1, 3}, {0, 0, 0});
  auto unordered = RunOp(
      "CTCLoss",
      {logits, Int64s({2, 2}, {0, 1, 0, 0}), testing::Ints({2}, {0, 1}), testing::Ints({1}, {1})},
      "", 2);
  ASSERT_FALSE(unordered.ok());
  EXPECT_THAT(std::string(unordered.status().message()), HasSubstr("out of order"));
  auto batch = RunOp(
      "CTCLoss", {logits, Int64s({1, 2}, {3, 0}), testing::Ints({1}, {0}), testing::Ints({1}, {1})},
      "", 2);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(std::string(batch.status().message()), HasSubstr("out of bounds"));
  auto negative = RunOp(
      "CTCLoss",
      {logits, Int64s({1, 2}, {0, 0}), testing::Ints({1}, {-1}), testing::Ints({1}, {1})}, "", 2);
  ASSERT_FALSE(negative.ok());
  EXPECT_THAT(std::string(negative.status().message()), HasSubstr("nonnegative"));
  // A label after a blank-or-above label.
  auto after_null = RunOp(
      "CTCLoss",
      {logits, Int64s({2, 2}, {0, 0, 0, 1}), testing::Ints({2}, {2, 0}), testing::Ints({1}, {1})},
      "", 2);
  ASSERT_FALSE(after_null.ok());
  EXPECT_THAT(std::string(after_null.status().message()), HasSubstr("non-null label"));
  auto long_sequence = RunOp(
      "CTCLoss", {logits, Int64s({1, 2}, {0, 0}), testing::Ints({1}, {0}), testing::Ints({1}, {2})},
      "", 2);
  ASSERT_FALSE(long_sequence.ok());
  EXPECT_THAT(std::string(long_sequence.status().message()), HasSubstr("sequence_length(0)"));
  EXPECT_FALSE(RunOp("CTCLoss",
                     {testing::Floats({1, 2}, {0, 0}), Int64s({1, 2}, {0, 0}),
                      testing::Ints({1}, {0}), testing::Ints({1}, {1})},
                     "", 2)
                   .ok());
}

std::string DecoderAttrs(bool merge, const std::string& extra = "") {
  return std::string("attr { key: 'T' value { type: DT_DOUBLE } } ") +
         "attr { key: 'merge_repeated' value { b: " + (merge ? "true" : "false") + " } } " + extra;
}

TEST(CtcGreedyDecoderTest, ArgmaxBlanksAndRepeats) {
  // Frames' argmax: 0, 0, 2 (blank), 1, 1; batch entry 1 has length 2.
  const std::vector<double> frames = {3, 1, 0, 2, 1, 0, 0, 1, 5, 0, 4, 1, 0, 2, 1};
  std::vector<double> logits;
  for (int t = 0; t < 5; ++t) {
    for (int b = 0; b < 2; ++b)
      logits.insert(logits.end(), frames.begin() + 3 * t, frames.begin() + 3 * t + 3);
  }
  const Tensor input = MakeTensor<double>(tensorflow::DT_DOUBLE, {5, 2, 3}, logits);
  for (bool merge : {false, true}) {
    auto out =
        RunOp("CTCGreedyDecoder", {input, testing::Ints({2}, {5, 2})}, DecoderAttrs(merge), 4);
    ASSERT_TRUE(out.ok()) << out.status();
    if (merge) {
      EXPECT_THAT(Int64Values((*out)[1]), ElementsAre(0, 1, 0));
      EXPECT_THAT(Int64Values((*out)[0]), ElementsAre(0, 0, 0, 1, 1, 0));
    } else {
      EXPECT_THAT(Int64Values((*out)[1]), ElementsAre(0, 0, 1, 1, 0, 0));
      EXPECT_THAT(Int64Values((*out)[2]), ElementsAre(2, 4));
    }
    EXPECT_THAT(DoubleValues((*out)[3]), ElementsAre(-(3 + 2 + 5 + 4 + 2), -(3 + 2)));
  }
  // blank_index 0: class 0 is the blank.
  auto first_blank = RunOp("CTCGreedyDecoder", {input, testing::Ints({2}, {5, 2})},
                           DecoderAttrs(true, "attr { key: 'blank_index' value { i: 0 } }"), 4);
  ASSERT_TRUE(first_blank.ok()) << first_blank.status();
  EXPECT_THAT(Int64Values((*first_blank)[1]), ElementsAre(2, 1));
  EXPECT_FALSE(RunOp("CTCGreedyDecoder", {input, testing::Ints({2}, {5, 2})},
                     DecoderAttrs(true, "attr { key: 'blank_index' value { i: 3 } }"), 4)
                   .ok());
  auto long_sequence =
      RunOp("CTCGreedyDecoder", {input, testing::Ints({2}, {6, 2})}, DecoderAttrs(true), 4);
  ASSERT_FALSE(long_sequence.ok());
  EXPECT_THAT(std::string(long_sequence.status().message()), HasSubstr("sequence_length(0) <= 5"));
  EXPECT_FALSE(
      RunOp("CTCGreedyDecoder", {input, testing::Ints({3}, {1, 1, 1})}, DecoderAttrs(true), 4)
          .ok());
}

TEST(CtcBeamSearchDecoderTest, WideBeamFindsTheMostProbableLabelings) {
  const Problem p{4, 3, {0.1, 0.5, -0.2, 1.0, 0.3, 0.0, -0.5, 0.2, 0.4, 0.3, -0.1, 0.8}};
  std::map<std::vector<int>, double> labelings;
  ForEachPath(p, [&](const std::vector<int>& path, double probability) {
    labelings[Collapse(path, p.classes - 1, true)] += probability;
  });
  std::vector<std::pair<double, std::vector<int>>> ranked;
  for (const auto& [labels, probability] : labelings) ranked.push_back({probability, labels});
  std::sort(ranked.rbegin(), ranked.rend());
  // Width 100 keeps every prefix, so the beam's probabilities are exact.
  auto out = RunOp("CTCBeamSearchDecoder", {Logits(p), testing::Ints({1}, {4})},
                   DecoderAttrs(false,
                                "attr { key: 'beam_width' value { i: 100 } } "
                                "attr { key: 'top_paths' value { i: 3 } }"),
                   10);
  ASSERT_TRUE(out.ok()) << out.status();
  const std::vector<double> log_probs = DoubleValues((*out)[9]);
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(log_probs[k], std::log(ranked[k].first), 1e-12) << k;
    const std::vector<int64_t> values = Int64Values((*out)[3 + k]);
    EXPECT_EQ(std::vector<int>(values.begin(), values.end()), ranked[k].second) << k;
  }
}

TEST(CtcBeamSearchDecoderTest, MergeRepeatedCollapsesTheReadOutPath) {
  // Frames favouring 0, blank, 0: the best labeling is [0, 0], read out as [0] when merging.
  const Tensor input = MakeTensor<double>(tensorflow::DT_DOUBLE, {3, 1, 2}, {5, 0, 0, 5, 5, 0});
  auto merged = RunOp("CTCBeamSearchDecoder", {input, testing::Ints({1}, {3})},
                      DecoderAttrs(true, "attr { key: 'beam_width' value { i: 4 } }"), 4);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_THAT(Int64Values((*merged)[1]), ElementsAre(0));
  auto unmerged = RunOp("CTCBeamSearchDecoder", {input, testing::Ints({1}, {3})},
                        DecoderAttrs(false, "attr { key: 'beam_width' value { i: 4 } }"), 4);
  ASSERT_TRUE(unmerged.ok()) << unmerged.status();
  EXPECT_THAT(Int64Values((*unmerged)[1]), ElementsAre(0, 0));
  EXPECT_EQ(DoubleValues((*merged)[3]), DoubleValues((*unmerged)[3]));
  // A zero-length sequence has only the empty path: asking for two fails as in TF.
  auto empty = RunOp("CTCBeamSearchDecoder", {input, testing::Ints({1}, {0})},
                     DecoderAttrs(true,
                                  "attr { key: 'beam_width' value { i: 4 } } "
                                  "attr { key: 'top_paths' value { i: 2 } }"),
                     7);
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(std::string(empty.status().message()), HasSubstr("Less leaves"));
  EXPECT_FALSE(RunOp("CTCBeamSearchDecoder", {input, testing::Ints({1}, {3})},
                     DecoderAttrs(true,
                                  "attr { key: 'beam_width' value { i: 1 } } "
                                  "attr { key: 'top_paths' value { i: 2 } }"),
                     7)
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime
