#!/usr/bin/env bash
# Runs opencv_dnn_test.py (see there) with Debian's Python 3 and OpenCV (python3-opencv, which
# tools/bazel installs).
set -euo pipefail
runfiles="${RUNFILES_DIR:-$0.runfiles}"
main="$runfiles/tfjs_native"
exec /usr/bin/python3 "$main/converter/tests/opencv_dnn_test.py" "$main/converter/converter" \
  "$main/tools/run_graph_model" "$runfiles/npm/node_modules/@vladmandic/human/models" \
  "$main/converter/tests/opencv_dnn_expected.txt" "$TEST_TMPDIR" "$main"
