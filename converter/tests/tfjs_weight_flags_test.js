// Real TF.js 4.22 (Node.js, cpu backend) loads what the weight flags make: --quantize_uint8,
// --quantize_uint16 and --quantize_float16 outputs of the testdata models, with every weight within
// its quantization step of the float32 conversion, plus --split_weights_by_layer and
// --use_structured_outputs_names.
//
//   node tfjs_weight_flags_test.js --converter=BIN --node_modules=DIR --frozen=DIR --saved_model=DIR
'use strict';

const assert = require('assert');
const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');
const {loadTfjs, npyToTensor} = require('../../tools/tfjs/graph_model_runner');
const {fileHandler} = require('../../tools/tfjs/file_handler');
const {parseFlags} = require('./flags');
const {readNpy} = require('../../tools/tfjs/npy');

const flags = parseFlags(process.argv.slice(2),
                         {required: ['converter', 'node_modules', 'frozen', 'saved_model']});
const workDir = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || '/tmp', 'weight_flags-'));

function convert(caseDir, extraArgs, name) {
  const info = JSON.parse(fs.readFileSync(path.join(caseDir, 'case.json'), 'utf8'));
  extraArgs = [...extraArgs, ...(info.converter_flags || [])];
  const out = path.join(workDir, `${path.basename(caseDir)}_${name}`);
  const args = info.format === 'tf_frozen_model' ?
      ['--input_format=tf_frozen_model',
       `--output_node_names=${info.outputs.map((o) => o.name).join(',')}`,
       path.join(caseDir, 'frozen_model.pb')] :
      ['--input_format=tf_saved_model', path.join(caseDir, 'saved_model')];
  childProcess.execFileSync(flags.converter, [...extraArgs, ...args.slice(0, -1), args.at(-1), out],
                            {stdio: ['ignore', 'inherit', 'inherit']});
  return {dir: out, info, json: JSON.parse(fs.readFileSync(path.join(out, 'model.json'), 'utf8'))};
}

function manifestEntries(modelJson) {
  const entries = {};
  for (const group of modelJson.weightsManifest) {
    for (const weight of group.weights) entries[weight.name] = weight;
  }
  return entries;
}

// Largest allowed |dequantized - original| for one value of a weight.
function allowedError(quantization, original) {
  const rounding = Math.abs(original) * 2 ** -23;  // float32 rounding of code * scale + min.
  if (quantization.dtype === 'float16') return Math.abs(original) * 2 ** -11 + 2 ** -25;
  return quantization.scale / 2 + rounding + 1e-12;
}

