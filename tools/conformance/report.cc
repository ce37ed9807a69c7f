#include "tools/conformance/report.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "tools/conformance/compare.h"

namespace tfjs::conformance {
namespace {}  // namespace

std::string JsonQuote(absl::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", c);
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

namespace {

// Pipes and newlines would break a Markdown table cell.
std::string Cell(absl::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// Native outcome counts of a group of cases.
struct Counts {
  int cases = 0;
  int compared = 0;  // compare: true
  int pass = 0;
  int fail = 0;
  int unsupported = 0;
  int load_only_ran = 0;  // compare: false and converted, loaded, ran
  int load_only_fail = 0;
  int load_only_unsupported = 0;

  void Add(const CaseResult& result) {
    ++cases;
    if (result.compare) {
      ++compared;
      if (result.status == CaseStatus::kPass) ++pass;
      if (result.status == CaseStatus::kFail) ++fail;
      if (result.status == CaseStatus::kUnsupported) ++unsupported;
    } else {
      if (result.status == CaseStatus::kSkipped) ++load_only_ran;
      if (result.status == CaseStatus::kFail) ++load_only_fail;
      if (result.status == CaseStatus::kUnsupported) ++load_only_unsupported;
    }
  }
};

std::string Percent(int part, int whole) {
  return whole == 0 ? "-" : absl::StrFormat("%.1f %%", 100.0 * part / whole);
}

std::string CountsJson(const Counts& counts) {
  return absl::StrCat("{\"cases\": ", counts.cases, ", \"compare\": ", counts.compared,
                      ", \"pass\": ", counts.pass, ", \"fail\": ", counts.fail,
                      ", \"unsupported\": ", counts.unsupported,
                      ", \"load_only_ran\": ", counts.load_only_ran,
                      ", \"load_only_fail\": ", counts.load_only_fail,
                      ", \"load_only_unsupported\": ", counts.load_only_unsupported, "}");
}

std::string CountsRow(absl::string_view name, const Counts& counts) {
  return absl::StrCat("| ", name, " | ", counts.cases, " | ", counts.compared, " | ", counts.pass,
                      " | ", counts.fail, " | ", counts.unsupported, " | ",
                      Percent(counts.pass, counts.compared), " | ", counts.load_only_ran, " | ",
                      counts.load_only_fail + counts.load_only_unsupported, " |\n");
}

std::string CountsTable(absl::string_view title, const std::map<std::string, Counts>& groups,
                        const Counts& total) {
  std::string out = absl::StrCat(
      "| ", title,
      " | cases | compare | pass | fail | unsupported | pass % of compare | load-only ran | "
      "load-only not run |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& [name, counts] : groups) absl::StrAppend(&out, CountsRow(name, counts));
  absl::StrAppend(&out, CountsRow("**total**", total));
  return out;
}

bool IsGoalCase(const CaseResult& result) {
  return result.compare &&
         (result.format == "tf_frozen_model" || result.format == "tf_saved_model");
}

std::string StringField(const google::protobuf::Struct& object, const std::string& name) {
  auto it = object.fields().find(name);
  return it == object.fields().end() ? "" : it->second.string_value();
}

}  // namespace

std::string ReportJson(const std::vector<CaseResult>& results) {
  Counts goal;
  Counts all;
  for (const CaseResult& result : results) {
    all.Add(result);
    if (IsGoalCase(result)) goal.Add(result);
  }
  std::string out = absl::StrCat("{\n \"comparison\": ", JsonQuote(ComparisonRules()),
                                 ",\n \"summary\": ", CountsJson(all),
                                 ",\n \"goal_cases\": ", CountsJson(goal), ",\n \"cases\": [\n");
  for (size_t i = 0; i < results.size(); ++i) {
    const CaseResult& result = results[i];
    std::vector<std::string> ops;
    for (const std::string& op : result.missing_ops) ops.push_back(JsonQuote(op));
    absl::StrAppend(
        &out, "  {\"id\": ", JsonQuote(result.id), ", \"category\": ", JsonQuote(result.category),
        ", \"format\": ", JsonQuote(result.format),
        ", \"compare\": ", result.compare ? "true" : "false",
        ", \"status\": ", JsonQuote(CaseStatusName(result.status)),
        ", \"reason\": ", JsonQuote(result.reason), ", \"missing_ops\": [",
        absl::StrJoin(ops, ", "), "]", ", \"tfjs_status\": ", JsonQuote(result.tfjs_status),
        ", \"tfjs_reason\": ", JsonQuote(result.tfjs_reason),
        ", \"tfjs_plain_status\": ", JsonQuote(result.tfjs_plain_status),
        ", \"tfjs_plain_reason\": ", JsonQuote(result.tfjs_plain_reason), "}",
        i + 1 < results.size() ? ",\n" : "\n");
  }
  return out + " ]\n}\n";
}

absl::StatusOr<std::vector<CaseResult>> ParseReportJson(absl::string_view json,
                                                        absl::string_view source) {
  google::protobuf::Struct root;
  auto status = google::protobuf::util::JsonStringToMessage(std::string(json), &root);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": ", status.ToString()));
  }
  auto cases = root.fields().find("cases");
  if (cases == root.fields().end()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": no \"cases\" list"));
  }
  std::vector<CaseResult> results;
  for (const auto& value : cases->second.list_value().values()) {
    const google::protobuf::Struct& entry = value.struct_value();
    CaseResult result;
    result.id = StringField(entry, "id");
    result.category = StringField(entry, "category");
    result.format = StringField(entry, "format");
    auto compare = entry.fields().find("compare");
    result.compare = compare != entry.fields().end() && compare->second.bool_value();
    const std::string status_name = StringField(entry, "status");
    if (!ParseCaseStatus(status_name, &result.status)) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ": case ", result.id, " has unknown status '", status_name, "'"));
    }
    result.reason = StringField(entry, "reason");
    if (auto ops = entry.fields().find("missing_ops"); ops != entry.fields().end()) {
      for (const auto& op : ops->second.list_value().values()) {
        result.missing_ops.push_back(op.string_value());
      }
    }
    result.tfjs_status = StringField(entry, "tfjs_status");
    result.tfjs_reason = StringField(entry, "tfjs_reason");
    result.tfjs_plain_status = StringField(entry, "tfjs_plain_status");
    result.tfjs_plain_reason = StringField(entry, "tfjs_plain_reason");
    results.push_back(std::move(result));
  }
  return results;
}

