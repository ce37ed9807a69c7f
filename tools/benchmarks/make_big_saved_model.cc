// make_big_saved_model: writes a TF1-style SavedModel with about N bytes of float32 variables,
// for the converter's big-model benchmark.
//
//   make_big_saved_model --output_dir DIR --bytes N [--variable_bytes M] [--shards S]
//
// The model is a chain of dense layers of equal width (kernel ~M bytes, default 128 MiB) over
// VariableV2 variables, saved by a sharded tf.train.Saver into S data shards (default 4).
// Variable values are a deterministic hash of (variable, element index). Sizes take K/M/G
// (binary) suffixes.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "proto/saved_model.pb.h"
#include "testdata/tools/streaming_bundle_writer.h"
#include "io/paths.h"
#include "tools/benchmarks/tf1_mlp_graph.h"
#include "tools/command_line.h"

namespace tfjs::benchmarks {
namespace {

using tools::MatchFlag;
using tools::ParseByteCount;

namespace fs = std::filesystem;

constexpr char kUsage[] =
    "usage: make_big_saved_model --output_dir DIR --bytes N [--variable_bytes M] [--shards S]\n";

struct Flags {
  std::string output_dir;
  int64_t bytes = 0;
  int64_t variable_bytes = int64_t{128} << 20;
  int shards = 4;
};

absl::StatusOr<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string value;
    if (MatchFlag("--output_dir", argc, argv, &i, &value)) {
      flags.output_dir = io::CallerPath(value);
    } else if (MatchFlag("--bytes", argc, argv, &i, &value)) {
      absl::StatusOr<int64_t> bytes = ParseByteCount("--bytes", value);
      if (!bytes.ok()) return bytes.status();
      flags.bytes = *bytes;
    } else if (MatchFlag("--variable_bytes", argc, argv, &i, &value)) {
      absl::StatusOr<int64_t> bytes = ParseByteCount("--variable_bytes", value);
      if (!bytes.ok()) return bytes.status();
      flags.variable_bytes = *bytes;
    } else if (MatchFlag("--shards", argc, argv, &i, &value)) {
      if (!absl::SimpleAtoi(value, &flags.shards) || flags.shards < 1) {
        return absl::InvalidArgumentError("--shards wants a positive count");
      }
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument ", argv[i]));
    }
  }
  if (flags.output_dir.empty() || flags.bytes == 0) {
    return absl::InvalidArgumentError("--output_dir and --bytes are required");
  }
  return flags;
}

// Square kernels of about `variable_bytes`, as many layers as bring the total nearest `bytes`.
MlpSpec PlanModel(const Flags& flags) {
  MlpSpec spec;
  spec.width = std::max<int64_t>(
      1, static_cast<int64_t>(std::sqrt(static_cast<double>(flags.variable_bytes) / 4.0)));
  const double layer_bytes = 4.0 * static_cast<double>(spec.width) * (spec.width + 1);
  spec.layers = std::max(1, static_cast<int>(std::llround(flags.bytes / layer_bytes)));
  spec.num_shards = flags.shards;
  return spec;
}

uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15u;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
  return x ^ (x >> 31);
}

// Element `index` of variable number `variable`: uniform-looking in [-scale, scale).
float HashedValue(uint64_t variable, uint64_t index, float scale) {
  const uint64_t bits = SplitMix64((variable << 40) ^ index);
  const float unit = static_cast<float>(bits >> 40) / static_cast<float>(uint64_t{1} << 24);
  return (2.0f * unit - 1.0f) * scale;
}

absl::Status WriteCheckpoint(const MlpSpec& spec, const std::string& prefix) {
  absl::StatusOr<std::unique_ptr<testdata::StreamingBundleWriter>> writer =
      testdata::StreamingBundleWriter::Create(prefix, spec.num_shards);
  if (!writer.ok()) return writer.status();
  const std::vector<MlpVariable> variables = MlpVariables(spec);
  for (size_t v = 0; v < variables.size(); ++v) {
    const MlpVariable& variable = variables[v];
    tensorflow::TensorShapeProto shape;
    for (int64_t dim : variable.shape) shape.add_dim()->set_size(dim);
    // Glorot's limit for kernels; small values for biases.
    const float scale =
        variable.shape.size() == 2 ? std::sqrt(6.0f / static_cast<float>(2 * spec.width)) : 0.01f;
    absl::Status status =
        (*writer)->Add(variable.name, tensorflow::DT_FLOAT, shape, variable.shard,
                       [&](uint64_t offset, absl::Span<char> chunk) {
                         const uint64_t first = offset / sizeof(float);
                         const size_t count = chunk.size() / sizeof(float);
                         for (size_t i = 0; i < count; ++i) {
                           const float value = HashedValue(v, first + i, scale);
                           std::memcpy(chunk.data() + i * sizeof(float), &value, sizeof(float));
                         }
                       });
    if (!status.ok()) return status;
  }
  return (*writer)->Finish();
}

absl::Status WriteSavedModel(const MlpSpec& spec, const std::string& dir) {
  std::error_code error;
  if (fs::exists(dir, error) && !fs::is_empty(dir, error)) {
    return absl::AlreadyExistsError(absl::StrCat(dir, ": exists and is not empty"));
  }
  const fs::path variables = fs::path(dir) / "variables";
  fs::create_directories(variables, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat(variables.string(), ": cannot create: ", error.message()));
  }
  tensorflow::SavedModel saved_model;
  saved_model.set_saved_model_schema_version(1);
  *saved_model.add_meta_graphs() = MlpMetaGraph(spec);
  const std::string pb_path = (fs::path(dir) / "saved_model.pb").string();
  std::ofstream pb(pb_path, std::ios::binary | std::ios::trunc);
  if (!saved_model.SerializeToOstream(&pb) || !(pb.close(), pb)) {
    return absl::UnavailableError(absl::StrCat(pb_path, ": cannot write"));
  }
  return WriteCheckpoint(spec, (variables / "variables").string());
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
  const MlpSpec spec = PlanModel(*flags);
  const int64_t weight_bytes = int64_t{4} * spec.layers * spec.width * (spec.width + 1);
  std::printf(
      "writing %d dense layers of width %lld (%.1f MiB per kernel), %lld weight bytes "
      "(%.1f MiB) in %d shards to %s\n",
      spec.layers, static_cast<long long>(spec.width), 4.0 * spec.width * spec.width / (1 << 20),
      static_cast<long long>(weight_bytes), static_cast<double>(weight_bytes) / (1 << 20),
      spec.num_shards, flags->output_dir.c_str());
  if (absl::Status status = WriteSavedModel(spec, flags->output_dir); !status.ok()) {
    std::fprintf(stderr, "make_big_saved_model: %s\n", std::string(status.message()).c_str());
    return tools::kExitFailure;
  }
  return 0;
}

}  // namespace
}  // namespace tfjs::benchmarks

int main(int argc, char** argv) { return tfjs::benchmarks::Main(argc, argv); }
