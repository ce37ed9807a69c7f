// dump_weights: writes every weight of a TF.js weights manifest or model.json as a .npy file.
//
//   tools/bazel run //tools:dump_weights -- --manifest M.json --output_dir DIR [--names a,b]
//
// M.json is a bare manifest (face-api's *-weights_manifest.json) or a model.json, local or
// http(s); DIR (and its parents) is created if missing and receives <index>_<name>.npy files and weights.json
// (weight name -> file name). Dequantized weights are written as float32.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "io/paths.h"
#include "tools/command_line.h"
#include "tools/dump_weights_lib.h"

namespace {

constexpr char kUsage[] =
    "usage: dump_weights --manifest M.json --output_dir DIR [--names weight1,weight2]\n"
    "  --manifest    a weights manifest or model.json, local or http(s)\n"
    "  --output_dir  receives <index>_<name>.npy per weight and weights.json (created if "
    "missing)\n"
    "  --names       only these weights\n";

}  // namespace

int main(int argc, char** argv) {
  using tfjs::tools::MatchFlag;
  std::string manifest;
  std::string output_dir;
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i) {
    std::string value;
    if (tfjs::tools::IsHelpFlag(argv[i])) {
      std::printf("%s%s", kUsage, tfjs::tools::kExitStatusHelp);
      return 0;
    }
    if (MatchFlag("--manifest", argc, argv, &i, &value)) {
      manifest = tfjs::io::CallerPath(value);
    } else if (MatchFlag("--output_dir", argc, argv, &i, &value)) {
      output_dir = tfjs::io::CallerPath(value);
    } else if (MatchFlag("--names", argc, argv, &i, &value)) {
      names = absl::StrSplit(value, ',', absl::SkipEmpty());
    } else {
      std::fprintf(stderr, "error: unknown argument '%s'\n%s", argv[i], kUsage);
      return tfjs::tools::kExitUsage;
    }
  }
  if (manifest.empty() || output_dir.empty()) {
    std::fprintf(stderr, "error: --manifest and --output_dir are required\n%s", kUsage);
    return tfjs::tools::kExitUsage;
  }
  const absl::Status dumped = tfjs::tools::DumpWeights(manifest, output_dir, names);
  if (!dumped.ok()) {
    std::fprintf(stderr, "error: %s\n", std::string(dumped.message()).c_str());
    return tfjs::tools::kExitFailure;
  }
  return 0;
}
