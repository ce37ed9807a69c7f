#!/usr/bin/env bash
# With --tfjs_rewrites=false the converter writes, byte for byte, what it wrote before the TF.js
# rewrites existed (tensorflowjs_converter's graph): converts each model tfjs_rewrites_off_golden.txt
# names and compares the SHA-256 of every file written with the golden's.
#
#   tfjs_rewrites_off_test.sh CONVERTER GOLDEN   (run from the workspace root, as Bazel does)
set -euo pipefail
converter=$1
golden=$2
out="${TEST_TMPDIR:-$(mktemp -d)}/rewrites_off"
failed=0
checked=0
declare -A converted=()
while read -r model outputs file want; do
  [[ -z $model || $model == \#* ]] && continue
  dir="$out/$(echo "$model" | tr '/' '_')"
  if [[ -z ${converted[$model]+x} ]]; then
    rm -rf "$dir"
    "$converter" --input_format=tf_frozen_model --tfjs_rewrites=false \
      "--output_node_names=$outputs" "$model" "$dir"
    converted[$model]=$dir
    # Every file written is in the golden list.
    for path in "$dir"/*; do
      grep -q "^$model [^ ]* $(basename "$path") " "$golden" ||
        { echo "FAIL $model: $(basename "$path") is not in the golden list" >&2; failed=1; }
    done
  fi
  got=$(sha256sum "$dir/$file" | cut -d' ' -f1)
  if [[ $got != "$want" ]]; then
    echo "FAIL $model: $file has sha256 $got, the golden $want" >&2
    failed=1
  fi
  checked=$((checked + 1))
done <"$golden"
echo "$checked files compared"
[[ $checked -gt 0 ]] || { echo "FAIL: no golden entries" >&2; exit 1; }
exit $failed
