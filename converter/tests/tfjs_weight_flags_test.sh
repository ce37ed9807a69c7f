#!/usr/bin/env bash
# sh_test entry: tfjs_weight_flags_test.js with the converter, Node.js and TF.js from runfiles.
set -euo pipefail
runfiles="$RUNFILES_DIR"
source "$runfiles/tfjs_native/tools/tfjs/node_env.sh"
main="$runfiles/tfjs_native"
exec "$NODE" "$main/converter/tests/tfjs_weight_flags_test.js" \
  "--converter=$main/converter/converter" \
  "--node_modules=$TFJS_NODE_MODULES" \
  "--frozen=$main/testdata/frozen" \
  "--saved_model=$main/testdata/saved_model"
