// Tests for compare.js: tolerances, NaN, int64 wrapping, dtype and shape mismatches.
'use strict';

const assert = require('assert');
const {compareOutput} = require('./compare');

const f32 = (shape, values) => ({dtype: 'float32', shape, data: Float32Array.from(values)});
const i32 = (shape, values) => ({dtype: 'int32', shape, data: Int32Array.from(values)});
const bool = (shape, values) => ({dtype: 'bool', shape, data: Uint8Array.from(values)});

const tests = {
  'equal floats and NaN == NaN pass'() {
    assert.strictEqual(compareOutput(f32([3], [1, NaN, -Infinity]), f32([3], [1, NaN, -Infinity]), 'float32'), null);
  },
  'relative tolerance 1e-4 plus small absolute'() {
    assert.strictEqual(compareOutput(f32([2], [1000, 0]), f32([2], [1000.09, 0.000009]), 'float32'), null);
    assert.match(compareOutput(f32([1], [1000]), f32([1], [1000.2]), 'float32'), /1\/1 values differ/);
  },
  'NaN against a number fails, infinities must match in sign'() {
    assert.notStrictEqual(compareOutput(f32([1], [NaN]), f32([1], [0]), 'float32'), null);
    assert.notStrictEqual(compareOutput(f32([1], [Infinity]), f32([1], [-Infinity]), 'float32'), null);
  },
  'float64 references compare against TF.js float32'() {
    const expected = {dtype: 'float64', shape: [1], data: Float64Array.from([Math.PI])};
    assert.strictEqual(compareOutput(expected, f32([1], [Math.PI]), 'float64'), null);
  },
  'half precision references get a wider tolerance'() {
    const half = {dtype: 'float16', shape: [1], data: Uint16Array.from([0x3555])};  // 0.33325
    const asFloat = f32([1], [0.33325]);
    assert.strictEqual(compareOutput(half, f32([1], [1 / 3]), 'float16'), null);
    assert.strictEqual(compareOutput(asFloat, f32([1], [1 / 3]), 'float16'), null);
    assert.notStrictEqual(compareOutput(asFloat, f32([1], [1 / 3]), 'float32'), null);
    assert.strictEqual(compareOutput(f32([1], [0.333984375]), f32([1], [1 / 3]), 'bfloat16'), null);
  },
  'int64 references wrap to int32 as TF.js holds them'() {
    const expected = {dtype: 'int64', shape: [2], data: BigInt64Array.from([2n ** 32n + 5n, -3n])};
    assert.strictEqual(compareOutput(expected, i32([2], [5, -3]), 'int64'), null);
    assert.match(compareOutput(expected, i32([2], [5, -4]), 'int64'), /got -4, want -3/);
  },
  'integers and booleans compare exactly'() {
    assert.strictEqual(compareOutput(i32([2], [1, 2]), i32([2], [1, 2]), 'int32'), null);
    const uint8 = {dtype: 'uint8', shape: [1], data: Uint8Array.from([200])};
    assert.strictEqual(compareOutput(uint8, i32([1], [200]), 'uint8'), null);
    assert.match(compareOutput(bool([2], [1, 0]), bool([2], [1, 1]), 'bool'), /flat index 1/);
  },
  'dtype kind and shape mismatches fail'() {
    assert.match(compareOutput(bool([1], [1]), i32([1], [1]), 'bool'), /dtype int32 where TF gives bool/);
    assert.match(compareOutput(f32([1], [1]), i32([1], [1]), 'float32'), /dtype int32/);
    assert.match(compareOutput(f32([2, 1], [1, 2]), f32([2], [1, 2]), 'float32'), /shape \[2\] where TF gives \[2,1\]/);
    assert.match(compareOutput(f32([], [1]), f32([1], [1]), 'float32'), /shape/);
  },
  'zero-size outputs compare by shape'() {
    assert.strictEqual(compareOutput(f32([0, 3], []), f32([0, 3], []), 'float32'), null);
    assert.notStrictEqual(compareOutput(f32([0, 3], []), f32([3, 0], []), 'float32'), null);
  },
};

let failures = 0;
for (const [name, body] of Object.entries(tests)) {
  try {
    body();
    console.log(`PASS ${name}`);
  } catch (e) {
    ++failures;
    console.log(`FAIL ${name}\n  ${e.stack}`);
  }
}
process.exitCode = failures ? 1 : 0;
