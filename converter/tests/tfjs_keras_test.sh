#!/usr/bin/env bash
# sh_test entry: tfjs_keras_test.js over every Keras case of @corpus, with the converter,
# Node.js and TF.js from runfiles.
set -euo pipefail
runfiles="$RUNFILES_DIR"
source "$runfiles/tfjs_native/tools/tfjs/node_env.sh"
main="$runfiles/tfjs_native"
exec "$NODE" "$main/converter/tests/tfjs_keras_test.js" \
  "--converter=$main/converter/converter" \
  "--node_modules=$TFJS_NODE_MODULES" \
  "--known_failures=$main/converter/tests/keras_known_failures.txt" \
  "--cases=$runfiles/corpus" \
  "$@"
