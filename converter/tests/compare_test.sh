#!/usr/bin/env bash
# sh_test entry: compare_test.js with the pinned Node.js.
set -euo pipefail
runfiles="$RUNFILES_DIR"
source "$runfiles/tfjs_native/tools/tfjs/node_env.sh"
exec "$NODE" "$runfiles/tfjs_native/converter/tests/compare_test.js"
