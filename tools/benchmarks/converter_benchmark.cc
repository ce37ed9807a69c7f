// converter_benchmark: times the converter on a (big) SavedModel or frozen graph against
// `cp -r` of the same input and measures the converter's peak resident memory against the weight
// bytes.
//
//   converter_benchmark --model_dir DIR [--runs 3] [--converter PATH] [--work_dir DIR]
//   converter_benchmark --frozen_graph FILE [--output_node_names concat] [--runs 3] ...
//
// Every file of DIR is read once first, so that cp and the converter both read from the page
// cache (nothing is dropped from it). Each run then times `cp -r DIR` and `converter DIR OUT`
// (default flags) as child processes, taking wall time, user+system CPU time and (converter) peak
// RSS from wait4's rusage, and checks that the converter's weight shards hold exactly the
// checkpoint's bytes (frozen graphs, as make_big_frozen_graph writes them: all but at most 1 MiB
// of the file's bytes, the rest being the graph's structure). Copies and outputs go to a fresh
// directory under --work_dir (default $TMPDIR or /tmp), deleted after each step (untimed,
// followed by sync so that one step's writeback does not slow the next).
// The converter defaults to the one in this binary's runfiles (`bazel run`).
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "io/paths.h"
#include "tools/benchmarks/child_process.h"
#include "tools/command_line.h"

namespace tfjs::benchmarks {
namespace {

using tools::MatchFlag;

namespace fs = std::filesystem;

constexpr char kUsage[] =
    "usage: converter_benchmark (--model_dir DIR | --frozen_graph FILE [--output_node_names N])\n"
    "                           [--runs 3] [--converter PATH] [--work_dir DIR]\n";
// The targets.
constexpr double kMaxTimeRatio = 2.0;
constexpr double kMaxMemoryRatio = 1.2;
constexpr double kMiB = 1024.0 * 1024.0;
// A make_big_frozen_graph file holds this much besides its Consts' values, at most.
constexpr int64_t kFrozenGraphStructureBytes = int64_t{1} << 20;

struct Flags {
  std::string model_dir;
  std::string frozen_graph;
  std::string output_node_names = "concat";
  int runs = 3;
  std::string converter;
  std::string work_dir;
};

absl::StatusOr<std::string> DefaultConverter() {
  std::vector<fs::path> candidates;
  if (const char* runfiles = std::getenv("RUNFILES_DIR")) {
    candidates.push_back(fs::path(runfiles) / "tfjs_native/converter/converter");
  }
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    candidates.push_back(fs::path(self.string() + ".runfiles") / "tfjs_native/converter/converter");
  }
  for (const fs::path& candidate : candidates) {
    if (fs::exists(candidate, error)) return candidate.string();
  }
  return absl::NotFoundError(
      "no converter in this binary's runfiles; run it with `bazel run` or pass --converter PATH");
}

absl::StatusOr<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string value;
    if (MatchFlag("--model_dir", argc, argv, &i, &value)) {
      flags.model_dir = io::CallerPath(value);
    } else if (MatchFlag("--frozen_graph", argc, argv, &i, &value)) {
      flags.frozen_graph = io::CallerPath(value);
    } else if (MatchFlag("--output_node_names", argc, argv, &i, &value)) {
      flags.output_node_names = value;
    } else if (MatchFlag("--runs", argc, argv, &i, &value)) {
      if (!absl::SimpleAtoi(value, &flags.runs) || flags.runs < 1) {
        return absl::InvalidArgumentError("--runs wants a positive count");
      }
    } else if (MatchFlag("--converter", argc, argv, &i, &value)) {
      flags.converter = io::CallerPath(value);
    } else if (MatchFlag("--work_dir", argc, argv, &i, &value)) {
      flags.work_dir = io::CallerPath(value);
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument ", argv[i]));
    }
  }
  if (flags.model_dir.empty() == flags.frozen_graph.empty()) {
    return absl::InvalidArgumentError("give one of --model_dir and --frozen_graph");
  }
  if (flags.converter.empty()) {
    absl::StatusOr<std::string> converter = DefaultConverter();
    if (!converter.ok()) return converter.status();
    flags.converter = *converter;
  }
  if (flags.work_dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    flags.work_dir = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  }
  return flags;
}

struct FileSizes {
  int64_t files = 0;
  int64_t bytes = 0;
};

// Regular files under `dir` whose name satisfies `wanted`.
template <typename Predicate>
absl::StatusOr<FileSizes> SumFileSizes(const std::string& dir, Predicate wanted) {
  FileSizes sizes;
  std::error_code error;
  for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    if (!it->is_regular_file(error) || !wanted(it->path().filename().string())) continue;
    sizes.files += 1;
    sizes.bytes += static_cast<int64_t>(it->file_size(error));
  }
  if (error) return absl::UnavailableError(absl::StrCat(dir, ": ", error.message()));
  return sizes;
}

