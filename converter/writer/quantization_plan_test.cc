#include "converter/writer/quantization_plan.h"

#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "io/weights_manifest.h"

namespace tfjs::converter {
namespace {

using Plan = std::vector<std::optional<io::QuantizedDType>>;

QuantizationRequest Request(io::QuantizedDType dtype, const std::string& flag,
                            std::optional<std::vector<std::string>> patterns) {
  return QuantizationRequest{dtype, flag, std::move(patterns)};
}

TEST(MatchesNamePatternTest, FnmatchSemantics) {
  EXPECT_TRUE(MatchesNamePattern("conv/1/weights", "conv/*/weights"));
  EXPECT_TRUE(MatchesNamePattern("conv/a/b/weights", "conv/*/weights"));  // '*' spans '/'.
  EXPECT_FALSE(MatchesNamePattern("conv/1/bias", "conv/*/weights"));
  EXPECT_TRUE(MatchesNamePattern("anything", "*"));
  EXPECT_TRUE(MatchesNamePattern("", "*"));
  EXPECT_FALSE(MatchesNamePattern("", "?"));
  EXPECT_TRUE(MatchesNamePattern("w1", "w?"));
  EXPECT_FALSE(MatchesNamePattern("w12", "w?"));
  EXPECT_TRUE(MatchesNamePattern("dense", "dense"));
  EXPECT_FALSE(MatchesNamePattern("dense_1", "dense"));  // Whole-name match.
  EXPECT_FALSE(MatchesNamePattern("Dense", "dense"));    // Case-sensitive.
  EXPECT_TRUE(MatchesNamePattern("a*b", "a*b"));
  EXPECT_TRUE(MatchesNamePattern("aXYZb", "a**b"));
  EXPECT_TRUE(MatchesNamePattern("abcbd", "a*b?"));  // Needs backtracking.
}

TEST(MatchesNamePatternTest, CharacterSets) {
  EXPECT_TRUE(MatchesNamePattern("layer3", "layer[0-4]"));
  EXPECT_FALSE(MatchesNamePattern("layer7", "layer[0-4]"));
  EXPECT_TRUE(MatchesNamePattern("layer7", "layer[!0-4]"));
  EXPECT_FALSE(MatchesNamePattern("layer3", "layer[!0-4]"));
  EXPECT_TRUE(MatchesNamePattern("b", "[abc]"));
  EXPECT_TRUE(MatchesNamePattern("]", "[]a]"));   // ']' first is a member.
  EXPECT_TRUE(MatchesNamePattern("-", "[a-]"));   // Trailing '-' is literal.
  EXPECT_TRUE(MatchesNamePattern("[!]", "[!]"));  // No ']' closes "[!]": all literal...
  EXPECT_FALSE(MatchesNamePattern("!", "[!]"));
  EXPECT_TRUE(MatchesNamePattern("[x", "[x"));    // ...as is any unclosed '['.
  EXPECT_FALSE(MatchesNamePattern("c", "[z-a]"));  // Backward ranges match nothing.
  EXPECT_TRUE(MatchesNamePattern("^", "[^a]"));   // '^' is no negation in fnmatch.
  EXPECT_TRUE(MatchesNamePattern("\\", "[\\]"));  // No escapes.
}

TEST(PlanQuantizationTest, PatternsSelectByName) {
  const std::vector<std::string> names = {"conv/w", "conv/b", "dense/w"};
  absl::StatusOr<Plan> plan = PlanQuantization(
      names, {Request(io::QuantizedDType::kUint8, "--quantize_uint8", {{"*/w"}}),
              Request(io::QuantizedDType::kFloat16, "--quantize_float16", {{"conv/b", "nothing"}})});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(*plan, (Plan{io::QuantizedDType::kUint8, io::QuantizedDType::kFloat16, io::QuantizedDType::kUint8}));
}

TEST(PlanQuantizationTest, BareFlagTakesEveryOtherWeight) {
  const std::vector<std::string> names = {"a", "b", "c"};
  absl::StatusOr<Plan> plan = PlanQuantization(
      names, {Request(io::QuantizedDType::kUint16, "--quantize_uint16", std::nullopt),
              Request(io::QuantizedDType::kUint8, "--quantize_uint8", {{"b"}})});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(*plan, (Plan{io::QuantizedDType::kUint16, io::QuantizedDType::kUint8, io::QuantizedDType::kUint16}));
}

TEST(PlanQuantizationTest, NoRequestsQuantizeNothing) {
  absl::StatusOr<Plan> plan = PlanQuantization(std::vector<std::string>{"a"}, {});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(*plan, Plan{std::nullopt});
}

TEST(PlanQuantizationTest, OverlappingPatternsOfDifferentDtypesFail) {
  const std::vector<std::string> names = {"conv/w", "dense/w"};
  absl::StatusOr<Plan> plan = PlanQuantization(
      names, {Request(io::QuantizedDType::kUint8, "--quantize_uint8", {{"conv/*"}}),
              Request(io::QuantizedDType::kUint16, "--quantize_uint16", {{"*/w"}})});
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("'conv/w'"), std::string::npos) << plan.status();
  EXPECT_NE(plan.status().message().find("--quantize_uint8"), std::string::npos);
  EXPECT_NE(plan.status().message().find("--quantize_uint16"), std::string::npos);
}

TEST(PlanQuantizationTest, TwoPatternsOfOneFlagMayOverlap) {
  absl::StatusOr<Plan> plan = PlanQuantization(
      std::vector<std::string>{"conv/w"},
      {Request(io::QuantizedDType::kUint8, "--quantize_uint8", {{"conv/*", "*/w"}})});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(*plan, Plan{io::QuantizedDType::kUint8});
}

TEST(PlanQuantizationTest, TwoBareFlagsFail) {
  absl::StatusOr<Plan> plan = PlanQuantization(
      std::vector<std::string>{"a"},
      {Request(io::QuantizedDType::kFloat16, "--quantize_float16", std::nullopt),
       Request(io::QuantizedDType::kUint8, "--quantize_uint8", std::nullopt)});
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("--quantize_float16 and --quantize_uint8"),
            std::string::npos);
}

}  // namespace
}  // namespace tfjs::converter
