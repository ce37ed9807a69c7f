// benchmark_model: times a TF.js graph model running natively.
//
//   benchmark_model --model DIR/model.json [--threads N [--force_threads]]
//                   [--input NAME=FILE.npy ...]
//                   [--shape NAME=1,224,224,3 ...] [--warmup 3] [--runs 20] [--profile N]
//
// Inputs named by neither flag use the model's own shape (unknown dims become 1). --shape
// inputs and defaulted float inputs hold uniform random values in [0, 1), others zeros.
// Prints min/median/max latency of ExecuteAsync, peak RSS (of the process, and of the timed runs
// alone against the budget weights + 2 x largest live activations + 32 MiB), the weight bytes
// the model still holds itself (weights_held_mib), and GFLOP/s when
// the graph has convolutions or matmuls. FLOPs come from one extra run that fetches, besides the outputs,
// each counted node's output and its first two inputs, whose shapes give the work done
// (tools/benchmark_model/flops.h); that run is not timed. --profile N then repeats the runs with
// per-node timing (runtime/node_profiler.h) and prints the time per op type and the N slowest
// nodes, per run, with the minor page faults they took.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "io/model_json.h"
#include "io/paths.h"
#include "runtime/graph_model.h"
#include "runtime/node_profiler.h"
#include "tools/benchmark_model/flops.h"
#include "tools/command_line.h"
#include "tools/npy/tensor_npy.h"

namespace tfjs::tools {
namespace {

struct Flags {
  bool help = false;
  std::string model;
  int threads = 1;
  bool force_threads = false;
  std::vector<std::pair<std::string, std::string>> npy_inputs;
  std::vector<std::pair<std::string, runtime::Shape>> shaped_inputs;
  int warmup = 3;
  int runs = 20;
  int profile = 0;  // Slowest nodes to list; 0: no profile.
};

constexpr char kUsage[] =
    "usage: benchmark_model --model DIR/model.json [--threads N [--force_threads]] "
    "[--input NAME=FILE.npy ...] [--shape NAME=1,224,224,3 ...] [--warmup 3] [--runs 20] "
    "[--profile N]\n"
    "Times ExecuteAsync of a TF.js graph model: min/median/max latency, peak RSS, GFLOP/s.\n"
    "  --model    the model.json (or a directory holding it)\n"
    "  --threads  worker threads, default 1; more than the cores this process may use is cut to\n"
    "             them unless --force_threads\n"
    "  --input    NAME=FILE.npy input values; repeatable\n"
    "  --shape    NAME=dims: random values in [0, 1) of that shape; repeatable; other inputs\n"
    "             take the model's shape (unknown dims 1)\n"
    "  --warmup   untimed runs first, default 3\n"
    "  --runs     timed runs, default 20\n"
    "  --profile  N: then time every node and print the N slowest and the time per op type\n";

absl::StatusOr<std::pair<std::string, std::string>> SplitAssignment(absl::string_view flag,
                                                                    const std::string& value) {
  const size_t eq = value.find('=');
  if (eq == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(flag, " wants NAME=VALUE, got ", value));
  }
  return std::make_pair(value.substr(0, eq), value.substr(eq + 1));
}

absl::StatusOr<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string value;
    if (IsHelpFlag(argv[i])) {
      flags.help = true;
      return flags;
    }
    if (MatchFlag("--model", argc, argv, &i, &value)) {
      flags.model = io::CallerPath(value);
    } else if (MatchFlag("--input", argc, argv, &i, &value)) {
      absl::StatusOr<std::pair<std::string, std::string>> input = SplitAssignment("--input", value);
      if (!input.ok()) return input.status();
      flags.npy_inputs.emplace_back(input->first, io::CallerPath(input->second));
    } else if (MatchFlag("--shape", argc, argv, &i, &value)) {
      absl::StatusOr<std::pair<std::string, std::string>> input = SplitAssignment("--shape", value);
      if (!input.ok()) return input.status();
      runtime::Shape shape;
      for (absl::string_view dim : absl::StrSplit(input->second, ',', absl::SkipEmpty())) {
        int64_t size;
        if (!absl::SimpleAtoi(dim, &size) || size < 0) {
          return absl::InvalidArgumentError(absl::StrCat("--shape ", value, ": bad dim ", dim));
        }
        shape.push_back(size);
      }
      flags.shaped_inputs.emplace_back(input->first, shape);
    } else if (std::string(argv[i]) == "--force_threads") {
      flags.force_threads = true;
    } else if (MatchFlag("--threads", argc, argv, &i, &value)) {
      if (!absl::SimpleAtoi(value, &flags.threads) || flags.threads < 1) {
        return absl::InvalidArgumentError("--threads wants a positive count");
      }
    } else if (MatchFlag("--warmup", argc, argv, &i, &value)) {
      if (!absl::SimpleAtoi(value, &flags.warmup) || flags.warmup < 0) {
        return absl::InvalidArgumentError("--warmup wants a count >= 0");
      }
    } else if (MatchFlag("--runs", argc, argv, &i, &value)) {
      if (!absl::SimpleAtoi(value, &flags.runs) || flags.runs < 1) {
        return absl::InvalidArgumentError("--runs wants a positive count");
      }
    } else if (MatchFlag("--profile", argc, argv, &i, &value)) {
      if (!absl::SimpleAtoi(value, &flags.profile) || flags.profile < 0) {
        return absl::InvalidArgumentError("--profile wants a count >= 0");
      }
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument ", argv[i]));
    }
  }
  if (flags.model.empty()) return absl::InvalidArgumentError("--model is required");
  return flags;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

