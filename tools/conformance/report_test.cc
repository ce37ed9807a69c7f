#include "tools/conformance/report.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace tfjs::conformance {
namespace {

CaseResult Result(const std::string& id, CaseStatus status, bool compare = true) {
  CaseResult result;
  result.id = id;
  result.category = "nn";
  result.format = "tf_frozen_model";
  result.compare = compare;
  result.status = status;
  return result;
}

TEST(ReportJsonTest, RoundTrips) {
  CaseResult failing = Result("b", CaseStatus::kFail);
  failing.reason = "compare: y:0: \"quoted\" | piped\nnext line";
  failing.tfjs_status = "known_failure";
  failing.tfjs_reason = "TF.js differs";
  failing.tfjs_plain_status = "fail";
  failing.tfjs_plain_reason = "y:0: dtype int32";
  CaseResult unsupported = Result("c", CaseStatus::kUnsupported);
  unsupported.missing_ops = {"Cholesky", "Lgamma"};
  const std::vector<CaseResult> results = {Result("a", CaseStatus::kPass), failing, unsupported,
                                           Result("d", CaseStatus::kSkipped, false)};
  absl::StatusOr<std::vector<CaseResult>> parsed = ParseReportJson(ReportJson(results), "r");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 4u);
  EXPECT_EQ((*parsed)[0].status, CaseStatus::kPass);
  EXPECT_EQ((*parsed)[1].reason, failing.reason);
  EXPECT_EQ((*parsed)[1].tfjs_status, "known_failure");
  EXPECT_EQ((*parsed)[1].tfjs_reason, "TF.js differs");
  EXPECT_EQ((*parsed)[1].tfjs_plain_status, "fail");
  EXPECT_EQ((*parsed)[1].tfjs_plain_reason, "y:0: dtype int32");
  EXPECT_EQ((*parsed)[2].missing_ops, unsupported.missing_ops);
  EXPECT_EQ((*parsed)[3].status, CaseStatus::kSkipped);
  EXPECT_FALSE((*parsed)[3].compare);
  EXPECT_EQ((*parsed)[3].category, "nn");
}

TEST(ReportJsonTest, RejectsUnknownStatus) {
  absl::StatusOr<std::vector<CaseResult>> parsed =
      ParseReportJson(R"({"cases": [{"id": "x", "status": "great"}]})", "baseline.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("baseline.json"), std::string::npos);
}

TEST(RegressionsTest, PassingOrRunningCasesThatChangeAreRegressions) {
  const std::vector<CaseResult> baseline = {Result("pass_to_fail", CaseStatus::kPass),
                                            Result("pass_to_pass", CaseStatus::kPass),
                                            Result("fail_to_pass", CaseStatus::kFail),
                                            Result("filtered_out", CaseStatus::kPass),
                                            Result("ran_to_fail", CaseStatus::kSkipped, false),
                                            Result("pass_to_unsupported", CaseStatus::kPass)};
  const std::vector<CaseResult> fresh = {
      Result("pass_to_fail", CaseStatus::kFail), Result("pass_to_pass", CaseStatus::kPass),
      Result("fail_to_pass", CaseStatus::kPass), Result("ran_to_fail", CaseStatus::kFail, false),
      Result("pass_to_unsupported", CaseStatus::kUnsupported)};
  EXPECT_EQ(Regressions(baseline, fresh),
            (std::vector<std::string>{"pass_to_fail", "pass_to_unsupported", "ran_to_fail"}));
}

TEST(ReportMarkdownTest, StatesTheGoalAndExplainsFailures) {
  CaseResult failing = Result("broken_case", CaseStatus::kFail);
  failing.reason = "run: boom";
  CaseResult unsupported = Result("needs_op", CaseStatus::kUnsupported);
  unsupported.missing_ops = {"Lgamma"};
  const std::string markdown = ReportMarkdown(
      {Result("a", CaseStatus::kPass), Result("b", CaseStatus::kPass), failing, unsupported},
      {{"broken_case", "the kernel rounds the wrong way"}}, "conformance --corpus c");
  EXPECT_NE(markdown.find("**2 / 4 (50.0 %)**"), std::string::npos) << markdown;
  EXPECT_NE(
      markdown.find("| broken_case | nn | yes | run: boom | the kernel rounds the wrong way |"),
      std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("| Lgamma | 1 | needs_op |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("conformance --corpus c"), std::string::npos);
  EXPECT_NE(markdown.find("atol 1e-5"), std::string::npos);
}

TEST(ReportMarkdownTest, ListsCasesTheTfjsRewritesFix) {
  CaseResult fixed = Result("fixed", CaseStatus::kPass);
  fixed.tfjs_status = "pass";
  fixed.tfjs_plain_status = "fail";
  fixed.tfjs_plain_reason = "floordiv:0: dtype int32 where TF gives float32";
  CaseResult always = Result("always", CaseStatus::kPass);
  always.tfjs_status = "pass";
  always.tfjs_plain_status = "pass";
  CaseResult never = Result("never", CaseStatus::kPass);
  never.tfjs_status = "known_failure";
  never.tfjs_plain_status = "fail";
  const std::string markdown = ReportMarkdown({fixed, always, never}, {}, "conformance");
  EXPECT_NE(markdown.find("### Fixed by the TF.js rewrites (1)"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| fixed | floordiv:0: dtype int32 where TF gives float32 |"),
            std::string::npos)
      << markdown;
  EXPECT_EQ(markdown.find("| always |"), std::string::npos) << markdown;
}

TEST(ParseExplanationsTest, ReadsIdsAndTextAndRejectsDuplicates) {
  absl::StatusOr<std::map<std::string, std::string>> parsed =
      ParseExplanations("# comment\ncase_a  why it fails  \n\ncase_b other reason # note\n", "f");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->at("case_a"), "why it fails");
  EXPECT_EQ(parsed->at("case_b"), "other reason");
  EXPECT_FALSE(ParseExplanations("a x\na y\n", "f").ok());
  EXPECT_FALSE(ParseExplanations("lonely_id\n", "f").ok());
}

}  // namespace
}  // namespace tfjs::conformance