async function checkQuantized(tfjs, caseDir) {
  const reference = convert(caseDir, [], 'float32');
  const referenceModel = await tfjs.tfconv.loadGraphModel(
      fileHandler(tfjs.tf, path.join(reference.dir, 'model.json')));
  for (const dtype of ['uint8', 'uint16', 'float16']) {
    const extra = [`--quantize_${dtype}`];
    if (dtype === 'uint8') extra.push('--split_weights_by_layer');
    const quantized = convert(caseDir, extra, dtype);
    const entries = manifestEntries(quantized.json);
    if (dtype === 'uint8') {
      assert.strictEqual(quantized.json.weightsManifest.length, Object.keys(entries).length,
                         'one group per weight');
    }
    const model = await tfjs.tfconv.loadGraphModel(
        fileHandler(tfjs.tf, path.join(quantized.dir, 'model.json')));
    let checked = 0;
    for (const [name, entry] of Object.entries(entries)) {
      const original = referenceModel.weights[name][0].dataSync();
      const loaded = model.weights[name][0];
      const values = loaded.dataSync();
      assert.strictEqual(values.length, original.length, name);
      if (entry.dtype !== 'float32') {
        assert.strictEqual(entry.quantization, undefined, `${name}: only float32 is quantized`);
        assert.deepStrictEqual(Array.from(values), Array.from(original), name);
        continue;
      }
      assert.strictEqual(entry.quantization.dtype, dtype, name);
      assert.strictEqual(loaded.dtype, 'float32', name);
      for (let i = 0; i < values.length; ++i) {
        const error = Math.abs(values[i] - original[i]);
        assert.ok(error <= allowedError(entry.quantization, original[i]),
                  `${caseDir} ${dtype} ${name}[${i}]: ${values[i]} vs ${original[i]}`);
      }
      if (entry.quantization.dtype !== 'float16' && original.some((v) => v === 0)) {
        // The nudge makes 0 exact.
        original.forEach((v, i) => v === 0 && assert.strictEqual(values[i], 0, `${name}[${i}]`));
      }
      ++checked;
    }
    assert.ok(checked > 0, `${caseDir}: no float32 weight was quantized`);

    // The quantized model runs, and its outputs stay near the float32 model's.
    const feeds = {};
    for (const input of quantized.info.inputs) {
      feeds[input.name] = npyToTensor(tfjs.tf, readNpy(path.join(caseDir, input.file)), 'float32');
    }
    const outputs = quantized.info.outputs.map((o) => o.tensor);
    const expected = referenceModel.execute(feeds, outputs);
    const actual = model.execute(feeds, outputs);
    const tolerance = {uint8: 0.05, uint16: 1e-3, float16: 1e-2}[dtype];
    [expected].flat().forEach((want, k) => {
      const got = [actual].flat()[k].dataSync();
      const wantValues = want.dataSync();
      const scale = Math.max(1, ...Array.from(wantValues, Math.abs));
      wantValues.forEach((v, i) => assert.ok(Math.abs(got[i] - v) <= tolerance * scale,
                                             `${caseDir} ${dtype} output ${k}[${i}]: ${got[i]} vs ${v}`));
    });
    console.log(`PASS ${path.basename(caseDir)} --quantize_${dtype}: ${checked} weights`);
  }
}

async function checkStructuredOutputs(tfjs, caseDir) {
  const named = convert(caseDir, ['--use_structured_outputs_names'], 'structured');
  const keys = named.info.outputs.map((o) => o.key).sort();
  assert.deepStrictEqual(named.json.userDefinedMetadata.structuredOutputKeys, keys);
  // The outputs name the producing tensors: no IdentityN of an inlined call is left over.
  assert.ok(!named.json.modelTopology.node.some((n) => n.op === 'IdentityN'), caseDir);
  const model = await tfjs.tfconv.loadGraphModel(
      fileHandler(tfjs.tf, path.join(named.dir, 'model.json')));
  const feeds = {};
  for (const input of named.info.inputs) {
    const npy = readNpy(path.join(caseDir, input.file));
    const dtype = npy.dtype.startsWith('float') ? 'float32' : npy.dtype === 'bool' ? 'bool' : 'int32';
    feeds[input.key] = npyToTensor(tfjs.tf, npy, dtype);
  }
  // predict() where the graph allows it; models with loops need predictAsync().
  let predicted;
  try {
    predicted = model.predict(feeds);
  } catch (e) {
    if (!/executeAsync/.test(String(e.message))) throw e;
    predicted = await model.predictAsync(feeds);
  }
  assert.deepStrictEqual(Object.keys(predicted).sort(), keys);
  for (const output of named.info.outputs) {
    const want = readNpy(path.join(caseDir, output.file));
    const got = predicted[output.key].dataSync();
    assert.deepStrictEqual(Array.from(got, Number), Array.from(want.data, Number), output.key);
  }
  console.log(`PASS ${path.basename(caseDir)} --use_structured_outputs_names: ${keys}`);
}

async function main() {
  const tfjs = await loadTfjs(flags.node_modules);
  for (const name of ['conv_net', 'dense_net']) {
    await checkQuantized(tfjs, path.join(flags.frozen, name));
  }
  // TF1 outputs on distinct nodes; TF2 signature functions (inlined) and lowered control flow
  // whose outputs all come from one call node.
  for (const name of ['tf1_variables', 'tf2_module', 'tf2_control_flow', 'tf2_control_flow__v2',
                      'tf2_lookup_table']) {
    await checkStructuredOutputs(tfjs, path.join(flags.saved_model, name));
  }
}

main().catch((e) => {
  console.error(`FAIL: ${e.stack || e}`);
  process.exit(1);
});
