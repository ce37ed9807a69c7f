// io::LoadWeights: reads the shards a weights manifest names and decodes the weights, the native
// twin of TF.js's tf.io.loadWeights (and of the weight half of a model load).
#ifndef TFJS_NATIVE_IO_LOAD_WEIGHTS_H_
#define TFJS_NATIVE_IO_LOAD_WEIGHTS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "io/fetch.h"
#include "io/tensor.h"
#include "io/weights_manifest.h"

namespace tfjs::io {

// Every weight of `manifest`, in manifest order. `path_prefix` is the folder (directory or
// http(s) URL) the manifest's paths are relative to; options.weight_path_prefix, when set,
// replaces it. Each group's shards must hold exactly the bytes its weights need; a missing or
// truncated shard, or a manifest listing more or fewer bytes, is an error naming the files.
absl::StatusOr<std::vector<NamedTensor>> LoadWeights(const WeightsManifest& manifest,
                                                     absl::string_view path_prefix,
                                                     const LoadOptions& options = {});

// Only the weights named, in the order named. Reads only the shards holding them (plus, in a
// group with string weights before them, the shards needed to measure those strings); sizes
// of the group's other shards are still checked. Unknown names are a NotFound error listing all.
absl::StatusOr<std::vector<NamedTensor>> LoadWeights(const WeightsManifest& manifest,
                                                     absl::string_view path_prefix,
                                                     absl::Span<const std::string> names,
                                                     const LoadOptions& options = {});

// The common core over any Fetcher: manifest paths resolve to folder + path + query (query is
// the model URL's "?..." that TF.js appends to weight URLs). `names` null means all weights.
absl::StatusOr<std::vector<NamedTensor>> LoadWeightsWith(
    Fetcher& fetcher, const WeightsManifest& manifest, absl::string_view folder,
    absl::string_view query, const std::vector<std::string>* names,
    const std::function<void(double)>& on_progress);

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_LOAD_WEIGHTS_H_
