// tensorflowjs_converter, natively: converts a SavedModel or frozen graph to a TF.js graph model.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "converter/cli/convert.h"
#include "converter/cli/flags.h"
#include "converter/writer/converter_version.h"
#include "io/paths.h"

namespace {

// Exit codes: argparse's 2 for a bad command line, 1 for a failed conversion.
constexpr int kUsageError = 2;
constexpr int kConversionError = 1;

void PrintError(const absl::Status& status) {
  std::cerr << "error: "
            << absl::StrReplaceAll(status.message(), {{"\r\n", " "}, {"\n", " "}}) << "\n";
}

// --metadata "key:path,key2:path2" with each path as io::CallerPath resolves it.
std::string CallerMetadataPaths(const std::string& spec) {
  std::vector<std::string> entries;
  for (absl::string_view entry : absl::StrSplit(spec, ',', absl::SkipEmpty())) {
    const size_t colon = entry.find(':');
    if (colon == absl::string_view::npos) {
      entries.emplace_back(entry);  // RunConverter reports the malformed entry.
    } else {
      entries.push_back(absl::StrCat(entry.substr(0, colon + 1),
                                     tfjs::io::CallerPath(entry.substr(colon + 1))));
    }
  }
  return absl::StrJoin(entries, ",");
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  absl::StatusOr<tfjs::converter::ConverterFlags> flags =
      tfjs::converter::ParseConverterFlags(args);
  if (!flags.ok()) {
    PrintError(flags.status());
    return kUsageError;
  }
  if (flags->show_help) {
    std::cout << tfjs::converter::ConverterUsage();
    return 0;
  }
  if (flags->show_version) {
    std::cout << "tfjs_native converter " << tfjs::converter::kConverterVersion
              << " (tensorflowjs_converter " << tfjs::converter::kCompatibleTfjsConverterVersion
              << " compatible)\n";
    return 0;
  }
  // Under `bazel run` the working directory is the runfiles tree; paths mean the caller's.
  flags->input_path = tfjs::io::CallerPath(flags->input_path);
  flags->output_path = tfjs::io::CallerPath(flags->output_path);
  flags->metadata = CallerMetadataPaths(flags->metadata);
  std::ostream* progress = flags->quiet || !isatty(STDERR_FILENO) ? nullptr : &std::cerr;
  const absl::Status status = tfjs::converter::RunConverter(*flags, std::cerr, progress);
  if (!status.ok()) {
    PrintError(status);
    return kConversionError;
  }
  return 0;
}
