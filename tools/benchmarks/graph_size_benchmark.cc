// graph_size_benchmark: how the converter and the runtime scale with the number of nodes. For each
// size N it writes a chain of N elementwise nodes with small Consts (chain_graph.h; 2N + 1 nodes
// in all), converts it with the converter, then loads the result and runs it once with
// run_graph_model, each as a child process, and prints wall time, CPU time and peak RSS per size
// with the CPU time per node and the memory each node adds (against the previous size). Linear
// scaling shows as constant per-node columns.
//
//   graph_size_benchmark [--sizes 1000,10000,100000,1000000] [--runs 1] [--work_dir DIR]
//                        [--converter PATH] [--run_graph_model PATH]
//
// Each figure is the median of --runs runs. The run's output is checked against the chain
// computed here in float32. Files go to a fresh directory under --work_dir (default $TMPDIR or
// /tmp), deleted at the end. Both binaries default to the ones in this binary's runfiles
// (`bazel run`).
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "io/paths.h"
#include "tools/benchmarks/chain_graph.h"
#include "tools/benchmarks/child_process.h"
#include "tools/command_line.h"
#include "tools/npy/npy.h"

namespace tfjs::benchmarks {
namespace {

using tools::MatchFlag;

namespace fs = std::filesystem;

constexpr char kUsage[] =
    "usage: graph_size_benchmark [--sizes 1000,10000,100000,1000000] [--runs 1]\n"
    "                            [--work_dir DIR] [--converter PATH] [--run_graph_model PATH]\n";
constexpr std::array<float, 4> kInput = {0.5f, -1.0f, 2.0f, -3.5f};

struct Flags {
  std::vector<int64_t> sizes = {1000, 10000, 100000, 1000000};
  int runs = 1;
  std::string work_dir;
  std::string converter;
  std::string run_graph_model;
};

// `target` (e.g. "converter/converter") in this binary's runfiles.
absl::StatusOr<std::string> RunfilesBinary(const std::string& target) {
  std::vector<fs::path> candidates;
  if (const char* runfiles = std::getenv("RUNFILES_DIR")) {
    candidates.push_back(fs::path(runfiles) / "tfjs_native" / target);
  }
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error) candidates.push_back(fs::path(self.string() + ".runfiles") / "tfjs_native" / target);
  for (const fs::path& candidate : candidates) {
    if (fs::exists(candidate, error)) return candidate.string();
  }
  return absl::NotFoundError(absl::StrCat("no ", target,
                                          " in this binary's runfiles; run it with `bazel run` or "
                                          "pass its path"));
}

absl::StatusOr<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string value;
    if (MatchFlag("--sizes", argc, argv, &i, &value)) {
      flags.sizes.clear();
      for (absl::string_view size : absl::StrSplit(value, ',')) {
        int64_t n = 0;
        if (!absl::SimpleAtoi(size, &n) || n < 1) {
          return absl::InvalidArgumentError(absl::StrCat("--sizes: bad size '", size, "'"));
        }
        flags.sizes.push_back(n);
      }
    } else if (MatchFlag("--runs", argc, argv, &i, &value)) {
      if (!absl::SimpleAtoi(value, &flags.runs) || flags.runs < 1) {
        return absl::InvalidArgumentError("--runs wants a positive count");
      }
    } else if (MatchFlag("--work_dir", argc, argv, &i, &value)) {
      flags.work_dir = io::CallerPath(value);
    } else if (MatchFlag("--converter", argc, argv, &i, &value)) {
      flags.converter = io::CallerPath(value);
    } else if (MatchFlag("--run_graph_model", argc, argv, &i, &value)) {
      flags.run_graph_model = io::CallerPath(value);
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument ", argv[i]));
    }
  }
  for (auto [path, target] : {std::pair{&flags.converter, "converter/converter"},
                              std::pair{&flags.run_graph_model, "tools/run_graph_model"}}) {
    if (!path->empty()) continue;
    absl::StatusOr<std::string> binary = RunfilesBinary(target);
    if (!binary.ok()) return binary.status();
    *path = *binary;
  }
  if (flags.work_dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    flags.work_dir = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  }
  return flags;
}

