// Writes one generated test case in the corpus's layout: model files, inputs/<k>.npy,
// outputs/<k>.npy and case.json, or (check mode) reports which of them differ on disk.
'use strict';

const fs = require('fs');
const path = require('path');
const {serializeNpy} = require('../../tools/tfjs/npy');

const TYPED = {
  float32: (data) => Float32Array.from(data),
  float64: (data) => Float64Array.from(data),
  int32: (data) => Int32Array.from(data),
  int8: (data) => Int8Array.from(data),
  uint8: (data) => Uint8Array.from(data),
  int16: (data) => Int16Array.from(data),
  int64: (data) => BigInt64Array.from(data, (v) => BigInt(v)),
  bool: (data) => Uint8Array.from(data, (v) => (v ? 1 : 0)),
};

function npyBytes({dtype, shape, data}) {
  const typed = TYPED[dtype];
  if (!typed) throw new Error(`no .npy conversion for ${dtype}`);
  return serializeNpy({dtype, shape, data: typed(data)});
}

// Each file is written, or in check mode compared; returns how many differed.
function emit(files, {check}) {
  let stale = 0;
  for (const [file, content] of Object.entries(files)) {
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
    if (check) {
      const same = fs.existsSync(file) && fs.readFileSync(file).equals(bytes);
      if (!same) {
        console.error(`stale: ${file}`);
        ++stale;
      }
    } else {
      fs.mkdirSync(path.dirname(file), {recursive: true});
      fs.writeFileSync(file, bytes);
    }
  }
  return stale;
}

function tensorEntries(list, kind, dir, files, withKeys) {
  return list.map(({name, key, tensor, value}, k) => {
    const file = `${kind}/${k}.npy`;
    files[path.join(dir, file)] = npyBytes(value);
    const entry = withKeys ? {key} : {};
    return Object.assign(entry, {
      name, tensor: tensor || `${name}:0`, dtype: value.dtype, shape: value.shape, file,
    });
  });
}

// `testCase`: {id, format, modelFiles: {relative path: text|Buffer}, inputs/outputs:
// [{name, key?, tensor?, value}], saved_model?: {tags, signature}, converter_flags?: extra
// converter arguments the case is converted with, ops, notes}.
function writeCase(dir, testCase, options = {check: false}) {
  const files = {};
  for (const [relative, content] of Object.entries(testCase.modelFiles)) {
    files[path.join(dir, relative)] = content;
  }
  const withKeys = testCase.format === 'tf_saved_model';
  const descriptor = {
    id: testCase.id,
    format: testCase.format,
    inputs: tensorEntries(testCase.inputs, 'inputs', dir, files, withKeys),
    outputs: tensorEntries(testCase.outputs, 'outputs', dir, files, withKeys),
  };
  if (testCase.saved_model) descriptor.saved_model = testCase.saved_model;
  if (testCase.converter_flags) descriptor.converter_flags = testCase.converter_flags;
  Object.assign(descriptor, {ops: testCase.ops, compare: true, notes: testCase.notes});
  files[path.join(dir, 'case.json')] = JSON.stringify(descriptor, null, 1) + '\n';
  return emit(files, options);
}

module.exports = {writeCase, npyBytes};
