// inspect: prints what a model holds (format, signatures, ops and their support, weights, ops
// each target refuses), as text or --json.
#include <cstdio>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "io/paths.h"
#include "tools/command_line.h"
#include "tools/inspect/inspect.h"

namespace tfjs::tools {
namespace {

constexpr char kUsage[] =
    "usage: inspect [--json] [--signature_name NAME] [--saved_model_tags TAGS]\n"
    "               [--output_node_names A,B] MODEL\n"
    "Prints a model's format, its signatures with dtypes and shapes, an op histogram with TF.js\n"
    "and native support (the converter's op table), weights by dtype and bytes, and the ops the\n"
    "converter's op check refuses for each --op_target after its default passes.\n"
    "MODEL: a TF.js model.json or its directory, a SavedModel or TF-Hub module directory, a frozen\n"
    "GraphDef (.pb/.pbtxt) or a Keras HDF5 file; the format is told by content.\n"
    "  --json               one JSON object instead of text\n"
    "  --signature_name     SavedModel / Hub signature to inspect (default serving_default, Hub:\n"
    "                       default, else the first)\n"
    "  --saved_model_tags   MetaGraph tags, default serve\n"
    "  --output_node_names  frozen graphs: outputs (default: the nodes nothing reads)\n";

struct Flags {
  bool help = false;
  bool json = false;
  std::string model;
  InspectOptions options;
};

absl::StatusOr<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    std::string value;
    if (IsHelpFlag(arg)) {
      flags.help = true;
      return flags;
    }
    if (arg == "--json") {
      flags.json = true;
    } else if (MatchFlag("--signature_name", argc, argv, &i, &value)) {
      flags.options.signature_name = value;
    } else if (MatchFlag("--saved_model_tags", argc, argv, &i, &value)) {
      flags.options.saved_model_tags = value;
    } else if (MatchFlag("--output_node_names", argc, argv, &i, &value)) {
      flags.options.output_node_names = absl::StrSplit(value, ',', absl::SkipEmpty());
    } else if (arg.rfind("-", 0) == 0 || !flags.model.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("unexpected argument ", arg));
    } else {
      flags.model = io::CallerPath(arg);
    }
  }
  if (flags.model.empty()) return absl::InvalidArgumentError("MODEL is required");
  return flags;
}

int Main(int argc, char** argv) {
  absl::StatusOr<Flags> flags = ParseFlags(argc, argv);
  if (!flags.ok()) {
    std::fprintf(stderr, "error: %s\n%s", std::string(flags.status().message()).c_str(), kUsage);
    return kExitUsage;
  }
  if (flags->help) {
    std::printf("%s%s", kUsage, kExitStatusHelp);
    return 0;
  }
  absl::StatusOr<ModelSummary> summary = InspectModel(flags->model, flags->options);
  absl::StatusOr<std::string> text =
      !summary.ok() ? summary.status()
                    : flags->json ? SummaryJson(*summary) : SummaryText(*summary);
  if (!text.ok()) {
    std::fprintf(stderr, "error: %s\n", std::string(text.status().message()).c_str());
    return kExitFailure;
  }
  std::fputs(text->c_str(), stdout);
  return 0;
}

}  // namespace
}  // namespace tfjs::tools

int main(int argc, char** argv) { return tfjs::tools::Main(argc, argv); }