absl::StatusOr<runtime::Tensor> NpyInput(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<NpyArray> array = DecodeNpy(*bytes, path);
  if (!array.ok()) return array.status();
  absl::StatusOr<runtime::Tensor> tensor = TensorFromNpy(*array);
  if (!tensor.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", tensor.status().message()));
  }
  return tensor;
}

// Uniform [0, 1) for float inputs, zeros for every other dtype.
absl::StatusOr<runtime::Tensor> SyntheticInput(runtime::DataType dtype, runtime::Shape shape,
                                               std::mt19937& random) {
  absl::StatusOr<runtime::Tensor> tensor = runtime::Tensor::Zeros(dtype, std::move(shape));
  if (!tensor.ok() || dtype != tensorflow::DT_FLOAT) return tensor;
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  float* values = tensor->mutable_data<float>();
  for (int64_t i = 0; i < tensor->num_elements(); ++i) values[i] = uniform(random);
  return tensor;
}

absl::StatusOr<std::vector<std::pair<std::string, runtime::Tensor>>> BuildInputs(
    const Flags& flags, const runtime::GraphModel& model) {
  std::vector<std::pair<std::string, runtime::Tensor>> inputs;
  std::mt19937 random(42);
  for (const auto& [name, path] : flags.npy_inputs) {
    absl::StatusOr<runtime::Tensor> tensor = NpyInput(path);
    if (!tensor.ok()) return tensor.status();
    inputs.emplace_back(name, *std::move(tensor));
  }
  for (const runtime::TensorSpec& spec : model.inputs()) {
    const std::string node = spec.name.substr(0, spec.name.find(':'));
    const auto named = [&](const auto& input) {
      return input.first == spec.name || input.first == node;
    };
    if (std::any_of(flags.npy_inputs.begin(), flags.npy_inputs.end(), named)) continue;
    const auto shaped =
        std::find_if(flags.shaped_inputs.begin(), flags.shaped_inputs.end(), named);
    runtime::Shape shape;
    if (shaped != flags.shaped_inputs.end()) {
      shape = shaped->second;
    } else {
      if (spec.unknown_rank) {
        return absl::InvalidArgumentError(
            absl::StrCat("input ", spec.name, " has unknown rank: pass --shape or --input"));
      }
      for (int64_t dim : spec.shape) shape.push_back(dim < 0 ? 1 : dim);
    }
    absl::StatusOr<runtime::Tensor> tensor = SyntheticInput(spec.dtype, shape, random);
    if (!tensor.ok()) return tensor.status();
    inputs.emplace_back(node, *std::move(tensor));
  }
  for (const auto& [name, shape] : flags.shaped_inputs) {
    if (std::none_of(inputs.begin(), inputs.end(),
                     [&](const auto& input) { return input.first == name; })) {
      // Not a declared model input (e.g. a Placeholder outside the signature): feed it anyway.
      absl::StatusOr<runtime::Tensor> tensor = SyntheticInput(tensorflow::DT_FLOAT, shape, random);
      if (!tensor.ok()) return tensor.status();
      inputs.emplace_back(name, *std::move(tensor));
    }
  }
  return inputs;
}

