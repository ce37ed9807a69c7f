#!/usr/bin/env bash
# Runs run_graph_models.js (see there for flags) with the Node.js and TF.js pinned in @npm.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
runfiles="${RUNFILES_DIR:-$self.runfiles}"
source "$runfiles/tfjs_native/tools/tfjs/node_env.sh"
# `bazel run` starts in the runfiles tree; relative paths on the command line mean the user's.
cd "${BUILD_WORKING_DIRECTORY:-.}"
exec "$NODE" "$runfiles/tfjs_native/tools/tfjs/run_graph_models.js" "$@"
