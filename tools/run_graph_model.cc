// run_graph_model: runs a TF.js graph model natively on .npy inputs and writes .npy outputs.
//
//   run_graph_model --model DIR/model.json --input NAME=FILE.npy ... [--output NAME ...]
//                   --output_dir DIR [--threads N [--force_threads]] [--max_allocation_bytes N]
//
// Writes one .npy per output and outputs.json mapping each output name to its file. .npy has no
// bfloat16: such outputs are written as float32 holding the exact values, and a bfloat16 input
// is read from a float32 .npy (rounded to nearest even), as the corpus stores bfloat16.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "io/paths.h"
#include "runtime/graph_model.h"
#include "tools/command_line.h"
#include "tools/npy/tensor_npy.h"

namespace tfjs::tools {
namespace {

struct Flags {
  bool help = false;
  std::string model;
  std::vector<std::pair<std::string, std::string>> inputs;
  std::vector<std::string> outputs;
  std::string output_dir;
  int threads = 1;
  bool force_threads = false;
  int64_t max_allocation_bytes = 0;
};

constexpr char kUsage[] =
    "usage: run_graph_model --model DIR/model.json --input NAME=FILE.npy ... "
    "[--output NAME ...] --output_dir DIR [--threads N [--force_threads]] "
    "[--max_allocation_bytes N]\n"
    "Runs a TF.js graph model natively and writes one .npy per output plus outputs.json.\n"
    "bfloat16 outputs are written as float32 .npy holding the exact values; bfloat16 inputs are\n"
    "read from float32 .npy files (rounded to nearest even).\n"
    "  --model       the model.json (or a directory holding it)\n"
    "  --input       NAME (signature key, node or node:k) = .npy file; repeatable\n"
    "  --output      output to fetch; repeatable; default: the model's outputs\n"
    "  --output_dir  where the .npy files and outputs.json go (created if missing)\n"
    "  --threads     worker threads, default 1; more than the cores this process may use is cut\n"
    "                to them unless --force_threads\n"
    "  --max_allocation_bytes  (e.g. 512M, 2G) caps one tensor; default: half the memory\n"
    "                available\n";

absl::StatusOr<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string value;
    if (IsHelpFlag(argv[i])) {
      flags.help = true;
      return flags;
    }
    if (std::string(argv[i]) == "--force_threads") {
      flags.force_threads = true;
    } else if (MatchFlag("--model", argc, argv, &i, &value)) {
      flags.model = io::CallerPath(value);
    } else if (MatchFlag("--input", argc, argv, &i, &value)) {
      const size_t eq = value.find('=');
      if (eq == std::string::npos) {
        return absl::InvalidArgumentError(absl::StrCat("--input wants NAME=FILE.npy, got ", value));
      }
      flags.inputs.emplace_back(value.substr(0, eq), io::CallerPath(value.substr(eq + 1)));
    } else if (MatchFlag("--output_dir", argc, argv, &i, &value)) {
      flags.output_dir = io::CallerPath(value);
    } else if (MatchFlag("--output", argc, argv, &i, &value)) {
      flags.outputs.push_back(value);
    } else if (MatchFlag("--threads", argc, argv, &i, &value)) {
      if (!absl::SimpleAtoi(value, &flags.threads) || flags.threads < 1) {
        return absl::InvalidArgumentError("--threads wants a positive count");
      }
    } else if (MatchFlag("--max_allocation_bytes", argc, argv, &i, &value)) {
      absl::StatusOr<int64_t> bytes = ParseByteCount("--max_allocation_bytes", value);
      if (!bytes.ok()) return bytes.status();
      flags.max_allocation_bytes = *bytes;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument ", argv[i]));
    }
  }
  if (flags.model.empty() || flags.output_dir.empty()) {
    return absl::InvalidArgumentError("--model and --output_dir are required");
  }
  return flags;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// The dtype the model declares for input `name` (a signature key, "node" or "node:0"); DT_INVALID
// when it does not say.
runtime::DataType DeclaredInputDtype(const runtime::GraphModel& model, const std::string& name) {
  if (auto it = model.signature().inputs().find(name); it != model.signature().inputs().end()) {
    return it->second.dtype();
  }
  const std::string node(absl::StripSuffix(name, ":0"));
  for (const runtime::TensorSpec& spec : model.inputs()) {
    if (absl::StripSuffix(spec.name, ":0") == node) return spec.dtype;
  }
  return tensorflow::DT_INVALID;
}

std::string JsonString(absl::string_view text) {
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\\", "\\\\"}, {"\"", "\\\""}}), "\"");
}

