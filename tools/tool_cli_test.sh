#!/usr/bin/env bash
# Every tool's command-line conventions: --help exits 0 and documents the exit statuses; under a
# simulated `bazel run` (working directory elsewhere, BUILD_WORKING_DIRECTORY set) relative paths
# are the caller's; written directories and files take the umask's modes.
set -euo pipefail

runfiles="${RUNFILES_DIR:-$0.runfiles}/tfjs_native"
fail() { echo "FAIL: $*" >&2; exit 1; }

tools=(
  converter/converter
  tools/run_graph_model
  tools/dump_weights
  tools/benchmark_model/benchmark_model
  tools/benchmark_model/fma_peak
  tools/op_coverage
  tools/conformance/conformance
  tools/inspect/inspect
  tools/benchmarks/converter_benchmark
  tools/benchmarks/graph_size_benchmark
  tools/benchmarks/make_big_frozen_graph
  tools/benchmarks/make_big_saved_model
  tools/benchmarks/make_chain_graph
)
for tool in "${tools[@]}"; do
  for flag in --help -h; do
    status=0
    "$runfiles/$tool" "$flag" >"$TEST_TMPDIR/help.txt" 2>"$TEST_TMPDIR/help.err" || status=$?
    [[ $status -eq 0 ]] || fail "$tool $flag exited $status: $(cat "$TEST_TMPDIR/help.err")"
    grep -q '^usage: ' "$TEST_TMPDIR/help.txt" || fail "$tool $flag printed no usage line"
    grep -q 'exit status' "$TEST_TMPDIR/help.txt" || fail "$tool $flag documents no exit status"
    grep -q 'BUILD_WORKING_DIRECTORY' "$TEST_TMPDIR/help.txt" ||
      fail "$tool $flag does not say how relative paths are read"
  done
  status=0
  "$runfiles/$tool" --no_such_flag >/dev/null 2>&1 || status=$?
  [[ $status -eq 2 ]] || fail "$tool --no_such_flag exited $status, not 2"
done
# The Node.js tools and generators: --help prints the usage of their header, bad flags exit 2.
node="${RUNFILES_DIR:-$0.runfiles}/npm/node"
js_tools=(
  tools/benchmarks/runtime_vs_tfjs_wasm.js
  tools/benchmarks/tfjs_wasm_benchmark.js
  tools/conformance/tfjs_conformance.js
  tools/tfjs/run_graph_models.js
  testdata/tools/make_frozen_models.js
  testdata/tools/make_saved_models.js
)
for tool in "${js_tools[@]}"; do
  for flag in --help -h; do
    status=0
    "$node" "$runfiles/$tool" "$flag" >"$TEST_TMPDIR/help.txt" 2>"$TEST_TMPDIR/help.err" || status=$?
    [[ $status -eq 0 ]] || fail "$tool $flag exited $status: $(cat "$TEST_TMPDIR/help.err")"
    grep -q "^usage: node .*$(basename "$tool")" "$TEST_TMPDIR/help.txt" ||
      fail "$tool $flag printed no usage line"
    grep -qi 'exit status' "$TEST_TMPDIR/help.txt" || fail "$tool $flag documents no exit status"
  done
  status=0
  "$node" "$runfiles/$tool" --no_such_flag=1 >/dev/null 2>"$TEST_TMPDIR/bad.err" || status=$?
  [[ $status -eq 2 ]] || fail "$tool --no_such_flag=1 exited $status, not 2: $(cat "$TEST_TMPDIR/bad.err")"
  grep -q 'no_such_flag' "$TEST_TMPDIR/bad.err" || fail "$tool does not name the bad flag"
done
# The benchmark's launcher passes its own flags first; --help still wins.
"$runfiles/tools/benchmarks/runtime_vs_tfjs_wasm" --help | grep -q '^usage: ' ||
  fail "bazel run //tools/benchmarks:runtime_vs_tfjs_wasm -- --help printed no usage"

