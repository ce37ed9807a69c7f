#!/usr/bin/env bash
# docs/op_coverage.md is what //tools:op_coverage writes for the current op table and kernels:
# regenerate it (command in tools/op_coverage.cc) when this fails.
set -euo pipefail
root="$RUNFILES_DIR/tfjs_native"
"$root/tools/op_coverage" --markdown "$TEST_TMPDIR/op_coverage.md" > /dev/null
if ! diff -u "$root/docs/op_coverage.md" "$TEST_TMPDIR/op_coverage.md" > "$TEST_TMPDIR/diff.txt"; then
  head -40 "$TEST_TMPDIR/diff.txt"
  echo "docs/op_coverage.md is out of date: regenerate it with //tools:op_coverage --markdown" >&2
  exit 1
fi
