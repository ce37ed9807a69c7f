// dump_weights: writes every weight of a TF.js weights manifest or model.json as a .npy file.
//
//   tools/bazel run //tools:dump_weights -- --manifest M.json --output_dir DIR [--names a,b]
//
// M.json is a bare manifest (face-api's *-weights_manifest.json) or a model.json, local or
// http(s); DIR (and its parents) is created if missing and receives <index>_<name>.npy files and weights.json
// (weight name -> file name). Dequantized weights are written as float32.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "io/paths.h"
#include "tools/dump_weights_lib.h"

namespace {

constexpr char kUsage[] =
    "usage: dump_weights --manifest M.json --output_dir DIR [--names weight1,weight2]\n";

// Under `bazel run` the working directory is the runfiles tree; relative paths mean the caller's.
std::string FromCallerDirectory(const std::string& path) {
  const char* caller = std::getenv("BUILD_WORKING_DIRECTORY");
  if (caller == nullptr || path.empty() || path[0] == '/' || tfjs::io::IsHttpUrl(path)) return path;
  return absl::StrCat(caller, "/", path);
}

}  // namespace

int main(int argc, char** argv) {
  std::string manifest;
  std::string output_dir;
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    const size_t equals = arg.find('=');
    if (equals != std::string::npos) {
      value = arg.substr(equals + 1);
      arg = arg.substr(0, equals);
    } else if (i + 1 < argc) {
      value = argv[++i];
    }
    if (arg == "--manifest") {
      manifest = value;
    } else if (arg == "--output_dir") {
      output_dir = value;
    } else if (arg == "--names") {
      names = absl::StrSplit(value, ',', absl::SkipEmpty());
    } else {
      std::fprintf(stderr, "dump_weights: unknown argument '%s'\n%s", argv[i], kUsage);
      return 2;
    }
  }
  if (manifest.empty() || output_dir.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const absl::Status dumped = tfjs::tools::DumpWeights(FromCallerDirectory(manifest),
                                                       FromCallerDirectory(output_dir), names);
  if (!dumped.ok()) {
    std::fprintf(stderr, "dump_weights: %s\n", std::string(dumped.message()).c_str());
    return 1;
  }
  return 0;
}