std::string ReportMarkdown(const std::vector<CaseResult>& results,
                           const std::map<std::string, std::string>& explanations,
                           const std::string& command) {
  std::map<std::string, Counts> by_category;
  std::map<std::string, Counts> by_format;
  Counts total;
  Counts goal;
  std::map<std::string, std::vector<std::string>> cases_by_missing_op;
  std::map<std::string, int> tfjs_counts;
  for (const CaseResult& result : results) {
    by_category[result.category].Add(result);
    by_format[result.format].Add(result);
    total.Add(result);
    if (IsGoalCase(result)) goal.Add(result);
    for (const std::string& op : result.missing_ops) cases_by_missing_op[op].push_back(result.id);
    if (!result.tfjs_status.empty()) ++tfjs_counts[result.tfjs_status];
  }
  auto explanation = [&](const std::string& id) {
    auto it = explanations.find(id);
    return it == explanations.end() ? std::string("(not yet explained)") : Cell(it->second);
  };

  std::string out = absl::StrCat(
      "# Conformance on the TensorFlow corpus\n\n"
      "Every frozen-graph and SavedModel case of `../shared/corpus` (Keras cases are not "
      "converted yet), converted in-process by the converter with `--op_target=native`, loaded "
      "from the written `model.json` by `runtime::GraphModel`, run on the case's inputs "
      "(`ExecuteAsync`) and compared with TensorFlow's outputs. Each case runs in its own "
      "process with a 60 s limit, so a crash or hang is that case's failure.\n\n"
      "Generated by `tools/conformance` (do not edit by hand):\n\n```sh\n",
      command,
      "\n```\n\nStatuses: **pass** (every compared output matches), **fail** (conversion, "
      "loading or running failed, or an output differs: the first mismatch is given), "
      "**unsupported** (the graph uses ops with no kernel yet; listed), and for cases without "
      "reference outputs (`compare: false`) **load-only ran** (converted, loaded and ran) or "
      "**load-only not run** (failed or unsupported).\n\n"
      "## Goal (issue 5)\n\n`compare: true` frozen-graph and SavedModel cases passing natively: "
      "**",
      goal.pass, " / ", goal.compared, " (", Percent(goal.pass, goal.compared), ")**; ", goal.fail,
      " fail, ", goal.unsupported, " unsupported (target: at least 97 %).\n\n", "## Comparison\n\n",
      ComparisonRules(), "\n\n## By category\n\n", CountsTable("category", by_category, total),
      "\n## By format\n\n", CountsTable("format", by_format, total));

  std::vector<const CaseResult*> failures;
  std::vector<const CaseResult*> unsupported;
  std::vector<const CaseResult*> tfjs_failures;
  // Pass in TF.js as converted, fail with --tfjs_rewrites=false.
  std::vector<const CaseResult*> fixed_by_rewrites;
  for (const CaseResult& result : results) {
    if (result.tfjs_status == "pass" && result.tfjs_plain_status == "fail") {
      fixed_by_rewrites.push_back(&result);
    }
    if (result.status == CaseStatus::kFail) failures.push_back(&result);
    if (result.status == CaseStatus::kUnsupported) unsupported.push_back(&result);
    if (result.tfjs_status == "fail" || result.tfjs_status == "known_failure") {
      tfjs_failures.push_back(&result);
    }
  }
  absl::StrAppend(&out, "\n## Native failures (", failures.size(), ")\n\n");
  if (failures.empty()) absl::StrAppend(&out, "None.\n");
  if (!failures.empty()) {
    absl::StrAppend(
        &out, "| case | category | compare | reason | explanation |\n|---|---|---|---|---|\n");
  }
  for (const CaseResult* result : failures) {
    absl::StrAppend(&out, "| ", result->id, " | ", result->category, " | ",
                    result->compare ? "yes" : "no", " | ", Cell(result->reason), " | ",
                    explanation(result->id), " |\n");
  }

  std::vector<std::pair<std::string, std::vector<std::string>>> ops(cases_by_missing_op.begin(),
                                                                    cases_by_missing_op.end());
  std::stable_sort(ops.begin(), ops.end(),
                   [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
  absl::StrAppend(&out, "\n## Unsupported: ops without a kernel (", ops.size(), " ops, ",
                  unsupported.size(), " cases)\n\n");
  if (!ops.empty()) absl::StrAppend(&out, "| op | cases | case ids |\n|---|---:|---|\n");
  for (const auto& [op, ids] : ops) {
    absl::StrAppend(&out, "| ", op, " | ", ids.size(), " | ", absl::StrJoin(ids, ", "), " |\n");
  }

  if (!tfjs_counts.empty()) {
    absl::StrAppend(&out,
                    "\n## TF.js 4.22 on the same models (`--tfjs`)\n\n"
                    "Cases whose every op TF.js runs, with reference outputs and dtypes TF.js "
                    "holds, run in real TF.js 4.22 (Node.js, cpu backend) through "
                    "`converter/tests`' harness, compared by its `compare.js` (same rules). "
                    "Known TF.js failures come from `converter/tests/known_failures.txt`.\n\n"
                    "| TF.js status | cases |\n|---|---:|\n");
    for (const auto& [status, count] : tfjs_counts) {
      absl::StrAppend(&out, "| ", status, " | ", count, " |\n");
    }
    absl::StrAppend(&out, "\n### TF.js failures (", tfjs_failures.size(), ")\n\n");
    if (!tfjs_failures.empty()) {
      absl::StrAppend(&out, "| case | native | TF.js | reason |\n|---|---|---|---|\n");
    }
    for (const CaseResult* result : tfjs_failures) {
      absl::StrAppend(&out, "| ", result->id, " | ", CaseStatusName(result->status), " | ",
                      result->tfjs_status, " | ", Cell(result->tfjs_reason), " |\n");
    }
    absl::StrAppend(&out, "\n### Fixed by the TF.js rewrites (", fixed_by_rewrites.size(),
                    ")\n\n"
                    "Cases TF.js runs right as converted (`--op_target=tfjs`, the default) and "
                    "wrong as tensorflowjs_converter writes them (`--tfjs_rewrites=false`); the "
                    "rewrites are in `converter/passes/tfjs_rewrites.h`.\n\n");
    if (!fixed_by_rewrites.empty()) {
      absl::StrAppend(&out, "| case | TF.js with --tfjs_rewrites=false |\n|---|---|\n");
    }
    for (const CaseResult* result : fixed_by_rewrites) {
      absl::StrAppend(&out, "| ", result->id, " | ", Cell(result->tfjs_plain_reason), " |\n");
    }
  }
  return out;
}

absl::StatusOr<std::map<std::string, std::string>> ParseExplanations(absl::string_view text,
                                                                     absl::string_view source) {
  std::map<std::string, std::string> explanations;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (const size_t hash = line.find('#'); hash != absl::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    const size_t space = line.find_first_of(" \t");
    if (space == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line_number, ": want \"<case id> <explanation>\""));
    }
    const std::string id(line.substr(0, space));
    if (!explanations.emplace(id, std::string(absl::StripAsciiWhitespace(line.substr(space))))
             .second) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line_number, ": ", id, " listed twice"));
    }
  }
  return explanations;
}

std::vector<std::string> Regressions(const std::vector<CaseResult>& baseline,
                                     const std::vector<CaseResult>& fresh) {
  std::map<std::string, CaseStatus> now;
  for (const CaseResult& result : fresh) now[result.id] = result.status;
  std::set<std::string> regressed;
  for (const CaseResult& result : baseline) {
    if (result.status != CaseStatus::kPass && result.status != CaseStatus::kSkipped) continue;
    auto it = now.find(result.id);
    if (it != now.end() && it->second != result.status) regressed.insert(result.id);
  }
  return {regressed.begin(), regressed.end()};
}

}  // namespace tfjs::conformance