absl::Status ReadOnce(const fs::path& path, std::vector<char>& buffer) {
  std::ifstream file(path, std::ios::binary);
  while (file.read(buffer.data(), static_cast<std::streamsize>(buffer.size()))) {
  }
  if (file.bad()) return absl::UnavailableError(absl::StrCat(path.string(), ": unreadable"));
  return absl::OkStatus();
}

// Reads the file `path`, or every file under the directory `path`, once, so that later reads
// come from the page cache.
absl::Status WarmPageCache(const std::string& path) {
  std::vector<char> buffer(1 << 20);
  std::error_code error;
  if (fs::is_regular_file(path, error)) return ReadOnce(path, buffer);
  for (fs::recursive_directory_iterator it(path, error), end; !error && it != end;
       it.increment(error)) {
    if (!it->is_regular_file(error)) continue;
    if (absl::Status status = ReadOnce(it->path(), buffer); !status.ok()) return status;
  }
  if (error) return absl::UnavailableError(absl::StrCat(path, ": ", error.message()));
  return absl::OkStatus();
}

absl::Status RemoveAndSync(const std::string& path) {
  std::error_code error;
  fs::remove_all(path, error);
  if (error) {
    return absl::UnavailableError(absl::StrCat(path, ": cannot remove: ", error.message()));
  }
  sync();
  return absl::OkStatus();
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

const char* Verdict(double ratio, double target) { return ratio <= target ? "met" : "MISSED"; }

// The input's size and that of its weights: a SavedModel's checkpoint data shards, or (an upper
// bound) a frozen graph file's.
struct InputSizes {
  FileSizes model;
  FileSizes weights;
};

absl::StatusOr<InputSizes> MeasureInput(const Flags& flags) {
  std::error_code error;
  InputSizes sizes;
  if (!flags.frozen_graph.empty()) {
    const uintmax_t bytes = fs::file_size(flags.frozen_graph, error);
    if (error) {
      return absl::NotFoundError(absl::StrCat(flags.frozen_graph, ": ", error.message()));
    }
    sizes.model = {1, static_cast<int64_t>(bytes)};
    sizes.weights = sizes.model;
    std::printf("model      %s: frozen graph of %.1f MiB\n", flags.frozen_graph.c_str(),
                sizes.model.bytes / kMiB);
    return sizes;
  }
  if (!fs::is_directory(flags.model_dir, error)) {
    return absl::NotFoundError(absl::StrCat(flags.model_dir, ": not a directory"));
  }
  absl::StatusOr<FileSizes> model =
      SumFileSizes(flags.model_dir, [](const std::string&) { return true; });
  if (!model.ok()) return model.status();
  // The SavedModel's variable values: its checkpoint's data shards.
  absl::StatusOr<FileSizes> weights = SumFileSizes(
      flags.model_dir + "/variables",
      [](const std::string& name) { return absl::StartsWith(name, "variables.data-"); });
  if (!weights.ok()) return weights.status();
  if (weights->bytes == 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(flags.model_dir, ": no variables/variables.data-* bytes to convert"));
  }
  std::printf("model      %s: %lld files, %.1f MiB; weights %.1f MiB in %lld data shards\n",
              flags.model_dir.c_str(), static_cast<long long>(model->files), model->bytes / kMiB,
              weights->bytes / kMiB, static_cast<long long>(weights->files));
  sizes.model = *model;
  sizes.weights = *weights;
  return sizes;
}

// Whether the shards hold the input's weights: exactly a checkpoint's bytes, or a frozen
// graph's bytes but its structure.
bool ShardsHoldTheWeights(const Flags& flags, int64_t shard_bytes, int64_t weight_bytes) {
  if (flags.frozen_graph.empty()) return shard_bytes == weight_bytes;
  return shard_bytes <= weight_bytes && shard_bytes >= weight_bytes - kFrozenGraphStructureBytes;
}

