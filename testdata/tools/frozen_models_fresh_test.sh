#!/usr/bin/env bash
# Fails when testdata/frozen differs from what make_frozen_models.js generates.
set -euo pipefail
runfiles="$RUNFILES_DIR"
source "$runfiles/tfjs_native/tools/tfjs/node_env.sh"
exec "$NODE" "$runfiles/tfjs_native/testdata/tools/make_frozen_models.js" --check \
  "--root=$runfiles/tfjs_native/testdata/frozen"
