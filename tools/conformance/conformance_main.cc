// conformance: converts, runs and checks every frozen-graph and SavedModel case of the
// TensorFlow corpus natively (optionally also in real TF.js), and writes the report.
//
//   conformance --corpus DIR [--filter REGEX] [--report FILE.json] [--markdown FILE.md]
//               [--tfjs] [--baseline FILE.json] [--explanations FILE] [--jobs N]
//               [--timeout_seconds N] [--work_dir DIR]
//
// Exit status: 0 when the run completed (and, with --baseline, no case that passes there
// regressed), 1 on regressions or errors, 2 on bad usage.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "converter/readers/corpus_case.h"
#include "converter/readers/proto_file.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "io/paths.h"
#include "tools/conformance/case_runner.h"
#include "tools/conformance/isolated_runs.h"
#include "tools/command_line.h"
#include "tools/conformance/report.h"

namespace tfjs::conformance {
namespace {

namespace fs = std::filesystem;
using converter::testing::CorpusCase;

constexpr char kUsage[] =
    "usage: conformance --corpus DIR [--filter REGEX] [--report FILE.json] [--markdown FILE.md]\n"
    "                   [--tfjs] [--baseline FILE.json] [--explanations FILE] [--jobs N]\n"
    "                   [--timeout_seconds N] [--work_dir DIR]\n"
    "Converts, runs and checks every frozen-graph and SavedModel case of the corpus natively\n"
    "(--tfjs: in TF.js 4.22 too) and writes the report. Exit status 1 also when a case passing\n"
    "in --baseline no longer does.\n"
    "  --corpus           the corpus directory (../shared/corpus)\n"
    "  --filter           only cases whose name matches this regular expression\n"
    "  --report           the JSON report to write\n"
    "  --markdown         the Markdown report to write\n"
    "  --baseline         an earlier JSON report: fail when a case passing there fails now\n"
    "  --explanations     why cases fail (default tools/conformance/explanations.txt)\n"
    "  --jobs             cases run at once, default 2\n"
    "  --timeout_seconds  per case, default 60\n"
    "  --tfjs             also run the models in TF.js 4.22 (Node.js)\n"
    "  --work_dir         where converted models go (default: a temporary directory)\n";

struct Flags {
  bool help = false;
  std::string corpus;
  std::string filter;
  std::string report;
  std::string markdown;
  bool tfjs = false;
  std::string baseline;
  std::string explanations;
  int jobs = 2;
  int timeout_seconds = 60;
  std::string work_dir;
  std::string command;  // how the report says it was made
};

// How the report's command line gives a path flag's value: relative to the workspace when
// `bazel run` says where that is (the same command then works in any clone), else as given.
std::string RecordedPath(const std::string& path) {
  const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY");
  if (workspace == nullptr || path.empty()) return path;
  const fs::path absolute = fs::path(io::CallerPath(path)).lexically_normal();
  if (!absolute.is_absolute()) return path;
  const fs::path relative = absolute.lexically_relative(fs::path(workspace).lexically_normal());
  return relative.empty() ? path : relative.string();
}

std::string RunfilesDir(const char* argv0) {
  if (const char* dir = std::getenv("RUNFILES_DIR")) return dir;
  const std::string beside = std::string(argv0) + ".runfiles";
  std::error_code error;
  if (fs::is_directory(beside, error)) return beside;
  return fs::current_path(error).parent_path().string();
}

absl::StatusOr<Flags> ParseFlags(int argc, char** argv, const std::string& runfiles) {
  Flags flags;
  flags.explanations = runfiles + "/tfjs_native/tools/conformance/explanations.txt";
  std::vector<std::string> words = {"tools/bazel run //tools:conformance --"};
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (tools::IsHelpFlag(arg)) {
      flags.help = true;
      return flags;
    }
    if (arg == "--tfjs") {
      flags.tfjs = true;
      words.push_back("--tfjs");
      continue;
    }
    std::string name(arg);
    std::string value;
    if (const size_t eq = arg.find('='); eq != absl::string_view::npos) {
      name = std::string(arg.substr(0, eq));
      value = std::string(arg.substr(eq + 1));
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat(arg, " needs a value"));
    }
    if (name == "--corpus") {
      flags.corpus = io::CallerPath(value);
    } else if (name == "--filter") {
      flags.filter = value;
    } else if (name == "--report") {
      flags.report = io::CallerPath(value);
    } else if (name == "--markdown") {
      flags.markdown = io::CallerPath(value);
    } else if (name == "--baseline") {
      flags.baseline = io::CallerPath(value);
    } else if (name == "--explanations") {
      flags.explanations = io::CallerPath(value);
    } else if (name == "--work_dir") {
      flags.work_dir = io::CallerPath(value);
    } else if (name == "--jobs") {
      if (!absl::SimpleAtoi(value, &flags.jobs) || flags.jobs < 1) {
        return absl::InvalidArgumentError("--jobs wants a positive count");
      }
    } else if (name == "--timeout_seconds") {
      if (!absl::SimpleAtoi(value, &flags.timeout_seconds) || flags.timeout_seconds < 1) {
        return absl::InvalidArgumentError("--timeout_seconds wants a positive count");
      }
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument ", arg));
    }
    if (name == "--corpus" || name == "--report" || name == "--markdown" ||
        name == "--explanations") {
      words.push_back(absl::StrCat(name, " ", RecordedPath(value)));
    } else if (name != "--work_dir" && name != "--jobs" && name != "--baseline") {
      words.push_back(absl::StrCat(name, " ", value));
    }
  }
  if (flags.corpus.empty()) return absl::InvalidArgumentError("--corpus is required");
  try {
    std::regex check(flags.filter);
  } catch (const std::regex_error& error) {
    return absl::InvalidArgumentError(
        absl::StrCat("--filter '", flags.filter, "': ", error.what()));
  }
  flags.command = absl::StrJoin(words, " ");
  return flags;
}