// The graph's FLOPs per run, or nullopt when it has no counted node or one cannot be fetched
// (e.g. inside a loop body).
std::optional<int64_t> CountFlops(
    const Flags& flags, const runtime::GraphModel& model,
    const std::vector<std::pair<std::string, runtime::Tensor>>& inputs) {
  absl::StatusOr<std::string> text = ReadFile(flags.model);
  if (!text.ok()) return std::nullopt;
  absl::StatusOr<io::ModelJson> model_json = io::ParseModelJson(*text, flags.model);
  if (!model_json.ok() || !model_json->graph) return std::nullopt;
  std::vector<const tensorflow::NodeDef*> nodes;
  std::vector<std::string> fetches;
  for (const tensorflow::NodeDef& node : model_json->graph->node()) {
    if (!IsCountedOp(node.op()) || node.input_size() < 2) continue;
    nodes.push_back(&node);
    // Data inputs come before control inputs, so these are "node" or "node:k" names.
    fetches.push_back(node.input(0));
    fetches.push_back(node.input(1));
    fetches.push_back(node.name());
  }
  if (nodes.empty()) return std::nullopt;
  absl::StatusOr<std::vector<runtime::Tensor>> values = model.ExecuteAsync(inputs, fetches);
  if (!values.ok()) {
    std::fprintf(stderr, "FLOPs unknown: %s\n", std::string(values.status().message()).c_str());
    return std::nullopt;
  }
  int64_t total = 0;
  for (size_t i = 0; i < nodes.size(); ++i) {
    std::optional<int64_t> flops =
        NodeFlops(nodes[i]->op(), (*values)[3 * i].shape(), (*values)[3 * i + 1].shape(),
                  (*values)[3 * i + 2].shape());
    if (!flops) return std::nullopt;
    total += *flops;
  }
  return total;
}

constexpr double kMib = 1024.0 * 1024.0;

double PeakRssMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // ru_maxrss is in KiB on Linux.
}

// A "VmHWM:" (peak RSS since the last ResetPeakRss()) or "VmRSS:" line of /proc/self/status in
// MiB, or nullopt where /proc cannot tell.
std::optional<double> ProcStatusMib(absl::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    absl::string_view rest = line;
    int64_t kib;
    if (absl::ConsumePrefix(&rest, field) &&
        absl::SimpleAtoi(absl::StripSuffix(absl::StripAsciiWhitespace(rest), " kB"), &kib)) {
      return kib / 1024.0;
    }
  }
  return std::nullopt;
}

// Restarts VmHWM from the current RSS, so loading's transient peak is not counted as running's.
bool ResetPeakRss() {
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return clear_refs.good();
}

// Runs the model `flags.runs` more times with a NodeProfiler and prints, per run, the time and
// page faults of each op type and of the `flags.profile` slowest nodes.
absl::Status PrintProfile(const Flags& flags, const runtime::GraphModel& model,
                          const std::vector<std::pair<std::string, runtime::Tensor>>& inputs,
                          const std::vector<std::string>& outputs) {
  runtime::NodeProfiler profiler;
  {
    runtime::NodeProfiler::Scope scope(&profiler);
    for (int i = 0; i < flags.runs; ++i) {
      absl::StatusOr<std::vector<runtime::Tensor>> result = model.ExecuteAsync(inputs, outputs);
      if (!result.ok()) return result.status();
    }
  }
  const std::vector<runtime::NodeProfiler::NodeTotals> nodes = profiler.Totals();
  struct OpTotals {
    std::string op;
    int64_t nodes = 0;
    double milliseconds = 0;
    int64_t page_faults = 0;
  };
  std::vector<OpTotals> ops;
  double total_ms = 0;
  for (const runtime::NodeProfiler::NodeTotals& node : nodes) {
    auto it = std::find_if(ops.begin(), ops.end(),
                           [&](const OpTotals& op) { return op.op == node.op; });
    if (it == ops.end()) it = ops.insert(ops.end(), OpTotals{node.op});
    ++it->nodes;
    it->milliseconds += node.milliseconds;
    it->page_faults += node.page_faults;
    total_ms += node.milliseconds;
  }
  std::stable_sort(ops.begin(), ops.end(), [](const OpTotals& a, const OpTotals& b) {
    return a.milliseconds > b.milliseconds;
  });
  const double runs = flags.runs;
  std::printf("profile: %.3f ms per run in kernels\n", total_ms / runs);
  std::printf("profile_op: op nodes ms_per_run percent page_faults_per_run\n");
  for (const OpTotals& op : ops) {
    std::printf("profile_op: %s %lld %.3f %.1f %.1f\n", op.op.c_str(),
                static_cast<long long>(op.nodes), op.milliseconds / runs,
                100 * op.milliseconds / total_ms, op.page_faults / runs);
  }
  std::printf("profile_node: name op ms_per_run page_faults_per_run\n");
  for (size_t i = 0; i < nodes.size() && i < static_cast<size_t>(flags.profile); ++i) {
    std::printf("profile_node: %s %s %.3f %.1f\n", nodes[i].name.c_str(), nodes[i].op.c_str(),
                nodes[i].milliseconds / runs, nodes[i].page_faults / runs);
  }
  return absl::OkStatus();
}

