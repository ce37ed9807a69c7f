// Locating model files: splitting a model.json path or URL into its folder, resolving manifest
// paths under a folder without letting them escape it, and reading paths a user typed under
// `bazel run`.
#ifndef TFJS_NATIVE_IO_PATHS_H_
#define TFJS_NATIVE_IO_PATHS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tfjs::io {

bool IsHttpUrl(absl::string_view location);

// "scheme://host:port" of an http(s) URL, lower-cased, with the default port made explicit and
// any user:password dropped; InvalidArgument if `url` has no host.
absl::StatusOr<std::string> UrlOrigin(absl::string_view url);

// TF.js's parseUrl: for "https://h/m/model.json?v=2" the folder "https://h/m/" and the query
// "?v=2"; for a local "dir/model.json" the folder "dir/" and no query ("./" for a bare name).
struct ModelLocation {
  std::string folder;
  std::string query;
};
ModelLocation SplitModelLocation(absl::string_view model_path);

// folder + path + query, after checking that `path` (from a manifest) stays inside `folder`:
// relative, no scheme, no backslashes, and no ".." (or percent-encoded dots) climbing above it.
// A non-empty `folder` gets a '/' appended when it lacks one; an empty one means the working
// directory.
absl::StatusOr<std::string> ResolveManifestPath(absl::string_view folder, absl::string_view path,
                                                absl::string_view query);

// A path from a tool's command line as the process should open it. `bazel run` starts a tool in
// its runfiles tree and sets BUILD_WORKING_DIRECTORY to the directory the user ran Bazel from: a
// relative local path is taken relative to that directory. Absolute paths, http(s) URLs, "" and
// every path when BUILD_WORKING_DIRECTORY is unset or empty come back unchanged.
std::string CallerPath(absl::string_view path);

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_PATHS_H_