absl::Status WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream file(path, std::ios::binary);
  file << contents;
  file.close();
  return file ? absl::OkStatus() : absl::InternalError(absl::StrCat("cannot write ", path));
}

// The corpus's non-Keras cases (index.json order), restricted to ids matching `filter`.
absl::StatusOr<std::vector<CorpusCase>> ListCases(const std::string& corpus,
                                                  const std::string& filter) {
  const std::string index_path = corpus + "/index.json";
  absl::StatusOr<std::string> index_json = converter::ReadFileToString(index_path);
  if (!index_json.ok()) return index_json.status();
  google::protobuf::ListValue index;
  auto status = google::protobuf::util::JsonStringToMessage(*index_json, &index);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(index_path, ": ", status.ToString()));
  }
  const std::regex pattern(filter);
  std::vector<CorpusCase> cases;
  for (const auto& entry : index.values()) {
    const auto& fields = entry.struct_value().fields();
    auto field = [&](const char* name) {
      auto it = fields.find(name);
      return it == fields.end() ? std::string() : it->second.string_value();
    };
    if (field("format") == "keras") continue;
    if (!filter.empty() && !std::regex_search(field("id"), pattern)) continue;
    absl::StatusOr<CorpusCase> corpus_case = converter::testing::ReadCase(
        absl::StrCat(corpus, "/", field("category"), "/", field("id")));
    if (!corpus_case.ok()) return corpus_case.status();
    cases.push_back(*std::move(corpus_case));
  }
  return cases;
}

// Runs every case in its own child process; a crash or a timeout is that case's failure.
std::vector<CaseResult> RunNative(const std::vector<CorpusCase>& cases, const Flags& flags) {
  std::vector<CaseResult> results(cases.size());
  IsolatedRunOptions options;
  options.parallel = flags.jobs;
  options.timeout = absl::Seconds(flags.timeout_seconds);
  int finished = 0;
  RunIsolated(
      static_cast<int>(cases.size()),
      [&](int i) {
        return ReportJson({RunCase(cases[i], absl::StrCat(flags.work_dir, "/", i, "/model"))});
      },
      [&](int i, absl::StatusOr<std::string> output) {
        CaseResult& result = results[i];
        absl::StatusOr<std::vector<CaseResult>> parsed =
            output.ok() ? ParseReportJson(*output, cases[i].id) : output.status();
        if (parsed.ok() && parsed->size() == 1) {
          result = parsed->front();
        } else {
          result.id = cases[i].id;
          result.category = cases[i].category;
          result.format = cases[i].format;
          result.compare = cases[i].compare;
          result.status = CaseStatus::kFail;
          result.reason =
              absl::StrCat("run: ", parsed.ok() ? "no result" : parsed.status().message());
        }
        ++finished;
        std::printf("[%d/%zu] %-11s %s%s%s\n", finished, cases.size(),
                    CaseStatusName(result.status), result.id.c_str(),
                    result.status == CaseStatus::kFail ? ": " : "",
                    result.status == CaseStatus::kFail ? result.reason.c_str() : "");
        std::fflush(stdout);
      },
      options);
  return results;
}

