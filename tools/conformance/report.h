// The conformance report: JSON (per case status and reason; read back as the CI baseline) and
// Markdown (tables by category and format, the comparison rules, every failure with its reason
// and explanation).
#ifndef TFJS_NATIVE_TOOLS_CONFORMANCE_REPORT_H_
#define TFJS_NATIVE_TOOLS_CONFORMANCE_REPORT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tools/conformance/case_result.h"

namespace tfjs::conformance {

// `text` as a JSON string literal, quotes included.
std::string JsonQuote(absl::string_view text);

// One case per line, in the given order; deterministic for the same results.
std::string ReportJson(const std::vector<CaseResult>& results);
// The cases of a ReportJson text; `source` names it in errors.
absl::StatusOr<std::vector<CaseResult>> ParseReportJson(absl::string_view json,
                                                        absl::string_view source);

// `explanations` maps case ids to why they fail (natively, or in TF.js when the native run
// passes); `command` is the command line that regenerates the report.
std::string ReportMarkdown(const std::vector<CaseResult>& results,
                           const std::map<std::string, std::string>& explanations,
                           const std::string& command);

// "<case id> <text>" per line, '#' starting a comment; errors name the file and line.
absl::StatusOr<std::map<std::string, std::string>> ParseExplanations(absl::string_view text,
                                                                     absl::string_view source);

// Ids of cases that pass natively in `baseline` (or, without reference outputs, ran) and are in
// `fresh` with another status, sorted. Cases missing from `fresh` (filtered out) are not counted.
std::vector<std::string> Regressions(const std::vector<CaseResult>& baseline,
                                     const std::vector<CaseResult>& fresh);

}  // namespace tfjs::conformance

#endif  // TFJS_NATIVE_TOOLS_CONFORMANCE_REPORT_H_
