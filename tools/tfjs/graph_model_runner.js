// Runs TF.js graph models on the cpu backend (or the wasm one): .npy files in, .npy files out.
'use strict';

const fs = require('fs');
const path = require('path');
const {fileHandler} = require('./file_handler');
const {halfToFloat, readNpy, writeNpy} = require('./npy');

// Loads tfjs-core, tfjs-converter and the `backend` ('cpu', the default, or 'wasm': SIMD, one
// thread) from `nodeModules` (a node_modules directory), or from Node's normal module resolution
// when it is empty.
async function loadTfjs(nodeModules, backend = 'cpu') {
  const where = (name) => (nodeModules ? path.join(path.resolve(nodeModules), name) : name);
  const tf = require(where('@tensorflow/tfjs-core'));
  if (backend === 'wasm') {
    const wasm = require(where('@tensorflow/tfjs-backend-wasm'));
    const dist = path.dirname(require.resolve(where('@tensorflow/tfjs-backend-wasm')));
    wasm.setWasmPaths(dist + path.sep);
  } else if (backend === 'cpu') {
    require(where('@tensorflow/tfjs-backend-cpu'));
  } else {
    throw new Error(`unknown TF.js backend '${backend}' (cpu or wasm)`);
  }
  const tfconv = require(where('@tensorflow/tfjs-converter'));
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js ${backend} backend failed to initialize`);
  await tf.ready();
  return {tf, tfconv};
}

// TF.js has no 64-bit, 8/16-bit or float16 tensors; values move to its dtype as its converter
// moves weights (int64 wraps to int32, float64 rounds to float32).
function tfjsDtypeFor(npyDtype) {
  if (npyDtype === 'bool') return 'bool';
  if (npyDtype === 'complex64') return 'complex64';
  if (npyDtype.startsWith('float')) return 'float32';
  return 'int32';
}

function numericValues(npy) {
  if (npy.dtype === 'float16') return Float32Array.from(npy.data, halfToFloat);
  if (npy.dtype === 'int64' || npy.dtype === 'uint64') {
    return Int32Array.from(npy.data, (v) => Number(BigInt.asIntN(32, v)));
  }
  return npy.data;
}

function npyToTensor(tf, npy, dtype) {
  const values = numericValues(npy);
  if (dtype === 'complex64') {
    const real = new Float32Array(values.length / 2);
    const imag = new Float32Array(values.length / 2);
    for (let i = 0; i < real.length; ++i) {
      real[i] = values[2 * i];
      imag[i] = values[2 * i + 1];
    }
    const parts = [tf.tensor(real, npy.shape), tf.tensor(imag, npy.shape)];
    const complex = tf.complex(...parts);
    tf.dispose(parts);
    return complex;
  }
  const typed = dtype === 'float32' ? Float32Array.from(values) :
      dtype === 'int32' ? Int32Array.from(values) :
      Uint8Array.from(values, (v) => (v ? 1 : 0));
  return tf.tensor(typed, npy.shape, dtype);
}

async function tensorToNpy(tensor) {
  if (!['float32', 'int32', 'bool', 'complex64'].includes(tensor.dtype)) {
    throw new Error(`output dtype ${tensor.dtype} cannot be stored as .npy`);
  }
  return {dtype: tensor.dtype, shape: tensor.shape, data: await tensor.data()};
}

// The dtype the model declares for input `name`: a signature key, "node" or "node:0".
function declaredInputDtype(model, name) {
  const signatureInputs = (model.modelSignature && model.modelSignature.inputs) || {};
  const keyed = signatureInputs[name];
  const node = (keyed ? keyed.name : name).replace(/:0$/, '');
  const input = (model.inputs || []).find((i) => i.name.replace(/:0$/, '') === node);
  return input ? input.dtype : undefined;
}

// model.execute() where the graph allows it (as TF.js users call it), else executeAsync(), which
// control flow and dynamic-shape ops need.
async function execute(model, feeds, outputNames) {
  try {
    return model.execute(feeds, outputNames);
  } catch (e) {
    if (!/executeAsync/.test(describeError(e))) throw e;
    return model.executeAsync(feeds, outputNames);
  }
}

function describeError(e) {
  return e && e.message ? e.message : String(e);
}

// Runs one job:
//   {id, model: ".../model.json", inputs: [{name, file}], outputs: ["node:k", ...],
//    output_dir}
// writes output_dir/<i>.npy for the i-th requested output (all model outputs when `outputs` is
// empty) and returns {id, status: "ok"|"error", error?, load_ms, run_ms, outputs: [...]}.
async function runJob({tf, tfconv}, job) {
  const result = {id: job.id, status: 'error', outputs: []};
  let model;
  const feeds = {};
  let fetched = [];
  try {
    let start = Date.now();
    try {
      model = await tfconv.loadGraphModel(fileHandler(tf, job.model));
    } catch (e) {
      throw new Error(`loading ${job.model}: ${describeError(e)}`);
    }
    result.load_ms = Date.now() - start;

    for (const input of job.inputs || []) {
      const npy = readNpy(input.file);
      const dtype = declaredInputDtype(model, input.name) || tfjsDtypeFor(npy.dtype);
      feeds[input.name] = npyToTensor(tf, npy, dtype);
    }
    const outputNames = job.outputs && job.outputs.length ? job.outputs : model.outputNodes;

    start = Date.now();
    const fetchedOrOne = await execute(model, feeds, outputNames);
    fetched = Array.isArray(fetchedOrOne) ? fetchedOrOne : [fetchedOrOne];
    result.run_ms = Date.now() - start;

    fs.mkdirSync(job.output_dir, {recursive: true});
    for (let i = 0; i < outputNames.length; ++i) {
      if (!fetched[i]) throw new Error(`TF.js returned no tensor for output '${outputNames[i]}'`);
      const file = path.join(job.output_dir, `${i}.npy`);
      const npy = await tensorToNpy(fetched[i]);
      writeNpy(file, npy);
      result.outputs.push({name: outputNames[i], dtype: npy.dtype, shape: npy.shape, file});
    }
    result.status = 'ok';
  } catch (e) {
    result.error = describeError(e);
  } finally {
    tf.dispose(Object.values(feeds));
    tf.dispose(fetched.filter(Boolean));
    if (model) model.dispose();
  }
  return result;
}

module.exports = {loadTfjs, runJob, npyToTensor, tensorToNpy};
