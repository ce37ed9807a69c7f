#!/usr/bin/env bash
# sh_test entry: tfjs_e2e_test.js over testdata/ and every @corpus case, with the converter,
# Node.js and TF.js from runfiles.
set -euo pipefail
runfiles="$RUNFILES_DIR"
source "$runfiles/tfjs_native/tools/tfjs/node_env.sh"
main="$runfiles/tfjs_native"
exec "$NODE" "$main/converter/tests/tfjs_e2e_test.js" \
  "--converter=$main/converter/converter" \
  "--pbtxt_to_pb=$main/testdata/tools/pbtxt_to_pb" \
  "--runner=$main/tools/tfjs/run_graph_models.js" \
  "--node_modules=$TFJS_NODE_MODULES" \
  "--known_failures=$main/converter/tests/known_failures.txt" \
  "--cases=$main/testdata/frozen" \
  "--cases=$main/testdata/saved_model" \
  "--cases=$runfiles/corpus" \
  "$@"
