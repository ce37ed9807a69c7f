# Sourced by this package's launchers: points NODE and TFJS_NODE_MODULES at @npm in `runfiles`.
NODE="$runfiles/npm/node"
TFJS_NODE_MODULES="$runfiles/npm/node_modules"
if [[ ! -x $NODE || ! -d $TFJS_NODE_MODULES/@tensorflow/tfjs-core ]]; then
  echo "$0: Node.js or TF.js missing from runfiles ($runfiles/npm); add @npm//:node and" \
       "@npm//:node_modules to data" >&2
  exit 2
fi
export NODE TFJS_NODE_MODULES
