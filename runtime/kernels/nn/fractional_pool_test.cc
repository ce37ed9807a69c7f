// Tests for FractionalMaxPool and FractionalAvgPool: the pooling sequences against a plain
// re-derivation of TF's GeneratePoolingSequence on TF's Philox stream (rows, then columns), the
// pooled values against direct loops over the returned regions, and TF's errors.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/random/philox.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using random::Philox;
using ::testing::HasSubstr;
using testing::RunOp;

std::string Attrs(double row_ratio, double col_ratio, bool pseudo_random, bool overlapping,
                  bool deterministic, int64_t seed, int64_t seed2,
                  const std::string& dtype = "DT_FLOAT") {
  return "attr { key: 'T' value { type: " + dtype + " } } " +
         "attr { key: 'pooling_ratio' value { list { f: 1 f: " + std::to_string(row_ratio) +
         " f: " + std::to_string(col_ratio) + " f: 1 } } } " +
         "attr { key: 'pseudo_random' value { b: " + (pseudo_random ? "true" : "false") + " } } " +
         "attr { key: 'overlapping' value { b: " + (overlapping ? "true" : "false") + " } } " +
         "attr { key: 'deterministic' value { b: " + (deterministic ? "true" : "false") +
         " } } attr { key: 'seed' value { i: " + std::to_string(seed) + " } } " +
         "attr { key: 'seed2' value { i: " + std::to_string(seed2) + " } }";
}

// The expected boundaries, drawn from `philox` as TF's fractional_pool_common.cc does.
std::vector<int64_t> ExpectedSequence(int64_t in, int64_t out, bool pseudo_random, Philox& philox) {
  std::vector<int64_t> steps(out);
  if (pseudo_random) {
    Philox local = philox;
    philox.Skip(1);
    const Philox::Block block = local();
    const double alpha = static_cast<double>(in) / out;
    const int64_t k = in / out;
    const double max_u = std::min((k + 2) / alpha - 1, (in + 1 - k) / alpha - (out - 1));
    const double u = random::Uint64ToDouble(block[0], block[1]) * max_u;
    std::vector<int64_t> a(out + 1);
    a[0] = 1;
    a[out] = in + 1;
    for (int64_t i = 1; i < out; ++i) a[i] = static_cast<int64_t>(std::ceil(alpha * (i + u)));
    for (int64_t i = 0; i < out; ++i) steps[i] = a[i + 1] - a[i];
  } else {
    Philox local = philox;
    philox.Skip((out + 3) / 4);
    std::vector<uint32_t> words;
    while (static_cast<int64_t>(words.size()) < out) {
      const Philox::Block block = local();
      words.insert(words.end(), block.begin(), block.end());
    }
    const int64_t k = in / out;
    for (int64_t i = 0; i < out; ++i) steps[i] = i < in % out ? k + 1 : k;
    for (int64_t i = 0; i + 1 < out; ++i) std::swap(steps[i], steps[i + words[i] % (out - i)]);
  }
  std::vector<int64_t> sequence(out + 1, 0);
  for (int64_t i = 0; i < out; ++i) sequence[i + 1] = sequence[i] + steps[i];
  return sequence;
}

std::vector<int64_t> Int64Values(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.data<int64_t>(),
                              tensor.data<int64_t>() + tensor.num_elements());
}

// Max (or mean) over the regions of the returned sequences, for a [1, h, w, 1] input.
std::vector<float> Reference(const std::vector<float>& input, int64_t width,
                             const std::vector<int64_t>& rows, const std::vector<int64_t>& cols,
                             bool overlapping, bool max, int64_t height) {
  std::vector<float> out;
  for (size_t r = 0; r + 1 < rows.size(); ++r) {
    for (size_t c = 0; c + 1 < cols.size(); ++c) {
      const int64_t r_end = std::min(overlapping ? rows[r + 1] : rows[r + 1] - 1, height - 1);
      const int64_t c_end = std::min(overlapping ? cols[c + 1] : cols[c + 1] - 1, width - 1);
      float best = std::numeric_limits<float>::lowest(), sum = 0, count = 0;
      for (int64_t h = rows[r]; h <= r_end; ++h) {
        for (int64_t w = cols[c]; w <= c_end; ++w) {
          best = std::max(best, input[h * width + w]);
          sum += input[h * width + w];
          ++count;
        }
      }
      out.push_back(max ? best : sum / count);
    }
  }
  return out;
}

