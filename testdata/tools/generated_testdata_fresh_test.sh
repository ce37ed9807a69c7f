#!/usr/bin/env bash
# Fails when testdata/frozen or testdata/saved_model differ from what their generators write.
set -euo pipefail
runfiles="$RUNFILES_DIR"
source "$runfiles/tfjs_native/tools/tfjs/node_env.sh"
testdata="$runfiles/tfjs_native/testdata"
"$NODE" "$testdata/tools/make_frozen_models.js" --check "--root=$testdata/frozen"
"$NODE" "$testdata/tools/make_saved_models.js" --check "--root=$testdata/saved_model"