grep -q 'not implemented' <("$runfiles/converter/converter" --help | grep -A4 -- '--strip_debug_ops') &&
  fail "--strip_debug_ops's help still says it is not implemented"

mode() { stat -c %a "$1"; }

# `bazel run` starts tools in their runfiles tree; the caller is elsewhere.
caller="$TEST_TMPDIR/caller"
mkdir -p "$caller/models" "$caller/in"
cp "$runfiles/testdata/frozen/conv_net/frozen_model.pb" "$caller/models/conv.pb"
cp "$runfiles/testdata/frozen/conv_net/inputs/0.npy" "$caller/in/image.npy"
export BUILD_WORKING_DIRECTORY="$caller"
cd "$runfiles"

check_modes() {  # umask, expected directory mode, expected file mode
  local mask=$1 dir_mode=$2 file_mode=$3 out="web_$1"
  (umask "$mask" && "$runfiles/converter/converter" --input_format=tf_frozen_model \
      --output_node_names=logits,probs models/conv.pb "$out/conv") ||
    fail "converter with relative paths failed"
  [[ -f $caller/$out/conv/model.json ]] || fail "model.json not written under the caller's directory"
  [[ ! -e $runfiles/$out ]] || fail "converter wrote into the runfiles tree"
  [[ $(mode "$caller/$out") == "$dir_mode" ]] || fail "umask $mask: parent $(mode "$caller/$out")"
  [[ $(mode "$caller/$out/conv") == "$dir_mode" ]] ||
    fail "umask $mask: model directory $(mode "$caller/$out/conv"), want $dir_mode"
  for file in "$caller/$out/conv"/*; do
    [[ $(mode "$file") == "$file_mode" ]] || fail "umask $mask: $file is $(mode "$file")"
  done

  (umask "$mask" && "$runfiles/tools/run_graph_model" --model "$out/conv/model.json" \
      --input image=in/image.npy --output_dir "run_$mask/outputs") ||
    fail "run_graph_model with relative paths failed"
  [[ $(mode "$caller/run_$mask/outputs") == "$dir_mode" ]] || fail "run_graph_model directory mode"
  for file in "$caller/run_$mask/outputs"/*; do
    [[ $(mode "$file") == "$file_mode" ]] || fail "umask $mask: $file is $(mode "$file")"
  done
  grep -q '"logits"' "$caller/run_$mask/outputs/outputs.json" || fail "no logits output"

  (umask "$mask" && "$runfiles/tools/dump_weights" --manifest "$out/conv/model.json" \
      --output_dir "weights_$mask") || fail "dump_weights with relative paths failed"
  [[ $(mode "$caller/weights_$mask") == "$dir_mode" ]] || fail "dump_weights directory mode"
  [[ $(mode "$caller/weights_$mask/weights.json") == "$file_mode" ]] || fail "weights.json mode"

  "$runfiles/tools/benchmark_model/benchmark_model" --model "$out/conv/model.json" \
      --input image=in/image.npy --warmup 0 --runs 1 >/dev/null ||
    fail "benchmark_model with relative paths failed"
}
check_modes 022 755 644
check_modes 027 750 640

# Converting over an existing model keeps the umask's modes too (the staged directory is swapped in).
(umask 022 && "$runfiles/converter/converter" --input_format=tf_frozen_model \
    --output_node_names=logits models/conv.pb web_022/conv) || fail "reconversion failed"
[[ $(mode "$caller/web_022/conv") == 755 ]] || fail "reconverted directory $(mode "$caller/web_022/conv")"

# A relative output outside `bazel run` is relative to the working directory, as always.
unset BUILD_WORKING_DIRECTORY
cd "$caller"
"$runfiles/converter/converter" --input_format=tf_frozen_model --output_node_names=logits \
    models/conv.pb plain >/dev/null || fail "converter without BUILD_WORKING_DIRECTORY failed"
[[ -f $caller/plain/model.json ]] || fail "relative output without bazel run misplaced"
echo "PASS"