TEST(FractionalPoolTest, DeterministicSequencesFollowTfsDraws) {
  std::vector<float> input(10 * 7);
  for (size_t i = 0; i < input.size(); ++i) input[i] = std::sin(0.7 * i) * 10;
  const Tensor value = testing::Floats({1, 10, 7, 1}, input);
  for (const char* op : {"FractionalMaxPool", "FractionalAvgPool"}) {
    for (bool pseudo_random : {true, false}) {
      for (bool overlapping : {false, true}) {
        const std::string attrs = Attrs(1.44, 1.73, pseudo_random, overlapping, true, 7, 13);
        auto out = RunOp(op, {value}, attrs, 3);
        ASSERT_TRUE(out.ok()) << out.status();
        Philox philox = Philox::FromSeeds(7, 13);
        const std::vector<int64_t> rows = ExpectedSequence(10, 6, pseudo_random, philox);
        const std::vector<int64_t> cols = ExpectedSequence(7, 4, pseudo_random, philox);
        EXPECT_EQ(Int64Values((*out)[1]), rows) << op << pseudo_random;
        EXPECT_EQ(Int64Values((*out)[2]), cols) << op << pseudo_random;
        EXPECT_EQ(ShapeString((*out)[0].shape()), "[1,6,4,1]");
        const bool max = std::string(op) == "FractionalMaxPool";
        EXPECT_THAT(testing::FloatValues((*out)[0]),
                    ::testing::Pointwise(::testing::FloatNear(1e-5),
                                         Reference(input, 7, rows, cols, overlapping, max, 10)))
            << op << " pseudo_random " << pseudo_random << " overlapping " << overlapping;
        // Deterministic: the same regions on every run.
        auto again = RunOp(op, {value}, attrs, 3);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(Int64Values((*again)[1]), rows);
      }
    }
  }
}

TEST(FractionalPoolTest, RandomRunsGiveValidSequencesAndIntegerAverageTruncates) {
  auto out = RunOp("FractionalMaxPool", {testing::Floats({2, 9, 9, 3}, {})},
                   Attrs(2.0, 1.5, false, false, false, 0, 0), 3);
  ASSERT_TRUE(out.ok()) << out.status();
  for (const auto& [index, size, count] : {std::tuple{1, 9, 4}, std::tuple{2, 9, 6}}) {
    const std::vector<int64_t> sequence = Int64Values((*out)[index]);
    ASSERT_EQ(static_cast<int>(sequence.size()), count + 1);
    EXPECT_EQ(sequence.front(), 0);
    EXPECT_EQ(sequence.back(), size);
    for (int i = 0; i < count; ++i) {
      const int64_t step = sequence[i + 1] - sequence[i];
      EXPECT_TRUE(step == size / count || step == size / count + 1) << step;
    }
  }
  // 2 x 2 int32 input, one region per axis (ratio 2): (1 + 2 + 3 + 5) / 4 truncates to 2.
  Tensor ints = testing::Ints({1, 2, 2, 1}, {1, 2, 3, 5});
  auto average =
      RunOp("FractionalAvgPool", {ints}, Attrs(2.0, 2.0, true, false, true, 1, 1, "DT_INT32"), 3);
  ASSERT_TRUE(average.ok()) << average.status();
  EXPECT_EQ(testing::IntValues((*average)[0]), std::vector<int32_t>{2});
  // The max skips NaN, as Eigen's cwiseMax does.
  auto nan = RunOp("FractionalMaxPool", {testing::Floats({1, 2, 2, 1}, {NAN, 1, -2, NAN})},
                   Attrs(2.0, 2.0, true, false, true, 1, 1), 3);
  ASSERT_TRUE(nan.ok()) << nan.status();
  EXPECT_EQ(testing::FloatValues((*nan)[0]), std::vector<float>{1});
}

TEST(FractionalPoolTest, TfsErrors) {
  const Tensor value = testing::Floats({1, 4, 4, 1}, {});
  auto small = RunOp("FractionalMaxPool", {value}, Attrs(0.5, 2, true, false, true, 1, 1), 3);
  ASSERT_FALSE(small.ok());
  EXPECT_THAT(std::string(small.status().message()), HasSubstr("cannot be smaller than 1"));
  auto seeded = RunOp("FractionalAvgPool", {value}, Attrs(2, 2, true, false, false, 1, 0), 3);
  ASSERT_FALSE(seeded.ok());
  EXPECT_THAT(std::string(seeded.status().message()), HasSubstr("should be 0"));
  auto large = RunOp("FractionalMaxPool", {value}, Attrs(5, 2, true, false, true, 1, 1), 3);
  ASSERT_FALSE(large.ok());
  EXPECT_THAT(std::string(large.status().message()), HasSubstr("Pooling ratio is higher"));
  auto rank = RunOp("FractionalMaxPool", {testing::Floats({4, 4, 1}, {})},
                    Attrs(2, 2, true, false, true, 1, 1), 3);
  ASSERT_FALSE(rank.ok());
  EXPECT_THAT(std::string(rank.status().message()), HasSubstr("4-dimensional"));
  auto channel = RunOp("FractionalMaxPool", {value},
                       "attr { key: 'pooling_ratio' value { list { f: 1 f: 2 f: 2 f: 2 } } } "
                       "attr { key: 'deterministic' value { b: true } }",
                       3);
  ASSERT_FALSE(channel.ok());
  EXPECT_THAT(std::string(channel.status().message()), HasSubstr("batch nor channel"));
}

}  // namespace
}  // namespace tfjs::runtime
