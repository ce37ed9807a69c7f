// make_big_frozen_graph: writes a binary frozen GraphDef with about N bytes of float32 Consts,
// past protobuf's 2 GiB limit if asked, for the converter's big-graph benchmark.
//
//   make_big_frozen_graph --output FILE --bytes N [--const_bytes M] [--sparse]
//
// Consts w0, w1, ... of M bytes each (default 600 MiB; as many as bring the total to at least N)
// feed one ConcatV2 named "concat", the output to convert:
//   converter --input_format=tf_frozen_model --output_node_names=concat FILE OUT
// Values are a deterministic hash of (Const, position). --sparse writes only 12 KiB of each
// value and leaves the rest as holes (zeros), which is fast but lets `cp` skip them too.
// Sizes take K/M/G (binary) suffixes.
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "testdata/tools/big_frozen_graph_writer.h"
#include "io/paths.h"
#include "tools/command_line.h"

namespace tfjs::benchmarks {
namespace {

using tools::MatchFlag;
using tools::ParseByteCount;

constexpr char kUsage[] =
    "usage: make_big_frozen_graph --output FILE --bytes N [--const_bytes M] [--sparse]\n";

struct Flags {
  std::string output;
  int64_t bytes = 0;
  int64_t const_bytes = int64_t{600} << 20;
  bool sparse = false;
};

absl::StatusOr<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string value;
    if (MatchFlag("--output", argc, argv, &i, &value)) {
      flags.output = io::CallerPath(value);
    } else if (MatchFlag("--bytes", argc, argv, &i, &value)) {
      absl::StatusOr<int64_t> bytes = ParseByteCount("--bytes", value);
      if (!bytes.ok()) return bytes.status();
      flags.bytes = *bytes;
    } else if (MatchFlag("--const_bytes", argc, argv, &i, &value)) {
      absl::StatusOr<int64_t> bytes = ParseByteCount("--const_bytes", value);
      if (!bytes.ok()) return bytes.status();
      if (*bytes % 8 != 0) return absl::InvalidArgumentError("--const_bytes wants a multiple of 8");
      flags.const_bytes = *bytes;
    } else if (std::string(argv[i]) == "--sparse") {
      flags.sparse = true;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument ", argv[i]));
    }
  }
  if (flags.output.empty() || flags.bytes == 0) {
    return absl::InvalidArgumentError("--output and --bytes are required");
  }
  return flags;
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
  testdata::BigFrozenGraphSpec spec;
  spec.const_bytes = flags->const_bytes;
  spec.consts = static_cast<int>((flags->bytes + spec.const_bytes - 1) / spec.const_bytes);
  spec.sparse = flags->sparse;
  std::printf("writing %d float32 Consts of %.1f MiB (%s) into ConcatV2 '%s' to %s\n", spec.consts,
              static_cast<double>(spec.const_bytes) / (1 << 20), spec.sparse ? "sparse" : "dense",
              testdata::kBigGraphOutput, flags->output.c_str());
  if (absl::Status status = testdata::WriteBigFrozenGraph(flags->output, spec); !status.ok()) {
    std::fprintf(stderr, "make_big_frozen_graph: %s\n", std::string(status.message()).c_str());
    return tools::kExitFailure;
  }
  return 0;
}

}  // namespace
}  // namespace tfjs::benchmarks

int main(int argc, char** argv) { return tfjs::benchmarks::Main(argc, argv); }
