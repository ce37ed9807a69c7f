// NumPy .npy files (format versions 1-3): little-endian, C-order arrays of numbers and booleans.
'use strict';

const fs = require('fs');

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);  // "\x93NUMPY"
const PREAMBLE_BYTES = MAGIC.length + 2;  // magic + major + minor version bytes
const HEADER_ALIGNMENT = 64;

// dtype name -> .npy descr and the typed array holding its elements (bool as one byte each).
const DTYPES = {
  float16: {descr: '<f2', array: Uint16Array},
  float32: {descr: '<f4', array: Float32Array},
  float64: {descr: '<f8', array: Float64Array},
  int8: {descr: '|i1', array: Int8Array},
  int16: {descr: '<i2', array: Int16Array},
  int32: {descr: '<i4', array: Int32Array},
  int64: {descr: '<i8', array: BigInt64Array},
  uint8: {descr: '|u1', array: Uint8Array},
  uint16: {descr: '<u2', array: Uint16Array},
  uint32: {descr: '<u4', array: Uint32Array},
  uint64: {descr: '<u8', array: BigUint64Array},
  bool: {descr: '|b1', array: Uint8Array},
  // Interleaved real/imaginary float32 pairs.
  complex64: {descr: '<c8', array: Float32Array, lanes: 2},
};

// Single-byte types may be written with any byte-order mark.
const DESCR_TO_DTYPE = {};
for (const [dtype, {descr}] of Object.entries(DTYPES)) {
  DESCR_TO_DTYPE[descr] = dtype;
  if (descr[0] === '|') {
    DESCR_TO_DTYPE['<' + descr.slice(1)] = dtype;
    DESCR_TO_DTYPE['=' + descr.slice(1)] = dtype;
  }
}

// IEEE 754 binary16 bits (as stored in float16 arrays) to a number.
function halfToFloat(bits) {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

function elementCount(shape) {
  return shape.reduce((count, dim) => count * dim, 1);
}

// Parses the header dict, e.g. {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }.
function parseHeader(text, where) {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) {
    throw new Error(`${where}: malformed .npy header ${JSON.stringify(text)}`);
  }
  if (fortran[1] === 'True') {
    throw new Error(`${where}: Fortran-order arrays are not supported`);
  }
  const dtype = DESCR_TO_DTYPE[descr[1]];
  if (dtype === undefined) {
    throw new Error(`${where}: unsupported dtype descr '${descr[1]}'`);
  }
  const dims = shape[1].split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  return {dtype, shape: dims.map((d) => {
    if (!/^\d+$/.test(d)) throw new Error(`${where}: bad dimension '${d}' in shape`);
    return Number(d);
  })};
}

// Returns {dtype, shape, data}; `data` is a fresh typed array (see DTYPES) of the elements.
function parseNpy(buffer, where = '<buffer>') {
  if (buffer.length < PREAMBLE_BYTES + 2 || !buffer.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error(`${where}: not a .npy file (bad magic)`);
  }
  const major = buffer[MAGIC.length];
  let headerLength;
  let headerStart;
  if (major === 1) {
    headerLength = buffer.readUInt16LE(PREAMBLE_BYTES);
    headerStart = PREAMBLE_BYTES + 2;
  } else if (major === 2 || major === 3) {
    headerLength = buffer.readUInt32LE(PREAMBLE_BYTES);
    headerStart = PREAMBLE_BYTES + 4;
  } else {
    throw new Error(`${where}: unsupported .npy format version ${major}`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > buffer.length) throw new Error(`${where}: truncated .npy header`);
  const header = buffer.toString(major === 3 ? 'utf8' : 'latin1', headerStart, dataStart);
  const {dtype, shape} = parseHeader(header, where);
  const {array, lanes = 1} = DTYPES[dtype];
  const length = elementCount(shape) * lanes;
  const byteLength = length * array.BYTES_PER_ELEMENT;
  if (buffer.length - dataStart < byteLength) {
    throw new Error(`${where}: expected ${byteLength} data bytes for ${dtype}` +
                    `[${shape}], file has ${buffer.length - dataStart}`);
  }
  // Copy so the typed array is aligned and owns its memory.
  const bytes = new Uint8Array(byteLength);
  bytes.set(buffer.subarray(dataStart, dataStart + byteLength));
  return {dtype, shape, data: new array(bytes.buffer, 0, length)};
}

function readNpy(path) {
  return parseNpy(fs.readFileSync(path), path);
}

// Serializes {dtype, shape, data} as a version 1.0 .npy file.
function serializeNpy({dtype, shape, data}) {
  const type = DTYPES[dtype];
  if (type === undefined) throw new Error(`cannot write dtype '${dtype}' to .npy`);
  const expected = elementCount(shape) * (type.lanes || 1);
  if (data.length !== expected) {
    throw new Error(`${dtype}[${shape}] needs ${expected} values, got ${data.length}`);
  }
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '${type.descr}', 'fortran_order': False, 'shape': (${dims}), }`;
  const unpadded = PREAMBLE_BYTES + 2 + header.length + 1;
  header += ' '.repeat((HEADER_ALIGNMENT - (unpadded % HEADER_ALIGNMENT)) % HEADER_ALIGNMENT) + '\n';

  const values = data instanceof type.array ? data : type.array.from(data);
  const body = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const preamble = Buffer.alloc(PREAMBLE_BYTES + 2);
  MAGIC.copy(preamble);
  preamble[MAGIC.length] = 1;
  preamble[MAGIC.length + 1] = 0;
  preamble.writeUInt16LE(header.length, PREAMBLE_BYTES);
  return Buffer.concat([preamble, Buffer.from(header, 'latin1'), body]);
}

function writeNpy(path, array) {
  fs.writeFileSync(path, serializeNpy(array));
}

module.exports = {DTYPES, elementCount, halfToFloat, parseNpy, readNpy, serializeNpy, writeNpy};
