#!/usr/bin/env bash
# Builds and runs examples/consumer, a workspace depending on this one through its WORKSPACE
# alone (no .bazelrc), with a nested Bazel: the README's consumer recipe must keep working.
#
# By default the consumer builds tfjs_graph_model's converter in the target configuration
# (--@tfjs_native//tools/build_defs:converter_in_target_config), so the runtime it and the
# consumer's binary link is compiled once; the rule's default, the converter built for the exec
# configuration, is checked by analysis. With --full the consumer builds that one too.
set -euo pipefail

full=false
[[ ${1:-} == --full ]] && full=true

# This script in the source tree (its runfile is a symlink to it) -> the workspace root.
source_root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
work="$TEST_TMPDIR/consumer"
rm -rf "$work"
cp -r "$source_root/examples/consumer" "$work"
[[ ! -e $work/.bazelrc ]] || { echo "FAIL: the consumer example must not need a .bazelrc" >&2; exit 1; }

user_home="$(getent passwd "$(id -u)" | cut -d: -f6)"
export HOME="$TEST_TMPDIR/home"
mkdir -p "$HOME"
bazel=(/usr/bin/bazel-4 --output_user_root="$TEST_TMPDIR/user_root" --nohome_rc)
flags=(
  # The consumer's WORKSPACE says path = "../..": it is copied here, so point at the original.
  --override_repository=tfjs_native="$source_root"
  --disk_cache="$user_home/.cache/tfjs_native/bazel-disk-cache-v2"
  --repository_cache="$user_home/.cache/tfjs_native/bazel-repo-cache"
  --symlink_prefix=/
  --jobs=2
  --spawn_strategy=processwrapper-sandbox
)
cd "$work"

# Runs the nested Bazel with `flags` and the arguments; on failure shows its log and fails.
nested_bazel() {
  local status=0
  "${bazel[@]}" "$1" "${flags[@]}" "${@:2}" >"$TEST_TMPDIR/out.txt" 2>"$TEST_TMPDIR/err.txt" ||
    status=$?
  grep -h '^INFO: [0-9]* processes' "$TEST_TMPDIR/err.txt" || true
  if [[ $status -ne 0 ]]; then
    "${bazel[@]}" shutdown >/dev/null 2>&1 || true
    tail -40 "$TEST_TMPDIR/err.txt" >&2
    echo "FAIL: bazel $* in the consumer workspace exited $status" >&2
    exit 1
  fi
}

if ! $full; then
  nested_bazel build --nobuild //:tiny_web
  flags+=(--@tfjs_native//tools/build_defs:converter_in_target_config)
fi
nested_bazel run //:classify
"${bazel[@]}" shutdown >/dev/null 2>&1 || true
cat "$TEST_TMPDIR/out.txt"
# y = Relu([1, 2, 3] . [[1, -1], [2, 0], [-1, 1]] + [0.5, -3]) = Relu([2.5, -1]) = [2.5, 0].
grep -qx 'format: graph-model, weights: 2' "$TEST_TMPDIR/out.txt" || { echo "FAIL: model.json" >&2; exit 1; }
grep -qx 'y: 2.5 0' "$TEST_TMPDIR/out.txt" || { echo "FAIL: wrong outputs" >&2; exit 1; }
echo PASS