// Converts every case again for TF.js (--op_target=tfjs, as TF.js users convert; and with
// --tfjs_rewrites=false, tensorflowjs_converter's graph), runs those models in TF.js through
// tfjs_conformance.js and records its outcomes.
absl::Status RunTfjs(const std::vector<CorpusCase>& cases, const std::string& runfiles,
                     const Flags& flags, std::vector<CaseResult>& results) {
  // Per case: the conversion errors with and without the TF.js rewrites.
  std::vector<std::string> convert_errors(cases.size()), plain_convert_errors(cases.size());
  auto model_dir = [&](size_t i, bool rewrites) {
    return absl::StrCat(flags.work_dir, "/", i, rewrites ? "/tfjs_model" : "/tfjs_plain_model");
  };
  IsolatedRunOptions options;
  options.parallel = flags.jobs;
  options.timeout = absl::Seconds(flags.timeout_seconds);
  for (bool rewrites : {true, false}) {
    std::vector<std::string>& errors = rewrites ? convert_errors : plain_convert_errors;
    RunIsolated(
        static_cast<int>(cases.size()),
        [&](int i) {
          absl::Status status =
              ConvertCase(cases[i], model_dir(i, rewrites), converter::OpTarget::kTfjs, rewrites);
          return status.ok() ? std::string() : std::string(status.message());
        },
        [&](int i, absl::StatusOr<std::string> error) {
          errors[i] = error.ok() ? *error : std::string(error.status().message());
        },
        options);
  }
  std::string list = "[";
  for (size_t i = 0; i < cases.size(); ++i) {
    absl::StrAppend(&list, i ? ",\n" : "", "{\"dir\": ", JsonQuote(cases[i].dir),
                    ", \"model_json\": ", JsonQuote(model_dir(i, true) + "/model.json"),
                    ", \"convert_error\": ", JsonQuote(convert_errors[i]),
                    ", \"plain_model_json\": ", JsonQuote(model_dir(i, false) + "/model.json"),
                    ", \"plain_convert_error\": ", JsonQuote(plain_convert_errors[i]), "}");
  }
  list += "]";
  const std::string tfjs_dir = flags.work_dir + "/tfjs";
  std::error_code error;
  fs::create_directories(tfjs_dir, error);
  if (error) return absl::InternalError(absl::StrCat(tfjs_dir, ": ", error.message()));
  const std::string list_path = tfjs_dir + "/cases.json";
  const std::string out_path = tfjs_dir + "/outcomes.json";
  if (absl::Status status = WriteFile(list_path, list); !status.ok()) return status;
  const std::string main = runfiles + "/tfjs_native";
  const std::vector<std::string> args = {
      runfiles + "/npm/node",
      main + "/tools/conformance/tfjs_conformance.js",
      "--cases=" + list_path,
      "--runner=" + main + "/tools/tfjs/run_graph_models.js",
      "--node_modules=" + runfiles + "/npm/node_modules",
      "--known_failures=" + main + "/converter/tests/known_failures.txt",
      "--work_dir=" + tfjs_dir,
      "--out=" + out_path,
  };
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    std::perror(argv[0]);
    _exit(127);
  }
  int wait_status = 0;
  if (pid < 0 || waitpid(pid, &wait_status, 0) < 0 || !WIFEXITED(wait_status) ||
      WEXITSTATUS(wait_status) != 0) {
    return absl::InternalError(absl::StrCat("the TF.js run (", args[1], ") failed"));
  }
  absl::StatusOr<std::string> text = converter::ReadFileToString(out_path);
  if (!text.ok()) return text.status();
  google::protobuf::Struct outcomes;
  if (auto status = google::protobuf::util::JsonStringToMessage(*text, &outcomes); !status.ok()) {
    return absl::InternalError(absl::StrCat(out_path, ": ", status.ToString()));
  }
  for (CaseResult& result : results) {
    auto it = outcomes.fields().find(result.id);
    if (it == outcomes.fields().end()) continue;
    const auto& fields = it->second.struct_value().fields();
    if (auto status = fields.find("status"); status != fields.end()) {
      result.tfjs_status = status->second.string_value();
    }
    if (auto reason = fields.find("reason"); reason != fields.end()) {
      result.tfjs_reason = reason->second.string_value();
    }
    if (auto plain = fields.find("without_rewrites"); plain != fields.end()) {
      const auto& plain_fields = plain->second.struct_value().fields();
      if (auto status = plain_fields.find("status"); status != plain_fields.end()) {
        result.tfjs_plain_status = status->second.string_value();
      }
      if (auto reason = plain_fields.find("reason"); reason != plain_fields.end()) {
        result.tfjs_plain_reason = reason->second.string_value();
      }
    }
  }
  return absl::OkStatus();
}

