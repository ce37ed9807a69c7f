#!/bin/bash
# Fails when a target of io/, ops/ or proto/ depends on runtime/ or converter/, or the runtime's
# libraries on converter/: $1 and $2 are the genquery outputs (every target each layer reaches).
set -u
lower_layers_deps=$1
runtime_deps=$2
failed=0

# Prints the targets of $1 (a query output) inside the packages matching $2 and fails if any.
check() {
  local deps=$1 forbidden=$2 rule=$3
  local found
  found=$(grep -E "^//(${forbidden})[/:]" "$deps")
  if [[ -n "$found" ]]; then
    echo "FAILED: ${rule}; reached:"
    echo "$found" | sed 's/^/  /'
    failed=1
  else
    echo "ok: ${rule} ($(grep -c '^//' "$deps") targets reached, none there)"
  fi
}

check "$lower_layers_deps" "runtime|converter" \
  "io/, ops/ and proto/ depend on nothing in runtime/ or converter/"
check "$runtime_deps" "converter" \
  "the runtime's libraries (//runtime:graph_model, //runtime/kernels) depend on nothing in converter/"
exit $failed
