# Sourced by launchers: points NODE and TFJS_NODE_MODULES at @npm inside `runfiles`.
NODE="$runfiles/npm/node"
TFJS_NODE_MODULES="$runfiles/npm/node_modules"
if [[ ! -x $NODE ]]; then
  echo "$0: no Node.js at $NODE; add @npm//:node (and @npm//:node_modules for TF.js) to data" >&2
  exit 2
fi
export NODE TFJS_NODE_MODULES