int Main(int argc, char** argv) {
  const std::string runfiles = RunfilesDir(argv[0]);
  absl::StatusOr<Flags> parsed = ParseFlags(argc, argv, runfiles);
  if (!parsed.ok()) {
    std::fprintf(stderr, "error: %s\n%s", std::string(parsed.status().message()).c_str(), kUsage);
    return tools::kExitUsage;
  }
  if (parsed->help) {
    std::printf("%s%s", kUsage, tools::kExitStatusHelp);
    return 0;
  }
  Flags flags = *std::move(parsed);
  const bool own_work_dir = flags.work_dir.empty();
  if (own_work_dir) {
    char work_template[] = "/tmp/conformance-XXXXXX";
    if (mkdtemp(work_template) == nullptr) {
      std::perror("mkdtemp");
      return 1;
    }
    flags.work_dir = work_template;
  }
  auto fail = [&](const absl::Status& status) {
    std::fprintf(stderr, "error: %s\n", std::string(status.message()).c_str());
    return 1;
  };

  absl::StatusOr<std::string> explanations_text = converter::ReadFileToString(flags.explanations);
  if (!explanations_text.ok()) return fail(explanations_text.status());
  absl::StatusOr<std::map<std::string, std::string>> explanations =
      ParseExplanations(*explanations_text, flags.explanations);
  if (!explanations.ok()) return fail(explanations.status());
  absl::StatusOr<std::vector<CorpusCase>> cases = ListCases(flags.corpus, flags.filter);
  if (!cases.ok()) return fail(cases.status());

  const absl::Time started = absl::Now();
  std::vector<CaseResult> results = RunNative(*cases, flags);
  std::printf("ran %zu cases natively in %.1f s\n", cases->size(),
              absl::ToDoubleSeconds(absl::Now() - started));
  if (flags.tfjs) {
    if (absl::Status status = RunTfjs(*cases, runfiles, flags, results); !status.ok()) {
      return fail(status);
    }
  }
  if (own_work_dir) {
    std::error_code error;
    fs::remove_all(flags.work_dir, error);
  }

  // Reasons name files; the report should not depend on where the corpus and work dir were.
  for (CaseResult& result : results) {
    for (std::string* text : {&result.reason, &result.tfjs_reason}) {
      *text = absl::StrReplaceAll(*text, {{flags.work_dir, "<work>"}, {flags.corpus, "<corpus>"}});
    }
  }
  const std::string json = ReportJson(results);
  std::map<std::string, int> counts;
  for (const CaseResult& result : results) ++counts[CaseStatusName(result.status)];
  std::string summary;
  for (const auto& [status, count] : counts) absl::StrAppend(&summary, " ", status, " ", count);
  std::printf("totals:%s\n", summary.c_str());
  if (!flags.report.empty()) {
    if (absl::Status status = WriteFile(flags.report, json); !status.ok()) return fail(status);
  }
  if (!flags.markdown.empty()) {
    absl::Status status =
        WriteFile(flags.markdown, ReportMarkdown(results, *explanations, flags.command));
    if (!status.ok()) return fail(status);
  }
  if (!flags.baseline.empty()) {
    absl::StatusOr<std::string> text = converter::ReadFileToString(flags.baseline);
    if (!text.ok()) return fail(text.status());
    absl::StatusOr<std::vector<CaseResult>> baseline = ParseReportJson(*text, flags.baseline);
    if (!baseline.ok()) return fail(baseline.status());
    const std::vector<std::string> regressed = Regressions(*baseline, results);
    for (const std::string& id : regressed) {
      for (const CaseResult& result : results) {
        if (result.id == id) {
          std::printf("REGRESSION %s: %s %s\n", id.c_str(), CaseStatusName(result.status),
                      result.reason.c_str());
        }
      }
    }
    std::printf("%zu regressions against %s\n", regressed.size(), flags.baseline.c_str());
    if (!regressed.empty()) return 1;
  }
  return 0;
}

}  // namespace
}  // namespace tfjs::conformance

int main(int argc, char** argv) { return tfjs::conformance::Main(argc, argv); }