absl::Status Benchmark(const Flags& flags) {
  std::error_code error;
  absl::StatusOr<InputSizes> sizes = MeasureInput(flags);
  if (!sizes.ok()) return sizes.status();
  const FileSizes* weights = &sizes->weights;
  const bool frozen = !flags.frozen_graph.empty();
  const std::string input = frozen ? flags.frozen_graph : flags.model_dir;
  std::printf("converter  %s\n", flags.converter.c_str());

  if (absl::Status status = WarmPageCache(input); !status.ok()) return status;
  std::string work_template = (fs::path(flags.work_dir) / "converter_benchmark.XXXXXX").string();
  if (mkdtemp(work_template.data()) == nullptr) {
    return absl::UnavailableError(
        absl::StrCat(work_template, ": cannot create: ", std::strerror(errno)));
  }
  const std::string work = work_template;
  std::printf("work dir   %s\n", work.c_str());

  std::vector<double> cp_seconds, converter_seconds, time_ratios, rss_mib;
  std::vector<double> cp_cpu_seconds, converter_cpu_seconds, cpu_ratios;
  absl::Status status;
  for (int run = 1; run <= flags.runs && status.ok(); ++run) {
    const std::string copy = absl::StrCat(work, "/copy");
    absl::StatusOr<ChildRun> cp = RunChild({"cp", "-r", input, copy});
    if (!cp.ok()) {
      status = cp.status();
      break;
    }
    if (status = RemoveAndSync(copy); !status.ok()) break;

    const std::string output = absl::StrCat(work, "/converted");
    const std::vector<std::string> convert =
        frozen ? std::vector<std::string>{flags.converter, "--input_format=tf_frozen_model",
                                          "--output_node_names=" + flags.output_node_names, input,
                                          output}
               : std::vector<std::string>{flags.converter, input, output};
    absl::StatusOr<ChildRun> converted = RunChild(convert);
    if (!converted.ok()) {
      status = converted.status();
      break;
    }
    absl::StatusOr<FileSizes> shards =
        SumFileSizes(output, [](const std::string& name) { return absl::EndsWith(name, ".bin"); });
    if (!shards.ok()) {
      status = shards.status();
      break;
    }
    const bool has_model_json = fs::exists(output + "/model.json", error);
    std::printf(
        "run %d: cp %.3f s (cpu %.3f s) | converter %.3f s (cpu %.3f s), peak RSS %.1f MiB "
        "| output %.1f MiB in %lld shards%s\n",
        run, cp->seconds, cp->cpu_seconds, converted->seconds, converted->cpu_seconds,
        converted->peak_rss_mib, shards->bytes / kMiB, static_cast<long long>(shards->files),
        has_model_json ? "" : ", NO model.json");
    std::fflush(stdout);
    if (!ShardsHoldTheWeights(flags, shards->bytes, weights->bytes) || !has_model_json) {
      status = absl::DataLossError(absl::StrCat(
          "converter output ", output, " holds ", shards->bytes, " weight bytes, the input ",
          weights->bytes, has_model_json ? "" : ", and has no model.json"));
      break;
    }
    if (status = RemoveAndSync(output); !status.ok()) break;
    cp_seconds.push_back(cp->seconds);
    converter_seconds.push_back(converted->seconds);
    time_ratios.push_back(converted->seconds / cp->seconds);
    cp_cpu_seconds.push_back(cp->cpu_seconds);
    converter_cpu_seconds.push_back(converted->cpu_seconds);
    cpu_ratios.push_back(converted->cpu_seconds / cp->cpu_seconds);
    rss_mib.push_back(converted->peak_rss_mib);
  }
  fs::remove_all(work, error);
  if (!status.ok()) return status;

  const double weight_mib = weights->bytes / kMiB;
  const double time_ratio = Median(time_ratios);
  const double memory_ratio = Median(rss_mib) / weight_mib;
  std::printf("median of %d runs (ratios: median of the per-run ratios):\n", flags.runs);
  std::printf("  cp -r seconds         %8.3f\n", Median(cp_seconds));
  std::printf("  converter seconds     %8.3f\n", Median(converter_seconds));
  std::printf("  converter / cp        %8.2fx  (target <= %.1fx: %s)\n", time_ratio, kMaxTimeRatio,
              Verdict(time_ratio, kMaxTimeRatio));
  std::printf("  cp -r cpu seconds     %8.3f\n", Median(cp_cpu_seconds));
  std::printf("  converter cpu seconds %8.3f\n", Median(converter_cpu_seconds));
  std::printf("  cpu converter / cp    %8.2fx\n", Median(cpu_ratios));
  std::printf("  peak RSS MiB          %8.1f\n", Median(rss_mib));
  std::printf("  weight MiB            %8.1f\n", weight_mib);
  std::printf("  peak RSS / weights    %8.2fx  (target <= %.1fx: %s)\n", memory_ratio,
              kMaxMemoryRatio, Verdict(memory_ratio, kMaxMemoryRatio));
  return absl::OkStatus();
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
    std::fprintf(stderr, "converter_benchmark: %s\n", std::string(status.message()).c_str());
    return tools::kExitFailure;
  }
  return 0;
}

}  // namespace
}  // namespace tfjs::benchmarks

int main(int argc, char** argv) { return tfjs::benchmarks::Main(argc, argv); }
