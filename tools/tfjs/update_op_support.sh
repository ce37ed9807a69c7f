#!/usr/bin/env bash
# Measures what real TF.js computes per op and dtype (op_support.js on the cases of
# //tools:tfjs_op_support_cases) and writes converter/tfjs_op_support.txt, or with --check FILE
# fails when FILE differs from a new measurement.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
runfiles="${RUNFILES_DIR:-$self.runfiles}"
[[ -d $runfiles ]] || runfiles="${TEST_SRCDIR:-$PWD/..}"
source "$runfiles/tfjs_native/tools/tfjs/node_env.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$runfiles/tfjs_native/tools/tfjs_op_support_cases" >"$work/cases.jsonl"
"$NODE" "$runfiles/tfjs_native/tools/tfjs/op_support.js" --node_modules="$TFJS_NODE_MODULES" \
  --cases="$work/cases.jsonl" --output="$work/tfjs_op_support.txt"

if [[ ${1:-} == --check ]]; then
  if ! diff -u "$2" "$work/tfjs_op_support.txt" >&2; then
    echo "$2 is not what TF.js computes now: tools/bazel run //tools/tfjs:update_op_support" >&2
    exit 1
  fi
  echo "$2 is current ($(grep -vc '^#' "$2") rows)"
  exit 0
fi
target="${BUILD_WORKSPACE_DIRECTORY:?run me with bazel run}/converter/tfjs_op_support.txt"
cp "$work/tfjs_op_support.txt" "$target"
echo "wrote $target: $(grep -c $'\tright' "$target") right, $(grep -c $'\twrong' "$target") wrong," \
  "$(grep -c $'\trefuses' "$target") refuses"
