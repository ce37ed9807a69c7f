#!/usr/bin/env bash
# sh_test entry: face_api_weights_test.js with the pinned Node.js, TF.js, face-api weights and
# the native dump_weights.
set -euo pipefail
runfiles="$RUNFILES_DIR"
source "$runfiles/tfjs_native/tools/tfjs/node_env.sh"
exec "$NODE" "$runfiles/tfjs_native/runtime/tests/face_api_weights_test.js" \
  "$runfiles/npm/node_modules/@vladmandic/face-api/model" \
  "$runfiles/tfjs_native/tools/tfjs" \
  "$runfiles/tfjs_native/tools/dump_weights"