absl::Status WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary);
  file << bytes;
  if (!file) return absl::UnavailableError(absl::StrCat(path.string(), ": cannot write"));
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadFile(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat(path.string(), ": cannot open"));
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// The chain's output computed here, node by node as the graph does (chain_graph.cc's cycle and
// Const values).
std::array<float, 4> ExpectedOutput(int64_t length) {
  std::array<float, 4> x = kInput;
  for (int64_t step = 0; step < length; ++step) {
    for (int i = 0; i < 4; ++i) {
      const float c = ChainConstValue(step, i);
      switch (step % kChainCycleLength) {
        case 0:
          x[i] = x[i] + c;
          break;
        case 1:
          x[i] = x[i] * c;
          break;
        case 2:
          x[i] = x[i] - c;
          break;
        case 3:
          x[i] = std::max(x[i], c);
          break;
        case 4:
          x[i] = std::min(x[i], c);
          break;
        default:
          x[i] = x[i] / c;
          break;
      }
    }
  }
  return x;
}

absl::Status CheckOutput(const fs::path& dir, int64_t length) {
  absl::StatusOr<std::string> bytes = ReadFile(dir / absl::StrCat("0_", kChainOutput, ".npy"));
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<tools::NpyArray> array = tools::DecodeNpy(*bytes, "the run's output");
  if (!array.ok()) return array.status();
  const std::array<float, 4> expected = ExpectedOutput(length);
  if (array->descr != "<f4" || array->data.size() != sizeof(expected)) {
    return absl::DataLossError(absl::StrCat("output is ", array->descr, " of ", array->data.size(),
                                            " bytes, not 4 float32"));
  }
  std::array<float, 4> actual;
  std::memcpy(actual.data(), array->data.data(), sizeof(actual));
  for (int i = 0; i < 4; ++i) {
    if (std::abs(actual[i] - expected[i]) > 1e-4f * std::max(1.0f, std::abs(expected[i]))) {
      return absl::DataLossError(absl::StrCat("output[", i, "] is ", actual[i], ", expected ",
                                              expected[i], " (chain of ", length, ")"));
    }
  }
  return absl::OkStatus();
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

struct Measured {
  double seconds = 0;
  double cpu_seconds = 0;
  double peak_rss_mib = 0;
};

Measured Medians(const std::vector<ChildRun>& runs) {
  std::vector<double> seconds, cpu, rss;
  for (const ChildRun& run : runs) {
    seconds.push_back(run.seconds);
    cpu.push_back(run.cpu_seconds);
    rss.push_back(run.peak_rss_mib);
  }
  return {Median(seconds), Median(cpu), Median(rss)};
}

struct Row {
  int64_t length = 0;
  double graph_mib = 0;
  Measured convert;
  Measured run;
};

// Microseconds of CPU time per chain node (steadier than wall time on a shared machine), and KiB of
// peak RSS each node adds over `previous` (or over nothing for the first row).
std::string PerNode(const Measured& measured, const Measured* previous, int64_t length,
                    int64_t previous_length) {
  const double us = measured.cpu_seconds * 1e6 / static_cast<double>(length);
  const double kib = previous == nullptr
                         ? measured.peak_rss_mib * 1024.0 / static_cast<double>(length)
                         : (measured.peak_rss_mib - previous->peak_rss_mib) * 1024.0 /
                               static_cast<double>(length - previous_length);
  return absl::StrFormat("%6.2f | %6.2f", us, kib);
}

void PrintTable(const std::vector<Row>& rows) {
  std::printf(
      "\n| nodes N | .pb MiB | convert s | cpu s | peak MiB | cpu us/node | KiB/node | run s "
      "| cpu s | peak MiB | cpu us/node | KiB/node |\n"
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    const Row* previous = i == 0 ? nullptr : &rows[i - 1];
    std::printf("| %lld | %.1f | %.3f | %.3f | %.1f | %s | %.3f | %.3f | %.1f | %s |\n",
                static_cast<long long>(row.length), row.graph_mib, row.convert.seconds,
                row.convert.cpu_seconds, row.convert.peak_rss_mib,
                PerNode(row.convert, previous ? &previous->convert : nullptr, row.length,
                        previous ? previous->length : 0)
                    .c_str(),
                row.run.seconds, row.run.cpu_seconds, row.run.peak_rss_mib,
                PerNode(row.run, previous ? &previous->run : nullptr, row.length,
                        previous ? previous->length : 0)
                    .c_str());
  }
  std::printf(
      "\nN counts the chain's elementwise nodes (each with its own Const: 2N + 1 nodes in the "
      "graph).\ncpu us/node: CPU time / N. KiB/node: peak RSS added per node since the row above "
      "(the first row: peak RSS / N).\n");
}

absl::StatusOr<Row> MeasureSize(const Flags& flags, const fs::path& work, int64_t length) {
  Row row;
  row.length = length;
  const fs::path graph = work / absl::StrCat("chain_", length, ".pb");
  if (absl::Status status = WriteChainGraph(graph.string(), length); !status.ok()) return status;
  std::error_code error;
  row.graph_mib = static_cast<double>(fs::file_size(graph, error)) / (1 << 20);
  const fs::path model = work / absl::StrCat("chain_", length, "_web");
  const fs::path outputs = work / absl::StrCat("chain_", length, "_outputs");
  const fs::path input = work / "x.npy";
  tools::NpyArray x{
      "<f4", {1, 4}, std::string(reinterpret_cast<const char*>(kInput.data()), sizeof(kInput))};
  if (absl::Status status = WriteFile(input, tools::EncodeNpy(x)); !status.ok()) return status;

  std::vector<ChildRun> converts, runs;
  for (int run = 0; run < flags.runs; ++run) {
    fs::remove_all(model, error);
    absl::StatusOr<ChildRun> converted = RunChild(
        {flags.converter, "--input_format=tf_frozen_model",
         absl::StrCat("--output_node_names=", kChainOutput), graph.string(), model.string()});
    if (!converted.ok()) return converted.status();
    converts.push_back(*converted);
    fs::remove_all(outputs, error);
    absl::StatusOr<ChildRun> ran = RunChild(
        {flags.run_graph_model, "--model", (model / "model.json").string(), "--input",
         absl::StrCat(kChainInput, "=", input.string()), "--output_dir", outputs.string()});
    if (!ran.ok()) return ran.status();
    runs.push_back(*ran);
    if (absl::Status status = CheckOutput(outputs, length); !status.ok()) return status;
    std::printf("N=%lld run %d: convert %.3f s %.1f MiB, load + run %.3f s %.1f MiB\n",
                static_cast<long long>(length), run + 1, converted->seconds,
                converted->peak_rss_mib, ran->seconds, ran->peak_rss_mib);
    std::fflush(stdout);
  }
  row.convert = Medians(converts);
  row.run = Medians(runs);
  fs::remove_all(graph, error);
  fs::remove_all(model, error);
  fs::remove_all(outputs, error);
  return row;
}

absl::Status Benchmark(const Flags& flags) {
  std::string work_template = (fs::path(flags.work_dir) / "graph_size_benchmark.XXXXXX").string();
  if (mkdtemp(work_template.data()) == nullptr) {
    return absl::UnavailableError(
        absl::StrCat(work_template, ": cannot create: ", std::strerror(errno)));
  }
  const fs::path work = work_template;
  std::printf("converter        %s\nrun_graph_model  %s\nwork dir         %s\n",
              flags.converter.c_str(), flags.run_graph_model.c_str(), work.c_str());
  std::vector<Row> rows;
  absl::Status status;
  for (int64_t length : flags.sizes) {
    absl::StatusOr<Row> row = MeasureSize(flags, work, length);
    if (!row.ok()) {
      status = row.status();
      break;
    }
    rows.push_back(*row);
  }
  std::error_code error;
  fs::remove_all(work, error);
  if (!rows.empty()) PrintTable(rows);
  return status;
}

int Main(int argc, char** argv) {
  if (tools::WantsHelp(argc, argv)) {
    std::printf("%s%s", kUsage, tools::kExitStatusHelp);
    return 0;
  }
  absl::StatusOr<Flags> flags = ParseFlags(argc, argv);
  if (!flags.ok()) {
    std::fprintf(stderr, "%s\n%s", std::string(flags.status().message()).c_str(), kUsage);
    return tools::kExitUsage;
  }
  if (absl::Status status = Benchmark(*flags); !status.ok()) {
    std::fprintf(stderr, "graph_size_benchmark: %s\n", std::string(status.message()).c_str());
    return tools::kExitFailure;
  }
  return 0;
}

}  // namespace
}  // namespace tfjs::benchmarks

int main(int argc, char** argv) { return tfjs::benchmarks::Main(argc, argv); }
