// Tests for npy.js: round trips of every dtype, numpy's exact header layout, and rejected input.
'use strict';

const assert = require('assert');
const {DTYPES, halfToFloat, parseNpy, serializeNpy} = require('./npy');

const tests = [];
function test(name, body) {
  tests.push({name, body});
}

function roundTrip(array) {
  return parseNpy(serializeNpy(array));
}

function sameValues(actual, expected) {
  assert.strictEqual(actual.length, expected.length);
  for (let i = 0; i < expected.length; ++i) {
    assert.ok(Object.is(actual[i], expected[i]), `element ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

const SAMPLES = {
  float16: [0x3c00, 0x7e00, 0x8000, 0x7c00, 0x0001, 0xfbff],
  float32: [1.5, NaN, -0, Infinity, -Infinity, 3.4028234663852886e38],
  float64: [Math.PI, NaN, -0, Infinity, Number.MIN_VALUE, -1e308],
  int8: [-128, 127, 0, -1, 5, 6],
  int16: [-32768, 32767, 0, -1, 5, 6],
  int32: [-2147483648, 2147483647, 0, -1, 5, 6],
  int64: [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, 2n ** 40n, 6n],
  uint8: [0, 255, 1, 2, 3, 4],
  uint16: [0, 65535, 1, 2, 3, 4],
  uint32: [0, 4294967295, 1, 2, 3, 4],
  uint64: [0n, 2n ** 64n - 1n, 1n, 2n, 3n, 4n],
  bool: [1, 0, 1, 1, 0, 0],
  complex64: [1, 2, 3, 4, 5, 6],
};

for (const [dtype, values] of Object.entries(SAMPLES)) {
  const lanes = DTYPES[dtype].lanes || 1;
  const fullShape = lanes === 1 ? [2, 3] : [3];
  test(`${dtype} round trip keeps values and shape ${fullShape}`, () => {
    const back = roundTrip({dtype, shape: fullShape, data: DTYPES[dtype].array.from(values)});
    assert.strictEqual(back.dtype, dtype);
    assert.deepStrictEqual(back.shape, fullShape);
    sameValues(back.data, DTYPES[dtype].array.from(values));
  });
  test(`${dtype} scalar and zero-size arrays round trip`, () => {
    const scalar = roundTrip({dtype, shape: [], data: DTYPES[dtype].array.from(values.slice(0, lanes))});
    assert.deepStrictEqual(scalar.shape, []);
    sameValues(scalar.data, DTYPES[dtype].array.from(values.slice(0, lanes)));
    const empty = roundTrip({dtype, shape: [3, 0, 2], data: new DTYPES[dtype].array(0)});
    assert.deepStrictEqual(empty.shape, [3, 0, 2]);
    assert.strictEqual(empty.data.length, 0);
  });
}

test('float16 bits decode to their values', () => {
  sameValues([0x3c00, 0x7e00, 0x8000, 0x7c00, 0x0001, 0xfbff, 0x3555].map(halfToFloat),
             [1, NaN, -0, Infinity, 2 ** -24, -65504, 0.333251953125]);
});

test('header matches numpy.save byte for byte', () => {
  const bytes = serializeNpy({dtype: 'float32', shape: [2, 3], data: new Float32Array(6)});
  const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
  const header = dict + ' '.repeat(128 - 10 - dict.length - 1) + '\n';
  assert.strictEqual(bytes.toString('latin1', 0, 6), '\x93NUMPY');
  assert.deepStrictEqual([...bytes.subarray(6, 10)], [1, 0, header.length, 0]);
  assert.strictEqual(bytes.toString('latin1', 10, 128), header);
  assert.strictEqual(bytes.length, 128 + 24);
});

test('one-dimensional and scalar shapes are written as numpy writes tuples', () => {
  const vector = serializeNpy({dtype: 'int32', shape: [4], data: new Int32Array(4)});
  assert.ok(vector.toString('latin1').includes("'shape': (4,), }"));
  const scalar = serializeNpy({dtype: 'bool', shape: [], data: new Uint8Array(1)});
  assert.ok(scalar.toString('latin1').includes("'descr': '|b1'"));
  assert.ok(scalar.toString('latin1').includes("'shape': (), }"));
});

test('version 2 headers (32-bit length) parse', () => {
  const v1 = serializeNpy({dtype: 'int16', shape: [2], data: Int16Array.from([7, -7])});
  const headerLength = v1.readUInt16LE(8);
  const v2 = Buffer.alloc(v1.length + 2);
  v1.copy(v2, 0, 0, 8);
  v2[6] = 2;
  v2.writeUInt32LE(headerLength, 8);
  v1.copy(v2, 12, 10);
  const back = parseNpy(v2);
  sameValues(back.data, Int16Array.from([7, -7]));
});

test('data at an unaligned offset is copied into an aligned array', () => {
  const bytes = serializeNpy({dtype: 'float64', shape: [2], data: Float64Array.from([1, 2])});
  const shifted = Buffer.alloc(bytes.length + 1);
  bytes.copy(shifted, 1);
  sameValues(parseNpy(shifted.subarray(1)).data, Float64Array.from([1, 2]));
});

test('bad input is rejected with a message naming the problem', () => {
  const good = serializeNpy({dtype: 'float32', shape: [2], data: new Float32Array(2)});
  const withHeader = (from, to) => {
    const text = good.toString('latin1').replace(from, to);
    return Buffer.from(text, 'latin1');
  };
  assert.throws(() => parseNpy(Buffer.from('not an npy file at all'), 'x.npy'), /x\.npy: not a \.npy/);
  assert.throws(() => parseNpy(withHeader("'fortran_order': False", "'fortran_order': True ")),
                /Fortran-order/);
  assert.throws(() => parseNpy(withHeader("'<f4'", "'>f4'")), /unsupported dtype descr '>f4'/);
  assert.throws(() => parseNpy(good.subarray(0, good.length - 1)), /expected 8 data bytes/);
  assert.throws(() => serializeNpy({dtype: 'float32', shape: [3], data: new Float32Array(2)}),
                /needs 3 values, got 2/);
  assert.throws(() => serializeNpy({dtype: 'string', shape: [], data: []}), /cannot write dtype/);
});

let failures = 0;
for (const {name, body} of tests) {
  try {
    body();
    console.log(`PASS ${name}`);
  } catch (e) {
    ++failures;
    console.log(`FAIL ${name}\n  ${e.stack}`);
  }
}
console.log(`${tests.length - failures}/${tests.length} passed`);
process.exitCode = failures ? 1 : 0;