absl::Status Run(const Flags& flags) {
  runtime::GraphModelOptions options;
  options.num_threads = flags.threads;
  options.force_threads = flags.force_threads;
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model =
      runtime::GraphModel::Load(flags.model, options);
  if (!model.ok()) return model.status();
  if ((*model)->num_threads() < flags.threads) {
    std::fprintf(stderr,
                 "%s: warning: --threads %d is more than the %d cores this process may use: "
                 "running %d (--force_threads keeps %d)\n",
                 "benchmark_model", flags.threads, runtime::AvailableCores(),
                 (*model)->num_threads(), flags.threads);
  }
  absl::StatusOr<std::vector<std::pair<std::string, runtime::Tensor>>> inputs =
      BuildInputs(flags, **model);
  if (!inputs.ok()) return inputs.status();
  std::vector<std::string> outputs;
  for (const runtime::TensorSpec& spec : (*model)->outputs()) outputs.push_back(spec.name);

  const std::optional<double> loaded_rss = ProcStatusMib("VmRSS:");
  const bool run_peak_known = ResetPeakRss();
  using Clock = std::chrono::steady_clock;
  std::vector<double> latencies_ms;
  for (int i = 0; i < flags.warmup + flags.runs; ++i) {
    const Clock::time_point start = Clock::now();
    absl::StatusOr<std::vector<runtime::Tensor>> result = (*model)->ExecuteAsync(*inputs, outputs);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!result.ok()) return result.status();
    if (i >= flags.warmup) latencies_ms.push_back(ms);
  }
  std::sort(latencies_ms.begin(), latencies_ms.end());
  const size_t n = latencies_ms.size();
  const double median = n % 2 ? latencies_ms[n / 2]
                              : (latencies_ms[n / 2 - 1] + latencies_ms[n / 2]) / 2;
  // Before the FLOP-counting run, which keeps more alive.
  const double peak_rss = PeakRssMib();
  std::optional<double> run_peak_rss;
  if (run_peak_known) run_peak_rss = ProcStatusMib("VmHWM:");
  const runtime::ArenaStats activations = (*model)->activation_memory();
  const double weights_mib = (*model)->weight_bytes() / kMib;
  const double live_mib = activations.peak_live_bytes / kMib;
  const double rss_budget = weights_mib + 2 * live_mib + 32;
  const std::optional<int64_t> flops = CountFlops(flags, **model, *inputs);

  std::printf("model: %s\nthreads: %d\nruns: %d (after %d warm-up)\n", flags.model.c_str(),
              (*model)->num_threads(), flags.runs, flags.warmup);
  std::printf("latency_ms: min %.3f median %.3f max %.3f\n", latencies_ms.front(), median,
              latencies_ms.back());
  std::printf("peak_rss_mib: %.1f\n", peak_rss);
  std::printf("weights_mib: %.2f\nlargest_live_activations_mib: %.2f\narena_mib: %.2f\n",
              weights_mib, live_mib, activations.held_bytes / kMib);
  // Weights still held in our form; those XNNPACK packed are read again from the shard.
  std::printf("weights_held_mib: %.2f\n", (*model)->resident_weight_bytes() / kMib);
  if (loaded_rss) std::printf("loaded_rss_mib: %.1f\n", *loaded_rss);
  if (run_peak_rss) {
    // The memory target: weights + 2 x largest live activations + 32 MiB.
    std::printf("run_peak_rss_mib: %.1f budget_mib: %.1f %s\n", *run_peak_rss, rss_budget,
                *run_peak_rss <= rss_budget ? "within" : "OVER");
  }
  if (flops) {
    std::printf("gflop: %.4f\ngflops: %.2f\n", *flops / 1e9, *flops / 1e6 / median);
  } else {
    std::printf("gflops: unknown\n");
  }
  if (flags.profile > 0) return PrintProfile(flags, **model, *inputs, outputs);
  return absl::OkStatus();
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
