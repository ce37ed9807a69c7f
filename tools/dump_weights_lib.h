// DumpWeights: the work of `dump_weights`, loading a weights manifest or model.json through
// io::LoadWeights and writing one .npy per weight plus weights.json.
#ifndef TFJS_NATIVE_TOOLS_DUMP_WEIGHTS_LIB_H_
#define TFJS_NATIVE_TOOLS_DUMP_WEIGHTS_LIB_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace tfjs::tools {

// `manifest_path` is a bare manifest (a JSON list of groups, like face-api's
// *-weights_manifest.json) or a model.json, a local path or http(s) URL; shard paths resolve
// against its folder. Writes into `output_dir` (created, with its parents, only once the weights
// are loaded, so a failed load leaves no directory) one "<index>_<name>.npy" per weight
// (dequantized weights as float32) and weights.json, an object mapping each weight name to its
// file name. `names` empty means every weight.
absl::Status DumpWeights(const std::string& manifest_path, const std::string& output_dir,
                         const std::vector<std::string>& names);

}  // namespace tfjs::tools

#endif  // TFJS_NATIVE_TOOLS_DUMP_WEIGHTS_LIB_H_