absl::Status Run(const Flags& flags) {
  runtime::GraphModelOptions options;
  options.num_threads = flags.threads;
  options.force_threads = flags.force_threads;
  options.max_allocation_bytes = flags.max_allocation_bytes;
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model =
      runtime::GraphModel::Load(flags.model, options);
  if (!model.ok()) return model.status();
  if ((*model)->num_threads() < flags.threads) {
    std::fprintf(stderr,
                 "%s: warning: --threads %d is more than the %d cores this process may use: "
                 "running %d (--force_threads keeps %d)\n",
                 "run_graph_model", flags.threads, runtime::AvailableCores(),
                 (*model)->num_threads(), flags.threads);
  }

  std::vector<std::pair<std::string, runtime::Tensor>> inputs;
  for (const auto& [name, path] : flags.inputs) {
    absl::StatusOr<std::string> bytes = ReadFile(path);
    if (!bytes.ok()) return bytes.status();
    absl::StatusOr<NpyArray> array = DecodeNpy(*bytes, path);
    if (!array.ok()) return array.status();
    absl::StatusOr<runtime::Tensor> tensor =
        TensorFromNpyAs(*array, DeclaredInputDtype(**model, name));
    if (!tensor.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", tensor.status().message()));
    inputs.emplace_back(name, *std::move(tensor));
  }
  std::vector<std::string> output_names = flags.outputs;
  if (output_names.empty()) {
    for (const runtime::TensorSpec& spec : (*model)->outputs()) output_names.push_back(spec.name);
  }
  absl::StatusOr<std::vector<runtime::Tensor>> outputs =
      (*model)->ExecuteAsync(inputs, output_names);
  if (!outputs.ok()) return outputs.status();

  std::error_code error;
  std::filesystem::create_directories(flags.output_dir, error);
  if (error) return absl::InternalError(absl::StrCat(flags.output_dir, ": ", error.message()));
  std::string json = "{";
  for (size_t i = 0; i < outputs->size(); ++i) {
    absl::StatusOr<NpyArray> array = NpyFromTensor((*outputs)[i]);
    if (!array.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("output ", output_names[i], ": ",
                                                     array.status().message()));
    }
    const std::string file = absl::StrCat(
        i, "_", absl::StrReplaceAll(output_names[i], {{"/", "_"}, {":", "_"}}), ".npy");
    std::ofstream out(std::filesystem::path(flags.output_dir) / file, std::ios::binary);
    out << EncodeNpy(*array);
    if (!out) return absl::InternalError(absl::StrCat("cannot write ", file));
    absl::StrAppend(&json, i ? ", " : "", JsonString(output_names[i]), ": ", JsonString(file));
  }
  json += "}\n";
  std::ofstream index(std::filesystem::path(flags.output_dir) / "outputs.json");
  index << json;
  return index ? absl::OkStatus() : absl::InternalError("cannot write outputs.json");
}

}  // namespace
}  // namespace tfjs::tools

int main(int argc, char** argv) {
  absl::StatusOr<tfjs::tools::Flags> flags = tfjs::tools::ParseFlags(argc, argv);
  if (!flags.ok()) {
    std::fprintf(stderr, "error: %s\n%s", std::string(flags.status().message()).c_str(),
                 tfjs::tools::kUsage);
    return tfjs::tools::kExitUsage;
  }
  if (flags->help) {
    std::printf("%s%s", tfjs::tools::kUsage, tfjs::tools::kExitStatusHelp);
    return 0;
  }
  absl::Status status = tfjs::tools::Run(*flags);
  if (!status.ok()) {
    std::fprintf(stderr, "error: %s\n", std::string(status.message()).c_str());
    return tfjs::tools::kExitFailure;
  }
  return 0;
}
