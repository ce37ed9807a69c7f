// Compares a TF.js output with TensorFlow's expected value, after the dtype changes TF.js makes
// (64-bit and narrow integers become int32, floats float32).
'use strict';

const {halfToFloat} = require('../../tools/tfjs/npy');

// Relative and absolute float tolerances by the expected value's TF dtype: TF.js computes in
// float32, so half-precision references carry their own rounding.
const FLOAT_TOLERANCE = {
  float32: {rtol: 1e-4, atol: 1e-5},
  float64: {rtol: 1e-4, atol: 1e-5},
  complex64: {rtol: 1e-4, atol: 1e-5},
  float16: {rtol: 1e-2, atol: 1e-3},
  bfloat16: {rtol: 2e-2, atol: 1e-2},
};

function kindOf(dtype) {
  if (dtype === 'bool') return 'bool';
  if (dtype in FLOAT_TOLERANCE) return 'float';
  if (/^u?int(8|16|32|64)$/.test(dtype)) return 'int';
  return dtype;
}

// Expected values as TF.js would hold them: int64 wraps to int32 as TF.js's converter casts.
function tfjsView(npy) {
  if (npy.dtype === 'int64' || npy.dtype === 'uint64') {
    return Array.from(npy.data, (v) => Number(BigInt.asIntN(32, v)));
  }
  if (npy.dtype === 'uint32') return Array.from(npy.data, (v) => v | 0);
  if (npy.dtype === 'float16') return Array.from(npy.data, halfToFloat);
  return npy.data;
}

function closeEnough(actual, expected, {rtol, atol}) {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

// `expected` and `actual` are parsed .npy arrays; `tfDtype` is case.json's dtype of the output
// (it differs from the .npy dtype for bfloat16). Returns null when they agree, else a message.
function compareOutput(expected, actual, tfDtype) {
  const expectedKind = kindOf(tfDtype);
  const actualKind = kindOf(actual.dtype);
  if (expectedKind !== actualKind) {
    return `dtype ${actual.dtype} where TF gives ${tfDtype}`;
  }
  if (JSON.stringify(expected.shape) !== JSON.stringify(actual.shape)) {
    return `shape [${actual.shape}] where TF gives [${expected.shape}]`;
  }
  const want = tfjsView(expected);
  const got = actual.data;
  const tolerance = FLOAT_TOLERANCE[tfDtype];
  let bad = 0;
  let first = -1;
  let worst = 0;
  for (let i = 0; i < want.length; ++i) {
    const ok = tolerance ? closeEnough(got[i], want[i], tolerance) : Number(got[i]) === Number(want[i]);
    if (!ok) {
      if (first < 0) first = i;
      ++bad;
      if (tolerance) worst = Math.max(worst, Math.abs(got[i] - want[i]) || Infinity);
    }
  }
  if (!bad) return null;
  const detail = tolerance ? `, max |diff| ${worst}` : '';
  return `${bad}/${want.length} values differ (first at flat index ${first}: ` +
      `got ${got[first]}, want ${want[first]}${detail})`;
}

module.exports = {compareOutput, FLOAT_TOLERANCE};
