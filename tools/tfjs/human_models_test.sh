#!/usr/bin/env bash
# sh_test entry: human_models_test.js with the pinned Node.js, TF.js and human models.
set -euo pipefail
runfiles="$RUNFILES_DIR"
source "$runfiles/tfjs_native/tools/tfjs/node_env.sh"
exec "$NODE" "$runfiles/tfjs_native/tools/tfjs/human_models_test.js" \
  "$runfiles/npm/node_modules/@vladmandic/human/models"
